"""The risks of a note: every finding in words, highest severity first, each with its specific mitigation.

A risk's mitigation names the elements of the proposal its evidence points at (the condition, ask,
measure or agenda item that causes it), then says what to do about them (the policy's recommendation).
"""

from __future__ import annotations

import msgspec

from ...core.results import Finding, Result
from ...core.wording import missing_text
from ...model.severity import SEVERITY_ORDER
from ...model.vocabulary import Vocabulary
from ...values import prose


class Risk(msgspec.Struct):
    number: int
    id: str
    severity: str
    title: str
    partner: str  # whom it concerns: a partner's name, or the forum's members
    party: str  # the id of the partner whose assessment found it (a forum finding: its first member's)
    message: str
    evidence: list[str]  # sentences
    target: str  # the elements of the proposal that cause it, in words ("" when none is one)
    recommendation: str
    confidence: str
    confidence_note: str  # why the confidence is lowered ("" when it is not)
    waived: str  # "waived by ... until ...: reason" ("" when not waived)
    findings: int = 1

    @property
    def mitigation(self) -> str:
        """The recommendation, naming what to change."""
        return f"{capital(self.target)}: {self.recommendation}" if self.target else self.recommendation


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def waiver_text(f: Finding) -> str:
    w = f.waived
    return f"waived by {w.owner} until {w.expires}: {w.reason}" if w else ""


def _risk(f: Finding, partner: str, party: str, stale: bool, vocabulary: Vocabulary) -> Risk:
    why = []
    if f.missing:
        why.append("the profile lacks " + prose([missing_text(m, vocabulary) for m in f.missing]))
    if stale:
        why.append("the profile is older than the maximum age")
    return Risk(
        number=0,
        id=f.id,
        severity=f.severity,
        title=f.title,
        partner=partner,
        party=party,
        message=f.message,
        evidence=list(dict.fromkeys(capital(e.text) for e in f.evidence if e.text)),
        target=prose(f.concerns) if f.concerns else "",
        recommendation=f.recommendation,
        confidence=f.confidence,
        confidence_note="; ".join(why),
        waived=waiver_text(f),
    )


def risks_of(result: Result, vocabulary: Vocabulary) -> list[Risk]:
    """Every finding as a risk, numbered, highest severity first (forum findings before a partner's)."""
    names = {a.partner: a.partner_name for a in result.assessments}
    first = result.assessments[0].partner if result.assessments else ""
    risks = [
        _risk(
            f,
            "the forum: " + prose([names.get(m, vocabulary.name(m)) for m in f.members]),
            f.members[0] if f.members else first,
            False,
            vocabulary,
        )
        for f in result.forum_findings
    ]
    for a in result.assessments:
        risks += [_risk(f, a.partner_name, a.partner, a.profile_stale, vocabulary) for f in a.findings]
    risks.sort(key=lambda r: -SEVERITY_ORDER[r.severity])
    for n, r in enumerate(risks, start=1):
        r.number = n
    return risks
