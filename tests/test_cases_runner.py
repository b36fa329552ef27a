"""`entente test`, `--update`, `entente diff` and the pytest plugin, on fixture cases."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from tests.conftest import POLICIES, ROOT, TESTLAND_CASE_HEAD, entente

LIBRARY = ROOT / "tests" / "fixtures" / "library"
CASES = ROOT / "tests" / "fixtures" / "cases"


# The runner's own tests run on the frozen v1 pack (tests/fixtures/packs/v1) and the fixture library, so that
# editing a shipped policy never breaks them.
FROZEN = ROOT / "tests" / "fixtures" / "packs" / "v1"


def run(*args: str, policies: Path = FROZEN):
    return entente(*args, policies=policies, profiles=LIBRARY, catch_exceptions=False)


@pytest.fixture
def cases(tmp_path) -> Path:
    target = tmp_path / "cases"
    shutil.copytree(CASES, target)
    return target


def add_case(folder: Path, text: str) -> None:
    path = folder / "dispute-linkage.yaml"
    path.write_text(path.read_text() + text)


def test_all_fixture_cases_pass(cases):
    result = run("test", str(cases))
    assert result.exit_code == 0
    assert result.output == f"{cases}/dispute-linkage.yaml ...\n\n3 passed, 0 failed\n"


def test_failure_lines_name_the_finding_and_its_message(cases):
    add_case(
        cases,
        """
  - name: wrong-on-purpose
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect: silent
""",
    )
    result = run("test", str(cases))
    assert result.exit_code == 1
    assert result.output.splitlines()[2:5] == [
        f"FAILED {cases}/dispute-linkage.yaml:23 wrong-on-purpose",
        "  unexpected: dispute-linkage (high): Cooperation on trade is made contingent on democratization, "
        "which Vietnam disputes or opposes: the ring-fence around the cooperation is broken.",
        "",
    ]
    assert result.output.endswith("3 passed, 1 failed\n")


def test_scenario_missing_and_severity_lines(cases):
    (cases / "scenario.yaml").write_text("""\
cases:
  - name: conditioned-offer
    source: "Gvosdev 2024"
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect:
      findings: [coercion-of-partner, {id: dispute-linkage, severity: low}, red-line-crossing, reform-conditionality]
""")
    result = run("test", str(cases / "scenario.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[3:5] == [
        "  missing: coercion-of-partner",
        "  severity: dispute-linkage is high, expected low",
    ]


def test_todo_is_reported_but_does_not_fail(cases):
    add_case(
        cases,
        """
  - name: known-gap
    todo: "the doctrine is unsettled here"
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect: silent
""",
    )
    result = run("test", str(cases))
    assert result.exit_code == 0
    assert f"TODO {cases}/dispute-linkage.yaml:23 known-gap (the doctrine is unsettled here)" in result.output
    assert result.output.endswith("3 passed, 0 failed, 1 todo\n")


def test_keyword_selects_cases(cases):
    result = run("test", str(cases), "-k", "japan")
    assert result.output.endswith("1 passed, 0 failed\n")


def test_unknown_policy_and_partner_are_errors_with_suggestions(cases):
    (cases / "bad.yaml").write_text("""\
policy: dispute-linkag
cases:
  - name: x
    partner: vietnm
    proposal: {}
    expect: fires
