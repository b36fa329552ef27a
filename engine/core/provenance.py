"""Where each fact of a profile comes from, and how old its evidence is: `entente profiles show` and `review`.

A fact's date is the newest date among the sources that support it (engine.model.sources); its age
is counted from ``today``. A fact needs re-checking when no source supports it (unsourced), or when
its sources are older than the limit or undated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from ..model.sources import facts_of, supporting
from .library import Library

UNSOURCED, UNDATED, OLD = "unsourced", "undated", "old"


class FactRecord(msgspec.Struct, frozen=True):
    path: str
    value: Any
    shown: str
    sources: tuple[str, ...]  # the refs of the sources that support it
    date: dt.date | None  # the newest of their dates
    age_days: int | None


class ProfileFacts(msgspec.Struct, frozen=True):
    """One partner's or forum's facts with their sources, as of ``today``."""

    kind: str  # partner | forum
    item: Any  # the PartnerProfile or Forum
    layer: str
    today: dt.date
    facts: tuple[FactRecord, ...]
    stored: str = ""  # the file as stored (`--format yaml`)

    @property
    def sources(self) -> list[tuple[str, Any]]:
        return [(s.ref(i), s) for i, s in enumerate(self.item.sources)]


def profile_facts(item, kind: str, layer: str, today: dt.date, stored: str = "") -> ProfileFacts:
    sources, support = item.sources, supporting(item)
    records = []
    for fact in facts_of(item):
        used = support[fact.path]
        dates = [sources[i].date for i in used if sources[i].date is not None]
        newest = max(dates) if dates else None
        records.append(
            FactRecord(
                fact.path,
                fact.value,
                fact.shown,
                tuple(sources[i].ref(i) for i in used),
                newest,
                (today - newest).days if newest else None,
            )
        )
    return ProfileFacts(kind, item, layer, today, tuple(records), stored)


def why_recheck(fact: FactRecord, older_than: int | None, unsourced: bool) -> str | None:
    """Why ``fact`` needs re-checking under the review's limits (None: it does not)."""
    if not fact.sources:
        return UNSOURCED if unsourced else None
    if older_than is None:
        return None
    if fact.date is None:
        return UNDATED
    return OLD if fact.age_days > older_than else None


class Review(msgspec.Struct, frozen=True):
    today: dt.date
    older_than: int | None  # None: ages not reviewed
    unsourced: bool
    profiles: int  # how many partners and forums were reviewed
    found: tuple[tuple[ProfileFacts, tuple[tuple[FactRecord, str], ...]], ...]  # each with its facts to re-check

    def count(self, reason: str | None = None) -> int:
        return sum(1 for _, facts in self.found for _, why in facts if reason in (None, why))


def review(library: Library, today: dt.date, older_than: int | None, unsourced: bool) -> Review:
    """Every partner, then every forum, in id order, with the facts that need re-checking."""
    found, total = [], 0
    for kind, load in (("partner", library.partner), ("forum", library.forum)):
        for ref in library.ids(kind):
            total += 1
            record = profile_facts(load(ref), kind, library.layer_of(kind, ref).name, today)
            listed = tuple((f, why) for f in record.facts if (why := why_recheck(f, older_than, unsourced)))
            if listed:
                found.append((record, listed))
    return Review(today, older_than, unsourced, total, tuple(found))
