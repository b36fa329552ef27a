"""What a request may ask, whatever its form: the JSON bodies' keys, and the query options of a YAML body.

The ``*Body`` models validate JSON bodies (located errors, did-you-mean for unknown keys, as every input
file); the proposal and the inline profiles in them are validated afterwards as the files they stand for.
The ``*Doc`` models only describe the bodies in the OpenAPI document, with the input files' own schemas.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
from pydantic import BaseModel, Field

from ..core.engine import DEFAULT_MAX_AGE_DAYS
from ..core.waivers import WaiverSpec
from ..io.document import Document
from ..model import Forum, PartnerProfile, Proposal
from ..model.common import InputModel


class InlineProfiles(InputModel):
    partners: list[Any] = Field(default_factory=list)
    forums: list[Any] = Field(default_factory=list)


class RequestBody(InputModel):
    """The keys every body shares."""

    proposal: Any
    partners: list[str] | str | None = None  # ids, or "all" (every partner of the library)
    forum: str | None = None
    profiles: InlineProfiles = Field(default_factory=InlineProfiles)
    today: dt.date | None = None
    max_age: int = Field(DEFAULT_MAX_AGE_DAYS, ge=1)


class AssessBody(RequestBody):
    waivers: list[Any] = Field(default_factory=list)
    explain: bool = False
    suggest: bool = False


class WhatIfBody(RequestBody):
    set: list[str] = Field(default_factory=list)
    sweep: str | None = None


class ExplainBody(RequestBody):
    policies: list[str] = Field(default_factory=list)


class Asked(msgspec.Struct):
    """A request read: the proposal's document, where its partners and forum come from, and the options."""

    proposal: Document
    options: RequestBody
    profiles: list[tuple[str, Document]] = msgspec.field(default_factory=list)  # ("partner" | "forum", document)
    waivers: Document | None = None  # {"waivers": [...]}, positioned in the body


class InlineProfilesDoc(BaseModel):
    partners: list[PartnerProfile | str] = Field(
        default_factory=list, description="Partner profiles (objects, or YAML texts): used before the library's."
    )
    forums: list[Forum | str] = Field(default_factory=list, description="Forums (objects, or YAML texts).")


class RequestDoc(BaseModel):
    proposal: Proposal | str = Field(description="The proposal: an object, or the text of a proposal YAML file.")
    partners: list[str] | str | None = Field(
        None, description="Assess against these partners instead of the proposal's (ids), or `all`."
    )
    forum: str | None = Field(None, description="Assess in this forum instead of the proposal's (an id).")
    profiles: InlineProfilesDoc | None = None
    today: dt.date | None = Field(None, description="Reference date for profile staleness (default: today).")
    max_age: int = Field(DEFAULT_MAX_AGE_DAYS, ge=1, description="A profile older than this (days) is stale.")


class AssessDoc(RequestDoc):
    waivers: list[WaiverSpec] = Field(default_factory=list, description="Accepted risks, as in a waiver file.")
    explain: bool = Field(False, description="Add a why / why-not trace for every policy.")
    suggest: bool = Field(False, description="Per finding: the smallest edits to the proposal that clear it.")


class WhatIfDoc(RequestDoc):
    set: list[str] = Field(default_factory=list, description="FIELD=VALUE changes, e.g. partner.hedging=aligned.")
    sweep: str | None = Field(None, description="A field to try with every value it allows, e.g. partner.hedging.")


class ExplainDoc(RequestDoc):
    policies: list[str] = Field(default_factory=list, description="Explain only these policies.")


BODIES: dict[str, tuple[type[RequestBody], type[RequestDoc]]] = {
    "assess": (AssessBody, AssessDoc),
    "whatif": (WhatIfBody, WhatIfDoc),
    "explain": (ExplainBody, ExplainDoc),
}