""")
    result = run("test", str(cases / "bad.yaml"))
    assert result.exit_code == 2
    assert result.output == (
        f"{cases}/bad.yaml:1:9: unknown policy 'dispute-linkag'\n  help: did you mean 'dispute-linkage'?\n"
        f"{cases}/bad.yaml:4:14: unknown partner 'vietnm'\n  help: did you mean 'vietnam'? (the library has 2 partner profiles)\n"
        "2 errors in 1 file\n"
    )


def test_junit_report_written_atomically(cases, tmp_path):
    out = tmp_path / "report.xml"
    result = run("test", str(cases), "--format", "junit", "-o", str(out))
    assert result.exit_code == 0 and result.output == "3 passed, 0 failed\n"
    xml = out.read_text()
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuite name="entente" tests="3" failures="0"')
    assert xml.count("<testcase ") == 3


def test_update_rewrites_only_failing_expectations_and_keeps_the_rest(cases):
    add_case(
        cases,
        """
  # a comment that must survive
  - name: wrong-on-purpose
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect: silent   # will be rewritten
""",
    )
    path = cases / "dispute-linkage.yaml"
    before = path.read_text()
    other = cases / "untouched.yaml"
    shutil.copy(path, other)
    other.write_text(before.split("\n  # a comment")[0] + "\n")
    other_before = other.read_bytes()
    result = run("test", str(cases), "--update")
    assert result.exit_code == 0
    assert path.read_text() == before.replace(
        "expect: silent   # will be rewritten", "expect: fires    # will be rewritten"
    )
    assert other.read_bytes() == other_before
    assert run("test", str(cases)).exit_code == 0


def test_coverage_threshold_gates(cases):
    from engine.core.pack import load_pack
    from engine.policy.language import comparisons

    pack = load_pack(FROZEN)
    items = {p.id: 2 + 2 * len(comparisons(p.when)) for p in pack.policies}  # fires, silent, each test both ways
    total = f"{100 * items['dispute-linkage'] / sum(items.values()):.1f}%"  # only dispute-linkage is covered
    result = run("test", str(cases), "--coverage", "--threshold", "100")
    assert result.exit_code == 1
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines() if line[:1].isalpha()}
    assert rows["dispute-linkage"] == ["2", "1", "100%"]
    assert rows["label-inflation"] == ["0", "0", "0%", "no", "case", "makes", "it", "fire"]
    assert f"\ntotal coverage {total}\n\n3 passed, 0 failed\n" in result.output
    assert result.stderr == f"coverage {total} is below the threshold 100%\n"


def test_json_report(cases):
    data = json.loads(run("test", str(cases), "--format", "json").output)
    assert data["summary"] == {"passed": 3}
    assert [c["name"] for c in data["cases"]] == [
        "vietnam-democratization",
        "japan-override-disputes-democracy",
        "vietnam-market-reform",
    ]


def test_diff_against_a_folder_lists_exactly_the_affected_cases(cases, tmp_path):
    base = tmp_path / "base"
    shutil.copytree(POLICIES, base)
    linkage = base / "ring-fence" / "dispute-linkage.yaml"
    linkage.write_text(linkage.read_text().replace("severity: high", "severity: medium"))
    result = run(
        "diff", "--base", str(base), "--cases", str(cases), "--examples", str(tmp_path / "none"), "--format", "json"
    )
    data = json.loads(result.stdout)
    assert data["summary"] == {"subjects": 3, "changed": 2, "added": 0, "removed": 0, "severity": 2, "message": 0}
    assert [c["case"] for c in data["changes"]] == [
        f"{cases}/dispute-linkage.yaml::vietnam-democratization",
        f"{cases}/dispute-linkage.yaml::japan-override-disputes-democracy",
    ]


def test_pytest_collects_cases_as_items(cases, tmp_path):
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copytree(POLICIES, root / "policies")
    shutil.copytree(LIBRARY, root / "profiles")
    shutil.copytree(cases, root / "cases")
    (root / "conftest.py").write_text('pytest_plugins = ["engine.testing.plugin"]\n')
    add_case(
        root / "cases",
        """
  - name: vietnam-wrong-on-purpose
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect: silent
""",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "cases", "-q", "-p", "no:cacheprovider", "-k", "vietnam"],
        cwd=root,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("ENTENTE_")},  # the project's own folders
    )
    assert proc.returncode == 1
    assert "cases/dispute-linkage.yaml:23 vietnam-wrong-on-purpose\n  unexpected: dispute-linkage (high)" in proc.stdout
    assert "1 failed, 2 passed, 1 deselected" in proc.stdout


def test_diff_against_a_git_revision(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(POLICIES, repo / "policies")

    def git(*args):
        subprocess.run(
            ["git", "-C", str(repo), *args],
            check=True,
            capture_output=True,
            env={
                "GIT_AUTHOR_NAME": "t",
                "GIT_AUTHOR_EMAIL": "t@t",
                "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@t",
                "HOME": str(tmp_path),
                "PATH": "/usr/bin:/bin",
            },
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "base")
    linkage = repo / "policies" / "ring-fence" / "dispute-linkage.yaml"
    linkage.write_text(linkage.read_text().replace("severity: high", "severity: critical"))
    result = run(
        "diff",
        "--base",
        "HEAD",
        "--cases",
        str(CASES),
        "--examples",
        str(tmp_path / "none"),
        policies=repo / "policies",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "2 of 3 cases and examples changed: 0 findings added, 0 removed, 2 changed severity, 0 changed message"
    )
    assert (
        f"{CASES}/dispute-linkage.yaml::vietnam-democratization\n  ~ dispute-linkage severity high -> critical"
        in result.stdout
    )


FIXTURE_FILE = (
    TESTLAND_CASE_HEAD
    + """\
  - name: pinned-in-full
    partner: testland
    proposal: {asks: [basing_access]}
    expect:
      finding:
        severity: critical
        message: "The move crosses what Testland has declared a red line: no foreign bases."
        evidence: {"profile.red_lines[0]": no_foreign_bases, "asks[0]": basing_access}
        confidence: high
        missing: []
  - name: left-out-red-lines-leave-it-undecided
    partner: {library: testland, without: [red_lines]}
    proposal: {asks: [basing_access]}
    expect:
      undecided: [{id: red-line-crossing, missing: [profile.red_lines]}]
