"""Request bodies as located documents: a YAML body by line and column, a JSON body by JSON Pointer.

A YAML body is the proposal file itself (its options are query parameters); a JSON body is a request
object whose ``proposal`` is the proposal as an object, or the text of a YAML file. Both become the
:class:`~engine.io.document.Document` every stage of the engine validates and locates its errors with,
so the API reports the command line's own diagnostics and help lines. A JSON body has no lines worth
quoting: its document gives every node a position of its own, and :meth:`Pointers.locate` turns the
diagnostics' positions back into JSON Pointers (``/proposal/conditions/0/requires``).
"""

from __future__ import annotations

import functools
import json
from typing import Any

import msgspec

from ..errors import Diagnostic, EntenteError
from ..io import yaml_file
from ..io.document import Document, Loc, Position

BODY = "body"
JSON, YAML = "json", "yaml"
MEDIA_TYPES = {
    "application/json": JSON,
    "application/yaml": YAML,
    "application/x-yaml": YAML,
    "text/yaml": YAML,
    "text/x-yaml": YAML,
}


class MalformedBody(EntenteError):
    """The body cannot be read at all (not UTF-8, not JSON, not YAML, empty): HTTP 400."""


class UnsupportedMediaType(Exception):
    """A body in a media type the API does not read: HTTP 415."""


def body_kind(content_type: str | None) -> str:
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise UnsupportedMediaType(media or "none")
    return MEDIA_TYPES[media]


class Submission(msgspec.Struct, frozen=True):
    """A request as given: the body's text, its kind (json or yaml), and the options of the query string."""

    kind: str
    body: str
    query: dict[str, Any] = msgspec.field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        media_type = "application/json" if self.kind == JSON else "application/yaml"
        return {"media_type": media_type, "body": self.body, "query": self.query}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Submission:
        return cls(body_kind(data["media_type"]), data["body"], dict(data.get("query") or {}))


def decoded(raw: bytes) -> str:
    """The body as text (UTF-8), or :class:`MalformedBody` located at the first bad byte."""
    try:
        text = yaml_file.decode(BODY, raw)
    except EntenteError as exc:
        raise MalformedBody(exc.diagnostics) from None
    if not text.strip():
        raise MalformedBody([Diagnostic(BODY, 0, 0, "the body is empty", "send the proposal (YAML or JSON)")])
    return text


def parse_yaml(name: str, text: str) -> Document:
    """A YAML text parsed with positions (the same text again is not parsed again, as a file the CLI has seen is
    read from its parse cache)."""
    try:
        return _parsed(name, text)
    except EntenteError as exc:
        raise MalformedBody(exc.diagnostics) from None


@functools.lru_cache(maxsize=256)
def _parsed(name: str, text: str) -> Document:
    return yaml_file.parse(name, text)  # documents are only read downstream: sharing one is safe


def parse_json(text: str) -> tuple[Document, Pointers]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedBody(
            [Diagnostic(BODY, exc.lineno, exc.colno, f"the body is not valid JSON: {exc.msg}", "send a JSON object")]
        ) from None
    return pointer_document(data)


def pointer(loc: Loc) -> str:
    """The JSON Pointer (RFC 6901) of a path into a document."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in loc)


class Pointers(msgspec.Struct):
    """The synthetic position of each node of a JSON document, and the way back to its pointer."""

    name: str
    where: dict[int, Loc] = msgspec.field(default_factory=dict)  # line -> path

    def locate(self, diagnostics) -> list[Diagnostic]:
        """The diagnostics about this document located by JSON Pointer (the others as they are)."""
        return [
            Diagnostic(pointer(self.where[d.line]), 0, 0, d.message, d.help)
            if d.path == self.name and d.line in self.where
            else d
            for d in diagnostics
        ]


def pointer_document(data: Any, name: str = BODY) -> tuple[Document, Pointers]:
    """A document of JSON data: node k at line k (its key at column 2), so every diagnostic names its node."""
    doc, pointers = Document(name, data), Pointers(name)

    def walk(node: Any, loc: Loc) -> None:
        line = len(pointers.where) + 1
        pointers.where[line] = loc
        doc.values[loc] = Position(line, 1)
        if loc:
            doc.keys[loc] = Position(line, 2)
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            walk(child, (*loc, key))

    walk(data, ())
    return doc, pointers


def relocated(diagnostics, kind: str) -> list[Diagnostic]:
    """Diagnostics about command-line flags (``--partners``, ``--forum``) said of the request instead: a query
    parameter for a YAML body, a member of the JSON body."""
    out = []
    for d in diagnostics:
        if d.line == 0 and d.path.startswith("--"):
            flag = d.path.split()[0][2:]
            name = "partners" if flag == "partner" else flag
            message = d.message.replace(f" (from --{flag})", "")
            d = Diagnostic(f"/{name}" if kind == JSON else name, 0, 0, message, d.help)
        out.append(d)
    return out


def entries(diagnostics) -> list[dict[str, Any]]:
    """The diagnostics as the problem document's ``errors``: where (line and column, a JSON Pointer, or a query
    parameter), the message, the help line, and the text the command line prints."""
    out = []
    for d in diagnostics:
        entry: dict[str, Any] = {}
        if d.line:
            entry.update({"source": d.path, "line": d.line, "column": d.col})
        elif d.path.startswith("/") or d.path == "":  # "": the whole body
            entry["pointer"] = d.path
        else:
            entry["parameter"] = d.path
        entry.update({"message": d.message, "help": d.help, "text": d.render()})
        out.append(entry)
    return out
