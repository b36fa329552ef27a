"""Every row of the contract's red-line table: what crosses each red line, and what does not."""

from __future__ import annotations

import pytest

from tests.conftest import ids

TIED = {
    "ties": [{"party": "china", "tier": "strategic_partnership"}],
    "dependencies": [{"party": "china", "sector": "energy", "level": "high"}],
}

# red line -> (a move that crosses it, a nearby move that does not)
TABLE = {
    "no_military_alliance": ({"asks": ["mutual_defense"]}, {"asks": ["intelligence_sharing"]}),
    "no_foreign_bases": ({"asks": ["basing_access"]}, {"asks": ["troop_contribution"]}),
    "no_siding_against_third_party": ({"names_as_adversary": ["russia"]}, {"against": ["russia"]}),
    "no_use_of_force": ({"asks": ["troop_contribution"]}, {"asks": ["basing_access"]}),
    "no_interference_internal_affairs": (
        {"conditions": [{"at_stake": "trade", "requires": "press_freedom"}]},
        {"conditions": [{"at_stake": "trade", "requires": "climate"}]},
    ),
    "no_sanctions_alignment": (
        {"conditions": [{"at_stake": "trade", "requires": "sanctions_alignment"}]},
        {"asks": ["public_condemnation"], "against": ["china"]},
    ),
    "no_external_veto": ({"asks": ["vendor_exclusion"], "against": ["china"]}, {"asks": ["sanctions_alignment"]}),
    "no_negotiation_under_coercion": (
        {"measures": ["tariffs"], "asks": ["trade_restriction"]},
        {"measures": ["tariffs"]},
    ),
    "no_arms_to_conflict": ({"cooperation": ["arms_sales"], "against": ["russia"]}, {"cooperation": ["arms_sales"]}),
    "no_recognition_demands": ({"asks": ["diplomatic_recognition"]}, {"asks": ["un_vote_alignment"]}),
    "energy_sovereignty": (
        {"asks": ["sanctions_alignment"], "against": ["china"]},
        {"asks": ["sanctions_alignment"], "against": ["russia"]},
    ),
}


def test_the_table_covers_every_red_line_in_the_vocabulary(pack):
    assert set(TABLE) == set(pack.vocabulary.terms["red_line"])


@pytest.mark.parametrize("red_line", sorted(TABLE))
def test_red_line_crossed(assess, red_line):
    crossing, _ = TABLE[red_line]
    a = assess(partner={"red_lines": [red_line], "hedging": "aligned", **TIED}, proposal=crossing)
    finding = next(f for f in a.findings if f.id == "red-line-crossing")
    assert finding.severity == "critical"
    assert finding.message == f"The move crosses what Testland has declared a red line: {red_line}."
    assert {"field": "profile.red_lines[0]", "value": red_line} in [e.model_dump() for e in finding.evidence]


@pytest.mark.parametrize("red_line", sorted(TABLE))
def test_red_line_not_crossed(assess, red_line):
    _, nearby = TABLE[red_line]
    a = assess(partner={"red_lines": [red_line], "hedging": "aligned", **TIED}, proposal=nearby)
    assert "red-line-crossing" not in ids(a)


@pytest.mark.parametrize("red_line", sorted(TABLE))
def test_a_red_line_the_partner_did_not_declare_is_not_crossed(assess, red_line):
    crossing, _ = TABLE[red_line]
    a = assess(partner={"red_lines": [], "hedging": "aligned", **TIED}, proposal=crossing)
    assert "red-line-crossing" not in ids(a)
    assert "red-line-crossing" not in [u.id for u in a.undecided]


def test_red_lines_missing_from_the_profile_leave_the_policy_undecided(assess):
    a = assess(proposal={"asks": ["basing_access"]}, drop=("red_lines",))
    assert "red-line-crossing" not in ids(a)
    assert [(u.id, u.missing) for u in a.undecided] == [("red-line-crossing", ["profile.red_lines"])]
