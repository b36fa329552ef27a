"""Contract v2 end to end, through the command line: names normalised, located errors, repeated --partner."""

from __future__ import annotations

import json

from tests.conftest import entente

MOVE = "id: {id}\ntitle: Ask India to sanction {name}\npartner: india\nasks: [sanctions_alignment]\nagainst: [{name}]\n"


def vet_json(tmp_path, name: str):
    path = tmp_path / f"{name.lower()}.yaml"
    path.write_text(MOVE.format(id="move", name=name))
    return entente("vet", str(path), "--format", "json", "--today", "2026-01-01", "--fail-on", "none")


def test_an_alias_gives_the_same_findings_as_the_id(tmp_path):
    by_alias, by_id = vet_json(tmp_path, "PRC"), vet_json(tmp_path, "china")
    assert by_alias.exit_code == by_id.exit_code == 0
    alias_doc, id_doc = json.loads(by_alias.stdout), json.loads(by_id.stdout)
    assert alias_doc["assessments"] == id_doc["assessments"]
    finding = alias_doc["assessments"][0]["findings"][0]
    assert finding["id"] == "forced-binary-choice" and "against China" in finding["message"]
    assert {"field": "against[0]", "value": "china", "text": "the move is aimed at China"} in finding["evidence"]


def test_a_misspelt_party_is_a_located_error_with_the_nearest_id(tmp_path):
    result = vet_json(tmp_path, "Chinaa")
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/chinaa.yaml:5:11: unknown party 'Chinaa'\n  help: did you mean 'china'?\n1 error in 1 file\n"
    )


def test_partner_may_be_given_more_than_once(tmp_path):
    path = tmp_path / "move.yaml"
    path.write_text(MOVE.format(id="move", name="russia"))
    result = entente(
        "vet",
        str(path),
        "--partner",
        "japan",
        "--partner",
        "India",
        "--format",
        "jsonl",
        "--today",
        "2026-01-01",
        "--fail-on",
        "none",
    )
    assert result.exit_code == 0
    assert [json.loads(line)["assessment"]["partner"] for line in result.stdout.splitlines()] == ["japan", "india"]
