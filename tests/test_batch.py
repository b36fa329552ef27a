"""Batch vetting: folders, --partners, JSON Lines, stable order whatever --jobs."""

from __future__ import annotations

import json

from tests.conftest import PROFILES, ROOT, entente


def run(*args):
    return entente("vet", *args, "--today", "2026-11-24", "--fail-on", "none")


def test_a_folder_in_jsonl_one_assessment_per_line_in_a_stable_order():
    one = run(str(ROOT / "examples"), "--format", "jsonl", "--jobs", "1")
    two = run(str(ROOT / "examples"), "--format", "jsonl", "--jobs", "2")
    assert one.exit_code == 0 and one.stdout == two.stdout
    rows = [json.loads(line) for line in one.stdout.splitlines()]
    shown = [
        (r["proposal"], r["assessment"]["partner"] if "assessment" in r else r["forum_finding"]["id"]) for r in rows
    ]
    assert shown == [
        ("india-join-russia-sanctions", "india"),
        ("iuu-add-human-rights", "vietnam"),
        ("iuu-add-human-rights", "indonesia"),
        ("iuu-add-human-rights", "philippines"),
        ("iuu-add-human-rights", "minilateral-scope-creep"),  # the finding about the forum, once
        ("vn-supply-chain-conditioned", "vietnam"),
        ("vn-supply-chain-ringfenced", "vietnam"),
    ]
    assert "vetting" not in one.stderr  # no progress bar when output is not a terminal


def test_one_move_against_every_partner_in_the_library():
    result = run(
        str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--partners", "all", "--format", "jsonl"
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["assessment"]["partner"] for r in rows] == sorted(p.stem for p in (PROFILES / "partners").glob("*.yaml"))
    by_partner = {r["assessment"]["partner"]: [f["id"] for f in r["assessment"]["findings"]] for r in rows}
    assert by_partner["japan"] == []  # a treaty ally that does not dispute democracy
    assert by_partner["vietnam"] == [
        "red-line-crossing",
        "dispute-linkage",
        "leverage-on-dependence",  # the 2026 library: Vietnam depends on the US market
        "reform-conditionality",
    ]


def test_a_list_of_partners_with_a_typo_is_located():
    result = run(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--partners", "india,japn")
    assert result.exit_code == 2
    assert result.output.startswith(
        "--partners: unknown partner 'japn' (from --partners)\n  help: did you mean 'japan'?"
    )


def test_vet_imports_only_what_it_needs():
    """No template engine, browser, fuzzer or YAML parser (warm parse cache), and none of durable_rules'
    Python layer: only its C core, which decides."""
    import subprocess
    import sys

    code = (
        "import sys; from engine.cli import cli\n"
        "try:\n    cli.main(['vet', 'examples/vietnam-supply-chain-ringfenced.yaml'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('jinja2', 'playwright', 'hypothesis', 'pypdf', 'ruamel.yaml', "
        "'engine.output.brief.note', 'engine.output.brief.pdf', 'engine.testing.load', 'engine.analysis.explain', "
        "'engine.analysis.suggest', 'durable.engine', 'durable.lang') "
        "if m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)  # warms the parse cache
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr


def test_a_partner_named_twice_is_assessed_once(tmp_path):
    proposal = tmp_path / "twice.yaml"
    proposal.write_text(
        "id: twice\ntitle: Twice\npartner: india\npartners: [india, japan, india]\n"
        "asks: [sanctions_alignment]\nagainst: [russia]\n"
    )
    named = run(str(proposal), "--format", "jsonl")
    assert [json.loads(line)["assessment"]["partner"] for line in named.stdout.splitlines()] == ["india", "japan"]
    flagged = run(str(proposal), "--partners", "japan,india,japan", "--format", "jsonl")
    assert [json.loads(line)["assessment"]["partner"] for line in flagged.stdout.splitlines()] == ["japan", "india"]
