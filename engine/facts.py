"""Derived facts: everything a policy condition may test, computed by small pure functions.

Each fact is registered once, with its name, type and meaning, by :func:`fact`.
A derivation returns a :class:`FactValue`: the value, the input fields and values it
came from (the evidence), and the input fields it needed but the profile left out
(``missing``). A fact with ``missing`` fields is *unknown*; for list facts marked
``grows`` the value computed from the data at hand can only gain members once the
missing data is supplied (so "not empty" is already certain, "empty" is not).

`entente facts` prints this catalogue; docs/facts.md is generated from it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple

from .models import Forum, PartnerProfile, Proposal
from .vocabulary import Vocabulary

# Fact types: what a condition may do with them (see engine/policy.py).
BOOL, INT, TIER, TERM, TERMS, IDS, TEXT, TEXTS = "bool", "int", "tier", "term", "terms", "ids", "text", "texts"
LIST_TYPES = (TERMS, IDS, TEXTS)


class Evidence(NamedTuple):
    """One input field and the value a fact was derived from."""

    field: str
    value: Any


class FactValue(NamedTuple):
    """A derived fact: its value, its evidence, and the input fields it needed but lacked.

    Named tuples, not dataclasses: tens of these are built per assessment."""

    value: Any
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def unknown(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True)
class Situation:
    """One assessment's inputs: a proposal, one partner, and the forum if any."""

    proposal: Proposal
    partner: PartnerProfile
    forum: Forum | None
    vocabulary: Vocabulary


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    doc: str
    derive: Callable[[Situation], FactValue]
    category: str | None = None  # vocabulary category of a term / terms fact
    may_be_unknown: bool = False
    grows: bool = False
    display_only: bool = False  # usable in messages, not in conditions
    sources: tuple[str, ...] = field(default_factory=tuple)

    @functools.cached_property
    def key(self) -> str:
        """The field name of this fact inside the evaluated fact record."""
        return self.name.replace(".", "__")


CATALOGUE: dict[str, FactSpec] = {}


def fact(name: str, type: str, doc: str, *, category: str | None = None, may_be_unknown: bool = False,
         grows: bool = False, display_only: bool = False, sources: Iterable[str] = ()):
    """Register a derivation function as the fact ``name``."""

    def register(func: Callable[[Situation], FactValue]) -> Callable[[Situation], FactValue]:
        if name in CATALOGUE:
            raise RuntimeError(f"fact {name} registered twice")
        CATALOGUE[name] = FactSpec(name, type, doc, func, category, may_be_unknown, grows, display_only, tuple(sources))
        return func

    return register


# --- helpers -----------------------------------------------------------------


def _items(values: Iterable[Any], path: str) -> FactValue:
    values = list(values)
    return FactValue(list(dict.fromkeys(values)), tuple(Evidence(f"{path}[{i}]", v) for i, v in enumerate(values)))


def _select(values: list[str], path: str, keep: Callable[[str], bool]) -> FactValue:
    chosen = [(i, v) for i, v in enumerate(values) if keep(v)]
    return FactValue(list(dict.fromkeys(v for _, v in chosen)), tuple(Evidence(f"{path}[{i}]", v) for i, v in chosen))


def _contested(s: Situation, issue: str) -> tuple[bool | None, list[Evidence], list[str]]:
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


def _pursued(s: Situation) -> list[tuple[str, str]]:
    """(field, issue) pairs the move pursues or adds: cooperation, then agenda additions."""
    pairs = [(f"cooperation[{i}]", v) for i, v in enumerate(s.proposal.cooperation)]
    pairs += [(f"adds_to_agenda[{i}]", v) for i, v in enumerate(s.proposal.adds_to_agenda)]
    return pairs


def _side_taking(s: Situation) -> list[tuple[str, str]]:
    side = set(s.vocabulary.spec.side_taking_asks)
    out = [(f"asks[{i}]", a) for i, a in enumerate(s.proposal.asks) if a in side]
    out += [(f"conditions[{i}].requires", c.requires) for i, c in enumerate(s.proposal.conditions) if c.requires in side]
    return out


