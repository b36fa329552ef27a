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


def side_taking(s: Situation) -> list[tuple[str, str]]:
    side = set(s.vocabulary.spec.side_taking_asks)
    out = [(f"asks[{i}]", a) for i, a in enumerate(s.proposal.asks) if a in side]
    out += [
        (f"conditions[{i}].requires", c.requires) for i, c in enumerate(s.proposal.conditions) if c.requires in side
    ]
    return out


def parties(
    s: Situation, ids: list[str], path: str, relation: Callable[[Situation], dict[str, tuple[str, Any]]], needs: str
) -> FactValue:
    """``ids`` (from the proposal) that stand in ``relation`` to the partner."""
    related = relation(s)
    chosen, evidence = [], []
    for i, party in enumerate(ids):
        if party in related:
            chosen.append(party)
            evidence += [Evidence(f"{path}[{i}]", party), Evidence(*related[party])]
    missing = (f"profile.{needs}",) if ids and not s.partner.given(needs) else ()
    return FactValue(list(dict.fromkeys(chosen)), tuple(evidence), missing)
