"""The shipped corpus: coverage, size, and what breaking a policy on purpose does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import ROOT


def run(*args: str, policies: Path = ROOT / "policies"):
    return CliRunner().invoke(
        cli, ["--policies", str(policies), "--profiles", str(ROOT / "profiles"), *args], catch_exceptions=False
    )


def test_shipped_corpus_passes_with_full_coverage():
    result = run("test", str(ROOT / "cases"), "--coverage", "--threshold", "100", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage"]["total"] == 100.0
    statuses = {c["status"] for c in data["cases"]}
    assert statuses == {"passed"}
    assert len(data["cases"]) >= 60
    scenarios = [c for c in data["cases"] if "/scenarios/" in c["file"]]
    assert len(scenarios) >= 10


def test_every_policy_has_two_firing_and_two_silent_cases():
    data = json.loads(run("test", str(ROOT / "cases"), "--coverage", "--format", "json").stdout)
    for policy in data["coverage"]["policies"]:
        per_policy = [c for c in data["cases"] if c["policy"] == policy["id"]]
        fired = [c for c in per_policy if policy["id"] in {f["id"] for f in c["findings"]}]
        assert len(fired) >= 2, policy["id"]
        assert len(per_policy) - len(fired) >= 2, policy["id"]


def test_every_scenario_cites_its_source():
    from engine.core.library import Library
    from engine.core.pack import load_pack
    from engine.testing.load import load_case_file

    pack = load_pack(ROOT / "policies")
    library = Library(ROOT / "profiles", pack.vocabulary)
    for path in sorted((ROOT / "cases" / "scenarios").glob("*.yaml")):
        for case in load_case_file(path, pack, library).cases:
            assert case.source and len(case.source) > 20, case.node_id


def test_breaking_a_policy_fails_named_cases_and_diff_lists_exactly_the_affected(tmp_path):
    broken = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", broken)
    path = broken / "partners-not-allies" / "reform-conditionality.yaml"
    text = path.read_text()
    condition = "    - fact: partner.below_alliance\n      is: true\n"
    assert condition in text
    path.write_text(text.replace(condition, "", 1))  # the treaty-ally exception is gone

    result = run("test", str(ROOT / "cases"), policies=broken)
    assert result.exit_code == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    assert [f.split(" ")[-1] for f in failed] == [
        "treaty-ally-japan-stands-down",
        "australia-negotiating-under-chinese-coercion-mirror",
    ]
    assert "  unexpected: reform-conditionality (high): The move demands democratization of Japan" in result.stdout
    assert "  unexpected: reform-conditionality (high): The move demands rule_of_law of Australia" in result.stdout

    impact = run(
        "diff",
        "--base",
        str(ROOT / "policies"),
        "--cases",
        str(ROOT / "cases"),
        "--examples",
        str(ROOT / "examples"),
        "--format",
        "json",
        policies=broken,
    )
    assert impact.exit_code == 0
    data = json.loads(impact.stdout)
    cases = ROOT / "cases"
    assert [c["case"] for c in data["changes"]] == [
        f"{cases}/dispute-linkage.yaml::japan-does-not-dispute-democracy",
        f"{cases}/reform-conditionality.yaml::treaty-ally-japan-stands-down",
        f"{cases}/scenarios/partners.yaml::australia-negotiating-under-chinese-coercion-mirror",
    ]
    assert all([a["id"] for a in c["added"]] == ["reform-conditionality"] for c in data["changes"])
    assert data["summary"]["added"] == 3 and data["summary"]["removed"] == 0
