"""`entente profiles diff`: the library's changed facts, and the findings they change on every case and example.

The fixture (tests/fixtures/library-diff) holds two versions of a small library: Arcadia changes (tier, a
stance, a dispute, a tie, a red line), Borduria goes, Carpania comes, and the fishing talks go dormant and
swap a member. Its cases and example are evaluated under both.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import POLICIES, ROOT
from tests.goldens import matches_golden

FIXTURE = "tests/fixtures/library-diff"
HEAD = ["--no-shipped-profiles", "--profiles", f"{FIXTURE}/head"]
SUBJECTS = ["--cases", f"{FIXTURE}/cases", "--examples", f"{FIXTURE}/examples"]


@pytest.fixture(autouse=True)
def _in_the_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)


def diff(*args: str):
    return CliRunner().invoke(
        cli,
        ["--policies", str(POLICIES), *HEAD, "profiles", "diff", *SUBJECTS, *args],
        env={"ENTENTE_TODAY": "2026-12-02"},
    )


def test_changed_facts_and_the_findings_they_change(pack):
    result = diff("--base", f"{FIXTURE}/base")
    assert result.exit_code == 0
    assert matches_golden(ROOT / "tests" / "golden" / "profiles-diff.txt", result.stdout, pack)


def test_json_says_the_same(pack):
    doc = json.loads(diff("--base", f"{FIXTURE}/base", "--format", "json").stdout)
    assert (doc["added"], doc["removed"]) == (
        {"partner": ["carpania"], "forum": []},
        {"partner": ["borduria"], "forum": []},
    )
    arcadia, fish = doc["changed"]
    assert arcadia["facts"][:2] == [
        {"fact": "as_of", "change": "changed", "before": "2025-06-30", "after": "2026-06-30"},
        {
            "fact": "tier",
            "change": "changed",
            "before": "strategic_partnership",
            "after": "comprehensive_strategic_partnership",
        },
    ]
    assert fish == {
        "kind": "forum",
        "id": "fish",
        "facts": [
            {"fact": "status", "change": "added", "after": "dormant"},
            {"fact": "members[carpania]", "change": "added", "after": "listed"},
            {"fact": "scope[maritime_domain_awareness]", "change": "added", "after": "listed"},
            {"fact": "members[borduria]", "change": "removed", "before": "listed"},
        ],
    }
    assert (
        doc["summary"]
        == "partners: 1 added, 1 removed, 1 changed; forums: 0 added, 0 removed, 1 changed; 12 facts changed"
    )
    assert doc["findings"]["summary"] == {
        "subjects": 6,
        "changed": 5,
        "added": 4,
        "removed": 1,
        "severity": 0,
        "message": 2,
    }
    assert [c["case"] for c in doc["findings"]["changes"]] == [
        f"{FIXTURE}/cases/moves.yaml::basing-asked-of-arcadia",
        f"{FIXTURE}/cases/moves.yaml::basing-asked-of-carpania (new: carpania is not in the base library)",
        f"{FIXTURE}/cases/moves.yaml::arcadia-with-no-red-lines",
        f"{FIXTURE}/examples/fish-human-rights.yaml::carpania (new: the base has no such situation)",
        f"{FIXTURE}/examples/fish-human-rights.yaml::borduria (gone: the library in use has no such situation)",
    ]


def test_markdown_opens_with_the_library_changes():
    lines = diff("--base", f"{FIXTURE}/base", "--format", "markdown").stdout.splitlines()
    assert lines[:10] == [
        "## Library changes",
        "",
        f"Base: {FIXTURE}/base. **partners: 1 added, 1 removed, 1 changed; forums: 0 added, 0 removed, 1 changed; "
        "12 facts changed.**",
        "",
        "- partners added: carpania",
        "- partners removed: borduria",
        "",
        "| profile | change | fact | before | after |",
        "| --- | --- | --- | --- | --- |",
        "| `arcadia` | changed | `as_of` | 2025-06-30 | 2026-06-30 |",
    ]
    assert "## Findings impact" in lines


def test_the_same_library_changes_nothing():
    result = diff("--base", f"{FIXTURE}/head")
    assert result.stdout == (
        f"Profile library: base {FIXTURE}/head -> the library in use\n"
        "\n"
        "partners: 0 added, 0 removed, 0 changed; forums: 0 added, 0 removed, 0 changed; 0 facts changed\n"
        "\n"
        "Findings on every case and example\n"
        "\n"
        "0 of 5 cases and examples changed: 0 findings added, 0 removed, 0 changed severity, 0 changed message\n"
    )


def test_a_base_that_is_neither_a_folder_nor_a_revision():
    result = diff("--base", "no-such-revision")
    assert result.exit_code == 2
    first, help_line, count = result.output.splitlines()
    assert first.startswith("--base: 'no-such-revision' is neither a folder nor a git revision of the profile library")
    assert (help_line, count) == (
        "  help: pass a folder holding a profile library, or a revision such as HEAD~1",
        "1 error",
    )


def test_a_git_revision_gives_the_bottom_layer_as_it_was():
    """The fixture's head folder at HEAD is the folder itself (the checkout's tests run on committed fixtures)."""
    at_head = diff("--base", "HEAD").stdout.splitlines()
    assert at_head[0] == "Profile library: base HEAD (the bottom layer at that revision) -> the library in use"
    assert at_head[1:] == diff("--base", f"{FIXTURE}/head").stdout.splitlines()[1:]


def test_a_borrowing_library_is_compared_and_hashed_without_what_it_lent(pack):
    """What the base library lent is a record of the run, not part of it: a library that lent a profile equals and
    hashes as one that did not (profiles are loaded once per library and file, keyed by the library)."""
    from engine.analysis.library_diff import BorrowingLibrary
    from engine.core.library import Library

    head = Library.open(ROOT / FIXTURE / "head", pack.vocabulary)
    base = Library.open(ROOT / FIXTURE / "base", pack.vocabulary)
    lent, twin = (BorrowingLibrary(base.layers, base.vocabulary, lender=head) for _ in range(2))
    before = hash(lent)
    assert lent.partner("carpania").id == "carpania"  # only the head has it
    assert lent.borrowed == {("partner", "carpania")} and not twin.borrowed
    assert lent == twin and hash(lent) == before
    assert BorrowingLibrary(base.layers, base.vocabulary, lender=base) != lent