"""
)


def test_fixtures_without_and_finding_details_pass(tmp_path):
    (tmp_path / "red.yaml").write_text(FIXTURE_FILE)
    result = run("test", str(tmp_path / "red.yaml"))
    assert result.output == f"{tmp_path}/red.yaml ..\n\n2 passed, 0 failed\n"
    assert result.exit_code == 0


def test_every_pinned_detail_that_differs_is_named(tmp_path):
    (tmp_path / "red.yaml").write_text(
        FIXTURE_FILE
        + """\
  - name: wrong-in-every-detail
    partner: testland
    proposal: {asks: [basing_access]}
    expect:
      finding: {severity: high, message: x, confidence: low, missing: [profile.ties],
                evidence: {"asks[0]": troop_contribution}}
  - name: wrong-missing-data
    partner: {library: testland, without: [red_lines]}
    proposal: {asks: [basing_access]}
    expect:
      undecided: [{id: red-line-crossing, missing: [profile.stances]}]
"""
    )
    result = run("test", str(tmp_path / "red.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[2:12] == [
        f"FAILED {tmp_path}/red.yaml:23 wrong-in-every-detail",
        "  severity: red-line-crossing is critical, expected high",
        "  message: red-line-crossing says \u201cThe move crosses what Testland has declared a red line: "
        "no foreign bases.\u201d, expected \u201cx\u201d",
        "  confidence: red-line-crossing is high, expected low",
        "  missing data: red-line-crossing reports [], expected [profile.ties]",
        "  evidence: red-line-crossing lacks asks[0] = troop_contribution (it has: profile.red_lines[0] = "
        "no_foreign_bases; asks[0] = basing_access)",
        "",
        f"FAILED {tmp_path}/red.yaml:29 wrong-missing-data",
        "  undecided: red-line-crossing lacks [profile.red_lines], expected [profile.stances]",
        "",
    ]


def test_excludes_fails_a_case_whose_excluded_finding_fires(tmp_path):
    (tmp_path / "scenario.yaml").write_text("""\
fixtures: {parties: {t: {name: T}}}
cases:
  - name: basing-excluded-but-fires
    partner: {id: t, name: T, tier: strategic_partnership, hedging: aligned, red_lines: [no_foreign_bases]}
    proposal: {asks: [basing_access]}
    expect: {excludes: [red-line-crossing]}
