"""Case files: their keys (validated like every input), and the loaded cases and outcomes.

A case file under ``cases/`` is either *per policy* (``policy: <id>`` at the top: only that
policy's finding is considered, like a linter's rule cases) or a *scenario* (no ``policy``:
every policy runs and the expectation covers them all). See cases/README.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec
from pydantic import Field, field_validator

from ..core.results import Assessment
from ..model.common import Ident, InputModel, Text, as_mapping, term
from ..model.parties_file import PartySpec
from ..model.situation import Situation

SHORTHANDS = ("fires", "silent", "undecided")


class ExpectedFinding(InputModel):
    """A finding a case expects, and as much of it as the case pins."""

    id: Ident | None = None  # optional only under `finding:` in a per-policy file (the file's policy)
    severity: term("severity") | None = None
    message: Text | None = None  # the exact message
    message_contains: Text | None = None
    confidence: Literal["low", "medium", "high"] | None = None
    evidence: dict[str, Any] | None = None  # field -> value pairs that must be among its evidence
    missing: list[Text] | None = None  # the exact profile fields it reports missing


class ExpectedUndecided(InputModel):
    id: Ident
    missing: list[Text] | None = None  # the exact profile fields that left it undecided


class ExpectSpec(InputModel):
    """An expectation mapping; a bare policy id in a list stands for `{id: ...}`."""

    findings: list[ExpectedFinding] | None = None  # the exact set
    includes: list[ExpectedFinding] = Field(default_factory=list)
    excludes: list[Ident] = Field(default_factory=list)
    undecided: list[ExpectedUndecided] | None = None  # the exact set ([]: nothing undecided)
    finding: ExpectedFinding | None = None  # per-policy files: the policy fires, with these details

    _ids = field_validator("findings", "includes", "undecided", mode="before")(as_mapping("id"))


class FixturesSpec(InputModel):
    """Profiles a case file defines for its own cases (found before the library's)."""

    include: list[Text] = Field(default_factory=list)  # fixture files (`*.fixtures.yaml`), relative to the case file
    parties: dict[str, PartySpec] = Field(default_factory=dict)  # added to the party registry for these cases
    partners: list[Any] = Field(default_factory=list)
    forums: list[Any] = Field(default_factory=list)

    @field_validator("include", mode="before")
    @classmethod
    def _one_or_more(cls, value):
        return [value] if isinstance(value, str) else value


class FixturesFile(InputModel):
    """A `*.fixtures.yaml` file: profiles several case files share."""

    parties: dict[str, PartySpec] = Field(default_factory=dict)
    partners: list[Any] = Field(default_factory=list)
    forums: list[Any] = Field(default_factory=list)


class CaseSpec(InputModel):
    name: Ident
    partner: Any
    forum: Any = None
    proposal: Any
    expect: Any
    todo: Text | None = None
    source: Text | None = None
    today: str | None = None


class CaseFileSpec(InputModel):
    policy: Ident | None = None
    description: Text = ""
    today: str | None = None
    fixtures: FixturesSpec | None = None
    cases: list[Any]

    @field_validator("fixtures", mode="before")
    @classmethod
    def _a_file(cls, value):
        return {"include": [value]} if isinstance(value, str) else value


class Expectation(msgspec.Struct, frozen=True):
    findings: tuple[ExpectedFinding, ...] | None
    includes: tuple[ExpectedFinding, ...]
    excludes: tuple[str, ...]
    undecided: tuple[ExpectedUndecided, ...] | None  # the exact set, when the case says it

    def ids(self) -> set[str]:
        found = [e.id for e in (self.findings or ()) + self.includes]
        return set(found) | set(self.excludes) | {u.id for u in self.undecided or ()}


class Case(msgspec.Struct, frozen=True):
    path: str
    line: int
    index: int
    name: str
    policy: str | None
    situation: Situation
    expect: Expectation
    today: dt.date
    todo: str | None = None
    source: str | None = None

    @property
    def node_id(self) -> str:
        return f"{self.path}::{self.name}"


class CaseFile(msgspec.Struct):
    path: str
    policy: str | None
    cases: list[Case] = msgspec.field(default_factory=list)


class Outcome(msgspec.Struct, frozen=True):
    """The result of one case: passed or not, and the lines that say why."""

    case: Case
    assessment: Assessment
    problems: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.case.todo:
            return "todo-passes" if not self.problems else "todo"
        return "failed" if self.problems else "passed"

    @property
    def counts_as_failure(self) -> bool:
        return self.status == "failed"


DEFAULT_TODAY = dt.date(2025, 11, 24)
