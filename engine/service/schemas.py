"""What the API answers, described for the OpenAPI document (the routes build plain JSON data; these models
only say its shape, and the schemathesis run checks every answer against them)."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import msgspec
from pydantic import BaseModel, Field, create_model

from ..core import results

_DESCRIBED: dict[type, type[BaseModel]] = {}


def described(cls: type) -> Any:
    """The pydantic model that describes a result class (engine.core.results, msgspec Structs) in the document:
    the same name, docstring, fields in order and defaults, its hidden fields left out; a type that holds result
    classes with theirs in place. A class that writes its JSON its own way (its own ``data()``: a condition
    tree, an explanation) is refused: its fields are not what it writes, and the document says it by hand."""
    if isinstance(cls, type) and issubclass(cls, msgspec.Struct):
        if not results.written_as_fields(cls):
            raise TypeError(f"{cls.__name__} writes its own JSON (its data()): describe it by hand")
        if cls not in _DESCRIBED:
            fields = {
                f.name: (described(f.type), ... if f.required else _default(f))
                for f in msgspec.structs.fields(cls)
                if f.name not in cls.HIDDEN
            }
            _DESCRIBED[cls] = create_model(cls.__name__, __doc__=cls.__doc__, **fields)
        return _DESCRIBED[cls]
    args = typing.get_args(cls)
    if not args:
        return cls
    if typing.get_origin(cls) in (types.UnionType, typing.Union):
        return typing.Union[tuple(described(a) for a in args)]  # noqa: UP007 (a union built from a tuple)
    return typing.get_origin(cls)[tuple(described(a) for a in args)]


def _default(field: msgspec.structs.FieldInfo) -> Any:
    """A field's default as the document shows it (an empty list or mapping where the Struct makes a new one)."""
    return field.default_factory() if field.default is msgspec.NODEFAULT else field.default


Assessment, ForumFinding, NotAssessed = (
    described(c) for c in (results.Assessment, results.ForumFinding, results.NotAssessed)
)

Rating = Literal["none", "info", "low", "medium", "high", "critical"]


class ResultDoc(BaseModel):
    """The JSON contract of `entente vet --format json` (schema_version 2; docs/inputs.md)."""

    schema_version: int
    proposal: str
    title: str
    engine_version: str
    policy_pack: str
    forum_findings: list[ForumFinding]
    assessments: list[Assessment]
    not_assessed: list[NotAssessed]
    summary: dict[str, int]
    explanations: list[dict[str, Any]] | None = None


class AssessmentSummary(BaseModel):
    id: str
    created: str = Field(description="When it was made (UTC, ISO 8601).")
    who: str = Field(description="The token's name, `local` without one, or the user of `entente vet --record`.")
    source: Literal["api", "cli"]
    proposal: str
    title: str
    partners: list[str]
    rating: Rating = Field(description="The highest severity of a finding not waived, or none.")
    findings: int
    policy_pack: str
    engine_version: str
    rerun_of: str | None


class AssessmentCreated(AssessmentSummary):
    result: ResultDoc
    warnings: list[str] = Field(description="Profile notes and waivers expired or unused, as the CLI warns.")


class RequestAsGiven(BaseModel):
    media_type: str
    body: str
    query: dict[str, Any]


class AssessmentDetail(AssessmentSummary):
    inputs_digest: str
    pack_digest: str
    library_digest: str
    request: RequestAsGiven
    result: ResultDoc


class AssessmentPage(BaseModel):
    items: list[AssessmentSummary]
    total: int
    limit: int
    offset: int
    next: str | None = Field(description="The next page's URL, if any.")


class FindingRef(BaseModel):
    id: str
    severity: str


class Changed(BaseModel):
    id: str
    before: str
    after: str


class Change(BaseModel):
    subject: str = Field(description="A partner, or (forum) for the findings about the forum itself.")
    added: list[FindingRef]
    removed: list[FindingRef]
    severity: list[Changed]
    message: list[Changed]


class Rerun(BaseModel):
    before: AssessmentSummary
    after: AssessmentSummary
    pack_changed: bool
    library_changed: bool
    changed: bool
    changes: list[Change]


class ExplanationsDoc(BaseModel):
    proposal: str
    partners: list[dict[str, Any]]


class WhatIfOut(BaseModel):
    proposal: str
    baseline: list[dict[str, Any]]
    set: list[str] | None = None
    changes: list[dict[str, Any]] | None = None
    sweep: dict[str, Any] | None = None


class PolicyRow(BaseModel):
    id: str
    severity: str
    title: str


class PolicyDetail(PolicyRow):
    about: str
    rationale: dict[str, str]
    recommendation: str
    references: list[str]
    message: str
    file: str = Field(description="The policy file as written.")


class PartyRow(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str]
    members: list[str]


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]


class Version(BaseModel):
    engine_version: str
    api_version: str
    schema_version: int
    policy_pack: str
    pack_digest: str
    record_revision: str


DOCUMENTED = [
    ResultDoc,
    AssessmentSummary,
    AssessmentCreated,
    AssessmentDetail,
    AssessmentPage,
    Rerun,
    ExplanationsDoc,
    WhatIfOut,
    PolicyRow,
    PolicyDetail,
    PartyRow,
    Health,
    Version,
]
