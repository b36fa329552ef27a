"""The engine: derive facts, let durable_rules evaluate them, build sorted findings."""

from __future__ import annotations

import datetime as dt

import msgspec

from .. import __version__
from ..facts import FactValue, derive, in_catalogue_order
from ..model.severity import SEVERITIES
from ..model.situation import Situation
from ..rules.compile import POSSIBLE, SENTINEL, RecordBuilder, referenced_fields
from ..rules.durable_backend import DurableEvaluator
from ..rules.split import Parts
from .evidence import Sentences
from .findings import Decided, by_severity, finding, forum_findings, missing_data, policy_text
from .notes import notes_on
from .pack import Pack
from .resolve import Resolved
from .results import SCHEMA_VERSION, Assessment, NotAssessed, Result, Undecided

DEFAULT_MAX_AGE_DAYS = 365


class Options(msgspec.Struct, frozen=True):
    today: dt.date
    max_age_days: int = DEFAULT_MAX_AGE_DAYS


class Engine:
    """A policy pack compiled into durable_rules once; assesses any number of situations."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.rulesets = pack.rulesets
        self.fields = referenced_fields(self.rulesets)  # "t" included: every rule tests the record type
        self.record = RecordBuilder(pack.vocabulary, self.fields)  # values -> the record durable_rules evaluates
        self.evaluator = DurableEvaluator(self.rulesets, SENTINEL)
        self.parts = Parts(name for ruleset in self.rulesets for name in ruleset)  # rules split to fit the core
        self.texts = {policy.id: policy_text(policy) for policy in pack.policies}
        self.forum_policies = {policy.id for policy in pack.policies if policy.about == "forum"}
        self.decided = Decided(pack.policies)  # each policy's condition facts, for its findings
        self.needed = in_catalogue_order(name for policy in pack.policies for name in policy.facts_needed())

    def fired(self, values: dict[str, FactValue]) -> set[str]:
        return self.parts.resolve(self.evaluator.evaluate(self.record(values)))

    def assess_situation(self, situation: Situation, options: Options) -> Assessment:
        values = derive(situation, self.needed)
        fired = self.fired(values)
        partner = situation.partner
        stale = _stale(partner.as_of, options)
        findings, undecided = [], []
        wording = Sentences(situation)  # one for all the findings of the situation; says nothing until asked
        for policy in self.pack.policies:
            if policy.id in fired:
                weak = stale or partner.as_of is None
                text = self.texts[policy.id]
                findings.append(finding(policy, text, values, fired, weak, situation, wording, self.decided))
            elif policy.id + POSSIBLE in fired:
                missing = missing_data(policy, values, self.decided)
                undecided.append(Undecided(id=policy.id, severity=policy.severity, title=policy.title, missing=missing))
        return Assessment(
            partner=partner.id,
            partner_name=partner.name,
            forum=situation.forum.id if situation.forum else None,
            profile_as_of=partner.as_of.isoformat() if partner.as_of else None,
            profile_stale=stale,
            findings=by_severity(findings),
            undecided=by_severity(undecided),
            notes=notes_on(situation),
        )

    def assess(self, resolved: Resolved, options: Options) -> Result:
        assessments = [self.assess_situation(situation, options) for situation in resolved.situations()]
        about_forum = forum_findings(assessments, self.forum_policies)
        summary = dict.fromkeys(reversed(SEVERITIES), 0)
        for f in [*about_forum, *(f for a in assessments for f in a.findings)]:
            summary[f.severity] += 1
        return Result(
            schema_version=SCHEMA_VERSION,
            proposal=resolved.proposal.id,
            title=resolved.proposal.title,
            engine_version=__version__,
            policy_pack=self.pack.short_digest,
            forum_findings=about_forum,
            assessments=assessments,
            not_assessed=[NotAssessed(party=p, reason=r) for p, r in resolved.not_assessed],
            summary=summary,
        )


_ENGINES: dict[str, Engine] = {}


def engine_for(pack: Pack) -> Engine:
    """The compiled engine for a pack, built once per process per pack content."""
    if pack.digest not in _ENGINES:
        _ENGINES[pack.digest] = Engine(pack)
    return _ENGINES[pack.digest]


def _stale(as_of: dt.date | None, options: Options) -> bool:
    return as_of is not None and (options.today - as_of).days > options.max_age_days
