"""`entente fmt`, `entente schema` and `entente new`: the canonical form of every input file, the JSON Schemas, a
starting file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.io import yaml_file
from engine.output.fmt import format_data, format_text
from tests.conftest import CASES, POLICIES, PROFILES, ROOT, entente

SHIPPED = sorted(
    [*ROOT.glob("examples/*.yaml"), *PROFILES.rglob("*.yaml"), *POLICIES.rglob("*.yaml"), *CASES.rglob("*.yaml")]
)
COMMENT = re.compile(r"(?m)#[^\n]*$")


def shown(path: Path) -> str:
    """A file's test id: its path in the repository, or in its pack or cases folder (ENTENTE_POLICIES may be
    elsewhere: tests/test_architecture.py runs the suite on a pack in a temporary folder)."""
    for base in (ROOT, POLICIES.parent, CASES.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return path.name


@pytest.mark.parametrize("path", SHIPPED, ids=shown)
def test_every_shipped_file_formats_to_the_same_data_and_comments_and_is_then_stable(path):
    text = path.read_text(encoding="utf-8")
    formatted = format_text(path, text)
    assert format_text(path, formatted) == formatted  # idempotent
    assert yaml_file.parse(str(path), formatted).data == yaml_file.parse(str(path), text).data
    assert sorted(m.strip() for m in COMMENT.findall(formatted)) == sorted(m.strip() for m in COMMENT.findall(text))


CONDITIONED = """\
# the move
title: Condition the initiative   # one line
partner: vietnam
id: vn-x
conditions:
  - requires: democratization
    at_stake: supply_chains
cooperation:
  - supply_chains
summary: Offer Vietnam a place in the supply-chain initiative only if Hanoi sets a timetable for multiparty elections, and more.
public: true
"""

CONDITIONED_FORMATTED = """\
# the move
id: vn-x
title: Condition the initiative   # one line
summary: >-
  Offer Vietnam a place in the supply-chain initiative only if Hanoi sets a timetable for multiparty
  elections, and more.
partner: vietnam
cooperation: [supply_chains]
conditions:
  - {at_stake: supply_chains, requires: democratization}
