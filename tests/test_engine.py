"""The engine's assessment record (engine/core/engine.py), apart from what any policy decides."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from engine.core.engine import Engine, Options
from engine.core.evidence import Sentences
from engine.core.findings import Decided, by_severity, finding
from engine.facts import derive
from tests.conftest import POLICIES, TODAY, build, with_policies
from tests.strategies import forums, partners, proposals

OPTIONS = Options(today=dt.date(2026, 11, 24))


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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(partner=partners(), proposal=proposals(), forum=forums())
def test_findings_sharing_their_situation_s_sentences_equal_findings_built_alone(
    engine, pack, partner, proposal, forum
):
    """An assessment works out each evidence sentence, each message and each policy's condition facts once for
    all its findings: every finding equals the one built alone, from nothing shared."""
    situation = build(pack, partner, proposal, forum)
    assessment = engine.assess_situation(situation, OPTIONS)
    values = derive(situation, engine.needed)
    fired = engine.fired(values)
    weak = assessment.profile_stale or situation.partner.as_of is None
    alone = by_severity(
        [
            finding(p, engine.texts[p.id], values, fired, weak, situation, Sentences(situation), Decided([p]))
            for p in pack.policies
            if p.id in fired
        ]
    )
    assert assessment.findings == alone


def test_evidence_sentences_tell_true_from_one(pack):
    """The sentences of one situation are kept by field, value and the value's type: ``True`` and ``1`` are
    equal in Python, and each still reads as itself, whichever is said first."""
    situation = build(pack)
    wording = Sentences(situation)
    first, second = wording.evidence("profile.label", True), wording.evidence("profile.label", 1)
    assert first != second
    assert first == Sentences(situation).evidence("profile.label", True)
    assert second == Sentences(situation).evidence("profile.label", 1)


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
    # Two policies treated as about the forum: each gives one forum finding, naming the members it fired for.
    from engine.core.findings import forum_findings
    from tests.test_suggest import OPTIONS, situations

    assessments = [
        Engine(pack).assess_situation(s, OPTIONS)
        for name, s in situations(pack)
        if name == "iuu-fishing-add-human-rights"
    ]
    assert [(a.partner, [f.id for f in a.findings]) for a in assessments] == [
        ("vietnam", ["minilateral-scope-creep", "forum-member-divergence"]),
        ("indonesia", ["minilateral-scope-creep"]),
        ("philippines", ["minilateral-scope-creep"]),
    ]
    about = forum_findings(assessments, {"minilateral-scope-creep", "forum-member-divergence"})
    assert [(f.id, f.severity, f.forum, f.members) for f in about] == [
        ("minilateral-scope-creep", "high", "iuu_fishing_partnership", ["indonesia", "philippines", "vietnam"]),
        ("forum-member-divergence", "medium", "iuu_fishing_partnership", ["vietnam"]),
    ]
    assert [a.findings for a in assessments] == [[], [], []]


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


def test_engine_for_keeps_one_engine_per_pack_digest(pack):
    from engine.core.engine import engine_for
    from engine.core.pack import load_pack
    from tests.conftest import ROOT

    first = engine_for(pack)
    assert engine_for(pack) is first
    assert engine_for(load_pack(POLICIES)) is first  # another compile of the same pack: the same digest
    frozen = engine_for(load_pack(ROOT / "tests" / "fixtures" / "packs" / "v1"))
    assert frozen is not first
    assert frozen.pack.digest != pack.digest
    assert engine_for(load_pack(ROOT / "tests" / "fixtures" / "packs" / "v1")) is frozen


def test_the_values_a_message_reads_are_a_mapping_of_each_fact_to_its_value():
    from engine.core.findings import _FactValues
    from engine.facts.registry import FactValue

    values = _FactValues({"partner.tier": FactValue("alliance", missing=("tier",)), "proposal.public": FactValue(True)})
    assert dict(values) == {"partner.tier": "alliance", "proposal.public": True}
    assert list(values) == ["partner.tier", "proposal.public"]
    assert len(values) == 2


def with_red_line(policies: Path, name: str, description: str, crossed_by: str):
    """The pack in ``policies`` (a copy) with a red line of its own added to its vocabulary, loaded."""
    from engine.core.pack import load_pack

    vocabulary = policies / "vocabulary.yaml"
    added = f"red_lines:\n  {name}:\n    description: {description}\n    crossed_by: {crossed_by}\n"
    vocabulary.write_text(vocabulary.read_text().replace("red_lines:\n", added, 1))
    return load_pack(policies)


def red_line_crossing(pack, situation):
    """The one red-line-crossing finding of ``situation``."""
    [crossing] = [
        f
        for f in Engine(pack).assess_situation(situation, Options(today=TODAY)).findings
        if f.id == "red-line-crossing"
    ]
    return crossing


def test_a_red_line_against_siding_with_anyone_the_partner_depends_on(tmp_path):
    """A pack's own red line crossed by a side-taking ask aimed at a party the partner depends on in a given
    sector (no shipped red line uses this trigger): the evidence names the ask, its target and the dependency,
    and asks of other classes are passed over."""
    policies = Path(shutil.copytree(POLICIES, tmp_path / "policies"))
    pack = with_red_line(
        policies,
        "no_siding_against_suppliers",
        "The partner will not take sides against those who supply its energy.",
        "{side_taking_against_dependency: [energy]}",
    )
    partner = {
        "red_lines": ["no_siding_against_suppliers"],
        "dependencies": [
            {"party": "japan", "sector": "trade", "level": "high"},
            {"party": "china", "sector": "energy", "level": "high"},
        ],
    }
    asks = [{"ask": "intelligence_sharing", "against": ["china"]}, {"ask": "public_condemnation", "against": ["china"]}]
    situation = build(pack, partner=partner, proposal={"kind": "commitment_request", "asks": asks})
    assert [(e.field, e.value) for e in red_line_crossing(pack, situation).evidence] == [
        ("profile.red_lines[0]", "no_siding_against_suppliers"),
        ("asks[1]", "public_condemnation"),
        ("asks[1].against[0]", "china"),
        ("profile.dependencies[1].sector", "energy"),
    ]
    # Siding against an armed group the partner depends on is no siding against a supplier.
    partner["dependencies"].append({"party": "hamas", "sector": "energy", "level": "high"})
    against_a_group = build(
        pack, partner=partner, proposal={"kind": "commitment_request", "asks": [asks[1] | {"against": ["hamas"]}]}
    )
    findings = Engine(pack).assess_situation(against_a_group, Options(today=TODAY)).findings
    assert "red-line-crossing" not in [f.id for f in findings]
    # A red line crossed by an ask and by pressure names both.
    pack = with_red_line(
        policies,
        "no_condemnation_under_pressure",
        "The partner will not condemn anyone while pressed.",
        "{asks: [public_condemnation], measures_with_pressure: true}",
    )
    pressed = build(
        pack,
        partner={"red_lines": ["no_condemnation_under_pressure"]},
        proposal={"kind": "coercive_measure", "asks": ["public_condemnation"], "measures": ["tariffs"]},
    )
    assert [(e.field, e.value) for e in red_line_crossing(pack, pressed).evidence] == [
        ("profile.red_lines[0]", "no_condemnation_under_pressure"),
        ("asks[0]", "public_condemnation"),
        ("measures[0]", "tariffs"),
    ]


def test_a_red_line_crossed_by_an_ask_and_a_condition_names_both(pack):
    """The fact's own evidence (a finding's evidence also gathers that of the policy's other facts)."""
    from engine.facts import derive_all

    situation = build(
        pack,
        partner={"red_lines": ["no_interference_internal_affairs"]},
        proposal={
            "kind": "conditionality",
            "asks": ["statement_retraction"],
            "conditions": [{"at_stake": "trade", "requires": "democratization"}],
        },
    )
    crossed = derive_all(situation)["partner.red_lines_crossed"]
    assert crossed.value == ["no_interference_internal_affairs"]
    assert [(e.field, e.value) for e in crossed.evidence] == [
        ("profile.red_lines[0]", "no_interference_internal_affairs"),
        ("asks[0]", "statement_retraction"),
        ("conditions[0].requires", "democratization"),
    ]


