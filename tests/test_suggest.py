"""`vet --suggest`: the smallest edits to the proposal that clear each finding, and they really do."""

from __future__ import annotations

import json

import pytest

from engine.analysis.suggest import MAX_EDITS, apply_edits, suggest
from engine.core.engine import Options
from engine.core.library import Library
from engine.core.resolve import resolve
from engine.io import yaml_file as source
from engine.model import Proposal
from engine.model.severity import SEVERITY_ORDER
from engine.model.situation import Situation
from engine.model.validate import validate
from tests.conftest import POLICIES, PROFILES, ROOT, build, entente

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


EVERY_ELEMENT = {
    "kind": "relationship_upgrade",
    "cooperation": ["maritime_security", "trade"],
    "adds_to_agenda": ["human_rights"],
    "conditions": [{"at_stake": "trade", "requires": "democratization"}],
    "asks": ["sanctions_alignment", {"ask": "un_vote_alignment", "against": ["russia"]}],
    "measures": [
        {"measure": "tariffs", "status": "threatened"},
        "visa_restrictions",
        {"measure": "arms_embargo", "status": "lifted"},
    ],
    "names_as_adversary": ["china"],
    "against": ["russia"],
    "raises_disputes": ["territorial_dispute", {"issue": "human_rights", "channel": "separate"}],
    "new_label": "strategic_partnership",
}
FISHING = {"id": "f", "name": "Fishing talks", "members": ["united_states", "testland"], "scope": ["maritime_security"]}


def edits_of(situation) -> list[tuple]:
    from engine.analysis.suggest import candidate_edits

    return [(e.op, e.field, e.value, e.advice) for e in candidate_edits(situation)]


def test_the_candidate_edits_name_each_element_in_words(pack):
    from tests.conftest import build

    assert edits_of(build(pack, {}, EVERY_ELEMENT, FISHING)) == [
        (
            "remove",
            "conditions",
            {"at_stake": "trade", "requires": "democratization"},
            "Drop the condition on trade requiring democratization and keep any democracy dialogue in a separate track",
        ),
        ("remove", "asks", "sanctions_alignment", "Drop the ask for alignment with sanctions"),
        (
            "remove",
            "asks",
            {"ask": "un_vote_alignment", "against": ["russia"]},
            "Drop the ask for alignment of its UN votes",
        ),
        ("remove", "measures", {"measure": "tariffs", "status": "threatened"}, "Drop the threatened tariffs"),
        ("remove", "measures", "visa_restrictions", "Drop the visa restrictions aimed at the partner"),  # lifted: none
        (
            "remove",
            "adds_to_agenda",
            "human_rights",
            "Take human rights off the agenda of Fishing talks and pursue it in a format built for it",
        ),
        ("remove", "cooperation", "trade", "Pursue trade outside Fishing talks"),  # maritime security is in scope
        (
            "remove",
            "names_as_adversary",
            "china",
            "Do not name China as the adversary; frame the move around the shared problem",
        ),
        ("remove", "against", "russia", "Do not aim the asks and conditions at Russia"),
        (
            "remove",
            "raises_disputes",
            "territorial_dispute",
            "Take territorial disputes out of the package and raise it in a separate channel",
        ),  # the dispute raised in a separate channel is not an edit
        (
            "add",
            "deliverables",
            "a concrete deliverable (a fund, an agreement or a programme): fill in",
            "Attach concrete deliverables to the upgrade (a fund, an agreement or a programme)",
        ),
        ("clear", "new_label", "strategic_partnership", "Keep the current label until there are deliverables"),
    ]


def test_without_a_forum_nothing_is_taken_out_of_one_and_the_search_stops_at_its_limit(pack):
    from engine.analysis.suggest import MAX_CANDIDATES
    from tests.conftest import build

    alone = edits_of(build(pack, {}, EVERY_ELEMENT))
    assert [e for e in alone if e[1] == "cooperation"] == []
    assert (
        "remove",
        "adds_to_agenda",
        "human_rights",
        "Take human rights off the agenda of the forum and pursue it in a format built for it",
    ) in alone
    many = {**EVERY_ELEMENT, "asks": [*EVERY_ELEMENT["asks"], "basing_access", "mutual_defense", "troop_contribution"]}
    assert len(edits_of(build(pack, {}, many, FISHING))) == MAX_CANDIDATES == 14


@pytest.mark.parametrize(
    "deliverables, offered",
    [
        ([{"text": "A joint fund", "kind": "fund"}], False),  # agreed and substantive: nothing to add
        (["A joint fund, in words"], False),  # free text counts as substantive (v1)
        ([{"text": "A joint fund", "kind": "fund", "status": "planned"}], True),
        ([{"text": "A dialogue", "kind": "process"}], True),
        ([], True),
    ],
)
def test_deliverables_are_suggested_only_when_none_is_agreed_and_substantive(pack, deliverables, offered):
    from tests.conftest import build

    upgrade = {"kind": "relationship_upgrade", "deliverables": deliverables}
    assert any(e[0] == "add" for e in edits_of(build(pack, {}, upgrade))) is offered
    assert not any(e[0] == "clear" for e in edits_of(build(pack, {}, upgrade)))  # no new label to keep


