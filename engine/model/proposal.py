"""Proposed action: the policy move to vet (docs/inputs.md, v1 and Contract v2)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .common import (
    Ask,
    Ident,
    InputModel,
    IssueArea,
    Measure,
    PartyId,
    Requirement,
    Sector,
    Text,
    Tier,
    as_mapping,
    term,
)
from .reading import ProposalReading


class Condition(InputModel):
    """Cooperation made contingent on something the partner must do."""

    at_stake: IssueArea
    requires: Requirement
    issue: IssueArea | None = None  # the issue the requirement touches (default: from the asks, else the term)
    offered: StrictBool = False  # cooperation the move newly offers (an inducement)
    sector: list[Sector] | None = None  # replaces the sectors of `at_stake` for this condition


class AskItem(InputModel):
    """A commitment requested of the partner (v1: a bare term)."""

    ask: Ask
    issue: IssueArea | None = None
    against: list[PartyId] | None = None  # the parties this ask is aimed at (default: the proposal's `against`)


class MeasureItem(InputModel):
    """A coercive measure aimed at the partner (v1: a bare term, imposed)."""

    measure: Measure
    status: Literal["imposed", "threatened", "conditional", "lifted"] = "imposed"
    from_: dt.date | None = Field(default=None, alias="from")  # a threat announced with a start date
    sector: list[Sector] | None = None  # replaces the measure's sectors for this item


class Deliverable(InputModel):
    """Content that comes with an upgrade (v1: free text, substantive)."""

    text: Text
    kind: term("deliverable_kind") | None = None  # None: v1 free text, counted as substantive
    status: Literal["agreed", "planned"] = "agreed"


class RaisedDispute(InputModel):
    """A disputed issue the move raises (v1: a bare issue area, put into the same package)."""

    issue: IssueArea
    channel: Literal["same_package", "separate"] = "same_package"


class Proposal(ProposalReading, InputModel):
    id: Ident
    title: Text
    summary: Text = ""
    actor: PartyId = "united_states"
    partner: PartyId | None = None
    partners: list[PartyId] = Field(default_factory=list)
    forum: Ident | None = None
    kind: term("action_kind") = "new_cooperation"
    cooperation: list[IssueArea] = Field(default_factory=list)
    adds_to_agenda: list[IssueArea] = Field(default_factory=list)
    adds_members: list[PartyId] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    asks: list[AskItem] = Field(default_factory=list)
    against: list[PartyId] = Field(default_factory=list)
    names_as_adversary: list[PartyId] = Field(default_factory=list)
    implied_adversary: list[PartyId] = Field(default_factory=list)
    raises_disputes: list[RaisedDispute] = Field(default_factory=list)
    new_label: Tier | None = None
    new_label_text: Text | None = None
    deliverables: list[Deliverable] = Field(default_factory=list)
    measures: list[MeasureItem] = Field(default_factory=list)
    public: StrictBool = True

    _asks = field_validator("asks", mode="before")(as_mapping("ask"))
    _measures = field_validator("measures", mode="before")(as_mapping("measure"))
    _deliverables = field_validator("deliverables", mode="before")(as_mapping("text"))
    _disputes = field_validator("raises_disputes", mode="before")(as_mapping("issue"))

    @model_validator(mode="after")
    def _coherent(self) -> Proposal:
        if self.partner is None and not self.partners and self.forum is None:
            raise PydanticCustomError(
                "no_partner",
                "the proposal names no partner",
                {"help": "add `partner: <profile id>`, `partners: [..]`, or a `forum:` whose members are assessed"},
            )
        both = [(i, p) for i, p in enumerate(self.implied_adversary) if p in self.names_as_adversary]
        if both:
            raise PydanticCustomError(
                "named_and_implied",
                "'{party}' is both named and implied as the adversary",
                {
                    "party": both[0][1],
                    "at": ("implied_adversary", both[0][0]),
                    "help": "keep it in `names_as_adversary` (the framing names it) or in "
                    "`implied_adversary` (it does not), not in both",
                },
            )
        return self._check_de_escalation()._check_actor_not_targeted()

    def _check_de_escalation(self) -> Proposal:
        if self.kind != "de_escalation":
            return self
        pressing = [m.measure for m in self.measures if m.status in ("imposed", "threatened")]
        if pressing or not any(m.status == "lifted" for m in self.measures):
            raise PydanticCustomError(
                "not_de_escalation",
                "a de_escalation move lifts at least one measure and imposes or threatens none",
                {
                    "help": "give the lifted measures `status: lifted`"
                    + (f"; {', '.join(pressing)} is imposed or threatened: choose another kind" if pressing else ""),
                    "at": ("kind",),
                },
            )
        return self

    def _check_actor_not_targeted(self) -> Proposal:
        targets = [*self.against, *self.names_as_adversary, *self.implied_adversary]
        targets += [p for a in self.asks for p in a.against or []]
        if self.actor in targets:
            raise PydanticCustomError(
                "actor_targeted",
                "the move names its own actor '{actor}' as a target",
                {"actor": self.actor, "help": "remove it: `against` and the adversary lists name third parties"},
            )
        return self
