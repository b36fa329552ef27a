"""Validation against the contract's models: unknown keys, vocabulary terms, types (exact text)."""

from __future__ import annotations

import pytest

from engine.errors import EntenteError
from engine.model import Forum, PartnerProfile, Proposal
from engine.model.validate import load_model


def errors(tmp_path, pack, model, text: str, what: str) -> list[str]:
    path = tmp_path / "f.yaml"
    path.write_text(text)
    with pytest.raises(EntenteError) as exc:
        load_model(path, model, pack.vocabulary, what)
    return [d.render().replace(str(tmp_path) + "/", "") for d in exc.value.diagnostics]


def test_profile_typos_are_all_reported_with_suggestions(tmp_path, pack):
    text = """\
id: vietnam
name: Vietnam
as_of: 2025-13-01
tier: comprehensive_strategic_partnershp
stances:
  human_right: opposed
  democracy: oposed
disputes:
  - issue: human_rights
    intensty: medium
red_lines: [no_foreign_base]
accession_candidate: yes
partnr: x
"""
    assert errors(tmp_path, pack, PartnerProfile, text, "a partner profile") == [
        "f.yaml:3:8: as_of: expected a date (YYYY-MM-DD), got the text '2025-13-01' (month value is outside expected range of 1-12)\n"
        "  help: write an ISO date such as 2025-09-01",
        "f.yaml:4:7: unknown tier 'comprehensive_strategic_partnershp'\n"
        "  help: did you mean 'comprehensive_strategic_partnership'?",
        "f.yaml:6:3: unknown issue area 'human_right'\n  help: did you mean 'human_rights'?",
        "f.yaml:7:14: unknown stance 'oposed'\n  help: did you mean 'opposed'?",
        "f.yaml:10:5: unknown key 'intensty' in disputes[0]\n  help: did you mean 'intensity'?",
        "f.yaml:11:13: unknown red line 'no_foreign_base'\n  help: did you mean 'no_foreign_bases'?",
        "f.yaml:12:22: accession_candidate: expected true or false, got the text 'yes'\n"
        "  help: write true or false (unquoted)",
        "f.yaml:13:1: unknown key 'partnr' in a partner profile\n"
        "  help: expected one of: accession_candidate, actor, as_of, dependencies, disputes, hedging, id, "
        "label, memberships, name, political_system, red_lines, since, sources, stances, tier, tier_status, ties",
    ]


def test_missing_required_keys(tmp_path, pack):
    assert errors(tmp_path, pack, PartnerProfile, "id: vietnam\n", "a partner profile") == [
        "f.yaml:1:1: missing required key 'name' in a partner profile\n  help: add `name: ...`",
        "f.yaml:1:1: missing required key 'tier' in a partner profile\n  help: add `tier: ...`",
    ]


def test_proposal_typos(tmp_path, pack):
    text = """\
id: p1
title: T
partner: vietnam
kind: conditonality
conditions:
  - at_stake: supply_chain
    requires: democratisation
asks: [sanction_alignment]
public: "yes"
"""
    assert errors(tmp_path, pack, Proposal, text, "a proposal") == [
        "f.yaml:4:7: unknown action kind 'conditonality'\n  help: did you mean 'conditionality'?",
        "f.yaml:6:15: unknown issue area 'supply_chain'\n  help: did you mean 'supply_chains'?",
        "f.yaml:7:15: unknown requirement (a reform, an issue area or an ask) 'democratisation'\n"
        "  help: did you mean 'democratization'?",
        "f.yaml:8:8: unknown ask 'sanction_alignment'\n  help: did you mean 'sanctions_alignment'?",
        "f.yaml:9:9: public: expected true or false, got the text 'yes'\n  help: write true or false (unquoted)",
    ]


def test_proposal_needs_a_partner(tmp_path, pack):
    assert errors(tmp_path, pack, Proposal, "id: p\ntitle: T\n", "a proposal") == [
        "f.yaml:1:1: the proposal names no partner\n"
        "  help: add `partner: <profile id>`, `partners: [..]`, or a `forum:` whose members are assessed"
    ]


def test_a_list_instead_of_a_mapping(tmp_path, pack):
    assert errors(tmp_path, pack, Forum, "- a\n- b\n", "a forum") == [
        "f.yaml:1:1: expected a mapping of keys to values for a forum, got a list\n"
        "  help: the file's top level is `key: value` lines"
    ]


def test_boolean_where_a_term_belongs(tmp_path, pack):
    assert errors(tmp_path, pack, Forum, "id: f\nname: F\nkind: true\n", "a forum") == [
        "f.yaml:3:7: kind: expected a string, got the boolean true\n"
        "  help: YAML reads true/false as booleans; write a vocabulary term"
    ]


def test_bad_id(tmp_path, pack):
    assert errors(tmp_path, pack, Forum, "id: 'bad id!'\nname: F\n", "a forum") == [
        "f.yaml:1:5: id: 'bad id!' is not a valid id\n"
        "  help: ids use letters, digits, '_' and '-', and start with a letter or digit"
    ]


def test_valid_contract_example_profile_loads(tmp_path, pack):
    path = tmp_path / "vietnam.yaml"
    path.write_text("""\
id: vietnam
name: Vietnam
actor: united_states
as_of: 2025-09-01
sources:
  - "US-Vietnam Joint Leaders' Statement, 2023-09-11"
tier: comprehensive_strategic_partnership
since: 2023
political_system: single_party
hedging: hedging
stances:
  supply_chains: aligned
  maritime_security: aligned
  illegal_fishing: partial
  human_rights: opposed
  democracy: opposed
disputes:
  - issue: human_rights
    intensity: medium
    summary: "Detention of activists; US criticism in annual reports"
ties:
  - party: china
    tier: comprehensive_strategic_partnership
  - party: russia
    tier: comprehensive_strategic_partnership
dependencies:
  - party: china
    sector: trade
    level: high
red_lines:
  - no_military_alliance
  - no_foreign_bases
  - no_siding_against_third_party
  - no_use_of_force
memberships: [asean]
accession_candidate: false
""")
    profile = load_model(path, PartnerProfile, pack.vocabulary, "a partner profile")
    assert profile.tier == "comprehensive_strategic_partnership"
    assert profile.given("hedging") and profile.given("actor") is not False


def test_a_term_near_none_of_many_says_which_command_lists_them(tmp_path, pack):
    text = "id: vietnam\nname: Vietnam\nas_of: 2025-10-01\ntier: strategic_partnership\nstances:\n  qqqqzzzz: opposed\n"
    areas = len(pack.vocabulary.terms["issue_area"])
    assert errors(tmp_path, pack, PartnerProfile, text, "a partner profile") == [
        "f.yaml:6:3: unknown issue area 'qqqqzzzz'\n"
        f"  help: expected an issue area; none of the {areas} known names is close (`entente vocabulary` lists them)"
    ]