def test_a_red_line_crossed_by_an_ask_and_by_naming_an_adversary_names_both(tmp_path):
    """A pack's own red line with both triggers (no shipped red line combines them)."""
    from engine.facts import derive_all

    pack = with_red_line(
        Path(shutil.copytree(POLICIES, tmp_path / "policies")),
        "no_retraction_nor_enemies",
        "The partner will neither retract nor be told whom to oppose.",
        "{asks: [statement_retraction], names_adversary: true}",
    )
    situation = build(
        pack,
        partner={"red_lines": ["no_retraction_nor_enemies"]},
        proposal={"kind": "public_statement", "asks": ["statement_retraction"], "names_as_adversary": ["china"]},
    )
    crossed = derive_all(situation)["partner.red_lines_crossed"]
    assert [(e.field, e.value) for e in crossed.evidence] == [
        ("profile.red_lines[0]", "no_retraction_nor_enemies"),
        ("asks[0]", "statement_retraction"),
        ("names_as_adversary[0]", "china"),
    ]


def coercion_on_tariffs(pack):
    """The shipped coercion-of-partner policy, and a situation where it fires alone (tariffs on Testland)."""
    [coercion] = [p for p in pack.policies if p.id == "coercion-of-partner"]
    return coercion, build(pack, proposal={"kind": "coercive_measure", "measures": ["tariffs"]})


