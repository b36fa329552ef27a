"""Facts about the pressure a move applies: its measures, the partner's dependence on the actor, and
disputed issues raised through asks (Contract v2, sections 3 to 5)."""

from __future__ import annotations

import msgspec

from ..model.situation import Situation
from ..values import prose
from .reading import read
from .registry import BOOL, TERMS, TEXT, Evidence, FactValue, fact

PRESSING_LEVELS = ("medium", "high")


@fact(
    "measures.coercive",
    TERMS,
    "Measures the move imposes on or threatens against the partner (not conditional ones, not lifted ones).",
    category="measure",
    sources=("measures",),
)
def measures_coercive(s: Situation) -> FactValue:
    aimed = [m for m in read(s).measures if m.coercive]
    return FactValue(
        list(dict.fromkeys(m.term for m in aimed)),
        tuple(e for m in aimed for e in (Evidence(m.path, m.term), *_status(m))),
    )


@fact(
    "measures.threatened_only",
    BOOL,
    "The move threatens measures and imposes none (a threat announced with a start date counts as imposed).",
    sources=("measures",),
)
def measures_threatened_only(s: Situation) -> FactValue:
    aimed = [m for m in read(s).measures if m.coercive]
    return FactValue(
        bool(aimed) and not any(m.as_imposed for m in aimed),
        tuple(e for m in aimed for e in (Evidence(m.path, m.term), *_status(m))),
    )


def _status(m) -> tuple[Evidence, ...]:
    return (Evidence(f"{m.path}.status", m.status),) if m.status != "imposed" else ()


class Pressed(msgspec.Struct, frozen=True):
    """One sector the move presses where the partner depends on the actor."""

    sector: str
    what: str  # the measure or condition, in words
    evidence: tuple[Evidence, ...]
    hard: bool  # an imposed measure or an unoffered condition, on a high dependency
    by_measure: bool


def pressed(s: Situation) -> tuple[list[Pressed], tuple[str, ...]]:
    """Every (sector, item) the move presses on a medium or high dependency on the actor; the data it lacks."""
    p, v = s.proposal, s.vocabulary
    deps = {
        d.sector: (i, d)
        for i, d in enumerate(s.partner.dependencies)
        if d.party == p.actor and d.level in PRESSING_LEVELS
    }
    items = [
        (
            m.sectors,
            v.label(m.term) + ("" if m.as_imposed else f" ({v.label(m.status)})"),
            (Evidence(m.path, m.term), *_status(m)),
            m.as_imposed,
            True,
        )
        for m in read(s).measures
        if m.coercive
    ]
    for i, c in enumerate(p.conditions):
        sectors = tuple(c.sector) if c.sector is not None else v.sectors_of_issue(c.at_stake)
        what = f"the condition on {v.label(c.at_stake)}" + (" (offered)" if c.offered else "")
        evidence = (Evidence(f"conditions[{i}].at_stake", c.at_stake),)
        evidence += (Evidence(f"conditions[{i}].offered", True),) if c.offered else ()
        items.append((sectors, what, evidence, not c.offered, False))
    found = []
    for sectors, what, evidence, hard, by_measure in items:
        for sector in sectors:
            if sector in deps:
                i, d = deps[sector]
                dependency = Evidence(f"profile.dependencies[{i}].level", d.level)
                found.append(Pressed(sector, what, (*evidence, dependency), hard and d.level == "high", by_measure))
    lacking = ("profile.dependencies",) if any(i[0] for i in items) and not s.partner.given("dependencies") else ()
    return found, lacking


def _sectors(s: Situation, keep) -> FactValue:
    found, lacking = pressed(s)
    chosen = [x for x in found if keep(x)]
    return FactValue(
        list(dict.fromkeys(x.sector for x in chosen)),
        tuple(dict.fromkeys(e for x in chosen for e in x.evidence)),
        lacking,
    )


