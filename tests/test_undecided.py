"""What the case format cannot pin yet: that a policy is *decided*, and the exact set of undecided policies.

`expect: silent` also passes when the policy is undecided, and `undecided: [...]` lists policies that
must be undecided without excluding others, so no case can say "decided" or "nothing else undecided".
These assertions come from the former tests/test_policies.py and tests/test_red_lines.py; everything
else those tests checked about the same situations is pinned by the case named in each test. Move them
into those cases once the format can say it (an exact `undecided:` list; `silent` meaning decided).
"""

from __future__ import annotations

import pytest

CHINA_TIED = {"ties": [{"party": "china", "tier": "strategic_partnership"}]}
FISH = {
    "id": "fish",
    "name": "Fishing partnership",
    "kind": "minilateral",
    "members": ["united_states", "testland"],
    "scope": ["illegal_fishing", "maritime_domain_awareness"],
}


def undecided(a):
    return [(u.id, u.missing) for u in a.undecided]


def test_members_added_within_scope_leave_nothing_undecided(assess):
    # cases/scenarios/contract.yaml::members-added-within-scope-are-not-scope-creep
    a = assess(
        proposal={
            "kind": "expand_membership",
            "adds_members": ["indonesia", "philippines"],
            "cooperation": ["illegal_fishing"],
        },
        partner={"stances": {"illegal_fishing": "aligned"}},
        forum=FISH,
    )
    assert undecided(a) == []


def test_advice_without_conditions_asks_or_measures_leaves_nothing_undecided(assess):
    # cases/scenarios/contract.yaml::advice-without-conditions-asks-or-measures-forces-no-choice
    a = assess(partner=CHINA_TIED, proposal={"kind": "public_statement", "against": ["china"]})
    assert undecided(a) == []


def test_missing_hedging_leaves_only_forced_binary_choice_undecided(assess):
    # cases/scenarios/contract.yaml::missing-hedging-leaves-forced-binary-choice-undecided
    a = assess(partner=CHINA_TIED, proposal={"asks": ["sanctions_alignment"], "against": ["china"]}, drop=("hedging",))
    assert undecided(a) == [("forced-binary-choice", ["profile.hedging"])]


def test_missing_hedging_without_side_taking_ask_leaves_nothing_undecided(assess):
    # cases/scenarios/contract.yaml::missing-hedging-without-a-side-taking-ask-decides
    a = assess(partner=CHINA_TIED, proposal={"asks": ["intelligence_sharing"], "against": ["china"]}, drop=("hedging",))
    assert undecided(a) == []


def test_missing_red_lines_on_a_harmless_move_leave_nothing_undecided(assess):
    # cases/scenarios/contract.yaml::missing-red-lines-on-a-harmless-move-decide
    a = assess(proposal={"kind": "new_cooperation", "cooperation": ["climate"]}, drop=("red_lines",))
    assert undecided(a) == []


def test_missing_red_lines_leave_only_red_line_crossing_undecided(assess):
    # cases/red-line-crossing.yaml::red-lines-missing-from-the-profile
    a = assess(proposal={"asks": ["basing_access"]}, drop=("red_lines",))
    assert undecided(a) == [("red-line-crossing", ["profile.red_lines"])]


# the crossing move of each row of the red-line table (cases/red-line-crossing.yaml::table-<red line>-crossed)
CROSSING = {
    "no_military_alliance": {"asks": ["mutual_defense"]},
    "no_foreign_bases": {"asks": ["basing_access"]},
    "no_siding_against_third_party": {"names_as_adversary": ["russia"]},
    "no_use_of_force": {"asks": ["troop_contribution"]},
    "no_interference_internal_affairs": {"conditions": [{"at_stake": "trade", "requires": "press_freedom"}]},
    "no_sanctions_alignment": {"conditions": [{"at_stake": "trade", "requires": "sanctions_alignment"}]},
    "no_external_veto": {"asks": ["vendor_exclusion"], "against": ["china"]},
    "no_negotiation_under_coercion": {"measures": ["tariffs"], "asks": ["trade_restriction"]},
    "no_arms_to_conflict": {"cooperation": ["arms_sales"], "against": ["russia"]},
    "no_recognition_demands": {"asks": ["diplomatic_recognition"]},
    "energy_sovereignty": {"asks": ["sanctions_alignment"], "against": ["china"]},
}
TIED = {"hedging": "aligned", **CHINA_TIED, "dependencies": [{"party": "china", "sector": "energy", "level": "high"}]}


@pytest.mark.parametrize("red_line", sorted(CROSSING))
def test_a_red_line_the_partner_did_not_declare_is_decided(assess, red_line):
    # cases/red-line-crossing.yaml::table-<red line>-not-declared
    a = assess(partner={"red_lines": [], **TIED}, proposal=CROSSING[red_line])
    assert "red-line-crossing" not in [u.id for u in a.undecided]
