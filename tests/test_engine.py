"""The engine's assessment record (engine/core/engine.py), apart from what any policy decides."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    "as_of, stale",
    [
        pytest.param("2024-01-01", True, id="older-than-365-days"),
        pytest.param("2024-11-23", True, id="366-days-old"),
        pytest.param("2024-11-24", False, id="exactly-365-days-old"),
        pytest.param("2025-10-01", False, id="fresh"),
    ],
)
def test_a_profile_is_stale_more_than_365_days_before_today(assess, as_of, stale):
    # today is 2025-11-24; the confidence this gives each finding is pinned in cases/scenarios/contract.yaml
    a = assess(partner={"as_of": as_of}, proposal={"kind": "coercive_measure", "measures": ["tariffs"]})
    assert a.profile_stale is stale


def fresh_assessment(pack, example: str):
    """An example assessed by a freshly built engine (not the session's: what it works out once is checked)."""
    from engine.core.engine import Engine, Options
    from engine.core.library import Library
    from engine.core.resolve import load_proposals
    from tests.conftest import PROFILES, ROOT

    library = Library.open(PROFILES, pack.vocabulary)
    ((_, resolved),) = load_proposals([ROOT / "examples" / example], library)
    return resolved, Engine(pack).assess(resolved, Options(today=dt.date(2026, 11, 24)))


def test_a_forum_policy_is_reported_once_for_the_forum_naming_the_members_it_concerns(pack):
    """The findings of `about: forum` policies move out of each member's assessment into one forum finding each;
    the other findings stay with their partner."""
    about_forum = {p.id for p in pack.policies if p.about == "forum"}
    resolved, result = fresh_assessment(pack, "iuu-fishing-add-human-rights.yaml")
    kept = [f.id for a in result.assessments for f in a.findings]
    assert result.forum_findings and kept  # the example has both kinds
    assert {f.id for f in result.forum_findings} <= about_forum and not about_forum & set(kept)
    for f in result.forum_findings:
        assert (f.forum, f.members) == (resolved.forum.id, sorted(p.id for p in resolved.partners))


def test_a_findings_fixed_texts_are_the_policys_on_one_line(pack):
    """Rationale, quote and recommendation: the policy's words, whitespace and line breaks normalised."""
    _, result = fresh_assessment(pack, "vietnam-supply-chain-conditioned.yaml")
    policies = pack.by_id()
    findings = [f for a in result.assessments for f in a.findings]
    assert findings
    for f in findings:
        policy = policies[f.id]
        said = (f.rationale, f.quote, f.recommendation, f.source)
        written = (policy.rationale.text, policy.rationale.quote, policy.recommendation, policy.rationale.source)
        assert [" ".join(t.split()) for t in written] == list(said)
