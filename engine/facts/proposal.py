"""Facts about the proposal alone: what kind of move, what it asks, conditions and offers."""

from __future__ import annotations

from ..model.situation import Situation
from .reading import read
from .registry import BOOL, TERM, TERMS, TIER, Evidence, FactValue, fact
from .support import select


@fact("proposal.kind", TERM, "What kind of move this is.", category="action_kind", sources=("kind",))
def proposal_kind(s: Situation) -> FactValue:
    return FactValue(s.proposal.kind, (Evidence("kind", s.proposal.kind),))


@fact(
    "proposal.security_cooperation",
    TERMS,
    "Issue areas of cooperation that are hard-security areas (vocabulary `security_issue_areas`).",
    category="issue_area",
    sources=("cooperation",),
)
def proposal_security_cooperation(s: Situation) -> FactValue:
    security = set(s.vocabulary.spec.security_issue_areas)
    return select(s.proposal.cooperation, "cooperation", security.__contains__)


def _asks_in(s: Situation, ask_class: str) -> FactValue:
    """The asks of one class the move makes (directly or by a condition), with where each is made."""
    made = [a for a in read(s).asks if ask_class in a.classes]
    return FactValue(list(dict.fromkeys(a.term for a in made)), tuple(Evidence(a.path, a.term) for a in made))


@fact(
    "proposal.alliance_asks",
    TERMS,
    "Alliance-type asks the move makes (ask class `alliance_type`), directly or by a condition.",
    category="ask",
    sources=("asks", "conditions[].requires"),
)
def proposal_alliance_asks(s: Situation) -> FactValue:
    return _asks_in(s, "alliance_type")


@fact(
    "proposal.side_taking_demands",
    TERMS,
    "Side-taking asks the move makes (ask class `side_taking`), directly or by a condition.",
    category="ask",
    sources=("asks", "conditions[].requires"),
)
def proposal_side_taking_demands(s: Situation) -> FactValue:
    return _asks_in(s, "side_taking")


@fact(
    "proposal.curtailing_demands",
    TERMS,
    "Curtailing asks the move makes (ask class `curtailing`: cut or reduce dealings with a party), directly or by a "
    "condition.",
    category="ask",
    sources=("asks", "conditions[].requires"),
)
def proposal_curtailing_demands(s: Situation) -> FactValue:
    return _asks_in(s, "curtailing")


@fact(
    "proposal.reform_demands",
    TERMS,
    "Domestic reforms demanded: conditions requiring a reform or a governance issue area, and the "
    "`domestic_reform` ask.",
    category="requirement",
    sources=("conditions[].requires", "asks"),
)
def proposal_reform_demands(s: Situation) -> FactValue:
    v = s.vocabulary
    pairs = [
        (f"conditions[{i}].requires", c.requires)
        for i, c in enumerate(s.proposal.conditions)
        if v.is_reform_requirement(c.requires)
    ]
    pairs += [(a.path, a.term) for a in read(s).asks if a.term == "domestic_reform" and not a.via_condition]
    return FactValue(list(dict.fromkeys(x for _, x in pairs)), tuple(Evidence(f, x) for f, x in pairs))


@fact(
    "proposal.condition_requirements",
    TERMS,
    "What the move's conditions require of the partner.",
    category="requirement",
    sources=("conditions[].requires",),
)
def proposal_condition_requirements(s: Situation) -> FactValue:
    conditions = s.proposal.conditions
    return FactValue(
        list(dict.fromkeys(c.requires for c in conditions)),
        tuple(Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(conditions)),
    )


@fact(
    "proposal.applies_pressure",
    BOOL,
    "The move carries a condition or an ask (advice alone carries neither).",
    sources=("conditions", "asks"),
)
def proposal_applies_pressure(s: Situation) -> FactValue:
    p = s.proposal
    evidence = tuple(Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(p.conditions))
    evidence += tuple(Evidence(f"asks[{i}]", a.ask) for i, a in enumerate(p.asks))
    return FactValue(bool(p.conditions or p.asks), evidence)


@fact(
    "proposal.is_upgrade",
    BOOL,
    "The move upgrades the relationship's label: kind relationship_upgrade, or a new_label above the current tier.",
    sources=("kind", "new_label", "profile.tier"),
)
def proposal_is_upgrade(s: Situation) -> FactValue:
    p, rank = s.proposal, s.vocabulary.tier_rank
    evidence = []
    if p.kind == "relationship_upgrade":
        evidence.append(Evidence("kind", p.kind))
    if p.new_label is not None and rank[p.new_label] > rank[s.partner.tier]:
        evidence += [Evidence("new_label", p.new_label), Evidence("profile.tier", s.partner.tier)]
    return FactValue(bool(evidence), tuple(evidence))


@fact(
    "proposal.new_label",
    TIER,
    "The tier the move proposes (none when it proposes no label).",
    category="tier",
    sources=("new_label",),
)
def proposal_new_label(s: Situation) -> FactValue:
    label = s.proposal.new_label
    return FactValue(label or "none", (Evidence("new_label", label),) if label else ())


@fact("proposal.public", BOOL, "The move is public.", sources=("public",))
def proposal_public(s: Situation) -> FactValue:
    return FactValue(s.proposal.public, (Evidence("public", s.proposal.public),))


@fact(
    "proposal.conditions_all_reforms",
    BOOL,
    "The move has conditions, and every one requires a reform (or a governance issue area).",
    sources=("conditions[].requires",),
)
def proposal_conditions_all_reforms(s: Situation) -> FactValue:
    conditions = s.proposal.conditions
    every = bool(conditions) and all(s.vocabulary.is_reform_requirement(c.requires) for c in conditions)
    return FactValue(every, tuple(Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(conditions)))
