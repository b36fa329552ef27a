"""Pins the behaviour of each of the 14 required policies of the shipped pack.

For every policy: at least two moves on which it fires and two on which it stays silent, each
asserting the exact list of finding ids (so an unexpected extra finding fails the test); firing
cases also pin the severity, a key fragment of the message and one evidence field/value pair.

Then the contract's special cases (shared/design/inputs.md), each in its own named test:
the stand-downs for treaty allies and accession candidates (red lines still count), membership
widening vs agenda widening, upgrades with and without deliverables, advice vs side-taking asks,
every red line of the vocabulary's red-line table (crossed and not crossed), missing profile
data (undecided, not silent), and confidence on stale vs fresh profiles.

All cases run on conftest's base partner (Testland: strategic_partnership, hedging,
electoral_democracy, nothing else declared) and base proposal (a bare new_cooperation move).
"""

from __future__ import annotations

import pytest

from tests.conftest import ids

CHINA_STRATEGIC = {"party": "china", "tier": "strategic_partnership"}
CHINA_TIED = {"ties": [CHINA_STRATEGIC]}

FISH = {
    "id": "fish",
    "name": "Fishing partnership",
    "kind": "minilateral",
    "members": ["united_states", "testland"],
    "scope": ["illegal_fishing", "maritime_domain_awareness"],
}
FISH_BILATERAL = {**FISH, "kind": "bilateral"}
FISH_MULTILATERAL = {**FISH, "kind": "multilateral"}
BINDING_PACT = {
    "id": "pact",
    "name": "Defence pact",
    "kind": "minilateral",
    "members": ["united_states", "testland"],
    "scope": ["regional_security"],
    "binding": True,
}


def finding(a, policy_id):
    matches = [f for f in a.findings if f.id == policy_id]
    assert matches, f"{policy_id} did not fire; findings: {ids(a)}"
    return matches[0]


def evidence(f):
    return [(e.field, e.value) for e in f.evidence]


def assert_fires(a, policy_id, expected_ids, severity, fragment, pair):
    assert ids(a) == expected_ids
    f = finding(a, policy_id)
    assert f.severity == severity
    assert fragment in f.message
    assert pair in evidence(f)


# --- minilateral-scope-creep ------------------------------------------------------------


@pytest.mark.parametrize(
    "forum, proposal, fragment, pair",
    [
        pytest.param(
            FISH,
            {"kind": "expand_scope", "adds_to_agenda": ["human_rights"]},
            "brings human_rights into Fishing partnership",
            ("adds_to_agenda[0]", "human_rights"),
            id="minilateral-agenda-adds-human-rights",
        ),
        pytest.param(
            FISH_BILATERAL,
            {"cooperation": ["semiconductors"]},
            "brings semiconductors into Fishing partnership",
            ("cooperation[0]", "semiconductors"),
            id="bilateral-pursues-semiconductors",
        ),
    ],
)
def test_minilateral_scope_creep_fires(assess, forum, proposal, fragment, pair):
    a = assess(proposal=proposal, forum=forum)
    assert_fires(a, "minilateral-scope-creep", ["minilateral-scope-creep"], "high", fragment, pair)


@pytest.mark.parametrize(
    "forum, proposal",
    [
        pytest.param(
            FISH,
            {"kind": "expand_scope", "adds_to_agenda": ["maritime_domain_awareness"]},
            id="agenda-addition-within-scope",
        ),
        pytest.param(None, {"kind": "expand_scope", "adds_to_agenda": ["human_rights"]}, id="no-forum"),
        pytest.param(
            FISH_MULTILATERAL, {"kind": "expand_scope", "adds_to_agenda": ["human_rights"]}, id="multilateral-forum"
        ),
    ],
)
def test_minilateral_scope_creep_stays_silent(assess, forum, proposal):
    assert ids(assess(proposal=proposal, forum=forum)) == []


def test_adding_members_within_scope_is_not_scope_creep(assess):
    a = assess(
        proposal={
            "kind": "expand_membership",
            "adds_members": ["indonesia", "philippines"],
            "cooperation": ["illegal_fishing"],
        },
        partner={"stances": {"illegal_fishing": "aligned"}},
        forum=FISH,
    )
    assert ids(a) == []
    assert a.undecided == []


def test_adding_to_agenda_outside_scope_is_scope_creep(assess):
    a = assess(proposal={"kind": "expand_scope", "adds_to_agenda": ["democracy"]}, forum=FISH)
    assert_fires(
        a,
        "minilateral-scope-creep",
        ["minilateral-scope-creep"],
        "high",
        "brings democracy into Fishing partnership",
        ("adds_to_agenda[0]", "democracy"),
    )


