"""`entente whatif`: changed assumptions and sweeps, validated, diffed against the baseline."""

from __future__ import annotations

import json

from tests.conftest import ROOT, entente

INDIA = str(ROOT / "examples" / "india-russia-sanctions.yaml")
VIETNAM = str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")


def run(*args):
    return entente("whatif", *args, "--today", "2026-11-24")


def test_set_reports_what_changes():
    result = run(VIETNAM, "--set", "partner.stances.democracy=aligned", "--set", "partner.red_lines=[]")
    assert result.exit_code == 0
    assert result.stdout == (
        "what if --set partner.stances.democracy=aligned --set partner.red_lines=[]:\n"
        "  Vietnam: -red-line-crossing (critical), -dispute-linkage (high)\n"
    )


def test_set_on_the_proposal_can_add_findings():
    data = json.loads(run(VIETNAM, "--set", "proposal.asks=[basing_access]", "--format", "json").stdout)
    assert data["changes"] == [
        {
            "partner": "vietnam",
            "added": [{"id": "alliance-obligation-ask", "severity": "high"}],
            "removed": [],
            "severity": [],
        }
    ]


def test_sweep_finds_the_tipping_points():
    result = run(INDIA, "--sweep", "partner.hedging")
    assert (
        result.stdout
        == """\
sweep partner.hedging (changes against the baseline):
  aligned             India: -forced-binary-choice (high)
  hedging             India: no change
  nonaligned          India: no change
  aligned_with_rival  India: -forced-binary-choice (high)
tipping points:
  forced-binary-choice (high) for India appears at: hedging, nonaligned
"""
    )


def test_sweep_a_boolean_field():
    data = json.loads(run(VIETNAM, "--sweep", "partner.accession_candidate", "--format", "json").stdout)
    assert [v["value"] for v in data["sweep"]["values"]] == [True, False]
    assert data["sweep"]["tipping_points"] == [  # a candidate's reform conditions are the price of entry
        {"partner": "vietnam", "id": "leverage-on-dependence", "severity": "high", "appears_at": [False]},
        {"partner": "vietnam", "id": "reform-conditionality", "severity": "high", "appears_at": [False]},
    ]


def test_unknown_field_and_bad_value_are_errors_with_suggestions():
    field = run(INDIA, "--set", "partner.hedgin=aligned")
    assert field.exit_code == 2
    assert field.output == (
        "--set partner.hedgin=aligned: unknown field 'hedgin' in partner\n  help: did you mean 'hedging'?\n1 error\n"
    )
    value = run(INDIA, "--set", "partner.hedging=aligne")
    assert value.output == (
        "--set partner.hedging=aligne: unknown hedging posture 'aligne'\n  help: did you mean 'aligned'?\n1 error\n"
    )
    target = run(INDIA, "--set", "partnr.hedging=aligned")
    assert target.output.startswith(
        "--set partnr.hedging=aligned: 'partnr.hedging' does not start with partner., "
        "forum. or proposal.\n  help: did you mean 'partner'?"
    )
    sweep = run(INDIA, "--sweep", "partner.name")
    assert sweep.exit_code == 2 and "is not a field with a fixed set of values" in sweep.output


def test_nothing_to_change_is_a_usage_error():
    assert run(INDIA).exit_code == 2
