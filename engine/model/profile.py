"""Partner profile: how one actor sees one partner (docs/inputs.md, v1 and Contract v2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, StrictBool

from .common import InputModel, IsoDate, IssueArea, PartyId, PartyIdent, RedLineTerm, Sector, Text, Tier, term
from .reading import ProfileReading
from .source_entry import Sources


class Dispute(InputModel):
    issue: IssueArea
    intensity: term("intensity") = "medium"
    summary: Text = ""


class Tie(InputModel):
    party: PartyId
    tier: Tier


class Dependency(InputModel):
    party: PartyId  # a third party, or the actor itself (the partner depends on the actor)
    sector: Sector
    level: term("level")


class PartnerProfile(ProfileReading, InputModel):
    id: PartyIdent
    name: Text
    actor: PartyId = "united_states"
    as_of: IsoDate | None = None
    sources: Sources = Field(default_factory=list)  # free text, or {id, text or url, date, supports}
    tier: Tier
    tier_status: Literal["active", "dormant", "frozen"] = "active"  # only with tier: alliance
    label: Text | None = None  # the relationship's own name (tier stays the nearest rung)
    since: int | None = Field(default=None, ge=1800, le=2200)
    political_system: term("political_system") | None = None
    hedging: term("hedging") | None = None
    stances: dict[IssueArea, term("stance")] = Field(default_factory=dict)
    disputes: list[Dispute] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    red_lines: list[RedLineTerm] = Field(default_factory=list)
    memberships: list[PartyId] = Field(default_factory=list)
    accession_candidate: StrictBool = False
    _notes: tuple = PrivateAttr(default=())  # Diagnostics loading found worth saying (engine.model.coherence)
