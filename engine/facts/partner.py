"""Facts about the partner, some read against the move (red lines crossed)."""

from __future__ import annotations

from ..model.situation import Situation
from .registry import BOOL, TERM, TERMS, TIER, Evidence, FactValue, fact
from .support import items, side_taking


@fact(
    "partner.tier",
    TIER,
    "The relationship's tier, ordered on the vocabulary's tier ladder.",
    category="tier",
    sources=("profile.tier",),
)
def partner_tier(s: Situation) -> FactValue:
    return FactValue(s.partner.tier, (Evidence("profile.tier", s.partner.tier),))


@fact(
    "partner.below_alliance",
    BOOL,
    "The partner's tier is below alliance: a partner, not a treaty ally.",
    sources=("profile.tier",),
)
def partner_below_alliance(s: Situation) -> FactValue:
    rank = s.vocabulary.tier_rank
    return FactValue(rank[s.partner.tier] < rank["alliance"], (Evidence("profile.tier", s.partner.tier),))


@fact(
    "partner.hedging",
    TERM,
    "The partner's posture between the actor and its rivals.",
    category="hedging",
    may_be_unknown=True,
    sources=("profile.hedging",),
)
def partner_hedging(s: Situation) -> FactValue:
    h = s.partner.hedging
    if h is None:
        return FactValue("unknown", (), ("profile.hedging",))
    return FactValue(h, (Evidence("profile.hedging", h),))


@fact(
    "partner.political_system",
    TERM,
    "The partner's political system.",
    category="political_system",
    may_be_unknown=True,
    sources=("profile.political_system",),
)
def partner_political_system(s: Situation) -> FactValue:
    ps = s.partner.political_system
    if ps is None:
        return FactValue("unknown", (), ("profile.political_system",))
    return FactValue(ps, (Evidence("profile.political_system", ps),))


@fact(
    "partner.accession_candidate",
    BOOL,
    "The partner formally seeks to join the actor's alliance or union (conditions are its price of entry).",
    sources=("profile.accession_candidate",),
)
def partner_accession_candidate(s: Situation) -> FactValue:
    value = s.partner.accession_candidate
    return FactValue(value, (Evidence("profile.accession_candidate", value),))


@fact(
    "partner.red_lines",
    TERMS,
    "The partner's declared red lines.",
    category="red_line",
    may_be_unknown=True,
    grows=True,
    sources=("profile.red_lines",),
)
def partner_red_lines(s: Situation) -> FactValue:
    value = items(s.partner.red_lines, "profile.red_lines")
    return value if s.partner.given("red_lines") else FactValue([], (), ("profile.red_lines",))


@fact(
    "partner.red_lines_crossed",
    TERMS,
    "The partner's red lines that the move crosses, per the vocabulary's red-line table (unknown only when the "
    "profile omits its red lines and the move would cross one in the table).",
    category="red_line",
    may_be_unknown=True,
    grows=True,
    sources=("profile.red_lines", "asks", "conditions", "measures", "against"),
)
def partner_red_lines_crossed(s: Situation) -> FactValue:
    crossed, evidence = [], []
    for i, line in enumerate(s.partner.red_lines):
        spec = s.vocabulary.spec.red_lines.get(line)
        triggers = _red_line_triggers(s, spec.crossed_by) if spec else []
        if triggers and line not in crossed:
            crossed.append(line)
            evidence += [Evidence(f"profile.red_lines[{i}]", line)] + triggers
    missing = ()
    if not s.partner.given("red_lines") and any(
        _red_line_triggers(s, spec.crossed_by) for spec in s.vocabulary.spec.red_lines.values()
    ):
        missing = ("profile.red_lines",)
    return FactValue(crossed, tuple(dict.fromkeys(evidence)), missing)


def _red_line_triggers(s: Situation, crossed_by) -> list[Evidence]:
    """The proposal fields that cross a red line defined by ``crossed_by`` (empty: not crossed)."""
    p, v = s.proposal, s.vocabulary
    hits: list[Evidence] = []
    hits += [Evidence(f"asks[{i}]", a) for i, a in enumerate(p.asks) if a in crossed_by.asks]
    hits += [
        Evidence(f"conditions[{i}].requires", c.requires)
        for i, c in enumerate(p.conditions)
        if c.requires in crossed_by.requires or (crossed_by.requires_reform and v.is_reform_requirement(c.requires))
    ]
    if crossed_by.names_adversary:
        hits += [Evidence(f"names_as_adversary[{i}]", n) for i, n in enumerate(p.names_as_adversary)]
    if crossed_by.side_taking:
        hits += [Evidence(f, a) for f, a in side_taking(s)]
    if crossed_by.measures_with_pressure and p.measures and (p.conditions or p.asks):
        hits += [Evidence(f"measures[{i}]", m) for i, m in enumerate(p.measures)]
    if p.against:
        hits += [
            Evidence(f"cooperation[{i}]", c) for i, c in enumerate(p.cooperation) if c in crossed_by.cooperation_against
        ]
    if crossed_by.side_taking_against_dependency and side_taking(s):
        sectors = set(crossed_by.side_taking_against_dependency)
        deps = {d.party: (i, d) for i, d in enumerate(s.partner.dependencies) if d.sector in sectors}
        for i, party in enumerate(p.against):
            if party in deps:
                j, d = deps[party]
                hits += [Evidence(f"against[{i}]", party), Evidence(f"profile.dependencies[{j}].sector", d.sector)]
    return list(dict.fromkeys(hits))


@fact(
    "partner.contested_issues",
    TERMS,
    "Issue areas the partner disputes with the actor (`disputes`) or holds a divergent or opposed stance on.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("profile.disputes", "profile.stances"),
)
def partner_contested_issues(s: Situation) -> FactValue:
    p = s.partner
    issues = [d.issue for d in p.disputes] + [k for k, v in p.stances.items() if v in ("divergent", "opposed")]
    evidence = [Evidence(f"profile.disputes[{i}].issue", d.issue) for i, d in enumerate(p.disputes)]
    evidence += [Evidence(f"profile.stances.{k}", v) for k, v in p.stances.items() if v in ("divergent", "opposed")]
    missing = tuple(f"profile.{f}" for f in ("disputes", "stances") if not p.given(f))
    return FactValue(list(dict.fromkeys(issues)), tuple(evidence), missing)


@fact(
    "partner.binding_commitment",
    BOOL,
    "The partner is bound to support the actor: a treaty ally, or a member of a binding forum the move is made in.",
    sources=("profile.tier", "forum.binding", "forum.members"),
)
def partner_binding_commitment(s: Situation) -> FactValue:
    if s.partner.tier == "alliance":
        return FactValue(True, (Evidence("profile.tier", "alliance"),))
    f = s.forum
    if f is not None and f.binding and s.partner.id in f.members:
        return FactValue(True, (Evidence("forum.binding", True), Evidence("forum.members", s.partner.id)))
    return FactValue(False, (Evidence("profile.tier", s.partner.tier),))