""")
    result = run("test", str(tmp_path / "scenario.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[3] == (
        "  unexpected: red-line-crossing (critical): The move crosses what T has declared a red line: no foreign bases."
    )


def test_finding_belongs_to_per_policy_files(tmp_path):
    (tmp_path / "scenario.yaml").write_text("""\
fixtures: {parties: {t: {name: T}}}
cases:
  - name: x
    partner: {id: t, name: T, tier: strategic_partnership}
    proposal: {asks: [basing_access]}
    expect: {finding: {severity: high}}
""")
    result = run("test", str(tmp_path / "scenario.yaml"))
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/scenario.yaml:6:23: `finding:` needs a per-policy file (`policy:` at the top)\n"
        "  help: in a scenario, list the findings: `expect: {findings: [{id: ..., ...}]}`\n"
        "1 error in 1 file\n"
    )


def test_silent_means_decided_and_undecided_lists_are_exact(tmp_path):
    (tmp_path / "red.yaml").write_text(
        FIXTURE_FILE
        + """\
  - name: silent-but-undecided
    partner: {library: testland, without: [red_lines]}
    proposal: {asks: [basing_access]}
    expect: silent
"""
    )
    (tmp_path / "scenario.yaml").write_text("""\
fixtures: {include: shared.fixtures.yaml}
cases:
  - name: nothing-undecided-but-one-is
    partner: {library: bare, without: [hedging]}
    proposal: {asks: [sanctions_alignment], against: [china]}
    expect: {findings: [], undecided: []}
""")
    (tmp_path / "shared.fixtures.yaml").write_text(
        "parties: {bare: {name: Bare}}\npartners:\n  - {id: bare, name: Bare, tier: strategic_partnership, hedging: hedging,\n"
        "     red_lines: [], dependencies: [], ties: [{party: china, tier: strategic_partnership}]}\n"
    )
    result = run("test", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tmp_path}/red.yaml ..F",
        f"{tmp_path}/scenario.yaml F",
        "",
        f"FAILED {tmp_path}/red.yaml:23 silent-but-undecided",
        "  undecided: red-line-crossing could not be decided (the profile lacks profile.red_lines), expected it decided",
        "",
        f"FAILED {tmp_path}/scenario.yaml:3 nothing-undecided-but-one-is",
        "  undecided: forced-binary-choice could not be decided (the profile lacks profile.hedging), expected it decided",
        "",
        "2 passed, 2 failed",
    ]


def test_only_fixture_files_may_be_included(tmp_path):
    (tmp_path / "scenario.yaml").write_text("fixtures: {include: other.yaml}\ncases: []\n")
    result = run("test", str(tmp_path / "scenario.yaml"))
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/scenario.yaml:1:21: 'other.yaml' is not a fixture file\n"
        "  help: name shared fixtures `<name>.fixtures.yaml` (entente test does not run them as cases)\n"
        "1 error in 1 file\n"
    )


def fixture_cases_and_engine():
    from engine.core.engine import engine_for
    from engine.core.library import Library
    from engine.core.pack import load_pack
    from engine.testing.load import load_case_file

    pack = load_pack(FROZEN)
    loaded = load_case_file(CASES / "dispute-linkage.yaml", pack, Library.open(LIBRARY, pack.vocabulary))
    return loaded.cases, engine_for(pack)


def test_run_cases_reports_a_case_that_crashed_the_core_alone(monkeypatch):
    """The batch runs each case in a worker; one whose worker died (a Crashed result) fails alone, with no
    verdict, and the other cases keep theirs (the real crash, end to end: tests/test_hardening.py)."""
    from engine.runtime.batch import Crashed
    from engine.testing import runner

    def batch_whose_second_worker_dies(func, items, jobs=1, progress=None):
        assert jobs == 2
        return [Crashed(i, "killed by SIGSEGV") if i == 1 else func(item) for i, item in enumerate(items)]

    monkeypatch.setattr(runner, "run_isolated", batch_whose_second_worker_dies)
    cases, engine = fixture_cases_and_engine()
    outcomes = runner.run_cases(cases, engine, jobs=2)
    assert [(o.case.name, o.status, o.problems) for o in outcomes] == [
        ("vietnam-democratization", "passed", ()),
        ("japan-override-disputes-democracy", "failed", ("error: the evaluation core crashed (killed by SIGSEGV)",)),
        ("vietnam-market-reform", "passed", ()),
    ]
    crashed = outcomes[1].assessment
    assert (crashed.partner, crashed.partner_name, crashed.forum) == ("japan", "Japan", None)
    assert (crashed.profile_as_of, crashed.profile_stale, crashed.findings, crashed.undecided) == (None, False, [], [])
    assert [f.id for f in outcomes[0].assessment.findings] == [
        "red-line-crossing",
        "dispute-linkage",
        "reform-conditionality",
    ]


def test_run_cases_raises_what_a_case_raised(monkeypatch):
    from engine.runtime.batch import Raised
    from engine.testing import runner

    def batch_whose_first_case_raises(func, items, jobs=None, progress=None):
        assert jobs == 1  # the default: one worker
        return [Raised(0, KeyError("no such fact"))] + [func(item) for item in items[1:]]

    monkeypatch.setattr(runner, "run_isolated", batch_whose_first_case_raises)
    cases, engine = fixture_cases_and_engine()
    with pytest.raises(KeyError, match="no such fact"):
        runner.run_cases(cases, engine)


def test_run_cases_counts_progress_once_per_case():
    from engine.testing import runner

    cases, engine = fixture_cases_and_engine()
    done = []
    outcomes = runner.run_cases(cases, engine, progress=done.append)
    assert done == [1, 1, 1]
    assert [o.status for o in outcomes] == ["passed", "passed", "passed"]


SCOPE_CASES = """\
policy: minilateral-scope-creep
cases:
  - name: scope-as-pinned
    partner: vietnam
    forum: iuu_fishing_partnership
    proposal: {kind: expand_scope, adds_to_agenda: [human_rights]}
    expect:
      finding: {evidence: {"forum.scope": [illegal_fishing, maritime_domain_awareness]}}
  - name: scope-pinned-wrong
    partner: vietnam
    forum: iuu_fishing_partnership
    proposal: {kind: expand_scope, adds_to_agenda: [human_rights]}
    expect:
      finding: {evidence: {"forum.scope": [illegal_fishing, human_rights]}}
