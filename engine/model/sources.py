"""Sources and the facts they support (docs/inputs.md, "Sources").

A profile's or forum's ``sources`` entry is free text (it supports nothing in particular) or a
mapping ``{id, text or url, date, supports: [field paths]}``. A *fact* is one thing the file states:
a scalar field (``tier``), one stance (``stances.trade``), one item of a list (``dependencies[0]``),
or a list stated empty (``red_lines: []``, checked and found empty). A source supports the facts its
paths name: a path names a fact, or a whole field (``stances``, ``ties``) and every fact in it.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import did_you_mean
from .snapshot import field_names, is_input

# The fields that hold facts, in file order: scalars, mappings of issue -> term, lists.
PARTNER_FACTS = {
    "tier": "scalar",
    "tier_status": "scalar",
    "label": "scalar",
    "since": "scalar",
    "political_system": "scalar",
    "hedging": "scalar",
    "stances": "mapping",
    "disputes": "list",
    "ties": "list",
    "dependencies": "list",
    "red_lines": "list",
    "memberships": "list",
    "accession_candidate": "scalar",
}
FORUM_FACTS = {
    "kind": "scalar",
    "members": "list",
    "scope": "list",
    "established": "scalar",
    "binding": "scalar",
    "status": "scalar",
    "superseded_by": "scalar",
}


class Fact(NamedTuple):
    path: str  # tier, stances.trade, dependencies[0], red_lines (stated empty)
    value: Any  # as the file states it (a mapping for an item of disputes, ties, dependencies)
    shown: str  # in a few words, for tables


def facts_of(item) -> list[Fact]:
    """Every fact ``item`` (a partner profile or a forum) states, in file order; fields left out state nothing."""
    fields = FORUM_FACTS if "members" in field_names(item) else PARTNER_FACTS
    found: list[Fact] = []
    for name, shape in fields.items():
        if name not in item.model_fields_set:
            continue
        value = getattr(item, name)
        if shape == "scalar":
            found.append(Fact(name, _plain(value), _shown(value)))
        elif not value:
            found.append(Fact(name, _plain(value), "none"))
        elif shape == "mapping":
            found += [Fact(f"{name}.{key}", v, _shown(v)) for key, v in value.items()]
        else:
            found += [Fact(f"{name}[{i}]", _plain(v), _shown(v)) for i, v in enumerate(value)]
    return found


def _plain(value: Any) -> Any:
    """A dispute, tie or dependency as a mapping of its fields (all text); anything else as it is. Read off the
    model rather than dumped: a listing of facts builds no serializer."""
    return {name: getattr(value, name) for name in field_names(value)} if is_input(value) else value


def _shown(value: Any) -> str:
    if is_input(value):  # a dispute, tie or dependency: its terms, without free text
        return ", ".join(str(v) for k, v in _plain(value).items() if k != "summary")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def covers(path: str, fact: str) -> bool:
    """Whether a supports path names ``fact``: the fact itself, or the whole field holding it."""
    return fact == path or fact.startswith((path + ".", path + "["))


def supporting(item) -> dict[str, list[int]]:
    """For each fact of ``item``, the indices of the sources that support it (empty: unsourced)."""
    sources = getattr(item, "sources", [])
    return {
        fact.path: [i for i, s in enumerate(sources) if any(covers(p, fact.path) for p in s.supports)]
        for fact in facts_of(item)
    }


class SourceProblem(NamedTuple):
    loc: tuple
    message: str
    help: str


def source_problems(item) -> list[SourceProblem]:
    """Sources that name no fact of ``item``, and source ids given twice."""
    facts = [f.path for f in facts_of(item)]
    fields = FORUM_FACTS if "members" in field_names(item) else PARTNER_FACTS
    problems, seen = [], {}
    for i, source in enumerate(getattr(item, "sources", [])):
        if source.id is not None and source.id in seen:
            problems.append(
                SourceProblem(
                    ("sources", i, "id"),
                    f"source id '{source.id}' is already used by sources[{seen[source.id]}]",
                    "give each source its own id",
                )
            )
        seen.setdefault(source.id, i)
        for j, path in enumerate(source.supports):
            if not any(covers(path, fact) for fact in facts):
                problems.append(SourceProblem(("sources", i, "supports", j), *_unknown_path(path, facts, fields)))
    return problems


def _unknown_path(path: str, facts: list[str], fields: dict[str, str]) -> tuple[str, str]:
    """(message, help) for a supports path that names no fact."""
    field = re.split(r"[.\[]", path, maxsplit=1)[0]
    inside = next((fact for fact in facts if covers(fact, path)), None)
    if inside is not None:
        return f"'{path}' is inside the fact '{inside}'", f"a source supports a whole fact: write '{inside}'"
    if field not in fields:
        return f"unknown field path '{path}' in supports", did_you_mean(path, fields, "a field", list_all=True)
    stated = [fact for fact in facts if covers(field, fact)]
    if not stated:
        return f"'{path}' names a fact this file does not state", f"state `{field}`, or remove '{path}' from supports"
    if fields[field] == "list" and re.fullmatch(re.escape(field) + r"\[\d+\]", path):
        items = f"{stated[0]} to {stated[-1]}" if len(stated) > 1 else stated[0]
        return (
            f"'{path}' names no fact this file states",
            f"{field} has {len(stated)} item{'s' if len(stated) > 1 else ''}: {items}",
        )
    help = did_you_mean(path, stated, f"one of the facts in {field}", list_all=True)
    return f"'{path}' names no fact this file states", help
