"""Helpers the fact derivations share: list items with evidence, contested issues, related parties."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..model.situation import Situation
from .registry import Evidence, FactValue


def items(values: Iterable[Any], path: str) -> FactValue:
    values = list(values)
    return FactValue(list(dict.fromkeys(values)), tuple(Evidence(f"{path}[{i}]", v) for i, v in enumerate(values)))


def select(values: list[str], path: str, keep: Callable[[str], bool]) -> FactValue:
    chosen = [(i, v) for i, v in enumerate(values) if keep(v)]
    return FactValue(list(dict.fromkeys(v for _, v in chosen)), tuple(Evidence(f"{path}[{i}]", v) for i, v in chosen))


def partner_contests(s: Situation, issue: str) -> tuple[bool | None, list[Evidence], list[str]]:
    """Whether the partner disputes or opposes ``issue``: True, False, or None (unknown)."""
    p = s.partner
    evidence = [Evidence(f"profile.disputes[{i}].issue", d.issue) for i, d in enumerate(p.disputes) if d.issue == issue]
    stance = p.stances.get(issue)
    if stance in ("divergent", "opposed"):
        evidence.append(Evidence(f"profile.stances.{issue}", stance))
    if evidence:
        return True, evidence, []
    missing = []
    if stance is None:
        missing.append(f"profile.stances.{issue}")
    if not p.given("disputes"):
        missing.append("profile.disputes")
    return (None if missing else False), [], missing


def pursued(s: Situation) -> list[tuple[str, str]]:
    """(field, issue) pairs the move pursues or adds: cooperation, then agenda additions."""
    pairs = [(f"cooperation[{i}]", v) for i, v in enumerate(s.proposal.cooperation)]
    pairs += [(f"adds_to_agenda[{i}]", v) for i, v in enumerate(s.proposal.adds_to_agenda)]
    return pairs
