"""Files -> validated inputs (their records, engine.model.snapshot). Every error in a file is collected and located.

pydantic reports each error with a ``loc`` path into the data; the
:class:`~engine.Document` turns that path into a line and column, and the
model class tells which keys were valid at that point (for "did you mean").
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import Diagnostic, EntenteError, did_you_mean, raise_if
from ..io import cache, yaml_file
from ..io.document import Document
from . import snapshot
from .coherence import coherence_checks
from .snapshot import PARTIES_FILE, PARTNER_PROFILE, VOCABULARY_FILE, ModelRef
from .sources import source_problems
from .vocabulary import Vocabulary
from .vocabulary_check import check_vocabulary

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

M = TypeVar("M")
YEAR_FIELDS = ("since", "established")

_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "tuple_type": "a list",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "float_type": "a number",
}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def loc_text(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _model_at(model: type, loc: tuple) -> type | None:
    """The model class that describes the mapping at ``loc`` (or None)."""
    current: Any = model
    for part in loc:
        current = _strip(current)
        if snapshot.is_model_class(current):
            field = None if isinstance(part, int) else current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
            continue
        origin, args = typing.get_origin(current), typing.get_args(current)
        if origin in (list, tuple) and args:
            current = args[0]
        elif origin is dict and args:
            current = args[1]
        else:
            return None
    current = _strip(current)
    return current if snapshot.is_model_class(current) else None


def _strip(annotation: Any) -> Any:
    """Remove Optional and Annotated wrappers."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
    return annotation


def diagnostics_from(doc: Document, model: type[BaseModel], exc: ValidationError, what: str) -> list[Diagnostic]:
    """Each pydantic error as a located diagnostic, in words, with a help line."""
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc, message, help, key = _described(err, model, what)
        out.append(doc.diagnostic(loc, message, help, key=key))
    return out


def _described(err: dict, model: type[BaseModel], what: str) -> tuple[tuple, str, str, bool]:
    """(where, message, help, at the key?) for one pydantic error."""
    loc, kind, ctx, value = tuple(err["loc"]), err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        where = f" in {loc_text(loc[:-1])}" if loc[:-1] else f" in {what}"
        valid = sorted(owner.model_fields) if owner else []
        return loc, f"unknown key '{loc[-1]}'{where}", did_you_mean(str(loc[-1]), valid, "one of", list_all=True), True
    if kind == "missing":
        inside = loc_text(loc[:-1]) if loc[:-1] else what
        return loc[:-1], f"missing required key '{loc[-1]}' in {inside}", f"add `{loc[-1]}: ...`", False
    if "[key]" in loc:
        message = err["msg"] if kind == "unknown_term" else f"invalid key: {err['msg']}"
        return tuple(p for p in loc if p != "[key]"), message, ctx.get("help", ""), True
    if kind in ("unknown_term", "no_partner") or "help" in ctx:
        return loc + tuple(ctx.get("at", ())), err["msg"], ctx.get("help", ""), False  # `at`: where, in the model
    field = loc_text(loc)
    if kind in _TYPE_WORDS:
        why = ""
        if kind.startswith("date") and isinstance(value, str) and ", " in err["msg"]:
            why = f" ({err['msg'].split(', ', 1)[1]})"
        message = f"{field}: expected {_TYPE_WORDS[kind]}, got {describe(value)}{why}"
        return loc, message, _type_help(kind, value), False
    if kind == "string_pattern_mismatch":
        help = "ids use letters, digits, '_' and '-', and start with a letter or digit"
        if isinstance(value, str) and ("/" in value or value.endswith((".yaml", ".yml"))):
            help = "name a profile by its library id; to use a file, pass it with --partner FILE or --forum FILE"
        return loc, f"{field}: '{value}' is not a valid id", help, False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most"}.get(kind, "")
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        help = f"use a number {bound} {limit}" if bound else f"use a number {kind.replace('_', ' ')} {limit}"
        if loc and loc[-1] in YEAR_FIELDS:
            help = "use a four-digit year"
        return loc, f"{field}: {value} is out of range ({err['msg'].lower()})", help, False
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            loc,
            f"{field}: unknown value '{value}'",
            did_you_mean(str(value), options, "one of", list_all=True),
            False,
        )
    if kind == "string_too_long":
        limit = f"shorten it to at most {ctx.get('max_length'):,} characters"
        return loc, f"{field}: the text is too long ({len(value):,} characters)", limit, False
    return loc, f"{field}: {err['msg']}", "see docs/inputs.md for this field", False


def _type_help(kind: str, value: Any) -> str:
    if kind == "bool_type" and isinstance(value, str):
        return "write true or false (unquoted)"
    if kind.startswith("date"):
        return "write an ISO date such as 2025-09-01"
    if kind in ("list_type", "tuple_type"):
        return "write a list, e.g. `[a, b]` or one `- item` per line"
    if kind in ("dict_type", "model_type"):
        return "write `key: value` lines under this key"
    if kind == "string_type" and isinstance(value, bool):
        return "YAML reads true/false as booleans; write a vocabulary term"
    if kind == "string_type" and isinstance(value, (int, float)):
        return f"put it in quotes to make it text: '{value}'"
    return "see docs/inputs.md for this field"