def test_edits_apply_to_the_proposal_as_written(pack):
    from engine.analysis.suggest import Edit, suggestion
    from tests.conftest import build

    situation = build(pack, {}, EVERY_ELEMENT, FISHING)
    edits = (
        Edit("remove", "asks", {"ask": "un_vote_alignment", "against": ["russia"]}, "Drop the vote"),
        Edit("add", "deliverables", "A fund", "Attach a fund"),
        Edit("clear", "new_label", "strategic_partnership", "Keep the label"),
    )
    edited = apply_edits(situation.proposal, edits, situation.vocabulary)
    assert [a.ask for a in edited.asks] == ["sanctions_alignment"]
    assert [d.text for d in edited.deliverables] == ["A fund"] and edited.new_label is None
    assert edited.measures == situation.proposal.measures  # nothing else changes
    said = suggestion(edits)
    assert said.advice == "Drop the vote; attach a fund; keep the label."
    assert [(e.op, e.field) for e in said.edits] == [
        ("remove", "asks"),
        ("add", "deliverables"),
        ("clear", "new_label"),
    ]


def test_an_edit_adding_to_a_list_keeps_what_the_list_held(pack):
    from engine.analysis.suggest import Edit
    from tests.conftest import build

    situation = build(pack, {}, EVERY_ELEMENT, FISHING)
    edit = Edit("add", "cooperation", "climate", "Add climate")
    edited = apply_edits(situation.proposal, (edit,), situation.vocabulary)
    assert list(edited.cooperation) == ["maritime_security", "trade", "climate"]


def test_the_best_edit_clears_the_finding_and_says_what_is_left(engine, pack):
    """best_edit (the note's `change:` line): the first smallest clearing set and the findings after it, which are
    the engine's own findings for the edited proposal in the same forum; None for a finding the move lacks."""
    from engine.analysis.suggest import best_edit

    checked = 0
    for name, situation in situations(pack):
        findings = [f.id for f in engine.assess_situation(situation, OPTIONS).findings]
        assert best_edit(engine, situation, OPTIONS, "no-such-finding") is None
        for fid in findings:
            best = best_edit(engine, situation, OPTIONS, fid)
            assert best is not None, (name, fid)
            said, after = best
            assert said == suggest(engine, situation, OPTIONS)[fid][0]
            edited = Situation(
                apply_edits(situation.proposal, said.edits, pack.vocabulary),
                situation.partner,
                situation.forum,
                pack.vocabulary,
            )
            assert after == {f.id: f.severity for f in engine.assess_situation(edited, OPTIONS).findings}
            assert fid not in after
            checked += situation.forum is not None
    assert checked  # some of them in a forum


def test_a_finding_that_needs_more_edits_than_the_limit_gets_no_suggestion(engine, pack):
    """Every coercive measure aimed at the partner keeps coercion-of-partner firing: clearing it takes one
    edit per measure, and the search stops at MAX_EDITS edits."""
    measures = ["tariffs", "visa_restrictions", "aid_suspension", "export_controls"]
    assert len(measures) - 1 == MAX_EDITS
    within = build(pack, proposal={"kind": "coercive_measure", "measures": measures[:MAX_EDITS]})
    [clears] = suggest(engine, within, OPTIONS)["coercion-of-partner"]
    assert clears.advice == (
        "Drop the tariffs aimed at the partner; drop the visa restrictions aimed at the partner; "
        "drop the suspension of aid aimed at the partner."
    )
    assert [(e.op, e.field, e.value) for e in clears.edits] == [("remove", "measures", m) for m in measures[:MAX_EDITS]]
    beyond = build(pack, proposal={"kind": "coercive_measure", "measures": measures})
    assert suggest(engine, beyond, OPTIONS) == {"coercion-of-partner": []}


def test_a_forum_finding_is_cleared_only_by_the_edit_that_concerns_the_forum(engine, pack):
    """Each variant is assessed in the forum of the move: dropping an unrelated ask does not clear scope creep."""
    [(_, situation)] = [(n, s) for n, s in situations(pack) if s.partner.id == "indonesia"]
    data = situation.proposal.model_dump(mode="json", exclude_unset=True, by_alias=True)
    proposal = Proposal.model_validate(
        {**data, "asks": ["intelligence_sharing"]}, context={"vocabulary": pack.vocabulary}
    )
    with_an_ask = Situation(proposal, situation.partner, situation.forum, pack.vocabulary)
    found = suggest(engine, with_an_ask, OPTIONS)
    assert list(found) == ["minilateral-scope-creep"]
    [only] = found["minilateral-scope-creep"]
    assert [(e.op, e.field, e.value) for e in only.edits] == [("remove", "adds_to_agenda", "human_rights")]
    assert only.advice == (
        "Take human rights off the agenda of Indo-Pacific partnership against illegal fishing "
        "and pursue it in a format built for it."
    )
