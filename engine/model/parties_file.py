"""The shape of a party registry file (``parties.yaml``): what validates it (engine.model.parties reads it)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import InputModel, Text


class MemberSpec(InputModel):
    party: Text
    since: dt.date | None = None
    until: dt.date | None = None


class PartySpec(InputModel):
    name: Text
    kind: Literal["state", "bloc", "organisation", "non_state_group"] = "state"
    article: Literal["the"] | None = None  # the name takes "the" inside a sentence ("the United States")
    aliases: list[Text] = Field(default_factory=list)
    members: list[Text | MemberSpec] = Field(default_factory=list)


class PartiesFile(InputModel):
    parties: dict[str, PartySpec]
