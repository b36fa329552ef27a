"""Facts that read the proposal against the partner: contested conditions, tied and depended-on parties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.situation import Situation
from .reading import STRATEGIC, read
from .registry import IDS, TERMS, Evidence, FactValue, fact
from .support import partner_contests


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


def condition_issue(s: Situation, c) -> str | None:
    """The issue a condition's requirement touches: its own `issue`, else (an ask) the issue of the asks with that
    term, else the term's default."""
    if c.issue:
        return c.issue
    asked = [a.issue for a in s.proposal.asks if a.ask == c.requires and a.issue]
    return asked[0] if asked else s.vocabulary.issue_of(c.requires)


def _contested_conditions(s: Situation, pick: Callable[[Any], str]) -> FactValue:
    chosen, evidence, missing = [], [], []
    for i, c in enumerate(s.proposal.conditions):
        issue = condition_issue(s, c)
        contested, why, lacking = partner_contests(s, issue) if issue else (False, [], [])
        if contested:
            chosen.append(pick(c))
            evidence += [
                Evidence(f"conditions[{i}].at_stake", c.at_stake),
                Evidence(f"conditions[{i}].requires", c.requires),
            ] + why
        missing += lacking
    return FactValue(list(dict.fromkeys(chosen)), tuple(dict.fromkeys(evidence)), tuple(dict.fromkeys(missing)))


def _related(s: Situation, targets, related, needs: str, extra=lambda t: ()) -> FactValue:
    """The parties among ``targets`` that ``related(target)`` finds (evidence: the target and the relation)."""
    chosen, evidence = [], []
    for t in targets:
        if t.kind == "non_state_group":
            continue
        found = related(t)
        if found:
            chosen.append(t.party)
            evidence += [*extra(t), *t.evidence(), *found]
    missing = (f"profile.{needs}",) if targets and not s.partner.given(needs) else ()
    return FactValue(list(dict.fromkeys(chosen)), tuple(dict.fromkeys(evidence)), missing)


def _tie(s: Situation, tier: str):
    reading = read(s)

    def related(t) -> tuple[Evidence, ...]:
        tie = reading.tie_at_least(t.party, tier)
        return tie.evidence if tie else ()

    return related


def _dependency(s: Situation, level: str):
    depended = {d.party: (i, d) for i, d in enumerate(s.partner.dependencies) if d.level == level}

    def related(t) -> tuple[Evidence, ...]:
        if t.party not in depended:
            return ()
        i, d = depended[t.party]
        return (Evidence(f"profile.dependencies[{i}].sector", d.sector),)

    return related


def _all_against(s: Situation) -> list:
    reading = read(s)
    return list(dict.fromkeys([*reading.against, *(t for a in reading.asks for t in a.against)]))


@fact(
    "ties.against_tied",
    IDS,
    "Parties the move's asks and conditions are aimed at (a bloc: itself and its "
    "members) with which the partner has ties (any tier; a bloc it belongs to counts).",
    may_be_unknown=True,
    grows=True,
    sources=("against", "asks[].against", "profile.ties", "profile.memberships"),
)
def ties_against_tied(s: Situation) -> FactValue:
    return _related(s, _all_against(s), _tie(s, "none"), "ties")


@fact(
    "ties.adversaries_strategic",
    IDS,
    "Parties the move names as adversary (a bloc: itself and its members) with "
    "which the partner has a strategic-partnership-or-higher tie (a bloc it belongs to counts).",
    may_be_unknown=True,
    grows=True,
    sources=("names_as_adversary", "profile.ties", "profile.memberships"),
)
def ties_adversaries_strategic(s: Situation) -> FactValue:
    named = read(s).targets(s.proposal.names_as_adversary, "names_as_adversary")
    return _related(s, named, _tie(s, STRATEGIC), "ties")


@fact(
    "ties.implied_strategic",
    IDS,
    "Parties the move is evidently aimed at without naming them "
    "(`implied_adversary`) with which the partner has a strategic-partnership-or-higher tie.",
    may_be_unknown=True,
    grows=True,
    sources=("implied_adversary", "profile.ties", "profile.memberships"),
)
def ties_implied_strategic(s: Situation) -> FactValue:
    implied = read(s).targets(s.proposal.implied_adversary, "implied_adversary")
    return _related(s, implied, _tie(s, STRATEGIC), "ties")


@fact(
    "dependencies.against_high",
    IDS,
    "Parties the move's asks and conditions are aimed at on which the partner depends heavily (level high).",
    may_be_unknown=True,
    grows=True,
    sources=("against", "asks[].against", "profile.dependencies"),
)
def dependencies_against_high(s: Situation) -> FactValue:
    return _related(s, _all_against(s), _dependency(s, "high"), "dependencies")


def _asks_of(s: Situation, ask_class: str) -> list:
    return [a for a in read(s).asks if ask_class in a.classes]


def _per_ask(s: Situation, ask_class: str, related, needs: str) -> FactValue:
    """Parties a ``ask_class`` ask is aimed at that ``related`` finds; evidence names the ask too."""
    chosen, evidence, any_target = [], [], False
    for a in _asks_of(s, ask_class):
        any_target = any_target or bool(a.against)
        found = _related(s, a.against, related, needs, lambda t, a=a: (Evidence(a.path, a.term),))
        chosen += found.value
        evidence += found.evidence
    missing = (f"profile.{needs}",) if any_target and not s.partner.given(needs) else ()
    return FactValue(list(dict.fromkeys(chosen)), tuple(dict.fromkeys(evidence)), missing)


@fact(
    "asks.side_taking_against_tied",
    IDS,
    "Parties a side-taking ask (ask class `side_taking`) is aimed at with "
    "which the partner has ties (any tier; a bloc it belongs to counts).",
    may_be_unknown=True,
    grows=True,
    sources=("asks", "conditions[].requires", "against", "asks[].against", "profile.ties"),
)
def asks_side_taking_against_tied(s: Situation) -> FactValue:
    return _per_ask(s, "side_taking", _tie(s, "none"), "ties")


@fact(
    "asks.curtailing_against_depended",
    IDS,
    "Parties a curtailing ask (ask class `curtailing`: cut or reduce "
    "dealings) is aimed at on which the partner depends heavily (level high).",
    may_be_unknown=True,
    grows=True,
    sources=("asks", "conditions[].requires", "against", "asks[].against", "profile.dependencies"),
)
def asks_curtailing_against_depended(s: Situation) -> FactValue:
    return _per_ask(s, "curtailing", _dependency(s, "high"), "dependencies")
