"""`vet --suggest`: the smallest edits to the proposal that clear each finding, and they really do."""

from __future__ import annotations

import json

from engine.analysis.suggest import apply_edits, suggest
from engine.core.engine import Options
from engine.core.library import Library
from engine.core.resolve import resolve
from engine.io import yaml_file as source
from engine.model import Proposal
from engine.model.severity import SEVERITY_ORDER
from engine.model.situation import Situation
from engine.model.validate import validate
from tests.conftest import POLICIES, PROFILES, ROOT, entente

OPTIONS = Options(today=__import__("datetime").date(2026, 11, 24))


def situations(pack):
    library = Library.open(PROFILES, pack.vocabulary)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = source.load(path)
        resolved = resolve(validate(doc, Proposal, pack.vocabulary, "a proposal"), doc, library)
        for partner in resolved.partners:
            yield path.stem, Situation(resolved.proposal, partner, resolved.forum, pack.vocabulary)


def test_every_finding_of_every_example_gets_a_suggestion_that_really_clears_it(engine, pack):
    checked = 0
    for name, situation in situations(pack):
        baseline = {f.id: f.severity for f in engine.assess_situation(situation, OPTIONS).findings}
        found = suggest(engine, situation, OPTIONS)
        assert set(found) == set(baseline)
        for fid, suggestions in found.items():
            assert suggestions, (name, fid)
            for s in suggestions:
                edited = Situation(
                    apply_edits(situation.proposal, s.edits, pack.vocabulary),
                    situation.partner,
                    situation.forum,
                    pack.vocabulary,
                )
                after = {f.id: f.severity for f in engine.assess_situation(edited, OPTIONS).findings}
                assert fid not in after, (name, fid, s.advice)
                raised = [
                    i for i in after if i not in baseline and SEVERITY_ORDER[after[i]] >= SEVERITY_ORDER[baseline[fid]]
                ]
                assert raised == [], (name, fid, s.advice)
                checked += 1
    assert checked >= 10


def run(*args):
    return entente("vet", *args, "--today", "2026-11-24")


def test_vietnam_democratization_condition_advice():
    result = run(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--suggest")
    advice = (
        "    - Drop the condition on supply chains requiring democratization and keep any democracy "
        "dialogue in a separate track."
    )
    assert result.stdout.count(advice) == 4  # red line, dispute linkage, leverage on dependence, reform conditionality
    assert (
        "\nWhat would clear each finding (edits to the proposal only)\n\nVietnam (vn-supply-chain-conditioned)\n"
        in result.stdout
    )


def test_suggestions_in_json_are_machine_applicable_and_deterministic():
    args = (str(ROOT / "examples" / "india-russia-sanctions.yaml"), "--suggest", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.stdout == second.stdout
    findings = json.loads(first.stdout)["assessments"][0]["findings"]
    binary = next(f for f in findings if f["id"] == "forced-binary-choice")
    assert binary["suggestions"] == [
        {
            "advice": "Do not aim the asks and conditions at Russia.",
            "edits": [{"op": "remove", "field": "against", "value": "russia"}],
        }
    ]


def test_an_upgrade_is_cleared_by_attaching_deliverables(engine, pack):
    from tests.conftest import build

    situation = build(
        pack, proposal={"kind": "relationship_upgrade", "new_label": "comprehensive_strategic_partnership"}
    )
    found = suggest(engine, situation, OPTIONS)
    assert [s.advice for s in found["label-inflation"]] == [
        "Attach concrete deliverables to the upgrade (a fund, an agreement or a programme)."
    ]


SILENT_ASK_POLICY = """\
id: cooperation-without-an-ask
title: Cooperation offered with nothing asked in return
severity: high
rationale:
  text: A throwaway policy for this test.
  source: gvosdev-2024
  quote: "But with partners, there may be a range of domestic and foreign policy divergences."
recommendation: Ask for something.
message: The move offers {proposal.cooperation} and asks nothing.
when:
  all:
    - fact: proposal.cooperation
      empty: false
    - fact: proposal.asks
      empty: true
"""


def test_an_edit_that_raises_another_finding_at_the_same_severity_is_never_suggested(tmp_path):
    """Dropping the alliance-type ask clears alliance-obligation-ask (high) but raises the throwaway policy
    (high): it must not be suggested, and no other edit to the proposal clears the finding."""
    import shutil

    from engine.core.engine import Engine
    from engine.core.pack import load_pack
    from engine.core.results import SuggestedEdit
    from tests.conftest import build

    shutil.copytree(POLICIES, tmp_path / "pack")
    (tmp_path / "pack" / "cooperation-without-an-ask.yaml").write_text(SILENT_ASK_POLICY)
    pack = load_pack(tmp_path / "pack")
    engine = Engine(pack)
    situation = build(
        pack,
        partner={"hedging": "aligned"},
        proposal={"kind": "commitment_request", "cooperation": ["trade"], "asks": ["basing_access"]},
    )
    assert [f.id for f in engine.assess_situation(situation, OPTIONS).findings] == ["alliance-obligation-ask"]
    dropped = Situation(
        apply_edits(
            situation.proposal, (SuggestedEdit(op="remove", field="asks", value="basing_access"),), situation.vocabulary
        ),
        situation.partner,
        None,
        situation.vocabulary,
    )
    assert [(f.id, f.severity) for f in engine.assess_situation(dropped, OPTIONS).findings] == [
        ("cooperation-without-an-ask", "high")
    ]
    assert suggest(engine, situation, OPTIONS) == {"alliance-obligation-ask": []}
