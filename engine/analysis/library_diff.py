"""`entente profiles diff`: what changed between two versions of the profile library, fact by fact.

Partners and forums added or removed, and for each one in both, the facts whose value changed,
appeared or went. A list item is keyed by what it is about, not by its place, so that inserting a
tie does not change every tie after it: ``ties[china]``, ``dependencies[china, trade]``,
``disputes[trade]`` (its summary ``disputes[trade].summary``), ``red_lines[no_foreign_bases]``,
``memberships[quad]``, a forum's ``members[india]`` and ``scope[trade]``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..core.library import Library, load_all
from ..model import Forum, PartnerProfile
from ..model.snapshot import model_class

LISTED = "listed"  # the value of a set item (a red line, a membership, a member, a scope area)


SCALARS = (
    "name",
    "actor",
    "as_of",
    "tier",
    "tier_status",
    "label",
    "since",
    "political_system",
    "hedging",
    "kind",
    "status",
    "superseded_by",
    "established",
    "binding",
    "accession_candidate",
)


def keyed_facts(item: PartnerProfile | Forum) -> dict[str, str]:
    """The facts ``item`` states, keyed for comparison (fields left out state nothing)."""
    stated, fields, out = item.model_fields_set, model_class(item).model_fields, {}

    def put(key: str, value: Any) -> None:
        unique, n = key, 1
        while unique in out:  # the same key twice (two disputes on one issue): the second is `key #2`
            n += 1
            unique = f"{key} #{n}"
        out[unique] = _written(value)

    for name in SCALARS:
        if name in stated and name in fields:
            put(name, getattr(item, name))
    for issue, stance in getattr(item, "stances", {}).items():
        put(f"stances.{issue}", stance)
    for d in getattr(item, "disputes", []):
        put(f"disputes[{d.issue}]", d.intensity)
        if d.summary:
            put(f"disputes[{d.issue}].summary", d.summary)
    for t in getattr(item, "ties", []):
        put(f"ties[{t.party}]", t.tier)
    for d in getattr(item, "dependencies", []):
        put(f"dependencies[{d.party}, {d.sector}]", d.level)
    for name in ("red_lines", "memberships", "members", "scope"):
        for term in getattr(item, name, []) if name in fields else []:
            put(f"{name}[{term}]", LISTED)
    return out


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "none" if value is None else str(value)


class ItemChanges(msgspec.Struct):
    """One partner or forum in both libraries: its facts added, removed and changed (key, before, after)."""

    kind: str
    id: str
    added: list[tuple[str, str]] = msgspec.field(default_factory=list)
    removed: list[tuple[str, str]] = msgspec.field(default_factory=list)
    changed: list[tuple[str, str, str]] = msgspec.field(default_factory=list)

    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


class LibraryChanges(msgspec.Struct):
    base: str
    added: dict[str, list[str]] = msgspec.field(default_factory=dict)  # kind -> ids only the head has
    removed: dict[str, list[str]] = msgspec.field(default_factory=dict)  # kind -> ids only the base has
    changed: list[ItemChanges] = msgspec.field(default_factory=list)


def compare_items(kind: str, before: PartnerProfile | Forum, after: PartnerProfile | Forum) -> ItemChanges:
    old, new = keyed_facts(before), keyed_facts(after)
    change = ItemChanges(kind, after.id)
    change.removed = [(k, v) for k, v in old.items() if k not in new]
    change.added = [(k, v) for k, v in new.items() if k not in old]
    change.changed = [(k, v, new[k]) for k, v in old.items() if k in new and new[k] != v]
    return change


def compare_libraries(base: Library, head: Library, label: str) -> LibraryChanges:
    """Partners, then forums, in id order: which were added or removed, and the facts of the others that changed."""
    out = LibraryChanges(label)
    sides = {"base": load_all(base), "head": load_all(head)}
    for position, kind in enumerate(("partner", "forum")):
        old = {item.id: item for item in sides["base"][position]}
        new = {item.id: item for item in sides["head"][position]}
        out.added[kind] = sorted(set(new) - set(old))
        out.removed[kind] = sorted(set(old) - set(new))
        for ref in sorted(set(old) & set(new)):
            change = compare_items(kind, old[ref], new[ref])
            if change.count():
                out.changed.append(change)
    return out


class BorrowingLibrary(Library, frozen=True):
    """The base library for a library diff: an id it lacks is lent by the head library, and remembered, so that
    every case and example loads against it and a situation built on a lent profile is known to be new."""

    lender: Library | None = None
    borrowed: set = msgspec.field(default_factory=set)  # what it lent so far: not compared

    def _compared(self) -> tuple:
        return (self.layers, self.vocabulary, self.lender)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def ids(self, kind: str) -> list[str]:
        return sorted(set(super().ids(kind)) | set(self.lender.ids(kind)))

    def has_partner(self, ref: str) -> bool:
        return super().has_partner(ref) or self.lender.has_partner(ref)

    def load(self, kind: str, ref: str):
        if self.layer_of(kind, ref) is None and self.lender.layer_of(kind, ref) is not None:
            self.borrowed.add((kind, ref))
            return self.lender.load(kind, ref)
        return super().load(kind, ref)

    def lent(self, situation) -> str:
        """Why ``situation`` is new (its partner or forum exists only in the head library), or ''."""
        ids = [("partner", situation.partner.id)] + ([("forum", situation.forum.id)] if situation.forum else [])
        return ", ".join(f"{ref} is not in the base library" for kind, ref in ids if (kind, ref) in self.borrowed)