def _parties(s: Situation, ids: list[str], path: str, relation: Callable[[Situation], dict[str, tuple[str, Any]]],
             needs: str) -> FactValue:
    """``ids`` (from the proposal) that stand in ``relation`` to the partner."""
    related = relation(s)
    chosen, evidence = [], []
    for i, party in enumerate(ids):
        if party in related:
            chosen.append(party)
            evidence += [Evidence(f"{path}[{i}]", party), Evidence(*related[party])]
    missing = (f"profile.{needs}",) if ids and not s.partner.given(needs) else ()
    return FactValue(list(dict.fromkeys(chosen)), tuple(evidence), missing)


# --- facts copied from one input field ----------------------------------------------

# (fact, proposal field, type, vocabulary category, meaning)
_PROPOSAL_LISTS = [
    ("proposal.cooperation", "cooperation", TERMS, "issue_area", "Issue areas of cooperation the move offers or pursues."),
    ("proposal.asks", "asks", TERMS, "ask", "Commitments the move asks of the partner."),
    ("proposal.measures", "measures", TERMS, "measure", "Coercive measures the move aims at the partner."),
    ("proposal.against", "against", IDS, None, "Third parties the asks and conditions are aimed at."),
    ("proposal.names_as_adversary", "names_as_adversary", IDS, None,
     "Third parties the move's public framing names as the target."),
    ("proposal.raises_disputes", "raises_disputes", TERMS, "issue_area",
     "Disputed issues put into the same package or statement."),
    ("proposal.adds_to_agenda", "adds_to_agenda", TERMS, "issue_area", "Issue areas the move adds to the forum's agenda."),
    ("proposal.adds_members", "adds_members", IDS, None, "States the move brings into the forum."),
    ("proposal.deliverables", "deliverables", TEXTS, None, "Substantive commitments that come with an upgrade."),
]

# (fact, where, attribute, meaning): text for messages only
_DISPLAY = [
    ("proposal.id", "proposal", "id", "The proposal's id."),
    ("proposal.title", "proposal", "title", "The proposal's title."),
    ("partner.id", "partner", "id", "The partner profile's id."),
    ("partner.name", "partner", "name", "The partner's name."),
]


def _list_field(attr: str) -> Callable[[Situation], FactValue]:
    return lambda s: _items(getattr(s.proposal, attr), attr)


def _display_field(where: str, attr: str) -> Callable[[Situation], FactValue]:
    return lambda s: FactValue(getattr(getattr(s, where), attr))


for _name, _attr, _type, _category, _doc in _PROPOSAL_LISTS:
    fact(_name, _type, _doc, category=_category, sources=(_attr,))(_list_field(_attr))
for _name, _where, _attr, _doc in _DISPLAY:
    fact(_name, TEXT, _doc, display_only=True)(_display_field(_where, _attr))


# --- the proposal -------------------------------------------------------------




@fact("proposal.kind", TERM, "What kind of move this is.", category="action_kind", sources=("kind",))
def proposal_kind(s: Situation) -> FactValue:
    return FactValue(s.proposal.kind, (Evidence("kind", s.proposal.kind),))



@fact("proposal.security_cooperation", TERMS,
      "Issue areas of cooperation that are hard-security areas (vocabulary `security_issue_areas`).",
      category="issue_area", sources=("cooperation",))
def proposal_security_cooperation(s: Situation) -> FactValue:
    security = set(s.vocabulary.spec.security_issue_areas)
    return _select(s.proposal.cooperation, "cooperation", security.__contains__)



@fact("proposal.alliance_asks", TERMS, "Asks that are alliance-type commitments (vocabulary `alliance_asks`).",
      category="ask", sources=("asks",))
def proposal_alliance_asks(s: Situation) -> FactValue:
    alliance = set(s.vocabulary.spec.alliance_asks)
    return _select(s.proposal.asks, "asks", alliance.__contains__)


@fact("proposal.side_taking_demands", TERMS,
      "Side-taking asks (vocabulary `side_taking_asks`), asked directly or required by a condition.",
      category="ask", sources=("asks", "conditions[].requires"))
