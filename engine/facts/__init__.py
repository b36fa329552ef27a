"""Derived facts: everything a policy condition may test (see :mod:`engine.facts.registry`).

Importing the package registers every fact, in catalogue order: copied fields, the proposal,
the partner, the proposal against the partner, the forum.
"""

from . import fields, proposal, partner, relations, forum  # noqa: F401  (registration, in this order)
from .registry import (BOOL, IDS, INT, LIST_TYPES, TERM, TERMS, TEXT, TEXTS, TIER, CATALOGUE, Evidence, FactSpec,
                       FactValue, derive, derive_all, in_catalogue_order)

__all__ = ["BOOL", "CATALOGUE", "Evidence", "FactSpec", "FactValue", "IDS", "INT", "LIST_TYPES", "TERM", "TERMS",
           "TEXT", "TEXTS", "TIER", "derive", "derive_all", "in_catalogue_order"]
