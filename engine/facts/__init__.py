"""Derived facts: everything a policy condition may test (see :mod:`engine.facts.registry`).

Importing the package registers every fact, in catalogue order: copied fields, the proposal,
the partner, the red lines it crosses, the proposal against the partner, the pressure it applies,
the forum.
"""

# isort: off
from . import fields, proposal, partner, red_lines, relations, pressure, forum  # noqa: F401  (in this order)

# isort: on
from .registry import (
    BOOL,
    CATALOGUE,
    IDS,
    INT,
    LIST_TYPES,
    TERM,
    TERMS,
    TEXT,
    TEXTS,
    TIER,
    Evidence,
    FactSpec,
    FactValue,
    derive,
    derive_all,
    in_catalogue_order,
)

__all__ = [
    "BOOL",
    "CATALOGUE",
    "IDS",
    "INT",
    "LIST_TYPES",
    "TERM",
    "TERMS",
    "TEXT",
    "TEXTS",
    "TIER",
    "Evidence",
    "FactSpec",
    "FactValue",
    "derive",
    "derive_all",
    "in_catalogue_order",
]