def proposal_side_taking_demands(s: Situation) -> FactValue:
    pairs = _side_taking(s)
    return FactValue(list(dict.fromkeys(v for _, v in pairs)), tuple(Evidence(f, v) for f, v in pairs))


@fact("proposal.reform_demands", TERMS,
      "Domestic reforms demanded: conditions requiring a reform or a governance issue area, and the "
      "`domestic_reform` ask.", category="requirement", sources=("conditions[].requires", "asks"))
def proposal_reform_demands(s: Situation) -> FactValue:
    v = s.vocabulary
    pairs = [(f"conditions[{i}].requires", c.requires) for i, c in enumerate(s.proposal.conditions)
             if v.is_reform_requirement(c.requires)]
    pairs += [(f"asks[{i}]", a) for i, a in enumerate(s.proposal.asks) if a == "domestic_reform"]
    return FactValue(list(dict.fromkeys(x for _, x in pairs)), tuple(Evidence(f, x) for f, x in pairs))


@fact("proposal.condition_requirements", TERMS, "What the move's conditions require of the partner.",
      category="requirement", sources=("conditions[].requires",))
def proposal_condition_requirements(s: Situation) -> FactValue:
    conditions = s.proposal.conditions
    return FactValue(list(dict.fromkeys(c.requires for c in conditions)),
                     tuple(Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(conditions)))



@fact("proposal.applies_pressure", BOOL, "The move carries a condition or an ask (advice alone carries neither).",
      sources=("conditions", "asks"))
def proposal_applies_pressure(s: Situation) -> FactValue:
    p = s.proposal
    evidence = tuple(Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(p.conditions)) + \
        tuple(Evidence(f"asks[{i}]", a) for i, a in enumerate(p.asks))
    return FactValue(bool(p.conditions or p.asks), evidence)







@fact("proposal.is_upgrade", BOOL,
      "The move upgrades the relationship's label: kind relationship_upgrade, or a new_label above the current tier.",
      sources=("kind", "new_label", "profile.tier"))
def proposal_is_upgrade(s: Situation) -> FactValue:
    p, rank = s.proposal, s.vocabulary.tier_rank
    evidence = []
    if p.kind == "relationship_upgrade":
        evidence.append(Evidence("kind", p.kind))
    if p.new_label is not None and rank[p.new_label] > rank[s.partner.tier]:
        evidence += [Evidence("new_label", p.new_label), Evidence("profile.tier", s.partner.tier)]
    return FactValue(bool(evidence), tuple(evidence))


@fact("proposal.new_label", TIER, "The tier the move proposes (none when it proposes no label).", category="tier",
      sources=("new_label",))
def proposal_new_label(s: Situation) -> FactValue:
    label = s.proposal.new_label
    return FactValue(label or "none", (Evidence("new_label", label),) if label else ())



@fact("proposal.public", BOOL, "The move is public.", sources=("public",))
def proposal_public(s: Situation) -> FactValue:
    return FactValue(s.proposal.public, (Evidence("public", s.proposal.public),))


# --- the partner ----------------------------------------------------------------




@fact("partner.tier", TIER, "The relationship's tier, ordered on the vocabulary's tier ladder.", category="tier",
      sources=("profile.tier",))
def partner_tier(s: Situation) -> FactValue:
    return FactValue(s.partner.tier, (Evidence("profile.tier", s.partner.tier),))


@fact("partner.below_alliance", BOOL, "The partner's tier is below alliance: a partner, not a treaty ally.",
      sources=("profile.tier",))
def partner_below_alliance(s: Situation) -> FactValue:
    rank = s.vocabulary.tier_rank
    return FactValue(rank[s.partner.tier] < rank["alliance"], (Evidence("profile.tier", s.partner.tier),))


@fact("partner.hedging", TERM, "The partner's posture between the actor and its rivals.", category="hedging",
      may_be_unknown=True, sources=("profile.hedging",))
def partner_hedging(s: Situation) -> FactValue:
    h = s.partner.hedging
    if h is None:
        return FactValue("unknown", (), ("profile.hedging",))
    return FactValue(h, (Evidence("profile.hedging", h),))


