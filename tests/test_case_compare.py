"""How a case's expectation is compared with what the engine decided (engine/testing/runner.py), in process:
every kind of difference is named, once, in words the case author can act on."""

from __future__ import annotations

import pytest

from engine.core.engine import engine_for
from engine.core.library import Library
from engine.testing.load import case_files, load_case_file
from engine.testing.runner import run_case
from tests.conftest import CASES, PROFILES, ROOT, TESTLAND_CASE_HEAD
from tests.goldens import UPDATE, matches_golden

HEAD = TESTLAND_CASE_HEAD
GOLDEN = ROOT / "tests" / "golden" / "case-verdicts.txt"
SCENARIO = """\
fixtures:
  parties: {t: {name: T}}
  partners:
    - {id: t, name: T, as_of: 2025-10-01, tier: strategic_partnership, hedging: hedging, red_lines: [no_foreign_bases],
       ties: [{party: china, tier: strategic_partnership}], dependencies: []}
cases:
"""
MESSAGE = "The move crosses what Testland has declared a red line: no foreign bases."


def problems(pack, tmp_path, text: str) -> list[tuple[str, ...]]:
    path = tmp_path / "cases.yaml"
    path.write_text(text)
    cases = load_case_file(path, pack, Library.open(PROFILES, pack.vocabulary)).cases
    return [run_case(case, engine_for(pack)).problems for case in cases]


def test_a_case_that_holds_has_no_problem(pack, tmp_path):
    case = f"""\
  - name: pinned-in-full
    partner: testland
    proposal: {{asks: [basing_access]}}
    expect:
      finding:
        severity: critical
        message: "{MESSAGE}"
        evidence: {{"profile.red_lines[0]": no_foreign_bases, "asks[0]": basing_access}}
        confidence: high
        missing: []
"""
    assert problems(pack, tmp_path, HEAD + case) == [()]


@pytest.mark.parametrize(
    "expect, said",
    [
        ("{severity: high}", "severity: red-line-crossing is critical, expected high"),
        ('{message: "x"}', f"message: red-line-crossing says \u201c{MESSAGE}\u201d, expected \u201cx\u201d"),
        (
            '{message_contains: "no bases"}',
            f"message: red-line-crossing does not say \u201cno bases\u201d: {MESSAGE}",
        ),
        ("{confidence: low}", "confidence: red-line-crossing is high, expected low"),
        ("{missing: [profile.ties]}", "missing data: red-line-crossing reports [], expected [profile.ties]"),
        (
            '{evidence: {"asks[0]": troop_contribution}}',
            "evidence: red-line-crossing lacks asks[0] = troop_contribution (it has: profile.red_lines[0] = "
            "no_foreign_bases; asks[0] = basing_access)",
        ),
        (
            '{evidence: {"profile.red_lines": [no_foreign_bases, no_use_of_force]}}',
            "evidence: red-line-crossing lacks profile.red_lines = [no_foreign_bases, no_use_of_force] (it has: "
            "profile.red_lines[0] = no_foreign_bases; asks[0] = basing_access)",
        ),
    ],
    ids=["severity", "message", "message-contains", "confidence", "missing", "evidence", "evidence-list"],
)
def test_each_pinned_detail_that_differs_is_named_alone(pack, tmp_path, expect, said):
    case = f"  - name: c\n    partner: testland\n    proposal: {{asks: [basing_access]}}\n    expect: {{finding: {expect}}}\n"
    assert problems(pack, tmp_path, HEAD + case) == [(said,)]


def test_a_missing_finding_says_when_it_was_undecided_and_what_the_profile_lacks(pack, tmp_path):
    cases = """\
  - name: fires-expected-but-silent
    partner: testland
    proposal: {asks: [mutual_defense]}
    expect: fires
  - name: fires-expected-but-undecided
    partner: {library: testland, without: [red_lines]}
    proposal: {asks: [basing_access]}
    expect: fires
"""
    assert problems(pack, tmp_path, HEAD + cases) == [
        ("missing: red-line-crossing",),
        ("missing: red-line-crossing (undecided: the profile lacks profile.red_lines)",),
    ]


