"""Policies read classes and sectors from the vocabulary, never lists of terms: an analyst who adds a term with
its classes or sectors changes what fires without touching a policy (Contract v2, sections 2 and 5)."""

from __future__ import annotations

import shutil

from engine.core.engine import Engine, Options
from engine.core.pack import load_pack
from tests.conftest import POLICIES, TODAY, build

PARTNER = {
    "hedging": "hedging",
    "ties": [{"party": "russia", "tier": "strategic_partnership"}],
    "dependencies": [
        {"party": "russia", "sector": "energy", "level": "high"},
        {"party": "united_states", "sector": "energy", "level": "high"},
    ],
}


def findings(pack, proposal: dict) -> list[str]:
    return [f.id for f in Engine(pack).assess_situation(build(pack, PARTNER, proposal), Options(today=TODAY)).findings]


def test_a_new_ask_term_with_its_classes_fires_the_policies_that_read_them(tmp_path):
    shutil.copytree(POLICIES, tmp_path / "pack")
    vocabulary = tmp_path / "pack" / "vocabulary.yaml"
    text = vocabulary.read_text()
    anchor = "  regulatory_change: {issue: trade, classes: []}\n"
    assert anchor in text
    vocabulary.write_text(
        text.replace(
            anchor, anchor + "  oil_purchase_halt: {issue: energy_security, classes: [side_taking, curtailing]}\n"
        )
    )
    pack = load_pack(tmp_path / "pack")
    move = {"kind": "commitment_request", "asks": ["oil_purchase_halt"], "against": ["russia"]}
    assert findings(pack, move) == ["forced-binary-choice", "dependency-exposure"]
    assert sorted(p.path.split("/")[-1] for p in pack.policies) == sorted(
        p.path.split("/")[-1] for p in load_pack(POLICIES).policies
    )  # no policy file was touched


def test_a_new_measure_term_with_its_sectors_presses_a_dependence(tmp_path):
    shutil.copytree(POLICIES, tmp_path / "pack")
    vocabulary = tmp_path / "pack" / "vocabulary.yaml"
    text = vocabulary.read_text()
    anchor = "  transit_closure: [transit]\n"
    assert anchor in text
    vocabulary.write_text(text.replace(anchor, anchor + "  lng_export_ban: [energy]\n"))
    pack = load_pack(tmp_path / "pack")
    move = {"kind": "coercive_measure", "measures": ["lng_export_ban"]}
    assert findings(pack, move) == ["coercion-of-partner", "leverage-on-dependence"]
    assert findings(load_pack(POLICIES), {"kind": "coercive_measure", "measures": ["visa_restrictions"]}) == [
        "coercion-of-partner"
    ]  # a measure in no sector presses no dependence