@fact("partner.political_system", TERM, "The partner's political system.", category="political_system",
      may_be_unknown=True, sources=("profile.political_system",))
def partner_political_system(s: Situation) -> FactValue:
    ps = s.partner.political_system
    if ps is None:
        return FactValue("unknown", (), ("profile.political_system",))
    return FactValue(ps, (Evidence("profile.political_system", ps),))


@fact("partner.accession_candidate", BOOL,
      "The partner formally seeks to join the actor's alliance or union (conditions are its price of entry).",
      sources=("profile.accession_candidate",))
def partner_accession_candidate(s: Situation) -> FactValue:
    value = s.partner.accession_candidate
    return FactValue(value, (Evidence("profile.accession_candidate", value),))


@fact("partner.red_lines", TERMS, "The partner's declared red lines.", category="red_line", may_be_unknown=True,
      grows=True, sources=("profile.red_lines",))
def partner_red_lines(s: Situation) -> FactValue:
    value = _items(s.partner.red_lines, "profile.red_lines")
    return value if s.partner.given("red_lines") else FactValue([], (), ("profile.red_lines",))


@fact("partner.red_lines_crossed", TERMS,
      "The partner's red lines that the move crosses, per the vocabulary's red-line table (unknown only when the "
      "profile omits its red lines and the move would cross one in the table).", category="red_line",
      may_be_unknown=True, grows=True, sources=("profile.red_lines", "asks", "conditions", "measures", "against"))
def partner_red_lines_crossed(s: Situation) -> FactValue:
    crossed, evidence = [], []
    for i, line in enumerate(s.partner.red_lines):
        spec = s.vocabulary.spec.red_lines.get(line)
        triggers = _red_line_triggers(s, spec.crossed_by) if spec else []
        if triggers and line not in crossed:
            crossed.append(line)
            evidence += [Evidence(f"profile.red_lines[{i}]", line)] + triggers
    missing = ()
    if not s.partner.given("red_lines") and any(_red_line_triggers(s, spec.crossed_by)
                                                for spec in s.vocabulary.spec.red_lines.values()):
        missing = ("profile.red_lines",)
    return FactValue(crossed, tuple(dict.fromkeys(evidence)), missing)


def _red_line_triggers(s: Situation, crossed_by) -> list[Evidence]:
    """The proposal fields that cross a red line defined by ``crossed_by`` (empty: not crossed)."""
    p, v = s.proposal, s.vocabulary
    hits: list[Evidence] = []
    hits += [Evidence(f"asks[{i}]", a) for i, a in enumerate(p.asks) if a in crossed_by.asks]
    hits += [Evidence(f"conditions[{i}].requires", c.requires) for i, c in enumerate(p.conditions)
             if c.requires in crossed_by.requires
             or (crossed_by.requires_reform and v.is_reform_requirement(c.requires))]
    if crossed_by.names_adversary:
        hits += [Evidence(f"names_as_adversary[{i}]", n) for i, n in enumerate(p.names_as_adversary)]
    if crossed_by.side_taking:
        hits += [Evidence(f, a) for f, a in _side_taking(s)]
    if crossed_by.measures_with_pressure and p.measures and (p.conditions or p.asks):
        hits += [Evidence(f"measures[{i}]", m) for i, m in enumerate(p.measures)]
    if p.against:
        hits += [Evidence(f"cooperation[{i}]", c) for i, c in enumerate(p.cooperation)
                 if c in crossed_by.cooperation_against]
    if crossed_by.side_taking_against_dependency and _side_taking(s):
        sectors = set(crossed_by.side_taking_against_dependency)
        deps = {d.party: (i, d) for i, d in enumerate(s.partner.dependencies) if d.sector in sectors}
        for i, party in enumerate(p.against):
            if party in deps:
                j, d = deps[party]
                hits += [Evidence(f"against[{i}]", party), Evidence(f"profile.dependencies[{j}].sector", d.sector)]
    return list(dict.fromkeys(hits))


@fact("partner.contested_issues", TERMS,
      "Issue areas the partner disputes with the actor (`disputes`) or holds a divergent or opposed stance on.",
      category="issue_area", may_be_unknown=True, grows=True, sources=("profile.disputes", "profile.stances"))
