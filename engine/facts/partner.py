"""Facts about the partner, some read against the move (red lines crossed)."""

from __future__ import annotations

from ..model.situation import Situation
from .registry import BOOL, TERM, TERMS, TIER, Evidence, FactValue, fact
from .support import items


@fact(
    "partner.tier",
    TIER,
    "The relationship's tier, ordered on the vocabulary's tier ladder (a dormant or frozen alliance counts as "
    "comprehensive_strategic_partnership_of_coordination).",
    category="tier",
    sources=("profile.tier",),
)
def partner_tier(s: Situation) -> FactValue:
    return FactValue(s.partner.effective_tier, _tier_evidence(s))


def _tier_evidence(s: Situation) -> tuple[Evidence, ...]:
    """The tier, and the status that makes a dormant or frozen alliance count as the rung below."""
    p = s.partner
    status = (Evidence("profile.tier_status", p.tier_status),) if p.tier_status != "active" else ()
    return (Evidence("profile.tier", p.tier), *status)


@fact(
    "partner.below_alliance",
    BOOL,
    "The partner's tier is below alliance: a partner, not a treaty ally (a dormant or frozen alliance is below).",
    sources=("profile.tier",),
)
def partner_below_alliance(s: Situation) -> FactValue:
    rank = s.vocabulary.tier_rank
    return FactValue(rank[s.partner.effective_tier] < rank["alliance"], _tier_evidence(s))


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
    if s.partner.tier == "alliance":  # dormant or frozen, the commitment still binds
        return FactValue(True, _tier_evidence(s))
    f = s.forum
    if f is not None and f.binding and s.partner.id in f.members:
        return FactValue(True, (Evidence("forum.binding", True), Evidence("forum.members", s.partner.id)))
    return FactValue(False, (Evidence("profile.tier", s.partner.tier),))
