"""Findings: a fired policy (and the first of its variants that fired) made into a finding.

The severity, message and confidence come from the policy, or from its variant when one holds
(its own severity, message, or one level less confidence): the policy file says which, never code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from ..facts import CATALOGUE, FactValue
from ..model.severity import CONFIDENCES, SEVERITY_ORDER
from ..model.situation import Situation
from ..policy.language import comparisons
from ..policy.policy import Policy, Variant
from ..policy.template import render_template
from ..rules.compile import variant_rule
from .evidence import Sentences
from .results import Assessment, EvidenceItem, Finding, ForumFinding
from .wording import say


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


def policy_text(policy: Policy) -> dict[str, Any]:
    """A policy's fixed finding text, whitespace-normalised once per policy."""
    r = policy.rationale
    return {
        "id": policy.id,
        "title": policy.title,
        "rationale": " ".join(r.text.split()),
        "source": r.source,
        "quote": " ".join(r.quote.split()),
        "recommendation": " ".join(policy.recommendation.split()),
    }


def condition_facts(policy: Policy, variant: Variant | None = None) -> list[str]:
    """The facts that decided the finding: its condition's, and the applied variant's."""
    tests = comparisons(policy.when) + (comparisons(variant.when) if variant else [])
    return list(dict.fromkeys(t.fact for t in tests))


class Decided:
    """Each policy's condition facts, alone and with each of its variants, worked out once (an engine keeps one:
    its findings read them for every assessment)."""

    def __init__(self, policies: tuple[Policy, ...] | list[Policy]):
        self._facts: dict[tuple[str, int | None], tuple[str, ...]] = {}
        for policy in policies:
            self._facts[policy.id, None] = tuple(condition_facts(policy))
            for k, variant in enumerate(policy.variants):
                self._facts[policy.id, k] = tuple(condition_facts(policy, variant))

    def facts(self, policy: Policy, k: int | None = None) -> tuple[str, ...]:
        """The facts that decide ``policy``'s finding, with its variant ``k`` applied when given."""
        return self._facts[policy.id, k]


def missing_data(policy: Policy, values: dict[str, FactValue], decided: Decided) -> list[str]:
    return list(dict.fromkeys(m for name in decided.facts(policy) for m in values[name].missing))


def variant_index(policy: Policy, fired: set[str]) -> int | None:
    """The first of the policy's variants whose rule fired (its index)."""
    return next((k for k in range(len(policy.variants)) if variant_rule(policy.id, k) in fired), None)


def finding(
    policy: Policy,
    text: dict[str, Any],
    values: dict[str, FactValue],
    fired: set[str],
    weak_profile: bool,
    situation: Situation,
    wording: Sentences,
    decided: Decided,
) -> Finding:
    """``wording`` (the situation's sentences, and its messages filled in from ``values``) is shared by every
    finding of one assessment, ``decided`` (each policy's condition facts) by every assessment of an engine."""
    k = variant_index(policy, fired)
    variant = policy.variants[k] if k is not None else None
    missing = missing_data(policy, values, decided)
    evidence = list(dict.fromkeys(e for name in decided.facts(policy, k) for e in values[name].evidence))
    lower = bool(variant and variant.lower_confidence)
    level = len(CONFIDENCES) - 1 - bool(missing) - bool(weak_profile) - lower
    message = (variant.message if variant and variant.message else None) or policy.message
    rendered = wording.messages.get(message)  # the same template, the same facts: the same text
    if rendered is None:
        rendered = wording.messages[message] = render_template(
            message, _FactValues(values), lambda name, v: say(CATALOGUE[name].type, v, situation, name)
        )
    return Finding(
        **text,
        severity=(variant.severity if variant else None) or policy.severity,
        message=rendered,
        references=list(policy.references),
        evidence=[
            EvidenceItem(field=e.field, value=e.value, text=wording.evidence(e.field, e.value)) for e in evidence
        ],
        concerns=wording.concerns([e.field for e in evidence]),
        confidence=CONFIDENCES[max(level, 0)],
        missing=missing,
    )


def by_severity(findings: list) -> list:
    return sorted(findings, key=lambda f: (-SEVERITY_ORDER[f.severity], f.id))


def forum_findings(assessments: list[Assessment], forum_policies: set[str]) -> list[ForumFinding]:
    """Move the findings of forum policies out of the assessments: one per policy, naming the members it
    concerns (the finding itself as the first of them, in member order, has it)."""
    found: dict[str, tuple[Finding, list[str]]] = {}
    for a in assessments:
        kept = []
        for f in a.findings:
            if f.id in forum_policies:
                found.setdefault(f.id, (f, []))[1].append(a.partner)
            else:
                kept.append(f)
        a.findings = kept
    forum = next((a.forum for a in assessments if a.forum), None)
    return by_severity(
        [
            ForumFinding(**msgspec.structs.asdict(f), forum=forum, members=sorted(members))
            for f, members in found.values()
        ]
    )
