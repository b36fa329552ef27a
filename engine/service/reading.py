"""A request read and resolved: its body parsed and validated, its profiles found, its proposal resolved.

Runs in the evaluation worker (engine/service/evaluation.py). Every problem is raised at once as the
command line's own diagnostics, located in the request: by line and column in YAML, by JSON Pointer in
JSON, by name for a query parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import msgspec
from msgspec.structs import replace

from ..core.engine import Options
from ..core.library import Library
from ..core.resolve import Resolved, load_proposal
from ..core.waivers import Waiver, waivers_from
from ..errors import Diagnostic, EntenteError
from ..io.document import Document
from ..model.validate import validate
from .inputs import BODY, JSON, Pointers, Submission, parse_json, parse_yaml, pointer_document, relocated
from .profiles import Profiles
from .requests import BODIES, Asked, RequestBody


def read(sub: Submission, what: str) -> tuple[Asked, Pointers | None]:
    """The request's proposal, inline profiles, waivers and options, as documents and a validated body."""
    model = BODIES[what][0]
    if sub.kind != JSON:
        return Asked(parse_yaml(BODY, sub.body), _query(sub.query, model)), None
    root, pointers = parse_json(sub.body)
    try:
        body = validate(root, model, None, "the request")
        _check_partners(body, root)
    except EntenteError as exc:
        raise EntenteError(pointers.locate(exc.diagnostics)) from None
    if sub.query:
        help = "with a JSON body, the options go in the body"
        message = "query parameter '{}' with a JSON body"
        raise EntenteError([Diagnostic(name, 0, 0, message.format(name), help) for name in sub.query])
    proposal = _document(root, ("proposal",), body.proposal)
    profiles = [
        (kind, _document(root, ("profiles", f"{kind}s", i), item))
        for kind in ("partner", "forum")
        for i, item in enumerate(getattr(body.profiles, f"{kind}s"))
    ]
    waivers = None
    if getattr(body, "waivers", None):
        waivers = Document(BODY, {"waivers": root.data["waivers"]}, root.values, root.keys)
    return Asked(proposal, body, profiles, waivers), pointers


def _document(root: Document, loc: tuple, value) -> Document:
    """A part of the body as the document it stands for: the YAML text it holds, or the object itself."""
    if isinstance(value, str):
        return parse_yaml("".join(f"/{part}" for part in loc), value)
    return root.sub(loc)


def _check_partners(body: RequestBody, doc: Document) -> None:
    if isinstance(body.partners, str) and body.partners != "all":
        message = f"partners: expected a list of ids or 'all', got '{body.partners}'"
        raise doc.error(("partners",), message, "e.g. [vietnam], or all")


def _query(query: dict, model: type[RequestBody]) -> RequestBody:
    """The options of a YAML body, from its query parameters, checked as a JSON body's would be."""
    doc, pointers = pointer_document({"proposal": None, **query}, "query")
    try:
        body = validate(doc, model, None, "the query")
        if len(body.partners or []) == 1 and body.partners[0] == "all":
            body = body.model_copy(update={"partners": "all"})
        return body
    except EntenteError as exc:
        located = pointers.locate(exc.diagnostics)
        raise EntenteError([Diagnostic(d.path[1:].split("/")[0], 0, 0, d.message, d.help) for d in located]) from None


class Prepared(msgspec.Struct):
    """A request ready to evaluate."""

    resolved: Resolved
    profiles: Profiles
    options: Options
    body: RequestBody
    waivers: list[Waiver]


def prepare(pack, layers: Sequence[Path], sub: Submission, what: str) -> Prepared:
    """Read, validate and resolve a request against the pack and the library's layers (as they are now)."""
    library = Library.open(list(layers), pack.vocabulary)
    asked, pointers = read(sub, what)
    body = asked.options
    try:
        profiles = Profiles.read(library, asked.profiles)
        refs = profiles.partner_ids() if body.partners == "all" else body.partners
        resolved = load_proposal(asked.proposal, profiles, refs, body.forum, "partners")
        waivers = waivers_from(asked.waivers, pack) if asked.waivers is not None else []
        waivers = [replace(w, path=f"/waivers/{i}", line=0) for i, w in enumerate(waivers)]
    except EntenteError as exc:
        located = pointers.locate(exc.diagnostics) if pointers else exc.diagnostics
        raise EntenteError(relocated(located, sub.kind)) from None
    options = Options(today=body.today or dt.date.today(), max_age_days=body.max_age)
    return Prepared(resolved, profiles, options, body, waivers)