# --- dispute-linkage ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "partner, condition, fragment, pair",
    [
        pytest.param(
            {"disputes": [{"issue": "territorial_dispute", "intensity": "high"}]},
            {"at_stake": "maritime_security", "requires": "territorial_dispute"},
            "contingent on territorial_dispute",
            ("profile.disputes[0].issue", "territorial_dispute"),
            id="declared-dispute",
        ),
        pytest.param(
            {"stances": {"sanctions_policy": "divergent"}},
            {"at_stake": "trade", "requires": "sanctions_alignment"},
            "Cooperation on trade is made contingent on sanctions_alignment",
            ("profile.stances.sanctions_policy", "divergent"),
            id="divergent-stance-on-asked-issue",
        ),
    ],
)
def test_dispute_linkage_fires(assess, partner, condition, fragment, pair):
    a = assess(partner=partner, proposal={"kind": "conditionality", "conditions": [condition]})
    assert_fires(a, "dispute-linkage", ["dispute-linkage"], "high", fragment, pair)


@pytest.mark.parametrize(
    "partner, proposal, expected",
    [
        pytest.param(
            {"stances": {"sanctions_policy": "aligned"}},
            {"conditions": [{"at_stake": "trade", "requires": "sanctions_alignment"}]},
            [],
            id="aligned-on-required-issue",
        ),
        pytest.param(
            {"stances": {"climate": "partial"}},
            {"conditions": [{"at_stake": "trade", "requires": "climate"}]},
            [],
            id="partial-stance-is-not-contested",
        ),
        pytest.param(
            {"disputes": [{"issue": "territorial_dispute", "intensity": "high"}]},
            {"cooperation": ["maritime_security"]},
            ["entente-security-note"],
            id="no-condition",
        ),
    ],
)
def test_dispute_linkage_stays_silent(assess, partner, proposal, expected):
    assert ids(assess(partner=partner, proposal=proposal)) == expected


# --- reform-conditionality ---------------------------------------------------------------


@pytest.mark.parametrize(
    "proposal, fragment, pair",
    [
        pytest.param(
            {"kind": "conditionality", "conditions": [{"at_stake": "supply_chains", "requires": "press_freedom"}]},
            "demands press_freedom of Testland",
            ("conditions[0].requires", "press_freedom"),
            id="condition-requires-reform",
        ),
        pytest.param(
            {"kind": "commitment_request", "asks": ["domestic_reform"]},
            "demands domestic_reform of Testland",
            ("asks[0]", "domestic_reform"),
            id="domestic-reform-ask",
        ),
        pytest.param(
            {"kind": "conditionality", "conditions": [{"at_stake": "trade", "requires": "labor_rights"}]},
            "demands labor_rights of Testland",
            ("conditions[0].requires", "labor_rights"),
            id="condition-requires-governance-issue",
        ),
    ],
)
def test_reform_conditionality_fires(assess, proposal, fragment, pair):
    a = assess(
        partner={"stances": {"human_rights": "aligned", "democracy": "aligned", "labor_rights": "aligned"}},
        proposal=proposal,
    )
    assert_fires(a, "reform-conditionality", ["reform-conditionality"], "high", fragment, pair)
    assert "strategic_partnership partner" in finding(a, "reform-conditionality").message


@pytest.mark.parametrize(
    "partner, proposal",
    [
        pytest.param(
            {},
            {"kind": "conditionality", "conditions": [{"at_stake": "trade", "requires": "climate"}]},
            id="non-reform-condition",
        ),
        pytest.param({}, {"asks": ["intelligence_sharing"]}, id="non-reform-ask"),
        pytest.param({"tier": "alliance"}, {"asks": ["domestic_reform"]}, id="treaty-ally"),
    ],
)
def test_reform_conditionality_stays_silent(assess, partner, proposal):
    assert ids(assess(partner=partner, proposal=proposal)) == []


