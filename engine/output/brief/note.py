"""Briefing-ready risk notes: what a principal reads, built from an assessment.

:func:`build_note` turns a resolved proposal and its result into a :class:`Note` (plain data:
bottom line first, then the proposal, partner context, risks, mitigations, the coalition view
for forum moves, and the record). Templates (Jinja2, sandboxed) render it as Markdown or HTML;
:mod:`engine.output.brief.pdf` prints the HTML to PDF.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.engine import Engine, Options
from ...core.library import Library
from ...core.notes import forum_status
from ...core.resolve import Resolved
from ...core.results import Result
from ...model import PartnerProfile
from ...model.severity import SEVERITIES
from ...model.situation import Situation
from ...values import prose, words, written

DEFAULT_MARKING = "UNCLASSIFIED // FOR OFFICIAL USE: DRAFT ASSESSMENT"
TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class PartnerContext:
    id: str
    name: str
    tier: str
    tier_position: str
    since: int | None
    political_system: str
    hedging: str
    ties: list[str]
    stances: list[tuple[str, str]]  # (issue the move touches, stance)
    disputes: list[str]
    red_lines: list[str]
    as_of: str
    age_days: int | None
    stale: bool
    sources: list[str]


@dataclass
class Risk:
    partner: str
    id: str
    severity: str
    title: str
    message: str
    rationale: str
    quote: str
    source: str
    recommendation: str
    evidence: list[str]
    confidence: str
    waived: str = ""


@dataclass
class Note:
    title: str
    proposal_id: str
    date: str
    marking: str
    engine_version: str
    policy_pack: str
    rating: str
    counts: list[tuple[str, int]]
    bottom_line: str
    mitigation: str
    proposal: dict[str, Any]
    partners: list[PartnerContext]
    risks: list[tuple[str, list[Risk]]]
    mitigations: list[tuple[str, list[str]]]  # (recommendation, policy ids)
    coalition: dict[str, Any] | None
    record: dict[str, Any]
    undecided: list[str] = field(default_factory=list)


def _phrase(terms: list[str]) -> str:
    return prose([words(t) for t in terms])


def _touched_issues(resolved: Resolved) -> list[str]:
    p = resolved.proposal
    vocabulary_free = list(p.cooperation) + list(p.adds_to_agenda) + [r.issue for r in p.raises_disputes]
    vocabulary_free += [c.at_stake for c in p.conditions]
    return list(dict.fromkeys(vocabulary_free))


def partner_context(profile: PartnerProfile, resolved: Resolved, engine: Engine, options: Options) -> PartnerContext:
    tiers = engine.pack.vocabulary.terms["tier"]
    rank = tiers.index(profile.tier)
    issues = _touched_issues(resolved) + [
        i for c in resolved.proposal.conditions if (i := engine.pack.vocabulary.issue_of(c.requires))
    ]
    issues = list(dict.fromkeys(issues))
    age = (options.today - profile.as_of).days if profile.as_of else None
    return PartnerContext(
        id=profile.id,
        name=profile.name,
        tier=profile.tier,
        tier_position=f"{rank + 1} of {len(tiers)} on the ladder ({' < '.join(tiers)})",
        since=profile.since,
        political_system=profile.political_system or "not stated",
        hedging=profile.hedging or "not stated",
        ties=[f"{t.party} ({t.tier})" for t in profile.ties],
        stances=[(i, profile.stances.get(i, "not stated")) for i in issues],
        disputes=[
            f"{d.issue} ({d.intensity}): {d.summary}" if d.summary else f"{d.issue} ({d.intensity})"
            for d in profile.disputes
        ],
        red_lines=list(profile.red_lines),
        as_of=profile.as_of.isoformat() if profile.as_of else "not stated",
        age_days=age,
        stale=age is None or age > options.max_age_days,
        sources=[s.cited for s in profile.sources],
    )


def _digest(resolved: Resolved) -> str:
    payload = {
        "proposal": resolved.proposal.model_dump(mode="json"),
        "partners": [p.model_dump(mode="json") for p in resolved.partners],
        "forum": resolved.forum.model_dump(mode="json") if resolved.forum else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def coalition_view(resolved: Resolved, engine: Engine, library: Library, options: Options) -> dict[str, Any] | None:
    """One row per forum member with a profile, one column per policy that fired for any member; a dormant or
    superseded forum says so after its name."""
    forum = resolved.forum
    if forum is None:
        return None
    rows, not_assessed = [], []
    for member in forum.members:
        if member == resolved.proposal.actor:
            continue
        if not library.has_partner(member):
            not_assessed.append(member)
            continue
        profile = library.partner(member)
        assessment = engine.assess_situation(Situation(resolved.proposal, profile, forum, resolved.vocabulary), options)
        rows.append((profile.name, {f.id: f.severity for f in assessment.findings}))
    fired = {pid for _, cells in rows for pid in cells}
    policies = [p.id for p in engine.pack.policies if p.id in fired]
    status = forum_status(forum, resolved.vocabulary)
    return {
        "forum": f"{forum.name}, {status}" if status else forum.name,
        "status": status or "active",
        "policies": policies,
        "rows": [(name, [cells.get(pid, "") for pid in policies]) for name, cells in rows],
        "not_assessed": not_assessed,
    }


def _risks(result: Result) -> tuple[list[tuple[str, list[Risk]]], list[str]]:
    """The findings as risks grouped by severity (highest first), and the caveats on the data behind them."""
    by_severity: dict[str, list[Risk]] = {}
    caveats: list[str] = []
    for a in result.assessments:
        for f in a.findings:
            by_severity.setdefault(f.severity, []).append(
                Risk(
                    partner=a.partner_name,
                    id=f.id,
                    severity=f.severity,
                    title=f.title,
                    message=f.message,
                    rationale=f.rationale,
                    quote=f.quote,
                    source=f.source,
                    recommendation=f.recommendation,
                    evidence=[f"{e.field} = {written(e.value)}" for e in f.evidence],
                    confidence=f.confidence,
                    waived=(
                        f"waived until {f.waived.expires} by {f.waived.owner}: {f.waived.reason}" if f.waived else ""
                    ),
                )
            )
            if f.missing:
                caveats.append(
                    f"{f.id} for {a.partner_name}: confidence {f.confidence}; the profile lacks " + ", ".join(f.missing)
                )
        for u in a.undecided:
            caveats.append(
                f"{u.id} could not be decided for {a.partner_name}: the profile lacks {', '.join(u.missing)}"
            )
        if a.profile_stale:
            caveats.append(f"The profile of {a.partner_name} is stale (as of {a.profile_as_of}); confidence lowered")
    return [(s, by_severity[s]) for s in reversed(SEVERITIES) if s in by_severity], caveats


def _mitigations(risks: list[tuple[str, list[Risk]]]) -> list[tuple[str, list[str]]]:
    """Each recommendation once, with the policies it answers."""
    mitigations: dict[str, list[str]] = {}
    for _, group in risks:
        for r in group:
            ids = mitigations.setdefault(r.recommendation, [])
            if r.id not in ids:
                ids.append(r.id)
    return list(mitigations.items())


def _proposal_summary(resolved: Resolved, result: Result) -> dict[str, Any]:
    p = resolved.proposal
    names = {a.partner: a.partner_name for a in result.assessments}
    return {
        "actor": p.actor.replace("_", " ").title(),
        "partners": [names.get(x.id, x.name) for x in resolved.partners],
        "forum": resolved.forum.name if resolved.forum else "none",
        "kind": p.kind.replace("_", " "),
        "summary": " ".join(p.summary.split()),
        "offered": _phrase(list(p.cooperation)),
        "asked": _phrase([a.ask for a in p.asks]),
        "conditioned": "; ".join(
            f"{c.at_stake.replace('_', ' ')} on {c.requires.replace('_', ' ')}" for c in p.conditions
        )
        or "none",
        "measures": _phrase([m.measure if m.status == "imposed" else f"{m.measure} ({m.status})" for m in p.measures]),
        "against": _phrase(list(p.against) + [x for x in p.names_as_adversary if x not in p.against]),
        "agenda": _phrase(list(p.adds_to_agenda)),
    }


def build_note(
    resolved: Resolved,
    result: Result,
    engine: Engine,
    library: Library,
    options: Options,
    marking: str = DEFAULT_MARKING,
) -> Note:
    p = resolved.proposal
    risks, caveats = _risks(result)
    counts = [(s, result.summary.get(s, 0)) for s in reversed(SEVERITIES) if result.summary.get(s, 0)]
    top = risks[0][1][0] if risks else None
    if top:
        bottom, mitigation = top.message, top.recommendation
    else:
        bottom = (
            "No risk found at any severity: the move is consistent with the guidance for "
            + _phrase([a.partner_name for a in result.assessments])
            + "."
        )
        mitigation = "Proceed; keep the cooperation ring-fenced from disagreements elsewhere."
    record = {
        "inputs_digest": _digest(resolved),
        "policies": [x.id for x in engine.pack.policies],
        "engine_version": result.engine_version,
        "policy_pack": result.policy_pack,
        "profile_ages": [(a.partner_name, a.profile_as_of or "not stated") for a in result.assessments],
        "caveats": caveats,
        "not_assessed": [n.party for n in result.not_assessed],
    }
    return Note(
        title=p.title,
        proposal_id=p.id,
        date=options.today.isoformat(),
        marking=marking,
        engine_version=result.engine_version,
        policy_pack=result.policy_pack,
        rating=top.severity if top else "none",
        counts=counts,
        bottom_line=bottom,
        mitigation=mitigation,
        proposal=_proposal_summary(resolved, result),
        partners=[partner_context(x, resolved, engine, options) for x in resolved.partners],
        risks=risks,
        mitigations=_mitigations(risks),
        coalition=coalition_view(resolved, engine, library, options),
        record=record,
    )
