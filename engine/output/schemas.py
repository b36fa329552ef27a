"""JSON Schemas of the input files (`entente schema`, the API's ``/schemas``), for editors' completion.

Each kind's pydantic model gives the shape; the pack's vocabulary gives every term field its ``enum`` (the
terms a file may use, so an editor offers them); the help table (engine/model/help.py) gives every field its
title and description. The v1 forms (an ask, a measure, a deliverable or a disputed issue as a bare term)
are allowed beside the mappings. Party fields list the registry's ids as ``examples`` (aliases are accepted
too, so they are not an enum). The engine still checks what a schema cannot say (an ask's issue, an
alliance-only tier status...): a file that passes the schema may still fail `entente check`.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..model.help import FIELDS, KIND_HELP
from .kinds import models

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BARE_TERMS = {
    ("Proposal", "asks"): "ask",
    ("Proposal", "measures"): "measure",
    ("Proposal", "raises_disputes"): ("issue_area"),
    ("Proposal", "deliverables"): None,
}


def json_schema(kind: str, vocabulary) -> dict[str, Any]:
    """The JSON Schema of one kind of input file, with the vocabulary's terms as enums."""
    model = models()[kind]
    schema = copy.deepcopy(model.model_json_schema())
    defs = schema.get("$defs", {})
    for cls in _classes(model):
        target = schema if cls is model else defs.get(cls.__name__)
        if target is not None:
            _enrich(target, cls, vocabulary)
    schema["description"] = KIND_HELP[kind]
    return {"$schema": DIALECT, "$id": f"entente-{kind}.schema.json", **schema}


def _classes(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(model)
    return list(found.values())


def _enrich(target: dict, cls: type[BaseModel], vocabulary) -> None:
    help = FIELDS.get(cls.__name__, {})
    for name, info in cls.model_fields.items():
        key = info.alias or name
        prop = target.get("properties", {}).get(key)
        if prop is None:
            continue
        if key in help:
            prop["title"], prop["description"] = help[key]
        _terms(prop, info.annotation, [*info.metadata], vocabulary)
        bare = BARE_TERMS.get((cls.__name__, key), False)
        if bare is not False:
            item = {"type": "string"} | ({"enum": list(vocabulary.terms[bare])} if bare else {})
            prop["items"] = {"anyOf": [item, prop["items"]]}


def _category(annotation: Any, metadata: list) -> str | None:
    for meta in metadata:
        found = getattr(getattr(meta, "func", None), "category", None)
        if found:
            return found
    if typing.get_origin(annotation) is typing.Annotated:
        return _category(typing.get_args(annotation)[0], [*annotation.__metadata__])
    return None


def _terms(prop: dict, annotation: Any, metadata: list, vocabulary) -> None:
    """Put the enum (or the party examples) of ``annotation``'s terms where the schema ``prop`` holds them."""
    category = _category(annotation, metadata)
    if category is not None:
        _put(prop, category, vocabulary)
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        _terms(prop, args[0], [*annotation.__metadata__], vocabulary)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            for member in prop.get("anyOf", [prop]):
                if member.get("type") in ("string", "array", "object"):
                    _terms(member, arg, [], vocabulary)
    elif origin in (list, tuple) and args and "items" in prop:
        _terms(prop["items"], args[0], [], vocabulary)
    elif origin is dict and args:
        if _category(args[0], []):
            prop["propertyNames"] = {}
            _put(prop["propertyNames"], _category(args[0], []), vocabulary)
        if isinstance(prop.get("additionalProperties"), dict):
            _terms(prop["additionalProperties"], args[1], [], vocabulary)


def _put(node: dict, category: str, vocabulary) -> None:
    if node.get("type") not in (None, "string") or "enum" in node:
        return
    if category == "party":
        registry = vocabulary.parties
        if registry is not None:
            node["examples"] = sorted(registry.parties)
        node.setdefault("description", "A party id (or an alias) from the party registry (`entente parties`).")
    elif category in vocabulary.terms:
        node["enum"] = list(vocabulary.terms[category])