def require_mapping(doc: Document, what: str) -> None:
    """Every input file's top level is a mapping: the located error when ``doc``'s is not."""
    if not isinstance(doc.data, dict):
        raise doc.error(
            (),
            f"expected a mapping of keys to values for {what}, got {describe(doc.data)}",
            "the file's top level is `key: value` lines",
        )


def validate(doc: Document, model: type[M] | ModelRef, vocabulary: Vocabulary | None, what: str) -> M:
    """Validate a parsed document against ``model`` (a class, or a :class:`ModelRef` imported only to validate);
    raise every error found. A file validated before against the same vocabulary is rebuilt from the validated
    cache (engine.model.snapshot: no pydantic model imported). Either way the input comes back as its record."""
    require_mapping(doc, what)
    name = _validated_name(doc, model, vocabulary)
    item = _from_validated_cache(name)
    if item is None:
        from pydantic import ValidationError

        cls = model.load() if isinstance(model, ModelRef) else model
        try:
            item = cls.model_validate(doc.data, context={"vocabulary": vocabulary})
        except ValidationError as exc:
            raise EntenteError(sorted(diagnostics_from(doc, cls, exc, what))) from None
        item = _to_validated_cache(name, item)
    found = coherence_checks(item, vocabulary)
    raise_if(sorted(doc.diagnostic(f.loc, f.message, f.help) for f in found if f.error))
    if snapshot.model_name(item) == PARTNER_PROFILE.key:
        snapshot.with_notes(item, tuple(doc.diagnostic(f.loc, f.message, f.help) for f in found if not f.error))
    return item


def _validated_name(doc: Document, model: type | ModelRef, vocabulary: Vocabulary | None) -> str | None:
    """The validated cache's name for ``doc`` read as ``model`` against ``vocabulary``; None when the document
    or the vocabulary has no fixed content (a file's digest) to key it by."""
    checked_against = "-" if vocabulary is None else vocabulary.fingerprint
    if doc.digest is None or checked_against is None:
        return None
    return cache.key_of(doc.digest, snapshot.class_name(model), checked_against)


def _from_validated_cache(name: str | None) -> Any:
    entry = None if name is None else cache.VALIDATED.get(name)
    if entry is None:
        return None
    try:
        return snapshot.load(entry["model"])
    except (KeyError, TypeError, ValueError):
        return None  # a corrupt entry: validated again, and rewritten


def _to_validated_cache(name: str | None, item: Any) -> Any:
    """Keep a validated model in the cache (when the file has a name there); its record."""
    try:
        plain = snapshot.dump(item)
    except ValueError:  # a value the plain form cannot keep: validated on every run
        return item
    if name is not None:
        cache.VALIDATED.put(name, {"model": plain})
    return snapshot.load(plain)


def sourced(doc: Document, item: Any) -> list[Diagnostic]:
    """A profile or forum file's sources that name no fact of it, and source ids used twice. Checked where files
    are read (the library, `entente check`), not on a profile a case or a what-if derives from one: its sources
    still describe the file."""
    return [doc.diagnostic(p.loc, p.message, p.help) for p in source_problems(item)]


def load_model(path: str | Path, model: type[M] | ModelRef, vocabulary: Vocabulary | None, what: str) -> M:
    return validate(yaml_file.load(path), model, vocabulary, what)


def load_parties(path: str | Path, base=None):
    """A party registry file (engine.model.parties), added to ``base`` when given."""
    from .parties import build_registry

    doc = yaml_file.load(path)
    registry, problems = build_registry(doc, validate(doc, PARTIES_FILE, None, "a party registry"), base)
    raise_if(sorted(problems))
    return registry


def load_vocabulary(path: str | Path, parties=None) -> Vocabulary:
    doc = yaml_file.load(path)
    spec = validate(doc, VOCABULARY_FILE, None, "the vocabulary")

    def locate(loc, message, help):
        return doc.diagnostic(loc, message, help)

    problems = check_vocabulary(spec, locate)
    if problems:
        raise EntenteError(sorted(problems))
    return Vocabulary(spec, parties, source=doc.digest)


def id_mismatch(doc: Document, model_id: str, noun: str = "id") -> list[Diagnostic]:
    """A file kept in a folder by id must be named after its id (``<id>.yaml``), as written or as stored (a
    partner's id is stored as its party id): the problem, if any."""
    path = Path(doc.path)
    written = doc.data.get("id") if isinstance(doc.data, dict) else model_id
    if path.stem in (model_id, written):
        return []
    return [
        doc.diagnostic(
            ("id",),
            f"{noun} '{model_id}' does not match the file name '{path.name}'",
            f"rename the file to '{model_id}.yaml' or set `id: {path.stem}`",
        )
    ]
