"""Forum: a bilateral, minilateral or multilateral format."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool

from .common import Ident, InputModel, IssueArea, PartyId, Text, term
from .source_entry import Sources

STATUSES = ("active", "dormant", "superseded")


class Forum(InputModel):
    id: Ident  # a forum whose id is a party id is that body (forum `brics` is party `brics`)
    name: Text
    kind: term("forum_kind") = "minilateral"
    members: list[PartyId] = Field(default_factory=list)
    scope: list[IssueArea] = Field(default_factory=list)
    established: int | None = Field(default=None, ge=1800, le=2200)
    binding: StrictBool = False
    status: Literal["active", "dormant", "superseded"] = "active"  # dormant: no activity on record
    superseded_by: Ident | None = None  # the forum that took over (only with status: superseded)
    sources: Sources = Field(default_factory=list)
