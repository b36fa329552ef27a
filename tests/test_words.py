"""Words, not identifiers: every vocabulary term has a display label, messages read labels and names, each
piece of evidence reads as a sentence, and each finding names the elements of the proposal it concerns."""

from __future__ import annotations

import shutil

import pytest

from engine.core.evidence import Sentences
from engine.core.wording import Wording, missing_text
from tests.conftest import POLICIES, build, entente


def test_every_term_of_the_shipped_vocabulary_has_a_label(pack):
    assert pack.vocabulary.unlabelled() == []
    v = pack.vocabulary
    assert (v.label("no_interference_internal_affairs"), v.label("single_party")) == (
        "no interference in internal affairs",
        "single-party state",
    )
    assert v.label("a_term_of_my_own") == "a term of my own"  # a user's term without a label: its words
    assert (v.name("united_states"), v.in_sentence("united_states"), v.in_sentence("vietnam")) == (
        "United States",
        "the United States",
        "Vietnam",
    )


def test_a_label_for_no_term_is_an_error_and_an_unlabelled_term_a_note(tmp_path):
    pack = shutil.copytree(POLICIES, tmp_path / "policies")
    vocabulary = pack / "vocabulary.yaml"
    text = vocabulary.read_text()
    text = text.replace("  visa_restrictions: visa restrictions\n", "")
    vocabulary.write_text(text)
    result = entente("check", str(pack), policies=pack)
    assert result.exit_code == 0
    assert result.output.endswith(
        f"note: 1 term of {vocabulary} has no label and reads as words in notes: visa_restrictions "
        "(add them under `labels:`)\n"
    )
    text = text.replace("  tariffs: tariffs\n", "  tariffs: ''\n")
    vocabulary.write_text(text + "  visa_restriction: visa restrictions\n")
    result = entente("check", str(pack), policies=pack)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].endswith("the label of 'tariffs' is empty or spans lines")
    assert lines[2].endswith("label for 'visa_restriction', which is not a term of the vocabulary")
    assert lines[3] == "  help: did you mean 'visa_restrictions'?"


SITUATION = {
    "partner": {
        "red_lines": ["no_foreign_bases"],
        "stances": {"democracy": "opposed"},
        "ties": [{"party": "russia", "tier": "strategic_partnership"}],
        "dependencies": [{"party": "china", "sector": "energy", "level": "high"}],
        "disputes": [{"issue": "territorial_dispute", "intensity": "high"}],
        "hedging": "nonaligned",
        "memberships": ["brics"],
    },
    "proposal": {
        "kind": "conditionality",
        "cooperation": ["supply_chains"],
        "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}],
        "asks": [{"ask": "sanctions_alignment", "against": ["russia"]}],
        "measures": [{"measure": "tariffs", "status": "threatened"}],
        "against": ["russia"],
        "names_as_adversary": ["china"],
        "raises_disputes": ["human_rights"],
        "new_label": "comprehensive_strategic_partnership",
    },
}


@pytest.mark.parametrize(
    "field, value, sentence",
    [
        ("profile.tier", "strategic_partnership", "Testland holds a strategic partnership with the United States"),
        ("profile.accession_candidate", False, "Testland is not seeking to join an alliance"),
        ("profile.hedging", "nonaligned", "Testland's posture is non-aligned"),
        ("profile.red_lines[0]", "no_foreign_bases", "Testland has declared a red line: no foreign bases"),
        ("profile.stances.democracy", "opposed", "Testland's stance on democracy is opposed"),
        ("profile.ties[0].tier", "strategic_partnership", "Testland holds a strategic partnership with Russia"),
        ("profile.dependencies[0].level", "high", "Testland depends on China for energy (high)"),
        (
            "profile.disputes[0].issue",
            "territorial_dispute",
            "Testland and the United States disagree on territorial disputes",
        ),
        ("profile.memberships[0]", "brics", "Testland is a member of BRICS"),
        ("conditions[0].requires", "democratization", "the condition on supply chains requires democratization"),
        ("conditions[0].offered", True, "the condition on supply chains is attached to cooperation newly offered"),
        ("asks[0]", "sanctions_alignment", "the move asks for alignment with sanctions"),
        ("asks[0].against[0]", "russia", "the ask for alignment with sanctions is aimed at Russia"),
        ("measures[0]", "tariffs", "the move threatens Testland with tariffs"),
        ("cooperation[0]", "supply_chains", "the move offers cooperation on supply chains"),
        ("against[0]", "russia", "the move is aimed at Russia"),
        ("names_as_adversary[0]", "china", "the move names China as an adversary"),
        ("raises_disputes[0]", "human_rights", "the move raises human rights in the same package"),
        ("kind", "conditionality", "the kind of move is conditional offer"),
        (
            "new_label",
            "comprehensive_strategic_partnership",
            "the upgrade proposes a comprehensive strategic partnership",
        ),
        ("parties.brics.members", "testland", "Testland is a member of BRICS"),
        ("profile.label", "Old friends", "profile label is Old friends"),  # a field with no sentence of its own
    ],
)
def test_evidence_reads_as_a_sentence(pack, field, value, sentence):
    situation = build(pack, SITUATION["partner"], SITUATION["proposal"])
    assert Sentences(situation).evidence(field, value) == sentence


def test_a_finding_names_the_elements_its_evidence_points_at(pack):
    w = Wording(build(pack, SITUATION["partner"], SITUATION["proposal"]))
    fields = [
        "profile.red_lines[0]",
        "conditions[0].requires",
        "conditions[0].at_stake",
        "measures[0].status",
        "asks[0]",
    ]
    assert w.concerns(fields) == [
        "the condition on supply chains requiring democratization",
        "the threatened tariffs",
        "the ask for alignment with sanctions",
    ]
    assert w.concerns(["profile.tier", "kind"]) == []  # the partner and the kind of move are not elements to edit
    assert missing_text("profile.stances.human_rights", pack.vocabulary) == "its stance on human rights"


def test_messages_and_the_text_output_use_labels(pack, engine):
    import datetime as dt

    from engine.core.engine import Options

    situation = build(pack, {"red_lines": ["no_interference_internal_affairs"]}, SITUATION["proposal"])
    finding = next(
        f
        for f in engine.assess_situation(situation, Options(today=dt.date(2025, 11, 24))).findings
        if f.id == "red-line-crossing"
    )
    assert (
        finding.message
        == "The move crosses what Testland has declared a red line: no interference in internal affairs."
    )
    assert finding.evidence[0].field == "profile.red_lines[0]"  # the JSON keeps the field and value for machines
    assert finding.evidence[0].value == "no_interference_internal_affairs"