def partner_contested_issues(s: Situation) -> FactValue:
    p = s.partner
    issues = [d.issue for d in p.disputes] + [k for k, v in p.stances.items() if v in ("divergent", "opposed")]
    evidence = [Evidence(f"profile.disputes[{i}].issue", d.issue) for i, d in enumerate(p.disputes)]
    evidence += [Evidence(f"profile.stances.{k}", v) for k, v in p.stances.items() if v in ("divergent", "opposed")]
    missing = tuple(f"profile.{f}" for f in ("disputes", "stances") if not p.given(f))
    return FactValue(list(dict.fromkeys(issues)), tuple(evidence), missing)


@fact("partner.binding_commitment", BOOL,
      "The partner is bound to support the actor: a treaty ally, or a member of a binding forum the move is made in.",
      sources=("profile.tier", "forum.binding", "forum.members"))
def partner_binding_commitment(s: Situation) -> FactValue:
    if s.partner.tier == "alliance":
        return FactValue(True, (Evidence("profile.tier", "alliance"),))
    f = s.forum
    if f is not None and f.binding and s.partner.id in f.members:
        return FactValue(True, (Evidence("forum.binding", True), Evidence("forum.members", s.partner.id)))
    return FactValue(False, (Evidence("profile.tier", s.partner.tier),))


# --- the proposal against the partner ------------------------------------------------


@fact("conditions.contested", TERMS,
      "What the move's conditions require, where the required issue is one the partner disputes or opposes.",
      category="requirement", may_be_unknown=True, grows=True,
      sources=("conditions[].requires", "profile.disputes", "profile.stances"))
def conditions_contested(s: Situation) -> FactValue:
    return _contested_conditions(s, lambda c: c.requires)


@fact("conditions.contested_at_stake", TERMS,
      "The cooperation at stake in the conditions counted by `conditions.contested`.", category="issue_area",
      may_be_unknown=True, grows=True, sources=("conditions[].at_stake",))
def conditions_contested_at_stake(s: Situation) -> FactValue:
    return _contested_conditions(s, lambda c: c.at_stake)


def _contested_conditions(s: Situation, pick: Callable[[Any], str]) -> FactValue:
    chosen, evidence, missing = [], [], []
    for i, c in enumerate(s.proposal.conditions):
        issue = s.vocabulary.issue_of(c.requires)
        contested, why, lacking = _contested(s, issue) if issue else (False, [], [])
        if contested:
            chosen.append(pick(c))
            evidence += [Evidence(f"conditions[{i}].at_stake", c.at_stake),
                         Evidence(f"conditions[{i}].requires", c.requires)] + why
        missing += lacking
    return FactValue(list(dict.fromkeys(chosen)), tuple(dict.fromkeys(evidence)), tuple(dict.fromkeys(missing)))


@fact("ties.against_tied", IDS, "Parties in `against` with which the partner has ties (any tier).",
      may_be_unknown=True, grows=True, sources=("against", "profile.ties"))
def ties_against_tied(s: Situation) -> FactValue:
    return _parties(s, s.proposal.against, "against", _ties_at_least("none"), "ties")


@fact("ties.adversaries_strategic", IDS,
      "Parties the move names as adversary with which the partner has a strategic-partnership-or-higher tie.",
      may_be_unknown=True, grows=True, sources=("names_as_adversary", "profile.ties"))
def ties_adversaries_strategic(s: Situation) -> FactValue:
    return _parties(s, s.proposal.names_as_adversary, "names_as_adversary", _ties_at_least("strategic_partnership"),
                    "ties")


def _ties_at_least(tier: str) -> Callable[[Situation], dict[str, tuple[str, Any]]]:
    def relation(s: Situation) -> dict[str, tuple[str, Any]]:
        rank = s.vocabulary.tier_rank
        return {t.party: (f"profile.ties[{i}].tier", t.tier) for i, t in enumerate(s.partner.ties)
                if rank[t.tier] >= rank[tier]}

    return relation