def test_unexpected_findings_and_undecided_lists(pack, tmp_path):
    cases = """\
  - name: silent-expected-but-fires
    partner: t
    proposal: {asks: [basing_access]}
    expect: {findings: [], undecided: []}
  - name: undecided-expected-but-fired
    partner: t
    proposal: {asks: [basing_access]}
    expect: {findings: [{id: red-line-crossing}, {id: alliance-obligation-ask}], undecided: [{id: red-line-crossing}]}
  - name: undecided-expected-but-silent
    partner: t
    proposal: {kind: new_cooperation, cooperation: [trade]}
    expect: {findings: [], undecided: [{id: forced-binary-choice}]}
  - name: undecided-with-other-missing-data
    partner: {library: t, without: [hedging]}
    proposal: {asks: [sanctions_alignment], against: [china]}
    expect: {findings: [], undecided: [{id: forced-binary-choice, missing: [profile.ties]}]}
"""
    red_line = (
        "unexpected: red-line-crossing (critical): The move crosses what T has declared a red line: no foreign bases."
    )
    alliance = (
        "unexpected: alliance-obligation-ask (high): The move asks T, a strategic partnership partner below alliance, "
        "for alliance-type commitments: basing access."
    )
    assert problems(pack, tmp_path, SCENARIO + cases) == [
        (red_line, alliance),
        ("missing: red-line-crossing as undecided (fired)",),
        ("missing: forced-binary-choice as undecided (was decided silent)",),
        ("undecided: forced-binary-choice lacks [profile.hedging], expected [profile.ties]",),
    ]


def test_an_excluded_finding_that_fires_is_unexpected(pack, tmp_path):
    case = "  - name: x\n    partner: t\n    proposal: {asks: [basing_access]}\n    expect: {excludes: [red-line-crossing]}\n"
    assert problems(pack, tmp_path, SCENARIO + case) == [
        (
            "unexpected: red-line-crossing (critical): The move crosses what T has declared a red line: no foreign bases.",
        )
    ]
    allowed = "  - name: y\n    partner: t\n    proposal: {asks: [basing_access]}\n    expect: {excludes: [label-inflation]}\n"
    assert problems(pack, tmp_path, SCENARIO + allowed) == [()]


def test_every_field_an_undecided_policy_lacks_is_named(pack, tmp_path):
    cases = """\
  - name: expected-to-fire
    partner: {library: t, without: [hedging, ties]}
    proposal: {asks: [sanctions_alignment], against: [china]}
    expect: {findings: [{id: forced-binary-choice}]}
  - name: expected-decided
    partner: {library: t, without: [hedging, ties]}
    proposal: {asks: [sanctions_alignment], against: [china]}
    expect: {findings: [], undecided: []}
"""
    assert problems(pack, tmp_path, SCENARIO + cases) == [
        ("missing: forced-binary-choice (undecided: the profile lacks profile.hedging, profile.ties)",),
        (
            "undecided: forced-binary-choice could not be decided (the profile lacks profile.hedging, profile.ties), "
            "expected it decided",
        ),
    ]


def verdicts_of_every_case(pack, files: set[str] | None = None) -> str:
    """Every regression case's verdict in full (of the case ``files`` only, when given): each finding's severity,
    confidence, message, evidence and missing data, and each undecided policy with what it lacks (one line
    each, case by case)."""
    library, engine, lines = Library.open(PROFILES, pack.vocabulary), engine_for(pack), []
    for path in case_files([CASES]):
        if files is not None and str(path.relative_to(CASES)) not in files:
            continue
        for case in load_case_file(path, pack, library).cases:
            assessment = run_case(case, engine).assessment
            lines.append(f"{path.relative_to(CASES)}::{case.name}")
            for f in assessment.findings:
                evidence = "; ".join(f"{e.field} = {e.value!r}" for e in f.evidence)
                lines.append(f"  {f.id} {f.severity} {f.confidence} missing={f.missing!r}: {f.message}")
                lines.append(f"    evidence: {evidence}")
            lines += [f"  undecided {u.id}: lacks {u.missing!r}" for u in assessment.undecided]
    return "\n".join(lines) + "\n"


def test_every_case_verdict_in_full_is_the_reviewed_one(pack):
    """The cases pin what matters to each; this pins the rest of every verdict (evidence, wording, confidence)
    so that a change to any of it shows as a diff of tests/golden/case-verdicts.txt (`make golden`). A new case
    file (a new policy's) is pinned by its own expectations until `make golden` adds it here: adding a policy
    means adding its file and its cases, nothing else (tests/test_architecture.py)."""
    reviewed = (
        None
        if UPDATE
        else {line.split("::")[0] for line in GOLDEN.read_text().splitlines() if "::" in line and line[0] != " "}
    )
    assert matches_golden(GOLDEN, verdicts_of_every_case(pack, reviewed), pack)
