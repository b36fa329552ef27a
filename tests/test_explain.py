"""`entente explain`: the trace agrees with what durable_rules decided, everywhere."""

from __future__ import annotations

import json

from hypothesis import given, settings

from engine.analysis.explain import explain_situation
from engine.core.engine import Options
from tests.conftest import CASES, PROFILES, ROOT, TODAY, at_least, build, entente
from tests.strategies import forums, partners, proposals


def verdicts_agree(engine, situation) -> None:
    assessment = engine.assess_situation(situation, Options(today=TODAY))
    fired = {f.id for f in assessment.findings}
    undecided = {u.id for u in assessment.undecided}
    for e in explain_situation(engine, situation):
        expected = "fired" if e.policy in fired else "undecided" if e.policy in undecided else "silent"
        assert e.verdict == expected, (situation.proposal.id, e.policy)


def test_explain_agrees_with_durable_on_every_case_and_example(engine, pack):
    from engine.core.library import Library
    from engine.testing.load import case_files, load_case_file

    library = Library.open(PROFILES, pack.vocabulary)
    situations = [c.situation for path in case_files([CASES]) for c in load_case_file(path, pack, library).cases]
    assert len(situations) >= 90
    for situation in situations:
        verdicts_agree(engine, situation)


@settings(max_examples=at_least(1000))
@given(partner=partners(), proposal=proposals(), forum=forums())
def test_explain_agrees_with_durable_on_generated_inputs(engine, pack, partner, proposal, forum):
    verdicts_agree(engine, build(pack, partner, proposal, forum))


def run(*args):
    return entente(*args)


def test_explain_text_shows_values_sources_and_what_kept_it_silent():
    result = run(
        "explain", str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--policy", "forced-binary-choice"
    )
    assert result.exit_code == 0
    assert (
        result.stdout
        == """\
forced-binary-choice (high): SILENT for Vietnam
  all: false
    [true] partner.hedging in [hedging, nonaligned] -- actual: hedging
        from: profile.hedging = hedging
    [true] partner.accession_candidate is false -- actual: false
        from: profile.accession_candidate = false
    [false] asks.side_taking_against_tied empty false -- actual: []
  kept silent by: asks.side_taking_against_tied empty false

"""
    )


def test_explain_json_for_an_undecided_policy():
    result = run(
        "explain",
        str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml"),
        "--policy",
        "forum-member-divergence",
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    indonesia = next(p for p in data["partners"] if p["partner"] == "indonesia")
    (policy,) = indonesia["policies"]
    assert policy["verdict"] == "undecided"
    assert policy["kept_silent_by"] == ["forum.member_diverging empty false"]
    assert policy["condition"]["all"][2] == {
        "test": "forum.member_diverging empty false",
        "value": "unknown",
        "actual": [],
        "evidence": [],
        "missing": ["profile.stances.human_rights"],
    }


def test_vet_explain_adds_a_trace_for_every_policy(pack):
    result = run(
        "vet",
        str(ROOT / "examples" / "vietnam-supply-chain-ringfenced.yaml"),
        "--explain",
        "--format",
        "json",
        "--today",
        "2026-11-24",
    )
    doc = json.loads(result.stdout)
    (trace,) = doc["explanations"]
    assert [p["verdict"] for p in trace["policies"]] == ["silent"] * len(pack.policies)
    text = run("vet", str(ROOT / "examples" / "vietnam-supply-chain-ringfenced.yaml"), "--explain").stdout
    assert "\nWhy each policy fired or stayed silent\n\nred-line-crossing (critical): SILENT for Vietnam\n" in text


def test_explain_unknown_policy_is_an_error():
    result = run("explain", str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--policy", "dispute")
    assert result.exit_code == 2
    assert result.output.startswith("--policy: unknown policy 'dispute'\n  help: did you mean ")