@fact("dependencies.against_high", IDS, "Parties in `against` on which the partner depends heavily (level high).",
      may_be_unknown=True, grows=True, sources=("against", "profile.dependencies"))
def dependencies_against_high(s: Situation) -> FactValue:
    def relation(sit: Situation) -> dict[str, tuple[str, Any]]:
        return {d.party: (f"profile.dependencies[{i}].sector", d.sector)
                for i, d in enumerate(sit.partner.dependencies) if d.level == "high"}

    return _parties(s, s.proposal.against, "against", relation, "dependencies")


# --- the forum -------------------------------------------------------------------------


@fact("forum.present", BOOL, "The move is made in or about a forum.", sources=("forum",))
def forum_present(s: Situation) -> FactValue:
    return FactValue(s.forum is not None, (Evidence("forum", s.forum.id),) if s.forum else ())


@fact("forum.id", TEXT, "The forum's id (empty without a forum).", display_only=True)
def forum_id(s: Situation) -> FactValue:
    return FactValue(s.forum.id if s.forum else "")


@fact("forum.name", TEXT, "The forum's name (empty without a forum).", display_only=True)
def forum_name(s: Situation) -> FactValue:
    return FactValue(s.forum.name if s.forum else "")


@fact("forum.kind", TERM, "The forum's kind (`none` without a forum).", category="forum_kind", sources=("forum.kind",))
def forum_kind(s: Situation) -> FactValue:
    return FactValue(s.forum.kind, (Evidence("forum.kind", s.forum.kind),)) if s.forum else FactValue("none")


@fact("forum.binding", BOOL, "The forum was founded by a treaty with obligations.", sources=("forum.binding",))
def forum_binding(s: Situation) -> FactValue:
    return FactValue(s.forum.binding, (Evidence("forum.binding", s.forum.binding),)) if s.forum else FactValue(False)


@fact("forum.outside_scope", TERMS,
      "Issue areas the move adds to or pursues in the forum that lie outside the scope it was set up for.",
      category="issue_area", may_be_unknown=True, grows=True,
      sources=("adds_to_agenda", "cooperation", "forum.scope"))
def forum_outside_scope(s: Situation) -> FactValue:
    f = s.forum
    if f is None:
        return FactValue([])
    if "scope" not in f.model_fields_set:
        return FactValue([], (), ("forum.scope",))
    scope = set(f.scope)
    pairs = [(field, issue) for field, issue in _pursued(s) if issue not in scope]
    evidence = tuple(Evidence(field, issue) for field, issue in pairs)
    if pairs:
        evidence += (Evidence("forum.scope", tuple(f.scope)),)
    return FactValue(list(dict.fromkeys(i for _, i in pairs)), evidence)


@fact("forum.member_diverging", TERMS,
      "Issue areas the move pursues in the forum on which this partner's stance is divergent or opposed.",
      category="issue_area", may_be_unknown=True, grows=True,
      sources=("cooperation", "adds_to_agenda", "profile.stances"))
def forum_member_diverging(s: Situation) -> FactValue:
    if s.forum is None:
        return FactValue([])
    chosen, evidence, missing = [], [], []
    for field_name, issue in _pursued(s):
        stance = s.partner.stances.get(issue)
        if stance in ("divergent", "opposed"):
            chosen.append(issue)
            evidence += [Evidence(field_name, issue), Evidence(f"profile.stances.{issue}", stance)]
        elif stance is None:
            missing.append(f"profile.stances.{issue}")
    return FactValue(list(dict.fromkeys(chosen)), tuple(evidence), tuple(dict.fromkeys(missing)))


def derive(situation: Situation, names: Iterable[str]) -> dict[str, FactValue]:
    """The facts ``names`` for one situation (an engine derives only what its policies need)."""
    return {name: CATALOGUE[name].derive(situation) for name in names}


def derive_all(situation: Situation) -> dict[str, FactValue]:
    """Every fact of the catalogue for one situation, in catalogue order."""
    return derive(situation, CATALOGUE)


def in_catalogue_order(names: Iterable[str]) -> tuple[str, ...]:
    wanted = set(names)
    return tuple(name for name in CATALOGUE if name in wanted)
