"""Partner profile: how one actor sees one partner (see docs/inputs.md)."""

from __future__ import annotations

from pydantic import Field, StrictBool

from .common import Ident, InputModel, IsoDate, IssueArea, RedLineTerm, Text, Tier, term


class Dispute(InputModel):
    issue: IssueArea
    intensity: term("intensity") = "medium"
    summary: Text = ""


class Tie(InputModel):
    party: Ident
    tier: Tier


class Dependency(InputModel):
    party: Ident
    sector: term("sector")
    level: term("level")


class PartnerProfile(InputModel):
    id: Ident
    name: Text
    actor: Ident = "united_states"
    as_of: IsoDate | None = None
    sources: list[Text] = Field(default_factory=list)
    tier: Tier
    since: int | None = Field(default=None, ge=1800, le=2200)
    political_system: term("political_system") | None = None
    hedging: term("hedging") | None = None
    stances: dict[IssueArea, term("stance")] = Field(default_factory=dict)
    disputes: list[Dispute] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    red_lines: list[RedLineTerm] = Field(default_factory=list)
    memberships: list[Ident] = Field(default_factory=list)
    accession_candidate: StrictBool = False

    def given(self, name: str) -> bool:
        """Whether the profile states ``name`` (an omitted field is unknown, not empty)."""
        return name in self.model_fields_set