"""


def test_a_list_pinned_in_evidence_is_compared_item_by_item(tmp_path):
    """The forum's scope is evidence as a list: a case pins it as YAML writes it, and a wrong item fails."""
    (tmp_path / "scope.yaml").write_text(SCOPE_CASES)
    result = entente("test", str(tmp_path / "scope.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[2:4] == [
        f"FAILED {tmp_path}/scope.yaml:9 scope-pinned-wrong",
        "  evidence: minilateral-scope-creep lacks forum.scope = [illegal_fishing, human_rights] (it has: "
        "forum.members = united_states; forum.kind = minilateral; adds_to_agenda[0] = human_rights; "
        "forum.scope = [illegal_fishing, maritime_domain_awareness])",
    ]
    assert result.output.endswith("1 passed, 1 failed\n")


def test_a_pinned_evidence_item_of_a_finding_with_none_says_so(tmp_path, engine, pack):
    from engine.core.library import Library
    from engine.testing.load import load_case_file
    from engine.testing.runner import compare, run_case
    from tests.conftest import PROFILES

    (tmp_path / "scope.yaml").write_text(SCOPE_CASES)
    [pinned, _] = load_case_file(tmp_path / "scope.yaml", pack, Library.open(PROFILES, pack.vocabulary)).cases
    outcome = run_case(pinned, engine)
    assert outcome.case is pinned and outcome.problems == ()
    assessment = outcome.assessment
    assessment.findings = [msgspec.structs.replace(f, evidence=[]) for f in assessment.findings]
    assert compare(pinned, assessment) == [
        "evidence: minilateral-scope-creep lacks forum.scope = [illegal_fishing, maritime_domain_awareness] "
        "(it has: none)"
    ]
