"""Proposed action: the policy move to vet."""

from __future__ import annotations

from pydantic import Field, StrictBool, model_validator

from .common import Ask, Ident, InputModel, IssueArea, Measure, Requirement, Text, Tier, term


class Condition(InputModel):
    at_stake: IssueArea
    requires: Requirement


class Proposal(InputModel):
    id: Ident
    title: Text
    summary: Text = ""
    actor: Ident = "united_states"
    partner: Ident | None = None
    partners: list[Ident] = Field(default_factory=list)
    forum: Ident | None = None
    kind: term("action_kind") = "new_cooperation"
    cooperation: list[IssueArea] = Field(default_factory=list)
    adds_to_agenda: list[IssueArea] = Field(default_factory=list)
    adds_members: list[Ident] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    asks: list[Ask] = Field(default_factory=list)
    against: list[Ident] = Field(default_factory=list)
    names_as_adversary: list[Ident] = Field(default_factory=list)
    raises_disputes: list[IssueArea] = Field(default_factory=list)
    new_label: Tier | None = None
    deliverables: list[Text] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    public: StrictBool = True

    @model_validator(mode="after")
    def _names_a_partner(self) -> Proposal:
        if self.partner is None and not self.partners and self.forum is None:
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError(
                "no_partner",
                "the proposal names no partner",
                {"help": "add `partner: <profile id>`, `partners: [..]`, or a `forum:` whose members are assessed"},
            )
        return self

    def partner_ids(self) -> list[str]:
        """The partners named explicitly, in order, without repeats."""
        named = ([self.partner] if self.partner else []) + list(self.partners)
        return list(dict.fromkeys(named))
