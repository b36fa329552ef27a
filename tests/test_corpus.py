"""The shipped corpus: coverage, size, and what breaking a policy on purpose does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import CASES, POLICIES, PROFILES, ROOT, entente


def run(*args: str, policies: Path = POLICIES):
    return entente(*args, policies=policies, catch_exceptions=False)


def test_shipped_corpus_passes_with_full_coverage():
    result = run("test", str(CASES), "--coverage", "--threshold", "100", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage"]["total"] == 100.0
    statuses = {c["status"] for c in data["cases"]}
    assert statuses == {"passed"}
    assert len(data["cases"]) >= 60
    scenarios = [c for c in data["cases"] if "/scenarios/" in c["file"]]
    assert len(scenarios) >= 10


def test_every_policy_has_two_firing_and_two_silent_cases():
    data = json.loads(run("test", str(CASES), "--coverage", "--format", "json").stdout)
    for policy in data["coverage"]["policies"]:
        per_policy = [c for c in data["cases"] if c["policy"] == policy["id"]]
        fired = [c for c in per_policy if policy["id"] in {f["id"] for f in c["findings"]}]
        assert len(fired) >= 2, policy["id"]
        assert len(per_policy) - len(fired) >= 2, policy["id"]


def test_every_scenario_cites_its_source():
    from engine.core.library import Library
    from engine.core.pack import load_pack
    from engine.testing.load import load_case_file

    pack = load_pack(POLICIES)
    library = Library.open(PROFILES, pack.vocabulary)
    for path in sorted((CASES / "scenarios").glob("*.yaml")):
        for case in load_case_file(path, pack, library).cases:
            assert case.source and len(case.source) > 20, case.node_id


def test_the_red_line_cases_cover_every_red_line_in_the_vocabulary(pack):
    """For each red line: a case that crosses it (its evidence names it), a nearby move on a partner that
    declares it that crosses nothing, and the crossing move on a partner that does not declare it."""
    from engine.core.library import Library
    from engine.testing.load import load_case_file

    cases = load_case_file(CASES / "red-line-crossing.yaml", pack, Library.open(PROFILES, pack.vocabulary)).cases
    silent = [c for c in cases if c.expect.findings == () and not c.expect.includes and not c.expect.undecided]

    def move(case):
        return case.situation.proposal.model_dump(exclude={"id", "title"})

    crossing = {}  # red line -> the moves of the cases that cross it
    for c in cases:
        for e in (c.expect.findings or ()) + c.expect.includes:
            for field, value in (e.evidence or {}).items():
                if field.startswith("profile.red_lines["):
                    crossing.setdefault(value, []).append(move(c))
    red_lines = set(pack.vocabulary.terms["red_line"])
    assert set(crossing) == red_lines
    for line in sorted(red_lines):
        assert any(line in c.situation.partner.red_lines for c in silent), f"no nearby move that spares {line}"
        assert any(line not in c.situation.partner.red_lines and move(c) in crossing[line] for c in silent), (
            f"no case with a move that crosses {line} on a partner that does not declare it"
        )


def test_breaking_a_policy_fails_named_cases_and_diff_lists_exactly_the_affected(tmp_path):
    broken = tmp_path / "policies"
    shutil.copytree(POLICIES, broken)
    path = broken / "partners-not-allies" / "reform-conditionality.yaml"
    text = path.read_text()
    condition = "    - fact: partner.below_alliance\n      is: true\n"
    assert condition in text
    path.write_text(text.replace(condition, "", 1))  # the treaty-ally exception is gone

    result = run("test", str(CASES), policies=broken)
    assert result.exit_code == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    assert [f.split(" ")[-1] for f in failed] == [
        "treaty-ally-japan-stands-down",
        "treaty-ally-asked-for-domestic-reform",
        "reform-conditions-on-a-treaty-ally",
        "red-line-still-counts-for-a-treaty-ally",
        "australia-negotiating-under-chinese-coercion-mirror",
    ]
    assert "  unexpected: reform-conditionality (high): The move demands democratization of Japan" in result.stdout
    assert "  unexpected: reform-conditionality (high): The move demands the rule of law of Australia" in result.stdout

    impact = run(
        "diff",
        "--base",
        str(POLICIES),
        "--cases",
        str(CASES),
        "--examples",
        str(ROOT / "examples"),
        "--format",
        "json",
        policies=broken,
    )
    assert impact.exit_code == 0
    data = json.loads(impact.stdout)
    cases = CASES
    assert [c["case"] for c in data["changes"]] == [
        f"{cases}/dispute-linkage.yaml::japan-does-not-dispute-democracy",
        f"{cases}/reform-conditionality.yaml::treaty-ally-japan-stands-down",
        f"{cases}/reform-conditionality.yaml::treaty-ally-asked-for-domestic-reform",
        f"{cases}/scenarios/contract.yaml::reform-conditions-on-a-treaty-ally",
        f"{cases}/scenarios/contract.yaml::red-line-still-counts-for-a-treaty-ally",
        f"{cases}/scenarios/partners.yaml::australia-negotiating-under-chinese-coercion-mirror",
    ]
    assert all([a["id"] for a in c["added"]] == ["reform-conditionality"] for c in data["changes"])
    assert data["summary"]["added"] == 6 and data["summary"]["removed"] == 0
