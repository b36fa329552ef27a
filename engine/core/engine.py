"""The engine: derive facts, let durable_rules evaluate them, build sorted findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..facts import FactValue, derive, in_catalogue_order
from ..model.severity import CONFIDENCES, SEVERITIES, SEVERITY_ORDER
from ..model.situation import Situation
from ..policy.policy import Policy
from ..policy.template import render_template
from ..rules.compile import POSSIBLE, SENTINEL, RecordBuilder, referenced_fields
from ..rules.durable_backend import DurableEvaluator
from ..rules.split import Parts
from .pack import Pack
from .resolve import Resolved
from .results import SCHEMA_VERSION, Assessment, EvidenceItem, Finding, NotAssessed, Result, Undecided

DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Options:
    today: dt.date
    max_age_days: int = DEFAULT_MAX_AGE_DAYS


class Engine:
    """A policy pack compiled into durable_rules once; assesses any number of situations."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.rulesets = pack.rulesets
        self.fields = referenced_fields(self.rulesets) | {"t"}
        self.record = RecordBuilder(pack.vocabulary, self.fields)  # values -> the record durable_rules evaluates
        self.evaluator = DurableEvaluator(self.rulesets, SENTINEL)
        self.parts = Parts(name for ruleset in self.rulesets for name in ruleset)  # rules split to fit the core
        self.texts = {policy.id: _policy_text(policy) for policy in pack.policies}
        self.needed = in_catalogue_order(name for policy in pack.policies for name in policy.facts_needed())

    def fired(self, values: dict[str, FactValue]) -> set[str]:
        return self.parts.resolve(self.evaluator.evaluate(self.record(values)))

    def assess_situation(self, situation: Situation, options: Options) -> Assessment:
        values = derive(situation, self.needed)
        fired = self.fired(values)
        partner = situation.partner
        stale = _stale(partner.as_of, options)
        findings, undecided = [], []
        for policy in self.pack.policies:
            if policy.id in fired:
                findings.append(_finding(policy, self.texts[policy.id], values, _missing(policy, values),
                                         stale or partner.as_of is None))
            elif policy.id + POSSIBLE in fired:
                undecided.append(Undecided(id=policy.id, severity=policy.severity, title=policy.title,
                                           missing=_missing(policy, values)))
        findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], f.id))
        undecided.sort(key=lambda u: (-SEVERITY_ORDER[u.severity], u.id))
        return Assessment(partner=partner.id, partner_name=partner.name,
                          forum=situation.forum.id if situation.forum else None,
                          profile_as_of=partner.as_of.isoformat() if partner.as_of else None,
                          profile_stale=stale, findings=findings, undecided=undecided)

    def assess(self, resolved: Resolved, options: Options) -> Result:
        assessments = [self.assess_situation(Situation(resolved.proposal, partner, resolved.forum, self.pack.vocabulary),
                                             options) for partner in resolved.partners]
        summary = {s: 0 for s in reversed(SEVERITIES)}
        for a in assessments:
            for f in a.findings:
                summary[f.severity] += 1
        return Result(schema_version=SCHEMA_VERSION, proposal=resolved.proposal.id, title=resolved.proposal.title,
                      engine_version=__version__, policy_pack=self.pack.short_digest, assessments=assessments,
                      not_assessed=[NotAssessed(party=p, reason=r) for p, r in resolved.not_assessed], summary=summary)


_ENGINES: dict[str, Engine] = {}


def engine_for(pack: Pack) -> Engine:
    """The compiled engine for a pack, built once per process per pack content."""
    if pack.digest not in _ENGINES:
        _ENGINES[pack.digest] = Engine(pack)
    return _ENGINES[pack.digest]


def _stale(as_of: dt.date | None, options: Options) -> bool:
    return as_of is not None and (options.today - as_of).days > options.max_age_days


def _missing(policy: Policy, values: dict[str, FactValue]) -> list[str]:
    return list(dict.fromkeys(m for name in policy.facts_used() for m in values[name].missing))


class _FactValues(Mapping):
    """fact name -> value, read through to the derived facts (what message templates fill in)."""

    def __init__(self, values: dict[str, FactValue]):
        self._values = values

    def __getitem__(self, name: str) -> Any:
        return self._values[name].value

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _policy_text(policy: Policy) -> dict[str, Any]:
    """A policy's fixed finding text, whitespace-normalised once per policy."""
    r = policy.rationale
    return {"id": policy.id, "severity": policy.severity, "title": policy.title, "rationale": " ".join(r.text.split()),
            "source": r.source, "quote": " ".join(r.quote.split()),
            "recommendation": " ".join(policy.recommendation.split())}


def _finding(policy: Policy, text: dict[str, Any], values: dict[str, FactValue], missing: list[str],
             weak_profile: bool) -> Finding:
    evidence = list(dict.fromkeys(e for name in policy.facts_used() for e in values[name].evidence))
    level = len(CONFIDENCES) - 1 - bool(missing) - bool(weak_profile)
    return Finding(
        **text, message=render_template(policy.message, _FactValues(values)),
        references=list(policy.references), evidence=[EvidenceItem(field=e.field, value=e.value) for e in evidence],
        confidence=CONFIDENCES[max(level, 0)], missing=missing)
