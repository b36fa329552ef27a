"""durable_rules decides; a plain-Python reading of the same compiled rules must agree with it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from engine.facts import derive_all
from engine.rules import reference
from engine.rules.compile import SENTINEL, fact_record
from tests.conftest import CASES, PROFILES, at_least, build
from tests.strategies import forums, partners, proposals


def both(engine, pack, situation):
    record = fact_record(derive_all(situation), pack.vocabulary)
    return engine.evaluator.evaluate(record), reference.evaluate(engine.rulesets, record, SENTINEL)


@settings(
    max_examples=at_least(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(partner=partners(), proposal=proposals(), forum=forums())
def test_durable_and_reference_agree_on_generated_inputs(engine, pack, partner, proposal, forum):
    fired, expected = both(engine, pack, build(pack, partner, proposal, forum))
    assert fired == expected


def test_dense_inputs_fire_many_rules_without_hitting_engine_limits(engine, pack):
    """Everything at once: most policies fire in one session (the C core caps its stack per fact)."""
    situation = build(
        pack,
        partner={
            "hedging": "hedging",
            "red_lines": list(pack.vocabulary.terms["red_line"]),
            "ties": [{"party": "china", "tier": "alliance"}],
            "dependencies": [{"party": "china", "sector": "energy", "level": "high"}],
            "stances": {"human_rights": "opposed", "democracy": "opposed"},
        },
        proposal={
            "kind": "security_cooperation",
            "cooperation": ["human_rights", "arms_sales"],
            "adds_to_agenda": ["human_rights"],
            "asks": list(pack.vocabulary.terms["ask"]),
            "conditions": [{"at_stake": "trade", "requires": "democratization"}],
            "against": ["china"],
            "names_as_adversary": ["china"],
            "raises_disputes": ["democracy"],
            "new_label": "comprehensive_strategic_partnership",
            "measures": ["sanctions"],
        },
        forum={"id": "f", "name": "F", "kind": "minilateral", "members": ["testland"], "scope": ["illegal_fishing"]},
    )
    fired, expected = both(engine, pack, situation)
    assert fired == expected
    assert len({f for f in fired if "~" not in f}) >= 12  # dense: a dozen rules or more fire in one session


def test_durable_and_reference_agree_on_every_case_and_example(engine, pack):
    from engine.core.library import Library
    from engine.core.resolve import resolve
    from engine.io import yaml_file as source
    from engine.model import Proposal
    from engine.model.situation import Situation
    from engine.model.validate import validate
    from engine.testing.load import case_files, load_case_file
    from tests.conftest import ROOT

    library = Library.open(PROFILES, pack.vocabulary)
    situations = [c.situation for path in case_files([CASES]) for c in load_case_file(path, pack, library).cases]
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = source.load(path)
        resolved = resolve(validate(doc, Proposal, pack.vocabulary, "a proposal"), doc, library)
        situations += [Situation(resolved.proposal, p, resolved.forum, pack.vocabulary) for p in resolved.partners]
    assert len(situations) >= 90
    for situation in situations:
        fired, expected = both(engine, pack, situation)
        assert fired == expected, situation.proposal.id