def test_reform_conditionality_stands_down_for_treaty_ally(assess):
    move = {"kind": "conditionality", "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}]}
    stances = {"stances": {"democracy": "aligned"}}
    assert ids(assess(partner=stances, proposal=move)) == ["reform-conditionality"]
    assert ids(assess(partner={**stances, "tier": "alliance"}, proposal=move)) == []


def test_reform_conditionality_stands_down_for_accession_candidate(assess):
    move = {"kind": "conditionality", "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}]}
    stances = {"stances": {"democracy": "aligned"}}
    assert ids(assess(partner=stances, proposal=move)) == ["reform-conditionality"]
    assert ids(assess(partner={**stances, "accession_candidate": True}, proposal=move)) == []


# --- alliance-obligation-ask -------------------------------------------------------------


@pytest.mark.parametrize(
    "partner, asks, fragment, pair",
    [
        pytest.param(
            {},
            ["basing_access"],
            "a strategic_partnership partner below alliance, for alliance-type commitments: basing_access",
            ("asks[0]", "basing_access"),
            id="basing-from-strategic-partner",
        ),
        pytest.param(
            {"tier": "comprehensive_strategic_partnership_of_coordination"},
            ["intelligence_sharing", "mutual_defense"],
            "commitments: mutual_defense",
            ("asks[1]", "mutual_defense"),
            id="mutual-defense-just-below-alliance",
        ),
    ],
)
def test_alliance_obligation_ask_fires(assess, partner, asks, fragment, pair):
    a = assess(partner=partner, proposal={"kind": "commitment_request", "asks": asks})
    assert_fires(a, "alliance-obligation-ask", ["alliance-obligation-ask"], "high", fragment, pair)


@pytest.mark.parametrize(
    "partner, asks",
    [
        pytest.param({}, ["intelligence_sharing", "un_vote_alignment"], id="non-alliance-asks"),
        pytest.param({"tier": "alliance"}, ["basing_access", "troop_contribution"], id="treaty-ally"),
        pytest.param({"accession_candidate": True}, ["mutual_defense"], id="accession-candidate"),
    ],
)
def test_alliance_obligation_ask_stays_silent(assess, partner, asks):
    assert ids(assess(partner=partner, proposal={"kind": "commitment_request", "asks": asks})) == []


def test_alliance_obligation_ask_stands_down_for_treaty_ally(assess):
    move = {"kind": "commitment_request", "asks": ["troop_contribution"]}
    assert ids(assess(proposal=move)) == ["alliance-obligation-ask"]
    assert ids(assess(partner={"tier": "alliance"}, proposal=move)) == []


def test_alliance_obligation_ask_stands_down_for_accession_candidate(assess):
    move = {"kind": "commitment_request", "asks": ["exclusive_alignment"]}
    assert ids(assess(proposal=move)) == ["alliance-obligation-ask"]
    assert ids(assess(partner={"accession_candidate": True}, proposal=move)) == []


# --- forced-binary-choice ----------------------------------------------------------------


@pytest.mark.parametrize(
    "partner, proposal, fragment, pair",
    [
        pytest.param(
            CHINA_TIED,
            {"asks": ["sanctions_alignment"], "against": ["china"]},
            "a hedging partner, for sanctions_alignment against china",
            ("against[0]", "china"),
            id="hedging-sanctions-against-strategic-partner",
        ),
        pytest.param(
            {"hedging": "nonaligned", "ties": [{"party": "russia", "tier": "partnership"}]},
            {"kind": "public_statement", "asks": ["public_condemnation"], "against": ["russia"]},
            "a nonaligned partner, for public_condemnation against russia",
            ("asks[0]", "public_condemnation"),
            id="nonaligned-condemnation-of-any-tie",
        ),
        pytest.param(
            CHINA_TIED,
            {
                "kind": "conditionality",
                "against": ["china"],
                "conditions": [{"at_stake": "telecommunications", "requires": "vendor_exclusion"}],
            },
            "for vendor_exclusion against china",
            ("conditions[0].requires", "vendor_exclusion"),
            id="condition-requires-vendor-exclusion",
        ),
    ],
)
def test_forced_binary_choice_fires(assess, partner, proposal, fragment, pair):
    partner = {**partner, "stances": {"telecommunications": "aligned"}}
    a = assess(partner=partner, proposal=proposal)
    assert_fires(a, "forced-binary-choice", ["forced-binary-choice"], "high", fragment, pair)


@pytest.mark.parametrize(
    "partner, proposal",
    [
        pytest.param(
            {"hedging": "aligned", **CHINA_TIED},
            {"asks": ["sanctions_alignment"], "against": ["china"]},
            id="aligned-partner",
        ),
        pytest.param(CHINA_TIED, {"asks": ["sanctions_alignment"], "against": ["russia"]}, id="against-party-not-tied"),
        pytest.param(CHINA_TIED, {"asks": ["intelligence_sharing"], "against": ["china"]}, id="ask-not-side-taking"),
        pytest.param(
            {"accession_candidate": True, **CHINA_TIED},
            {"asks": ["sanctions_alignment"], "against": ["china"]},
            id="accession-candidate",
        ),
    ],
)
def test_forced_binary_choice_stays_silent(assess, partner, proposal):
    assert ids(assess(partner=partner, proposal=proposal)) == []


def test_forced_binary_choice_stands_down_for_accession_candidate(assess):
    move = {"kind": "commitment_request", "asks": ["arms_purchase_switch"], "against": ["russia"]}
    tied = {"ties": [{"party": "russia", "tier": "comprehensive_strategic_partnership"}]}
    assert ids(assess(partner=tied, proposal=move)) == ["forced-binary-choice"]
    assert ids(assess(partner={**tied, "accession_candidate": True}, proposal=move)) == []


def test_advice_without_conditions_asks_or_measures_forces_no_choice(assess):
    a = assess(partner=CHINA_TIED, proposal={"kind": "public_statement", "against": ["china"]})
    assert ids(a) == []
    assert a.undecided == []


def test_sanctions_alignment_ask_against_tied_party_forces_a_choice(assess):
    a = assess(
        partner=CHINA_TIED, proposal={"kind": "public_statement", "asks": ["sanctions_alignment"], "against": ["china"]}
    )
    assert_fires(
        a,
        "forced-binary-choice",
        ["forced-binary-choice"],
        "high",
        "for sanctions_alignment against china, with which it keeps ties",
        ("asks[0]", "sanctions_alignment"),
    )


# --- third-party-targeting ---------------------------------------------------------------


@pytest.mark.parametrize(
    "ties, named, fragment, pair",
    [
        pytest.param(
            [CHINA_STRATEGIC],
            ["china"],
            "names china as adversary",
            ("profile.ties[0].tier", "strategic_partnership"),
            id="strategic-tie",
        ),
        pytest.param(
            [
                {"party": "india", "tier": "partnership"},
                {"party": "russia", "tier": "comprehensive_strategic_partnership_of_coordination"},
            ],
            ["iran", "russia"],
            "names russia as adversary",
            ("names_as_adversary[1]", "russia"),
            id="higher-tie-among-several-named",
        ),
    ],
)
def test_third_party_targeting_fires(assess, ties, named, fragment, pair):
    a = assess(partner={"ties": ties}, proposal={"kind": "public_statement", "names_as_adversary": named})
    assert_fires(a, "third-party-targeting", ["third-party-targeting"], "medium", fragment, pair)


@pytest.mark.parametrize(
    "partner, named",
    [
        pytest.param({"ties": [{"party": "china", "tier": "partnership"}]}, ["china"], id="tie-below-strategic"),
        pytest.param(CHINA_TIED, ["russia"], id="named-party-not-tied"),
        pytest.param({"tier": "alliance", **CHINA_TIED}, ["china"], id="treaty-ally"),
    ],
)
def test_third_party_targeting_stays_silent(assess, partner, named):
    assert ids(assess(partner=partner, proposal={"kind": "public_statement", "names_as_adversary": named})) == []


def test_third_party_targeting_stands_down_for_treaty_ally(assess):
    move = {"kind": "public_statement", "names_as_adversary": ["china"]}
    assert ids(assess(partner=CHINA_TIED, proposal=move)) == ["third-party-targeting"]
    assert ids(assess(partner={**CHINA_TIED, "tier": "alliance"}, proposal=move)) == []


# --- red-line-crossing -------------------------------------------------------------------

# (red line, extra partner facts, a move that crosses it per the table, every finding expected)
CROSSINGS = [
    ("no_military_alliance", {}, {"asks": ["mutual_defense"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    ("no_military_alliance", {}, {"asks": ["exclusive_alignment"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    ("no_foreign_bases", {}, {"asks": ["basing_access"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    (
        "no_siding_against_third_party",
        {},
        {"asks": ["public_condemnation"], "against": ["iran"]},
        ["red-line-crossing"],
    ),
    ("no_siding_against_third_party", {}, {"names_as_adversary": ["iran"]}, ["red-line-crossing"]),
    ("no_use_of_force", {}, {"asks": ["troop_contribution"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    (
        "no_interference_internal_affairs",
        {},
        {"asks": ["domestic_reform"]},
        ["red-line-crossing", "reform-conditionality"],
    ),
    (
        "no_interference_internal_affairs",
        {"stances": {"rule_of_law": "aligned"}},
        {"conditions": [{"at_stake": "investment", "requires": "anti_corruption"}]},
        ["red-line-crossing", "reform-conditionality"],
    ),
    ("no_sanctions_alignment", {}, {"asks": ["sanctions_alignment"]}, ["red-line-crossing"]),
    (
        "no_sanctions_alignment",
        {"stances": {"sanctions_policy": "aligned"}},
        {"conditions": [{"at_stake": "trade", "requires": "sanctions_alignment"}]},
        ["red-line-crossing"],
    ),
    ("no_external_veto", {}, {"asks": ["arms_purchase_switch"]}, ["red-line-crossing"]),
    ("no_external_veto", {}, {"asks": ["exclusive_alignment"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    (
        "no_external_veto",
        {"stances": {"telecommunications": "aligned"}},
        {"conditions": [{"at_stake": "digital_economy", "requires": "vendor_exclusion"}]},
        ["red-line-crossing"],
    ),
    (
        "no_negotiation_under_coercion",
        {},
        {"measures": ["tariffs"], "asks": ["trade_restriction"]},
        ["red-line-crossing", "coercion-of-partner"],
    ),
    (
        "no_negotiation_under_coercion",
        {"stances": {"climate": "aligned"}},
        {"measures": ["visa_restrictions"], "conditions": [{"at_stake": "trade", "requires": "climate"}]},
        ["red-line-crossing", "coercion-of-partner"],
    ),
    ("no_arms_to_conflict", {}, {"asks": ["troop_contribution"]}, ["red-line-crossing", "alliance-obligation-ask"]),
    (
        "no_arms_to_conflict",
        {},
        {"cooperation": ["arms_sales"], "against": ["russia"]},
        ["red-line-crossing", "entente-security-note"],
    ),
    ("no_recognition_demands", {}, {"asks": ["diplomatic_recognition"]}, ["red-line-crossing"]),
    ("energy_sovereignty", {}, {"asks": ["energy_output_change"]}, ["red-line-crossing"]),
    (
        "energy_sovereignty",
        {"dependencies": [{"party": "russia", "sector": "energy", "level": "medium"}]},
        {"asks": ["trade_restriction"], "against": ["russia"]},
        ["red-line-crossing"],
    ),
]


def _crossing_id(case):
    line, _, move, _ = case
    trigger = (
        move.get("asks")
        or [c["requires"] for c in move.get("conditions", [])]
        or [k for k in ("names_as_adversary", "cooperation") if k in move]
    )
    return f"{line}-{trigger[0]}"


@pytest.mark.parametrize("red_line, partner, move, expected", [pytest.param(*c, id=_crossing_id(c)) for c in CROSSINGS])
def test_red_line_crossing_fires_for_every_red_line_in_the_table(assess, red_line, partner, move, expected):
    a = assess(partner={"red_lines": [red_line], **partner}, proposal=move)
    assert_fires(
        a,
        "red-line-crossing",
        expected,
        "critical",
        f"The move crosses what Testland has declared a red line: {red_line}.",
        ("profile.red_lines[0]", red_line),
    )


def test_red_line_crossing_cases_cover_every_red_line_in_the_vocabulary(pack):
    assert {c[0] for c in CROSSINGS} == set(pack.vocabulary.spec.red_lines)


# (red line, extra partner facts, a nearby move that does not cross it, every finding expected)
NOT_CROSSED = [
    ("no_military_alliance", {}, {"asks": ["intelligence_sharing"]}, []),
    ("no_foreign_bases", {}, {"asks": ["troop_contribution"]}, ["alliance-obligation-ask"]),
    ("no_siding_against_third_party", {}, {"cooperation": ["climate"], "against": ["iran"]}, []),
    ("no_use_of_force", {}, {"asks": ["basing_access"]}, ["alliance-obligation-ask"]),
    (
        "no_interference_internal_affairs",
        {"stances": {"climate": "aligned"}},
        {"conditions": [{"at_stake": "trade", "requires": "climate"}]},
        [],
    ),
    ("no_sanctions_alignment", {}, {"asks": ["public_condemnation"], "against": ["iran"]}, []),
    ("no_external_veto", {}, {"asks": ["sanctions_alignment"]}, []),
    ("no_negotiation_under_coercion", {}, {"measures": ["tariffs"]}, ["coercion-of-partner"]),
    ("no_arms_to_conflict", {}, {"cooperation": ["arms_sales"]}, ["entente-security-note"]),
    ("no_recognition_demands", {}, {"asks": ["un_vote_alignment"]}, []),
    (
        "energy_sovereignty",
        {"dependencies": [{"party": "russia", "sector": "trade", "level": "medium"}]},
        {"asks": ["trade_restriction"], "against": ["russia"]},
        [],
    ),
]


@pytest.mark.parametrize("red_line, partner, move, expected", [pytest.param(*c, id=c[0]) for c in NOT_CROSSED])
def test_red_line_crossing_stays_silent_when_the_declared_red_line_is_not_crossed(
    assess, red_line, partner, move, expected
):
    a = assess(partner={"red_lines": [red_line], **partner}, proposal=move)
    assert ids(a) == expected


def test_red_line_crossing_names_only_the_red_lines_crossed(assess):
    a = assess(
        partner={"red_lines": ["no_recognition_demands", "no_foreign_bases", "no_military_alliance"]},
        proposal={"asks": ["mutual_defense", "basing_access"]},
    )
    assert_fires(
        a,
        "red-line-crossing",
        ["red-line-crossing", "alliance-obligation-ask"],
        "critical",
        "declared a red line: no_foreign_bases and no_military_alliance.",
        ("profile.red_lines[2]", "no_military_alliance"),
    )


def test_red_line_crossing_stays_silent_without_declared_red_lines(assess):
    assert ids(assess(proposal={"asks": ["diplomatic_recognition", "energy_output_change"]})) == []


def test_red_line_crossing_still_fires_for_treaty_ally(assess):
    a = assess(
        partner={
            "tier": "alliance",
            "red_lines": ["no_foreign_bases"],
            "stances": {"democracy": "aligned"},
            **CHINA_TIED,
        },
        proposal={
            "kind": "security_cooperation",
            "cooperation": ["maritime_security"],
            "asks": ["basing_access"],
            "names_as_adversary": ["china"],
            "conditions": [{"at_stake": "maritime_security", "requires": "democratization"}],
        },
    )
    # alliance-obligation-ask, reform-conditionality, third-party-targeting and
    # entente-security-note all stand down for the ally; the red line does not.
    assert_fires(
        a, "red-line-crossing", ["red-line-crossing"], "critical", "no_foreign_bases", ("asks[0]", "basing_access")
    )


def test_red_line_crossing_still_fires_for_accession_candidate(assess):
    a = assess(
        partner={
            "accession_candidate": True,
            "red_lines": ["no_interference_internal_affairs"],
            "stances": {"democracy": "aligned"},
            **CHINA_TIED,
        },
        proposal={
            "kind": "conditionality",
            "asks": ["mutual_defense", "sanctions_alignment"],
            "against": ["china"],
            "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}],
        },
    )
    # reform-conditionality, alliance-obligation-ask and forced-binary-choice stand down for the
    # candidate; its red line still counts.
    assert_fires(
        a,
        "red-line-crossing",
        ["red-line-crossing"],
        "critical",
        "no_interference_internal_affairs",
        ("conditions[0].requires", "democratization"),
    )


# --- dispute-bundling --------------------------------------------------------------------


@pytest.mark.parametrize(
    "proposal, fragment, pair",
    [
        pytest.param(
            {"kind": "public_statement", "cooperation": ["supply_chains"], "raises_disputes": ["human_rights"]},
            "puts the disputed issue human_rights into the same package as cooperation on supply_chains",
            ("raises_disputes[0]", "human_rights"),
            id="rights-in-supply-chain-statement",
        ),
        pytest.param(
            {"cooperation": ["climate", "energy_security"], "raises_disputes": ["territorial_dispute"]},
            "territorial_dispute",
            ("cooperation[1]", "energy_security"),
            id="territory-in-climate-package",
        ),
    ],
)
def test_dispute_bundling_fires(assess, proposal, fragment, pair):
    a = assess(proposal=proposal)
    assert_fires(a, "dispute-bundling", ["dispute-bundling"], "medium", fragment, pair)


@pytest.mark.parametrize(
    "proposal",
    [
        pytest.param({"kind": "public_statement", "raises_disputes": ["human_rights"]}, id="dispute-raised-alone"),
        pytest.param({"cooperation": ["supply_chains"]}, id="cooperation-alone"),
    ],
)
def test_dispute_bundling_stays_silent(assess, proposal):
    assert ids(assess(proposal=proposal)) == []


# --- label-inflation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "proposal, fragment, pair",
    [
        pytest.param(
            {"kind": "relationship_upgrade", "new_label": "comprehensive_strategic_partnership"},
            "proposed label: comprehensive_strategic_partnership",
            ("kind", "relationship_upgrade"),
            id="upgrade-kind-with-label",
        ),
        pytest.param(
            {"kind": "new_cooperation", "new_label": "comprehensive_strategic_partnership_of_coordination"},
            "proposed label: comprehensive_strategic_partnership_of_coordination",
            ("new_label", "comprehensive_strategic_partnership_of_coordination"),
            id="label-on-other-kind",
        ),
    ],
)
def test_label_inflation_fires(assess, proposal, fragment, pair):
    a = assess(proposal=proposal)
    assert_fires(a, "label-inflation", ["label-inflation"], "low", fragment, pair)


@pytest.mark.parametrize(
    "proposal",
    [
        pytest.param(
            {
                "kind": "relationship_upgrade",
                "new_label": "comprehensive_strategic_partnership",
                "deliverables": ["A $1bn semiconductor fund"],
            },
            id="upgrade-with-deliverable",
        ),
        pytest.param({"kind": "new_cooperation", "cooperation": ["climate"]}, id="no-upgrade"),
    ],
)
def test_label_inflation_stays_silent(assess, proposal):
    assert ids(assess(proposal=proposal)) == []


def test_upgrade_with_deliverables_is_not_label_inflation(assess):
    a = assess(
        proposal={
            "kind": "relationship_upgrade",
            "new_label": "comprehensive_strategic_partnership",
            "deliverables": ["Critical-minerals agreement", "Joint maritime training programme"],
        }
    )
    assert ids(a) == []


def test_upgrade_without_deliverables_is_label_inflation(assess):
    a = assess(proposal={"kind": "relationship_upgrade", "new_label": "comprehensive_strategic_partnership"})
    assert_fires(
        a,
        "label-inflation",
        ["label-inflation"],
        "low",
        "comes with no substantive deliverables",
        ("new_label", "comprehensive_strategic_partnership"),
    )


# --- coercion-of-partner -----------------------------------------------------------------


@pytest.mark.parametrize(
    "measures, fragment, pair",
    [
        pytest.param(["tariffs"], "aims tariffs at Testland", ("measures[0]", "tariffs"), id="tariffs"),
        pytest.param(
            ["aid_suspension", "visa_restrictions"],
            "aims aid_suspension and visa_restrictions at Testland",
            ("measures[1]", "visa_restrictions"),
            id="two-measures",
        ),
    ],
)
def test_coercion_of_partner_fires(assess, measures, fragment, pair):
    a = assess(proposal={"kind": "coercive_measure", "measures": measures})
    assert_fires(a, "coercion-of-partner", ["coercion-of-partner"], "high", fragment, pair)


@pytest.mark.parametrize(
    "proposal",
    [
        pytest.param({"kind": "coercive_measure"}, id="coercive-kind-without-measures"),
        pytest.param({"kind": "public_statement", "names_as_adversary": ["iran"]}, id="statement-naming-a-third-party"),
    ],
)
def test_coercion_of_partner_stays_silent(assess, proposal):
    assert ids(assess(proposal=proposal)) == []


# --- dependency-exposure -----------------------------------------------------------------


@pytest.mark.parametrize(
    "dependency, proposal, fragment, pair",
    [
        pytest.param(
            {"party": "china", "sector": "trade", "level": "high"},
            {"asks": ["trade_restriction"], "against": ["china"]},
            "for trade_restriction against china, on which it depends heavily",
            ("profile.dependencies[0].sector", "trade"),
            id="trade-restriction-against-trade-dependency",
        ),
        pytest.param(
            {"party": "russia", "sector": "arms", "level": "high"},
            {
                "conditions": [{"at_stake": "defense_technology", "requires": "arms_purchase_switch"}],
                "against": ["russia"],
            },
            "for arms_purchase_switch against russia",
            ("against[0]", "russia"),
            id="arms-switch-condition-against-arms-supplier",
        ),
    ],
)
def test_dependency_exposure_fires(assess, dependency, proposal, fragment, pair):
    a = assess(partner={"dependencies": [dependency], "stances": {"arms_sales": "aligned"}}, proposal=proposal)
    assert_fires(a, "dependency-exposure", ["dependency-exposure"], "medium", fragment, pair)


@pytest.mark.parametrize(
    "dependency, proposal",
    [
        pytest.param(
            {"party": "china", "sector": "trade", "level": "medium"},
            {"asks": ["trade_restriction"], "against": ["china"]},
            id="dependency-not-high",
        ),
        pytest.param(
            {"party": "china", "sector": "trade", "level": "high"},
            {"asks": ["intelligence_sharing"], "against": ["china"]},
            id="ask-not-side-taking",
        ),
        pytest.param(
            {"party": "china", "sector": "trade", "level": "high"},
            {"asks": ["trade_restriction"], "against": ["russia"]},
            id="against-another-party",
        ),
    ],
)
def test_dependency_exposure_stays_silent(assess, dependency, proposal):
    assert ids(assess(partner={"dependencies": [dependency]}, proposal=proposal)) == []


# --- forum-member-divergence -------------------------------------------------------------


@pytest.mark.parametrize(
    "stances, proposal, fragment, pair",
    [
        pytest.param(
            {"illegal_fishing": "divergent"},
            {"cooperation": ["illegal_fishing"]},
            "pursues illegal_fishing inside Fishing partnership",
            ("profile.stances.illegal_fishing", "divergent"),
            id="divergent-on-forum-cooperation",
        ),
        pytest.param(
            {"illegal_fishing": "aligned", "maritime_domain_awareness": "opposed"},
            {
                "kind": "expand_scope",
                "cooperation": ["illegal_fishing"],
                "adds_to_agenda": ["maritime_domain_awareness"],
            },
            "pursues maritime_domain_awareness inside Fishing partnership",
            ("adds_to_agenda[0]", "maritime_domain_awareness"),
            id="opposed-on-agenda-addition",
        ),
    ],
)
def test_forum_member_divergence_fires(assess, stances, proposal, fragment, pair):
    a = assess(partner={"stances": stances}, proposal=proposal, forum=FISH)
    assert_fires(a, "forum-member-divergence", ["forum-member-divergence"], "medium", fragment, pair)


@pytest.mark.parametrize(
    "stances, forum",
    [
        pytest.param({"illegal_fishing": "partial"}, FISH, id="partial-stance"),
        pytest.param({"illegal_fishing": "aligned"}, FISH, id="aligned-stance"),
        pytest.param({"illegal_fishing": "opposed"}, None, id="no-forum"),
    ],
)
def test_forum_member_divergence_stays_silent(assess, stances, forum):
    a = assess(partner={"stances": stances}, proposal={"cooperation": ["illegal_fishing"]}, forum=forum)
    assert ids(a) == []


# --- ambiguity-reliance ------------------------------------------------------------------


@pytest.mark.parametrize(
    "partner, forum, expected, pair",
    [
        pytest.param(
            {},
            None,
            ["alliance-obligation-ask", "ambiguity-reliance"],
            ("profile.tier", "strategic_partnership"),
            id="strategic-partner",
        ),
        pytest.param(
            {"accession_candidate": True},
            None,
            ["ambiguity-reliance"],
            ("asks[0]", "crisis_support"),
            id="accession-candidate",
        ),
        pytest.param(
            {},
            {**BINDING_PACT, "members": ["united_states"]},
            ["alliance-obligation-ask", "ambiguity-reliance"],
            ("asks[0]", "crisis_support"),
            id="binding-forum-partner-not-member",
        ),
    ],
)
def test_ambiguity_reliance_fires(assess, partner, forum, expected, pair):
    stances = {"stances": {"regional_security": "aligned"}}
    a = assess(
        partner={**stances, **partner}, proposal={"kind": "commitment_request", "asks": ["crisis_support"]}, forum=forum
    )
    assert_fires(
        a,
        "ambiguity-reliance",
        expected,
        "medium",
        "relies on crisis support from Testland (strategic_partnership), which has no binding commitment",
        pair,
    )


@pytest.mark.parametrize(
    "partner, forum, expected",
    [
        pytest.param({"tier": "alliance"}, None, [], id="treaty-ally"),
        pytest.param({}, BINDING_PACT, ["alliance-obligation-ask"], id="member-of-binding-forum"),
    ],
)
def test_ambiguity_reliance_stays_silent(assess, partner, forum, expected):
    stances = {"stances": {"regional_security": "aligned"}}
    a = assess(
        partner={**stances, **partner}, proposal={"kind": "commitment_request", "asks": ["crisis_support"]}, forum=forum
    )
    assert ids(a) == expected


def test_ambiguity_reliance_stays_silent_without_crisis_support_ask(assess):
    assert ids(assess(proposal={"kind": "commitment_request", "asks": ["intelligence_sharing"]})) == []


# --- entente-security-note ---------------------------------------------------------------


@pytest.mark.parametrize(
    "proposal, fragment, pair",
    [
        pytest.param(
            {"kind": "security_cooperation"},
            "Security cooperation with Testland (strategic_partnership)",
            ("kind", "security_cooperation"),
            id="security-cooperation-kind",
        ),
        pytest.param(
            {"kind": "new_cooperation", "cooperation": ["climate", "military_exercises"]},
            "strategic intimacy below alliance",
            ("cooperation[1]", "military_exercises"),
            id="security-issue-area",
        ),
    ],
)
def test_entente_security_note_fires(assess, proposal, fragment, pair):
    a = assess(proposal=proposal)
    assert_fires(a, "entente-security-note", ["entente-security-note"], "info", fragment, pair)


@pytest.mark.parametrize(
    "partner, proposal",
    [
        pytest.param(
            {},
            {"kind": "new_cooperation", "cooperation": ["climate", "health_security"]},
            id="non-security-cooperation",
        ),
        pytest.param(
            {"tier": "alliance"},
            {"kind": "security_cooperation", "cooperation": ["maritime_security"]},
            id="treaty-ally",
        ),
    ],
)
def test_entente_security_note_stays_silent(assess, partner, proposal):
    assert ids(assess(partner=partner, proposal=proposal)) == []


def test_entente_security_note_stands_down_for_treaty_ally(assess):
    move = {"kind": "security_cooperation", "cooperation": ["counterterrorism", "intelligence"]}
    assert ids(assess(proposal=move)) == ["entente-security-note"]
    assert ids(assess(partner={"tier": "alliance"}, proposal=move)) == []


# --- missing data ------------------------------------------------------------------------


def test_missing_hedging_leaves_forced_binary_choice_undecided_on_a_side_taking_ask(assess):
    a = assess(partner=CHINA_TIED, proposal={"asks": ["sanctions_alignment"], "against": ["china"]}, drop=("hedging",))
    assert ids(a) == []
    assert [u.id for u in a.undecided] == ["forced-binary-choice"]
    assert "profile.hedging" in a.undecided[0].missing


def test_missing_hedging_without_side_taking_ask_is_neither_finding_nor_undecided(assess):
    a = assess(partner=CHINA_TIED, proposal={"asks": ["intelligence_sharing"], "against": ["china"]}, drop=("hedging",))
    assert ids(a) == []
    assert "forced-binary-choice" not in [u.id for u in a.undecided]
    assert a.undecided == []


# --- confidence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_of, confidence",
    [
        pytest.param("2024-01-01", "medium", id="older-than-365-days"),
        pytest.param("2024-11-23", "medium", id="366-days-old"),
        pytest.param("2024-11-24", "high", id="exactly-365-days-old"),
        pytest.param("2025-10-01", "high", id="fresh"),
    ],
)
def test_confidence_drops_on_a_stale_profile(assess, as_of, confidence):
    a = assess(partner={"as_of": as_of}, proposal={"kind": "coercive_measure", "measures": ["tariffs"]})
    assert ids(a) == ["coercion-of-partner"]
    assert a.findings[0].confidence == confidence
    assert a.profile_stale is (confidence == "medium")


def test_stale_profile_gives_medium_confidence(assess):
    a = assess(
        partner={"as_of": "2024-01-01"},
        proposal={"kind": "relationship_upgrade", "new_label": "comprehensive_strategic_partnership"},
    )
    assert ids(a) == ["label-inflation"]
    assert a.findings[0].confidence == "medium"


def test_fresh_profile_gives_high_confidence(assess):
    a = assess(proposal={"kind": "relationship_upgrade", "new_label": "comprehensive_strategic_partnership"})
    assert ids(a) == ["label-inflation"]
    assert a.findings[0].confidence == "high"


def test_a_label_at_or_below_the_current_tier_is_not_an_upgrade(assess):
    """Only a label above the current tier (or kind relationship_upgrade) is an upgrade."""
    for label in ("partnership", "strategic_partnership"):
        a = assess(proposal={"kind": "new_cooperation", "cooperation": ["space"], "new_label": label})
        assert ids(a) == [], label


def test_missing_red_lines_leave_a_harmless_move_decided(assess):
    """No red line in the table could be crossed by the move, so the missing list changes nothing."""
    a = assess(proposal={"kind": "new_cooperation", "cooperation": ["climate"]}, drop=("red_lines",))
    assert ids(a) == [] and a.undecided == []
