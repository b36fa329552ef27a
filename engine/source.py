"""Read a YAML file into plain data, remembering where every key and value stands.

The loader composes the YAML node graph (ruamel.yaml, YAML 1.2) and builds plain
Python values itself, so nothing in a file can construct a Python object: tags other
than the standard scalar, list and mapping tags are rejected, duplicate keys are
errors, keys must be strings, and alias expansion, nesting depth and file size are
bounded. Every problem is reported as a :class:`~engine.errors.Diagnostic`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from .errors import Diagnostic, EntenteError

MAX_FILE_BYTES = 1_048_576
MAX_NODES = 100_000
MAX_DEPTH = 64

Loc = tuple[Any, ...]

_STD = "tag:yaml.org,2002:"
TAG_HELP = "remove the tag; entente files are plain data and never construct objects"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(frozen=True)
class Position:
    line: int
    col: int


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every key and value."""

    path: str
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    text: str = ""

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where ``loc`` stands; the nearest enclosing node when it does not exist."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))

    def _index(self, table: str, n: int) -> dict[Loc, dict[Loc, Position]]:
        """Positions grouped by their first ``n`` path elements (built once per table and length)."""
        cache = self.__dict__.setdefault("_indexes", {})
        if (table, n) not in cache:
            grouped: dict[Loc, dict[Loc, Position]] = {}
            for k, v in getattr(self, table).items():
                if len(k) >= n:
                    grouped.setdefault(k[:n], {})[k[n:]] = v
            cache[(table, n)] = grouped
        return cache[(table, n)]

    def sub(self, loc: Loc) -> "Document":
        """The part of this document at ``loc``, as a document of its own (same file, same positions)."""
        n, loc = len(loc), tuple(loc)
        values = self._index("values", n).get(loc, {})
        keys = self._index("keys", n).get(loc, {})
        data = self.data
        for part in loc:
            data = data[part]
        return Document(self.path, data, values, keys, self.text)

    def diagnostic(self, loc: Loc, message: str, help: str = "", *, key: bool = False) -> Diagnostic:
        pos = self.position(loc, key=key)
        return Diagnostic(self.path, pos.line, pos.col, message, help)


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.errors: list[Diagnostic] = []
        self.count = 0
        self.too_big = False

    def error(self, node: Node, message: str, help: str = "") -> None:
        mark = node.start_mark
        self.errors.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, message, help))

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if not self.too_big:
                self.too_big = True
                self.error(node, f"the document expands to more than {MAX_NODES:,} values",
                           "remove the anchors and aliases that multiply content, or split the file")
            return None
        if depth > MAX_DEPTH:
            self.error(node, f"the document is nested more than {MAX_DEPTH} levels deep",
                       "flatten the structure; no entente file needs this depth")
            return None
        self.values.setdefault(loc, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            if _tag(node) != _STD + "seq":
                self.error(node, f"tag '{_tag(node)}' is not allowed", TAG_HELP)
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        if _tag(node) != _STD + "map":
            self.error(node, f"tag '{_tag(node)}' is not allowed", TAG_HELP)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, "a key must be a plain word, not a list or mapping",
                           "write keys as plain words, e.g. `partner:`")
                continue
            if _tag(key_node) == _STD + "merge":
                self.error(key_node, "merge keys ('<<') are not supported", "write the keys out in full")
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                kind = _kind(key)
                self.error(key_node, f"key '{key_node.value}' is read as {kind}, not as a word",
                           "keys are plain words; YAML reads true/false, null and numbers as other types")
                continue
            if key in out:
                self.error(key_node, f"duplicate key '{key}'",
                           f"'{key}' is already set at line {first_line[key]}; keep one of them")
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.keys[loc + (key,)] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, loc + (key,), depth + 1)
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = _tag(node), node.value
        if node.style == ">":
            text = text.replace("\a", "")  # ruamel marks the fold points of `>` scalars with BEL
        if tag not in _SCALAR_TAGS:
            self.error(node, f"tag '{tag}' is not allowed", TAG_HELP)
            return None
        if tag == _STD + "str" or tag == _STD + "timestamp":
            return text
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool":
            return text.lower() == "true"
        if tag == _STD + "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return int(text.replace("_", ""))
        value = float(text.replace("_", "").replace(".inf", "inf").replace(".nan", "nan").replace(".Inf", "inf"))
        return value if math.isfinite(value) else text


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _decode(path: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise EntenteError([Diagnostic(path, line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                                       "save the file as UTF-8")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising every problem found."""
    from ruamel.yaml import YAML  # only on a parse-cache miss: the loader's import is most of its cost

    yaml = YAML(typ="rt", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "fix the YAML syntax at this point"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            hint += f" ({exc.context.strip()} that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        if "\t" in problem or "'\\t'" in problem:
            hint = "indent with spaces; YAML does not allow tab characters for indentation"
        elif "expected a single document" in str(exc) or "but found another document" in str(exc):
            problem, hint = "the file holds more than one YAML document", "keep one document per file (remove '---')"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise EntenteError([Diagnostic(path, line, col, f"invalid YAML: {problem}", hint)]) from None
    except ReaderError as exc:  # a character YAML does not allow, at a character offset
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        shown = f"U+{code:04X}"
        raise EntenteError([Diagnostic(path, line, col, f"invalid YAML: the character {shown} is not allowed",
                                       "remove it; write control characters as escapes inside double quotes")]) from None
    except YAMLError as exc:  # errors without a position
        raise EntenteError([Diagnostic(path, 1, 1, f"invalid YAML: {exc}", "fix the YAML syntax")]) from None
    if root is None:
        raise EntenteError([Diagnostic(path, 1, 1, "the file is empty", "write the YAML mapping this file should hold")])
    builder = _Builder(path)
    data = builder.build(root, (), 0)
    if builder.errors:
        raise EntenteError(sorted(builder.errors))
    return Document(path=path, data=data, values=builder.values, keys=builder.keys, text=text)


def load(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one YAML file."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise EntenteError([Diagnostic(name, 1, 1, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                                           "split the file; entente inputs are small")])
        with p.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise EntenteError([Diagnostic(name, 1, 1, "no such file", "check the path")]) from None
    except IsADirectoryError:
        raise EntenteError([Diagnostic(name, 1, 1, "this is a folder, not a file", "name a .yaml file")]) from None
    except PermissionError:
        raise EntenteError([Diagnostic(name, 1, 1, "permission denied", "check the file's permissions")]) from None
    from . import cache

    entry = cache.get(raw)
    if entry is not None:
        try:
            return _from_entry(name, entry)
        except (KeyError, TypeError, ValueError):
            pass  # a corrupt entry: parse again and rewrite it
    doc = parse(name, _decode(name, raw))
    cache.put(raw, _to_entry(doc))
    return doc


def _to_entry(doc: Document) -> dict:
    def positions(table: dict[Loc, Position]) -> list:
        return [[list(loc), p.line, p.col] for loc, p in table.items()]

    return {"data": doc.data, "values": positions(doc.values), "keys": positions(doc.keys)}


def _from_entry(name: str, entry: dict) -> Document:
    def positions(rows: list) -> dict[Loc, Position]:
        return {tuple(loc): Position(int(line), int(col)) for loc, line, col in rows}

    return Document(name, entry["data"], positions(entry["values"]), positions(entry["keys"]))
