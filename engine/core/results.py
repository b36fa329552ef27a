"""The results: what an assessment returns, and the JSON contract every renderer reads.

``schema_version`` 2 (docs/inputs.md, Contract v2 section 11): findings about a forum itself go
in ``forum_findings`` once, naming the members they concern; each assessment carries ``notes``.
Optional parts (explanations, suggestions) are attached to the results by the analyses that
compute them and appear in the output only when present.

The results are the engine's own values (msgspec Structs, docs/architecture.md "Two kinds of value type"):
nothing validates them, and a run that renders them never imports pydantic's model machinery
(docs/benchmarks.md, "The cold start"). :func:`data` writes one as the JSON contract; :func:`stored_result`
reads a result back from that form (the service's record, `entente history`). The API's OpenAPI document
describes them by pydantic models made from these classes (engine/service/schemas.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec

from ..model.severity import SEVERITY_ORDER
from ..values import written

SCHEMA_VERSION = 2
_PLAIN = (str, int, float, bool, type(None))


class _Result(msgspec.Struct, kw_only=True):
    """Base of the results. ``HIDDEN`` fields are not written; ``ABSENT_WHEN_NONE`` ones only when computed."""

    HIDDEN: ClassVar[tuple[str, ...]] = ()
    ABSENT_WHEN_NONE: ClassVar[tuple[str, ...]] = ()

    def data(self) -> dict[str, Any]:
        """The result as the JSON contract writes it (the fields in order)."""
        out = {}
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if name in self.HIDDEN or (value is None and name in self.ABSENT_WHEN_NONE):
                continue
            out[name] = data(value)
        return out


def written_as_fields(cls: type) -> bool:
    """Whether a result class writes its JSON as its fields (not by a ``data()`` of its own)."""
    return cls.data is _Result.data


def data(value: Any) -> Any:
    """``value`` (a result, or what a result holds) as JSON data: what ``--format json`` writes."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, _Result):
        return value.data()
    if isinstance(value, (list, tuple)):
        return [data(v) for v in value]
    if isinstance(value, dict):
        return {k: data(v) for k, v in value.items()}
    return msgspec.to_builtins(value)  # a date, a set... inside an evidence value


def stored_result(stored: dict[str, Any]) -> Result:
    """A :class:`Result` read back from its JSON data (the record's copy), without its explanations."""
    return msgspec.convert({k: v for k, v in stored.items() if k != "explanations"}, Result)


class EvidenceItem(_Result, kw_only=True):
    field: str
    value: Any
    text: str = ""  # the evidence as a sentence (engine/core/wording.py)


class WaiverNote(_Result, kw_only=True):
    reason: str
    owner: str
    expires: str


class SuggestedEdit(_Result, kw_only=True):
    op: str  # remove | add | clear
    field: str
    value: Any


class Suggestion(_Result, kw_only=True):
    """A set of edits to the proposal that clears a finding without raising another at its severity or above."""

    advice: str
    edits: list[SuggestedEdit]


class Finding(_Result, kw_only=True):
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

    ABSENT_WHEN_NONE: ClassVar[tuple[str, ...]] = ("suggestions",)


class ForumFinding(Finding, kw_only=True):
    """A finding about a forum itself (a policy with `about: forum`), reported once for the members it concerns."""

    forum: str | None
    members: list[str]


class Undecided(_Result, kw_only=True):
    id: str
    severity: str
    title: str
    missing: list[str]


class ConditionNode(_Result, kw_only=True):
    """One node of a policy's condition as written, with its three-valued verdict (true/false/unknown)."""

    kind: str  # all | any | not | test
    value: str
    children: list[ConditionNode] = []
    fact: str | None = None
    op: str | None = None
    expected: Any = None
    actual: Any = None
    evidence: list[str] = []
    missing: list[str] = []

    @property
    def test(self) -> str:
        return f"{self.fact} {self.op} {written(self.expected)}"

    def data(self) -> dict[str, Any]:
        if self.kind == "test":
            return {
                "test": self.test,
                "value": self.value,
                "actual": self.actual,
                "evidence": self.evidence,
                "missing": self.missing,
            }
        return {self.kind: [c.data() for c in self.children], "value": self.value}


class ExplainedFact(_Result, kw_only=True):
    fact: str
    type: str
    value: Any
    sources: list[str]  # the input fields it came from ("from" in JSON)
    missing: list[str]

    def data(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "type": self.type,
            "value": self.value,
            "from": self.sources,
            "missing": self.missing,
        }


class Explanation(_Result, kw_only=True):
    """Why one policy fired, stayed silent or could not be decided."""

    policy: str
    severity: str
    verdict: str  # fired | silent | undecided
    condition: ConditionNode
    blocking: list[ConditionNode]  # what kept it from firing
    facts: list[ExplainedFact]

    def data(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "severity": self.severity,
            "verdict": self.verdict,
            "condition": self.condition.data(),
            "kept_silent_by": [n.test for n in self.blocking],
            "facts": [f.data() for f in self.facts],
        }


class PartnerExplanations(_Result, kw_only=True):
    partner: str
    policies: list[Explanation]


class Assessment(_Result, kw_only=True):
    partner: str
    partner_name: str
    forum: str | None
    profile_as_of: str | None
    profile_stale: bool
    findings: list[Finding]
    undecided: list[Undecided]
    notes: list[str] = []  # sorted: the relationship's label, what was not checked...


class NotAssessed(_Result, kw_only=True):
    party: str
    reason: str


class Result(_Result, kw_only=True):
    schema_version: int
    proposal: str
    title: str
    engine_version: str
    policy_pack: str
    forum_findings: list[ForumFinding] = []
    assessments: list[Assessment]
    not_assessed: list[NotAssessed]
    summary: dict[str, int]
    explanations: list[PartnerExplanations] | None = None  # with --explain
    suggested: bool = False  # with --suggest: every finding's suggestions are set (not written)

    HIDDEN: ClassVar[tuple[str, ...]] = ("suggested",)
    ABSENT_WHEN_NONE: ClassVar[tuple[str, ...]] = ("explanations",)

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


class ExplanationReport(_Result, kw_only=True):
    """`entente explain`: why each policy fired or stayed silent, per partner of one proposal."""

    proposal: str
    partners: list[PartnerExplanations]
    partner_names: dict[str, str] = {}  # not written

    HIDDEN: ClassVar[tuple[str, ...]] = ("partner_names",)
