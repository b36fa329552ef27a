"""The command line through click's CliRunner: output, JSON shape, exit codes, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import POLICIES, ROOT, entente
from tests.goldens import matches_golden

LIBRARY = ROOT / "tests" / "fixtures" / "library"
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"


def run(*args: str, library: Path = LIBRARY):
    return entente(*args, profiles=library, catch_exceptions=False)


def vet(*args: str):
    return run("vet", *args, "--today", "2025-11-24")


def test_conditioned_offer_text_output_matches_golden(pack):
    result = vet(str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"))
    assert result.exit_code == 1
    assert matches_golden(GOLDEN / "vet-vietnam-conditioned.txt", result.output, pack)


def test_json_output_shape_and_order():
    result = vet(str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 2 and doc["proposal"] == "vn-supply-chain-conditioned"
    assert doc["forum_findings"] == []
    (assessment,) = doc["assessments"]
    assert assessment["partner"] == "vietnam"
    assert [(f["id"], f["severity"]) for f in assessment["findings"]] == [
        ("red-line-crossing", "critical"),
        ("dispute-linkage", "high"),
        ("reform-conditionality", "high"),
    ]
    reform = assessment["findings"][2]
    assert set(reform) >= {"id", "severity", "message", "rationale", "recommendation", "evidence", "confidence"}
    assert {
        "field": "conditions[0].requires",
        "value": "democratization",
        "text": "the condition on supply chains requires democratization",
    } in reform["evidence"]
    assert reform["concerns"] == ["the condition on supply chains requiring democratization"]
    assert reform["confidence"] == "high"
    assert "democratization" in reform["message"] and "Vietnam" in reform["message"]
    assert doc["summary"] == {"critical": 1, "high": 2, "medium": 0, "low": 0, "info": 0}


def test_same_input_same_bytes():
    args = (str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--format", "json")
    assert vet(*args).output == vet(*args).output


@pytest.mark.parametrize("fail_on, code", [("high", 1), ("critical", 1), ("none", 0)])
def test_fail_on_threshold(fail_on, code):
    assert vet(str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--fail-on", fail_on).exit_code == code


def test_ring_fenced_offer_exits_zero_with_no_findings():
    result = vet(str(EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"))
    assert result.exit_code == 0
    assert "Vietnam (vietnam) · profile as of 2025-09-01\n  no findings\n" in result.output
    assert result.output.endswith("0 findings\n")


def test_partner_override_from_a_file(tmp_path):
    result = vet(
        str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"),
        "--partner",
        str(LIBRARY / "partners" / "japan.yaml"),
        "--format",
        "json",
    )
    doc = json.loads(result.stdout)
    assert [a["partner"] for a in doc["assessments"]] == ["japan"]
    # a treaty ally: reform conditionality stands down; the condition is not disputed by Japan
    assert doc["assessments"][0]["findings"] == []
    assert result.exit_code == 0


def test_forum_members_are_assessed_and_members_without_profile_listed():
    result = vet(str(EXAMPLES / "iuu-fishing-add-human-rights.yaml"), "--format", "json")
    doc = json.loads(result.stdout)
    assert [a["partner"] for a in doc["assessments"]] == ["vietnam", "japan"]
    assert [[f["id"] for f in a["findings"]] for a in doc["assessments"]] == [["forum-member-divergence"], []]
    # one concern, one finding: the scope creep is about the forum, once, naming the members it concerns
    assert [(f["id"], f["forum"], f["members"]) for f in doc["forum_findings"]] == [
        ("minilateral-scope-creep", "iuu_fishing_partnership", ["japan", "vietnam"])
    ]
    assert doc["summary"]["high"] == 1
    assert doc["not_assessed"] == [{"party": "indonesia", "reason": "no profile in the library"}]


def test_stale_profile_lowers_confidence():
    result = run(
        "vet", str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--today", "2027-01-01", "--format", "json"
    )
    findings = json.loads(result.stdout)["assessments"][0]["findings"]
    assert {f["confidence"] for f in findings} == {"medium"}
    assert json.loads(result.stdout)["assessments"][0]["profile_stale"] is True


def test_typo_in_proposal_is_located_with_suggestion_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: p\ntitle: T\npartner: vietnm\nkind: conditionality\nasks: [basing_acess]\n")
    result = run("vet", str(bad))
    assert result.exit_code == 2
    assert result.output == (
        f"{bad}:3:10: unknown party 'vietnm'\n  help: did you mean 'vietnam'?\n"
        f"{bad}:5:8: unknown ask 'basing_acess'\n  help: did you mean 'basing_access'?\n2 errors in 1 file\n"
    )


def test_unknown_partner_id_is_located_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: p\ntitle: T\npartner: vietnm\nforum: iuu_fishing\n")
    result = run("vet", str(bad))
    assert result.exit_code == 2
    assert result.output == (
        f"{bad}:3:10: unknown party 'vietnm'\n  help: did you mean 'vietnam'?\n"
        f"{bad}:4:8: unknown forum 'iuu_fishing'\n"
        "  help: did you mean 'iuu_fishing_partnership'? (the library has 1 forum profiles)\n2 errors in 1 file\n"
    )


def test_usage_error_exit_2():
    result = run("vet", str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_bad_today_exit_2():
    result = run("vet", str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--today", "24/11/2025")
    assert result.exit_code == 2
    assert result.output == "--today: '24/11/2025' is not an ISO date\n  help: write the date as YYYY-MM-DD\n1 error\n"


def test_internal_error_exit_3_and_debug_traceback(monkeypatch):
    import engine.core.engine

    def boom(self, *a, **k):
        raise ValueError("kaboom")

    monkeypatch.setattr(engine.core.engine.Engine, "assess", boom)
    args = ("vet", str(EXAMPLES / "vietnam-supply-chain-conditioned.yaml"), "--today", "2025-11-24")
    result = run(*args)
    assert result.exit_code == 3
    assert result.output == (
        "entente: internal error: ValueError: kaboom\n  help: run again with --debug for the traceback, and report it\n"
    )
    debug = run("--debug", *args)
    assert debug.exit_code == 3 and "Traceback (most recent call last)" in debug.output


def test_check_ok_and_errors(tmp_path, pack):
    ok = run("check", str(POLICIES), str(LIBRARY))
    assert ok.exit_code == 0
    assert ok.output == f"ok: {len(pack.policies)} policies in 1 pack, 3 other files checked\n"
    bad = tmp_path / "partners"
    bad.mkdir()
    (bad / "fiji.yaml").write_text("id: fiji\nname: Fiji\ntier: aliance\n")
    result = run("check", str(POLICIES), str(bad))
    assert result.exit_code == 2
    assert result.output == (
        f"{bad}/fiji.yaml:3:7: unknown tier 'aliance'\n  help: did you mean 'alliance'?\n1 error in 1 file\n"
    )


def test_policies_list_and_show(pack):
    listing = run("policies", "list")
    assert listing.exit_code == 0
    assert listing.output.splitlines()[0].split() == [
        "red-line-crossing",
        "critical",
        "The",
        "move",
        "crosses",
        "a",
        "red",
        "line",
        "the",
        "partner",
        "has",
        "declared",
    ]
    assert len(listing.output.splitlines()) == len(pack.policies) + 2  # a line each, a blank line, the total
    shown = run("policies", "show", "dispute-linkage")
    assert shown.exit_code == 0 and shown.output.startswith("id: dispute-linkage\n")
    missing = run("policies", "show", "dispute-linkag")
    assert missing.exit_code == 2
    assert (
        missing.output == "policies show: unknown policy 'dispute-linkag'\n  help: did you mean 'dispute-linkage'?\n"
        "1 error\n"
    )


def test_facts_lists_the_whole_catalogue():
    from engine.facts import CATALOGUE

    result = run("facts", "--format", "json")
    assert result.exit_code == 0
    assert [r["name"] for r in json.loads(result.stdout)] == list(CATALOGUE)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output == "entente, version 0.1.0\n"


def test_docs_facts_md_is_generated_from_the_catalogue():
    result = run("facts", "--format", "markdown")
    assert result.output == (ROOT / "docs" / "facts.md").read_text(), (
        "docs/facts.md is stale: entente facts --format markdown > docs/facts.md"
    )


def test_stale_profile_warns_on_stderr_only():
    result = run(
        "vet", str(EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"), "--today", "2027-01-01", "--format", "json"
    )
    assert json.loads(result.stdout)["assessments"][0]["profile_stale"] is True
    assert result.stderr == (
        "warning: profile 'vietnam' is stale: as_of 2025-09-01 is more than 365 days before "
        "2027-01-01 (confidence lowered; re-check its facts and update as_of)\n"
    )
    assert vet(str(EXAMPLES / "vietnam-supply-chain-ringfenced.yaml")).stderr == ""


def test_profiles_list_and_show(monkeypatch):
    monkeypatch.chdir(ROOT)
    library = Path("tests/fixtures/library")
    listing = run("profiles", "list", "--today", "2025-11-24", library=library)
    assert listing.exit_code == 0
    assert listing.stdout.splitlines()[:3] == [
        "partner                  tier                                  as_of       stale  layer",
        "japan                    alliance                              2025-09-01         tests/fixtures/library",
        "vietnam                  comprehensive_strategic_partnership   2025-09-01         tests/fixtures/library",
    ]
    assert listing.stdout.endswith(
        "2 partners, 1 forums · stale: as_of missing or older than 365 days before 2025-11-24\n"
    )
    data = json.loads(run("profiles", "list", "--format", "json", "--today", "2026-11-24").stdout)
    assert [(p["id"], p["stale"]) for p in data["partners"]] == [("japan", True), ("vietnam", True)]
    shown = run("profiles", "show", "iuu_fishing_partnership", "--format", "yaml")
    assert shown.exit_code == 0 and shown.stdout.startswith("id: iuu_fishing_partnership\n")
    missing = run("profiles", "show", "vietnm")
    assert missing.exit_code == 2
    assert missing.output == "profiles show: unknown profile 'vietnm'\n  help: did you mean 'vietnam'?\n1 error\n"


def test_every_command_is_loaded_by_its_name_from_its_own_module():
    """The group loads a command's module when the command is run (engine/cli/app.py COMMAND_MODULES): every
    module of engine/cli that defines commands is named for each of them, and `--help` lists them all."""
    import importlib

    from engine.cli.app import COMMAND_MODULES

    defined = {}
    for path in sorted((ROOT / "engine" / "cli").glob("[!_]*.py")):  # not __main__, which runs the program
        module = importlib.import_module(f"engine.cli.{path.stem}")
        for command in getattr(module, "COMMANDS", []):
            defined[command.name] = path.stem
    assert defined == COMMAND_MODULES
    listed = entente("--help").stdout.split("Commands:\n", 1)[1]
    assert [line.split()[0] for line in listed.splitlines()] == sorted(COMMAND_MODULES)
