"""Validated models of every input file, the vocabulary, the severity scales, and a situation.

The models are imported on first use (PEP 562): a command that needs only the severity scales or the
vocabulary's plain parts (``entente --version``, the option lists) loads no pydantic model.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "Forum": ".forum",
    "Dependency": ".profile",
    "Dispute": ".profile",
    "PartnerProfile": ".profile",
    "Tie": ".profile",
    "Condition": ".proposal",
    "Proposal": ".proposal",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_WHERE[name], __name__), name)  # once
    return value