public: true
"""


def test_fmt_orders_keys_as_the_contract_does_and_keeps_comments(tmp_path):
    assert format_text("p.yaml", CONDITIONED) == CONDITIONED_FORMATTED


def test_fmt_check_lists_what_would_change_and_exits_1_then_fmt_rewrites(tmp_path):
    path = tmp_path / "move.yaml"
    path.write_text(CONDITIONED)
    (tmp_path / "ok.yaml").write_text(CONDITIONED_FORMATTED)
    checked = entente("fmt", "--check", str(tmp_path))
    assert (checked.exit_code, checked.output) == (
        1,
        f"would reformat {path}\n1 file would change; run `entente fmt` on it\n",
    )
    assert path.read_text() == CONDITIONED  # --check changes nothing
    done = entente("fmt", str(path))
    assert (done.exit_code, done.output) == (0, f"reformatted {path}\n")
    assert path.read_text() == CONDITIONED_FORMATTED
    assert entente("fmt", "--check", str(tmp_path)).exit_code == 0


def test_fmt_reports_bad_yaml_at_its_line_and_exits_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nid: y\n")
    result = entente("fmt", str(path))
    assert result.exit_code == 2
    assert result.output.startswith(f"{path}:2:1: duplicate key 'id'")


def test_text_is_quoted_only_where_yaml_needs_it():
    data = {"id": "x", "title": "a: b", "summary": "line one\nline two\n", "partner": "no", "partners": ["2025"]}
    assert format_data(data, "proposal") == (
        'id: x\ntitle: "a: b"\nsummary: |\n  line one\n  line two\npartner: "no"\npartners: ["2025"]\n'
    )


def test_schema_gives_the_vocabulary_as_enums_and_the_help_as_descriptions(tmp_path):
    import jsonschema

    from tests.conftest import ROOT

    result = entente("schema", "-o", str(tmp_path))
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{k}.schema.json"
        for k in ("proposal", "partner", "forum", "waivers", "parties", "vocabulary", "policy", "cases", "fixtures")
    )
    proposal = json.loads((tmp_path / "proposal.schema.json").read_text())
    kind = proposal["properties"]["kind"]
    assert (kind["title"], "conditionality" in kind["enum"]) == ("Kind of move", True)
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        jsonschema.validate(yaml_file.load(example).data, proposal)
    partner = json.loads((tmp_path / "partner.schema.json").read_text())
    for profile in sorted((PROFILES / "partners").glob("*.yaml")):
        jsonschema.validate(json.loads(json.dumps(yaml_file.load(profile).data, default=str)), partner)
    wrong = {"id": "x", "title": "t", "partner": "vietnam", "cooperation": ["human_right"]}
    with pytest.raises(jsonschema.ValidationError, match="'human_right' is not one of"):
        jsonschema.validate(wrong, proposal)


def test_schema_needs_a_kind_or_a_folder():
    result = entente("schema")
    assert (result.exit_code, result.output) == (
        2,
        "schema: name a KIND to print, or a folder to write every kind into\n  help: -o schemas/\n1 error\n",
    )


def test_new_proposal_is_commented_canonical_and_vets(tmp_path):
    result = entente("new", "proposal", "--partner", "vietnam")
    assert result.exit_code == 0
    assert "# Conditions: Cooperation made contingent on something the partner must do." in result.output
    assert "Vietnam is aligned with the actor on: supply_chains, maritime_security" in result.output
    path = tmp_path / "new.yaml"
    path.write_text(result.output)
    assert format_text(path, result.output) == result.output
    vetted = entente("vet", str(path))
    assert (vetted.exit_code, vetted.output.splitlines()[-1]) == (0, "0 findings")
    unknown = entente("new", "proposal", "--partner", "vietnm")
    assert unknown.exit_code == 2
    assert "help: did you mean 'vietnam'?" in unknown.output
    nothing_like = entente("new", "proposal", "--partner", "zzz")
    assert (nothing_like.exit_code, nothing_like.output) == (
        2,
        "--partner: unknown partner 'zzz' (from --partner)\n"
        "  help: expected a partner id; none of the 18 known names is close (`entente profiles list` lists them)\n"
        "1 error\n",
    )


def test_the_pre_commit_hooks_offer_check_fmt_and_test():
    hooks = yaml_file.load(ROOT / ".pre-commit-hooks.yaml").data
    assert [(h["id"], h["entry"]) for h in hooks] == [
        ("entente-check", "entente check"),
        ("entente-fmt", "entente fmt --check"),
        ("entente-test", "entente test"),
    ]
    fmt_hook = hooks[1]
    left_alone = [".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".github/workflows/ci.yaml"]
    assert [f for f in left_alone if not re.search(fmt_hook["exclude"], f)] == []  # not entente's input files
    assert [f for f in ("proposals/move.yaml", "profiles/partners/x.yaml") if re.search(fmt_hook["exclude"], f)] == []


@pytest.mark.parametrize(
    "text, got",
    [("- a\n- b\n", "a list"), ("just text\n", "the text 'just text'")],
)
def test_fmt_refuses_a_file_whose_top_level_is_not_a_mapping(tmp_path, text, got):
    path = tmp_path / "move.yaml"
    path.write_text(text)
    result = entente("fmt", "--check", str(path))
    assert (result.exit_code, result.output) == (
        2,
        f"{path}:1:1: expected a mapping of keys to values for an input file, got {got}\n"
        "  help: the file's top level is `key: value` lines\n1 error in 1 file\n",
    )
    assert path.read_text() == text


def test_new_never_writes_over_a_file_and_schema_says_why_it_cannot_write(tmp_path):
    kept = tmp_path / "move.yaml"
    kept.write_text("id: mine\n")
    refused = entente("new", "proposal", "-o", str(kept))
    assert (refused.exit_code, refused.output) == (
        2,
        f"{kept}: cannot write: the file exists\n  help: choose another path, or delete it first\n1 error\n",
    )
    assert kept.read_text() == "id: mine\n"
    fresh = tmp_path / "new.yaml"
    assert entente("new", "proposal", "-o", str(fresh)).exit_code == 0
    assert fresh.read_text() == entente("new", "proposal").output
    blocked = entente("schema", "-o", str(kept / "schemas"))
    assert (blocked.exit_code, blocked.output) == (
        2,
        f"{kept / 'schemas'}: cannot write: a part of the path is not a folder\n  help: check the path\n1 error\n",
    )