@fact(
    "dependence.pressed",
    TERMS,
    "Sectors in which the partner depends on the actor (level medium or high) that "
    "the move presses: an imposed or threatened measure in the sector, or a condition whose cooperation at "
    "stake lies in it.",
    category="sector",
    may_be_unknown=True,
    grows=True,
    sources=("measures", "conditions[].at_stake", "profile.dependencies"),
)
def dependence_pressed(s: Situation) -> FactValue:
    return _sectors(s, lambda x: True)


@fact(
    "dependence.pressed_hard",
    TERMS,
    "Sectors of `dependence.pressed` pressed by an imposed measure or an unoffered "
    "condition on a high dependency (otherwise the pressure is threatened, offered, or on a medium dependency).",
    category="sector",
    may_be_unknown=True,
    grows=True,
    sources=("measures", "conditions", "profile.dependencies"),
)
def dependence_pressed_hard(s: Situation) -> FactValue:
    return _sectors(s, lambda x: x.hard)


@fact(
    "dependence.pressed_by_measure",
    TERMS,
    "Sectors of `dependence.pressed` that a measure presses.",
    category="sector",
    may_be_unknown=True,
    grows=True,
    sources=("measures", "profile.dependencies"),
)
def dependence_pressed_by_measure(s: Situation) -> FactValue:
    return _sectors(s, lambda x: x.by_measure)


@fact(
    "dependence.pressure",
    TEXT,
    "What presses which sector of the partner's dependence on the actor, in words.",
    display_only=True,
)
def dependence_pressure(s: Situation) -> FactValue:
    found, _ = pressed(s)
    by_sector: dict[str, list[str]] = {}
    for x in found:
        by_sector.setdefault(x.sector, []).append(x.what)
    label = s.vocabulary.label
    return FactValue("; ".join(f"{label(sector)}: {prose(list(dict.fromkeys(w)))}" for sector, w in by_sector.items()))


def disputed_asks(s: Situation, linked_only: bool) -> tuple[list[tuple[object, str, list[Evidence]]], list[str]]:
    """(ask, issue, evidence) for every issue of a direct ask the partner disputes, outside the move's own
    cooperation, that is linked (a condition requires the ask, or a measure, imposed, threatened or
    conditional, accompanies the move) or not, as ``linked_only`` says; and the data that left any undecided."""
    p, reading = s.proposal, read(s)
    measured = [m for m in reading.measures if m.status != "lifted"]
    found, lacking = [], []
    for a in reading.asks:
        required = [f"conditions[{i}].requires" for i, c in enumerate(p.conditions) if c.requires == a.term]
        if a.via_condition or bool(required or measured) != linked_only:
            continue
        why = [Evidence(f, a.term) for f in required] + [Evidence(m.path, m.term) for m in measured]
        for issue in a.issues:
            if issue in p.cooperation:
                continue
            disputed, evidence, missing = reading.disputes(issue)
            lacking += missing
            if disputed:
                found.append((a, issue, [Evidence(a.path, a.term), *evidence, *why]))
    return found, list(dict.fromkeys(lacking))


def _disputed(s: Situation, linked: bool) -> FactValue:
    found, lacking = disputed_asks(s, linked)
    return FactValue(
        list(dict.fromkeys(issue for _, issue, _ in found)),
        tuple(dict.fromkeys(e for *_, evidence in found for e in evidence)),
        tuple(lacking),
    )


@fact(
    "asks.disputed_linked",
    TERMS,
    "Issues of the move's asks that the partner disputes (in its disputes, or "
    "opposed), where a condition requires the ask or a measure accompanies the move: cooperation made "
    "contingent on them.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("asks", "conditions", "measures", "profile.disputes", "profile.stances"),
)
def asks_disputed_linked(s: Situation) -> FactValue:
    return _disputed(s, True)


@fact(
    "asks.disputed_bundled",
    TERMS,
    "Issues of the move's asks that the partner disputes, asked without a condition "
    "or a measure: put into the same package.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("asks", "profile.disputes", "profile.stances"),
)
def asks_disputed_bundled(s: Situation) -> FactValue:
    return _disputed(s, False)
