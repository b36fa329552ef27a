"""Derived facts: everything a policy condition may test, computed by small pure functions.

Each fact is registered once, with its name, type and meaning, by :func:`fact`.
A derivation returns a :class:`FactValue`: the value, the input fields and values it
came from (the evidence), and the input fields it needed but the profile left out
(``missing``). A fact with ``missing`` fields is *unknown*; for list facts marked
``grows`` the value computed from the data at hand can only gain members once the
missing data is supplied (so "not empty" is already certain, "empty" is not).

`entente facts` prints this catalogue; docs/facts.md is generated from it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import msgspec

from ..model.situation import Situation

# Fact types: what a condition may do with them (see engine/policy/language.py).
BOOL, INT, TIER, TERM, TERMS, IDS, TEXT, TEXTS = "bool", "int", "tier", "term", "terms", "ids", "text", "texts"
LIST_TYPES = (TERMS, IDS, TEXTS)


class Evidence(NamedTuple):
    """One input field and the value a fact was derived from."""

    field: str
    value: Any


class FactValue(NamedTuple):
    """A derived fact: its value, its evidence, and the input fields it needed but lacked.

    Named tuples, not dataclasses: tens of these are built per assessment."""

    value: Any
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def unknown(self) -> bool:
        return bool(self.missing)


class FactSpec(msgspec.Struct, frozen=True, dict=True):
    name: str
    type: str
    doc: str
    derive: Callable[[Situation], FactValue]
    category: str | None = None  # vocabulary category of a term / terms fact
    may_be_unknown: bool = False
    grows: bool = False
    display_only: bool = False  # usable in messages, not in conditions
    sources: tuple[str, ...] = msgspec.field(default_factory=tuple)

    @functools.cached_property
    def key(self) -> str:
        """The field name of this fact inside the evaluated fact record."""
        return self.name.replace(".", "__")


CATALOGUE: dict[str, FactSpec] = {}


# runs at import (the catalogue itself): not mutated  # pragma: no mutate start
def fact(
    name: str,
    type: str,
    doc: str,
    *,
    category: str | None = None,
    may_be_unknown: bool = False,
    grows: bool = False,
    display_only: bool = False,
    sources: Iterable[str] = (),
):
    """Register a derivation function as the fact ``name``."""

    def register(func: Callable[[Situation], FactValue]) -> Callable[[Situation], FactValue]:
        if name in CATALOGUE:
            raise RuntimeError(f"fact {name} registered twice")
        CATALOGUE[name] = FactSpec(name, type, doc, func, category, may_be_unknown, grows, display_only, tuple(sources))
        return func

    return register


# pragma: no mutate end
def derive(situation: Situation, names: Iterable[str]) -> dict[str, FactValue]:
    """The facts ``names`` for one situation (an engine derives only what its policies need)."""
    return {name: CATALOGUE[name].derive(situation) for name in names}


def derive_all(situation: Situation) -> dict[str, FactValue]:
    """Every fact of the catalogue for one situation, in catalogue order."""
    return derive(situation, CATALOGUE)


def in_catalogue_order(names: Iterable[str]) -> tuple[str, ...]:
    wanted = set(names)
    return tuple(name for name in CATALOGUE if name in wanted)
