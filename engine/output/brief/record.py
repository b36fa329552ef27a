"""The annexes for the file: the doctrine behind each risk (once per policy), and the record of the
assessment (inputs digest, engine and pack, policies evaluated, data gaps, notes and waivers). The
record is the one place a note names identifiers: it is what a reviewer re-runs from.
"""

from __future__ import annotations

import hashlib
import json

import msgspec

from ...core.engine import Engine
from ...core.resolve import Resolved
from ...core.results import Result
from ...core.waivers import Waiver, WaiverReport
from .risks import Risk


class Doctrine(msgspec.Struct):
    id: str
    title: str
    rationale: str
    quote: str
    source: str
    references: list[str]
    risks: list[int]  # the numbers of the risks it explains


class Record(msgspec.Struct):
    inputs_digest: str
    engine_version: str
    policy_pack: str
    policies: list[str]
    findings: list[str]  # "R1 red-line-crossing (critical) for vietnam"
    profile_ages: list[tuple[str, str]]
    undecided: list[str]
    not_assessed: list[str]
    waivers_used: list[str]
    waivers_expired: list[str]
    waivers_unused: list[str]


def inputs_digest(resolved: Resolved) -> str:
    payload = {
        "proposal": resolved.proposal.model_dump(mode="json"),
        "partners": [p.model_dump(mode="json") for p in resolved.partners],
        "forum": resolved.forum.model_dump(mode="json") if resolved.forum else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def doctrine_of(risks: list[Risk], engine: Engine) -> list[Doctrine]:
    """Each policy behind a risk, once, in the order the risks come."""
    policies = engine.pack.by_id()
    out: dict[str, Doctrine] = {}
    for r in risks:
        if r.id not in out:
            text = engine.texts[r.id]
            out[r.id] = Doctrine(
                r.id, r.title, text["rationale"], text["quote"], text["source"], list(policies[r.id].references), []
            )
        out[r.id].risks.append(r.number)
    return list(out.values())


def _waiver(w: Waiver) -> str:
    s = w.spec
    scope = ", ".join(f"{k} {v}" for k, v in (("partner", s.partner), ("proposal", s.proposal)) if v)
    return f"{s.policy} ({scope}), owner {s.owner}, expires {s.expires.isoformat()}: {s.reason} (at {w.path}:{w.line})"


def record_of(resolved: Resolved, result: Result, engine: Engine, waivers: WaiverReport) -> Record:
    findings = [f"{f.id} ({f.severity}) for the forum {f.forum}" for f in result.forum_findings]
    findings += [f"{f.id} ({f.severity}) for {a.partner}" for a in result.assessments for f in a.findings]
    return Record(
        inputs_digest=inputs_digest(resolved),
        engine_version=result.engine_version,
        policy_pack=result.policy_pack,
        policies=[p.id for p in engine.pack.policies],
        findings=findings,
        profile_ages=[(a.partner, a.profile_as_of or "not stated") for a in result.assessments],
        undecided=[
            f"{u.id} for {a.partner}: lacks {', '.join(u.missing)}" for a in result.assessments for u in a.undecided
        ],
        not_assessed=[f"{n.party}: {n.reason}" for n in result.not_assessed],
        waivers_used=[_waiver(w) for w in waivers.used],
        waivers_expired=[_waiver(w) for w in waivers.expired],
        waivers_unused=[_waiver(w) for w in waivers.unused],
    )
