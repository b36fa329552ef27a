"""Facts that read the proposal against the partner: contested conditions, tied and depended-on parties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.situation import Situation
from .registry import IDS, TERMS, Evidence, FactValue, fact
from .support import parties, partner_contests


@fact(
    "conditions.contested",
    TERMS,
    "What the move's conditions require, where the required issue is one the partner disputes or opposes.",
    category="requirement",
    may_be_unknown=True,
    grows=True,
    sources=("conditions[].requires", "profile.disputes", "profile.stances"),
)
def conditions_contested(s: Situation) -> FactValue:
    return _contested_conditions(s, lambda c: c.requires)


@fact(
    "conditions.contested_at_stake",
    TERMS,
    "The cooperation at stake in the conditions counted by `conditions.contested`.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("conditions[].at_stake",),
)
def conditions_contested_at_stake(s: Situation) -> FactValue:
    return _contested_conditions(s, lambda c: c.at_stake)


def _contested_conditions(s: Situation, pick: Callable[[Any], str]) -> FactValue:
    chosen, evidence, missing = [], [], []
    for i, c in enumerate(s.proposal.conditions):
        issue = s.vocabulary.issue_of(c.requires)
        contested, why, lacking = partner_contests(s, issue) if issue else (False, [], [])
        if contested:
            chosen.append(pick(c))
            evidence += [
                Evidence(f"conditions[{i}].at_stake", c.at_stake),
                Evidence(f"conditions[{i}].requires", c.requires),
            ] + why
        missing += lacking
    return FactValue(list(dict.fromkeys(chosen)), tuple(dict.fromkeys(evidence)), tuple(dict.fromkeys(missing)))


@fact(
    "ties.against_tied",
    IDS,
    "Parties in `against` with which the partner has ties (any tier).",
    may_be_unknown=True,
    grows=True,
    sources=("against", "profile.ties"),
)
def ties_against_tied(s: Situation) -> FactValue:
    return parties(s, s.proposal.against, "against", _ties_at_least("none"), "ties")


@fact(
    "ties.adversaries_strategic",
    IDS,
    "Parties the move names as adversary with which the partner has a strategic-partnership-or-higher tie.",
    may_be_unknown=True,
    grows=True,
    sources=("names_as_adversary", "profile.ties"),
)
def ties_adversaries_strategic(s: Situation) -> FactValue:
    return parties(
        s, s.proposal.names_as_adversary, "names_as_adversary", _ties_at_least("strategic_partnership"), "ties"
    )


def _ties_at_least(tier: str) -> Callable[[Situation], dict[str, tuple[str, Any]]]:
    def relation(s: Situation) -> dict[str, tuple[str, Any]]:
        rank = s.vocabulary.tier_rank
        return {
            t.party: (f"profile.ties[{i}].tier", t.tier)
            for i, t in enumerate(s.partner.ties)
            if rank[t.tier] >= rank[tier]
        }

    return relation


@fact(
    "dependencies.against_high",
    IDS,
    "Parties in `against` on which the partner depends heavily (level high).",
    may_be_unknown=True,
    grows=True,
    sources=("against", "profile.dependencies"),
)
def dependencies_against_high(s: Situation) -> FactValue:
    def relation(sit: Situation) -> dict[str, tuple[str, Any]]:
        return {
            d.party: (f"profile.dependencies[{i}].sector", d.sector)
            for i, d in enumerate(sit.partner.dependencies)
            if d.level == "high"
        }

    return parties(s, s.proposal.against, "against", relation, "dependencies")
