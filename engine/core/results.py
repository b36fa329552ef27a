"""The result models: what an assessment returns, and the JSON contract every renderer reads.

``schema_version`` 2 (docs/inputs.md, Contract v2 section 11): findings about a forum itself go
in ``forum_findings`` once, naming the members they concern; each assessment carries ``notes``.
Optional parts (explanations, suggestions) are attached to the models by the analyses that
compute them and appear in the output only when present.

The engine makes its results with :func:`made`: their values are its own, already of the field types, so
nothing is validated, and a run that renders text never builds a validator (docs/benchmarks.md, "The
cold start").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from ..model.severity import SEVERITY_ORDER
from ..values import written

SCHEMA_VERSION = 2
M = TypeVar("M", bound=BaseModel)


def _without_absent(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Drop the optional parts that were not computed (None), so they do not appear as null."""
    for name in names:
        if data.get(name) is None:
            data.pop(name, None)
    return data


class _Model(BaseModel):
    """Base of the result models: each built when it is first used (``defer_build``), so a process that never
    makes an explanation or a suggestion does not build their validators (docs/benchmarks.md)."""

    model_config = ConfigDict(defer_build=True)


def made(cls: type[M], /, **values: Any) -> M:
    """A result model of the engine's own values, unvalidated: what ``model_construct`` makes for these models
    (no aliases, extras or private attributes), at a third of its cost, which matters on the hot path (a dozen
    per assessment, where a validation would build the model's validator on a cold run)."""
    plan = _PLANS.get(cls) or _plan(cls)
    if tuple(values) == plan.names:  # every field, in order: the fields as given (the output's key order)
        data = values
    elif not plan.required <= values.keys():
        raise TypeError(f"{cls.__name__} needs {', '.join(sorted(plan.required - values.keys()))}")
    else:
        data = {
            name: values[name] if name in values else (factory() if factory else default)
            for name, default, factory in plan.fields
        }
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", data)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


class _Plan(NamedTuple):
    names: tuple[str, ...]
    required: frozenset[str]
    fields: tuple[tuple[str, Any, Callable[[], Any] | None], ...]  # in order: name, default, default factory


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type[BaseModel]) -> _Plan:
    fields = cls.model_fields
    _PLANS[cls] = _Plan(
        tuple(fields),
        frozenset(name for name, field in fields.items() if field.is_required()),
        tuple((name, field.default, field.default_factory) for name, field in fields.items()),
    )
    return _PLANS[cls]


class EvidenceItem(_Model):
    field: str
    value: Any
    text: str = ""  # the evidence as a sentence (engine/core/wording.py)


class WaiverNote(_Model):
    reason: str
    owner: str
    expires: str


class SuggestedEdit(_Model):
    op: str  # remove | add | clear
    field: str
    value: Any


class Suggestion(_Model):
    """A set of edits to the proposal that clears a finding without raising another at its severity or above."""

    advice: str
    edits: list[SuggestedEdit]


class Finding(_Model):
    id: str
    severity: str
    title: str
    message: str
    rationale: str
    source: str
    quote: str
    recommendation: str
    references: list[str]
    evidence: list[EvidenceItem]
    concerns: list[str] = []  # the elements of the proposal the evidence points at, in words
    confidence: str
    missing: list[str]
    waived: WaiverNote | None = None
    suggestions: list[Suggestion] | None = None  # with --suggest

    @model_serializer(mode="wrap")
    def _serialize(self, handler) -> dict[str, Any]:
        return _without_absent(handler(self), "suggestions")


class ForumFinding(Finding):
    """A finding about a forum itself (a policy with `about: forum`), reported once for the members it concerns."""

    forum: str | None
    members: list[str]


class Undecided(_Model):
    id: str
    severity: str
    title: str
    missing: list[str]


class ConditionNode(_Model):
    """One node of a policy's condition as written, with its three-valued verdict (true/false/unknown)."""

    kind: str  # all | any | not | test
    value: str
    children: list[ConditionNode] = Field(default_factory=list)
    fact: str | None = None
    op: str | None = None
    expected: Any = None
    actual: Any = None
    evidence: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)

    @property
    def test(self) -> str:
        return f"{self.fact} {self.op} {written(self.expected)}"

    @model_serializer(mode="plain")
    def _serialize(self) -> dict[str, Any]:
        if self.kind == "test":
            return {
                "test": self.test,
                "value": self.value,
                "actual": self.actual,
                "evidence": self.evidence,
                "missing": self.missing,
            }
        return {self.kind: [c._serialize() for c in self.children], "value": self.value}


class ExplainedFact(_Model):
    fact: str
    type: str
    value: Any
    sources: list[str]  # the input fields it came from ("from" in JSON)
    missing: list[str]

    @model_serializer(mode="plain")
    def _serialize(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "type": self.type,
            "value": self.value,
            "from": self.sources,
            "missing": self.missing,
        }


class Explanation(_Model):
    """Why one policy fired, stayed silent or could not be decided."""

    policy: str
    severity: str
    verdict: str  # fired | silent | undecided
    condition: ConditionNode
    blocking: list[ConditionNode]  # what kept it from firing
    facts: list[ExplainedFact]

    @model_serializer(mode="plain")
    def _serialize(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "severity": self.severity,
            "verdict": self.verdict,
            "condition": self.condition._serialize(),
            "kept_silent_by": [n.test for n in self.blocking],
            "facts": [f._serialize() for f in self.facts],
        }


class PartnerExplanations(_Model):
    partner: str
    policies: list[Explanation]


class Assessment(_Model):
    partner: str
    partner_name: str
    forum: str | None
    profile_as_of: str | None
    profile_stale: bool
    findings: list[Finding]
    undecided: list[Undecided]
    notes: list[str] = Field(default_factory=list)  # sorted: the relationship's label, what was not checked...


class NotAssessed(_Model):
    party: str
    reason: str


class Result(_Model):
    schema_version: int
    proposal: str
    title: str
    engine_version: str
    policy_pack: str
    forum_findings: list[ForumFinding] = Field(default_factory=list)
    assessments: list[Assessment]
    not_assessed: list[NotAssessed]
    summary: dict[str, int]
    explanations: list[PartnerExplanations] | None = None  # with --explain
    suggested: bool = Field(default=False, exclude=True)  # with --suggest: every finding's suggestions are set

    @model_serializer(mode="wrap")
    def _serialize(self, handler) -> dict[str, Any]:
        return _without_absent(handler(self), "explanations")

    def highest(self) -> str | None:
        """The highest severity among findings that are not waived."""
        findings = [*self.forum_findings, *(f for a in self.assessments for f in a.findings)]
        severities = [f.severity for f in findings if f.waived is None]
        return max(severities, key=SEVERITY_ORDER.__getitem__) if severities else None


def reaches(results: list[Result], fail_on: str) -> bool:
    """Whether any finding that is not waived is at or above ``fail_on`` ('none': never)."""
    if fail_on == "none":
        return False
    highest = [SEVERITY_ORDER[h] for h in (r.highest() for r in results) if h is not None]
    return bool(highest) and max(highest) >= SEVERITY_ORDER[fail_on]


class ExplanationReport(_Model):
    """`entente explain`: why each policy fired or stayed silent, per partner of one proposal."""

    proposal: str
    partners: list[PartnerExplanations]
    partner_names: dict[str, str] = Field(default_factory=dict, exclude=True)