def test_a_finding_carries_its_policy_s_references_and_an_undecided_policy_its_title(assess, pack):
    a = assess(
        proposal={"kind": "commitment_request", "asks": ["sanctions_alignment", "basing_access"], "against": ["china"]},
        drop=("ties",),
    )
    policies = {p.id: p for p in pack.policies}
    [obligation] = a.findings
    assert obligation.id == "alliance-obligation-ask"
    assert obligation.references == list(policies["alliance-obligation-ask"].references) != []
    undecided = {u.id: u for u in a.undecided}
    assert undecided["forced-binary-choice"].title == policies["forced-binary-choice"].title
    assert undecided["forced-binary-choice"].missing == ["profile.ties"]


@pytest.mark.parametrize(
    "as_of, confidence",
    [pytest.param("2025-10-01", "medium", id="missing-data"), pytest.param("2023-01-01", "low", id="and-stale")],
)
def test_missing_data_lowers_a_finding_s_confidence_one_level_and_a_stale_profile_one_more(assess, as_of, confidence):
    """A policy fires on what is known (a dispute raised in the package) while one of its facts is unknown (the
    partner's stance on an ask's issue): the finding names the missing data and says so in its confidence."""
    a = assess(
        partner={"as_of": as_of, "disputes": [{"issue": "export_controls", "intensity": "high"}]},
        proposal={
            "cooperation": ["supply_chains"],
            "raises_disputes": [{"issue": "export_controls", "channel": "same_package"}],
            "asks": [{"ask": "territorial_concession", "issue": "health_security"}],
        },
    )
    [bundling] = [f for f in a.findings if f.id == "dispute-bundling"]
    assert (bundling.confidence, bundling.missing) == (confidence, ["profile.stances.health_security"])


def test_a_variant_s_own_facts_are_in_its_finding_s_evidence(pack):
    """The evidence of a finding whose variant applies comes from the policy's condition and the variant's."""
    import msgspec

    from engine.policy.language import Comparison
    from engine.policy.policy import Variant

    coercion, situation = coercion_on_tariffs(pack)
    hedged = Variant(Comparison("partner.hedging", "is", "hedging"), severity="low", lower_confidence=True)
    variant_pack = with_policies(pack, msgspec.structs.replace(coercion, variants=(hedged,)))
    [found] = Engine(variant_pack).assess_situation(situation, Options(today=TODAY)).findings
    assert [(e.field, e.value) for e in found.evidence] == [("measures[0]", "tariffs"), ("profile.hedging", "hedging")]
    assert (found.severity, found.confidence) == ("low", "medium")


def test_a_message_shared_by_findings_of_one_assessment_is_filled_in_once(pack, monkeypatch):
    """Two policies with the same message template (a copy of a policy under another id): one assessment
    renders the template once and both findings say the same."""
    import msgspec

    from engine.core import findings

    coercion, situation = coercion_on_tariffs(pack)
    twice = with_policies(pack, coercion, msgspec.structs.replace(coercion, id="coercion-again"))
    rendered = []
    real = findings.render_template
    monkeypatch.setattr(findings, "render_template", lambda *a: (rendered.append(a[0]), real(*a))[1])
    first, second = Engine(twice).assess_situation(situation, Options(today=TODAY)).findings
    assert rendered == [coercion.message]
    assert first.message == second.message == "The move aims tariffs at Testland, a partner."


def test_a_condition_requiring_a_reform_is_one_reform_demand_with_one_piece_of_evidence(pack):
    """`domestic_reform` required by a condition and asked directly: each is a demand of its own, and the
    condition's is not counted a second time as an ask (asks made by a condition are told apart)."""
    situation = build(
        pack,
        proposal={
            "kind": "conditionality",
            "conditions": [{"at_stake": "trade", "requires": "domestic_reform"}],
            "asks": ["domestic_reform"],
        },
    )
    demands = derive(situation, ["proposal.reform_demands"])["proposal.reform_demands"]
    assert demands.value == ["domestic_reform"]
    assert [(e.field, e.value) for e in demands.evidence] == [
        ("conditions[0].requires", "domestic_reform"),
        ("asks[0]", "domestic_reform"),
    ]
