"""The house configuration file's settings (engine/core/config.py reads the file; every setting optional)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import InputModel, Text


class HouseConfig(InputModel):
    """The settings a house configuration may hold (every one optional)."""

    marking: Text | None = Field(default=None, min_length=1, max_length=200)
    drafter: Text | None = Field(default=None, min_length=1, max_length=200)
    cleared: Text | None = Field(default=None, min_length=1, max_length=200)
    paper: Literal["A4", "Letter"] | None = None
    annexes: Literal["none", "context", "full"] | None = None
    max_profile_age: int | None = Field(default=None, ge=1, le=36500)
    policies: Text | None = None
    profiles: Text | list[Text] | None = None  # a folder, or folders layered lowest first
