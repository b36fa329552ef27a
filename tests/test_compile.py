"""The compiler: conditions -> durable_rules definitions (golden file), normal form, fact records."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from engine import facts as F
from engine.policy.language import All, Any_, Comparison, Not, normal_form
from engine.policy.policy import Variant
from engine.rules.compile import (
    CHUNK,
    SENTINEL,
    compile_condition,
    compile_pack,
    compile_policy,
    fact_record,
    record_size,
    referenced_fields,
    rule,
)
from tests.goldens import UPDATE

GOLDEN = Path(__file__).parent / "golden" / "compiled"


def test_each_policy_compiles_to_its_golden_rules(pack):
    """One golden file per policy (a new policy needs none to pass; `make golden` adds it)."""
    compiled = {p.id: compile_policy(p, pack.vocabulary) for p in pack.policies}
    if UPDATE:
        for stale in GOLDEN.glob("*.json"):
            stale.unlink()
        for pid, rules in compiled.items():
            (GOLDEN / f"{pid}.json").write_text(json.dumps(rules, indent=1, sort_keys=True) + "\n")
    goldens = sorted(GOLDEN.glob("*.json"))
    assert goldens, "no golden compiled rules"
    for path in goldens:
        assert path.stem in compiled, f"{path.name}: golden rules of a policy the pack no longer has"
        shown = json.dumps(compiled[path.stem], indent=1, sort_keys=True) + "\n"
        assert shown == path.read_text(), f"{path.stem}: compiled rules changed; review, then make golden"


def test_rulesets_are_chunked_and_each_has_the_sentinel(pack):
    rulesets = compile_pack(pack.policies, pack.vocabulary, chunk=5)
    assert all(SENTINEL in rs for rs in rulesets)
    assert [len(rs) - 1 for rs in rulesets][:-1] == [5] * (len(rulesets) - 1)
    names = [n for rs in rulesets for n in rs if n != SENTINEL]
    assert len(names) == len(set(names))
    assert all(len(rs) - 1 <= CHUNK for rs in compile_pack(pack.policies, pack.vocabulary))


def test_possible_rule_only_for_policies_with_facts_that_may_be_unknown(pack):
    rules = {n for rs in compile_pack(pack.policies, pack.vocabulary) for n in rs}
    assert "forced-binary-choice~possible" in rules  # uses partner.hedging
    assert "coercion-of-partner~possible" not in rules  # proposal facts only
    assert "label-inflation~possible" not in rules


def test_not_is_pushed_down_to_the_tests():
    cond = Not(
        All(
            (
                Comparison("partner.hedging", "in", ["hedging"]),
                Any_((Comparison("proposal.asks", "contains", "x"), Comparison("proposal.public", "is", True))),
            )
        )
    )
    assert normal_form(cond) == Any_(
        (
            Comparison("partner.hedging", "not_in", ["hedging"]),
            All((Comparison("proposal.asks", "contains_none", ["x"]), Comparison("proposal.public", "is", False))),
        )
    )
    assert normal_form(Not(Not(Comparison("proposal.measures", "empty", True)))) == Comparison(
        "proposal.measures", "empty", True
    )


def test_fact_record_carries_companion_fields(pack):
    from tests.conftest import build

    situation = build(pack, proposal={"asks": ["basing_access"]}, drop=("hedging",))
    record = fact_record(F.derive_all(situation), pack.vocabulary)
    assert record["t"] == "assessment"
    assert record["proposal__asks"] == ["basing_access"] and record["proposal__asks__n"] == 1
    assert record["partner__tier"] == "strategic_partnership" and record["partner__tier__rank"] == 2
    assert record["partner__hedging"] == "unknown" and record["partner__hedging__unknown"] is True
    assert "partner__name" not in record  # messages only
    assert len(record) == record_size() <= 250


def test_the_engine_record_is_the_full_record_cut_to_the_tested_fields(pack, engine):
    """The engine derives only the facts its policies test or name, and sends durable_rules only the
    fields its rules test: the same values as the full record, field for field."""
    from tests.conftest import build

    situation = build(pack, proposal={"asks": ["basing_access"]}, drop=("hedging",))
    full = fact_record(F.derive_all(situation), pack.vocabulary)
    cut = engine.record(F.derive(situation, engine.needed))
    assert set(cut) == engine.fields and cut == {k: v for k, v in full.items() if k in engine.fields}
    assert cut["proposal__asks"] == ["basing_access"] and cut["partner__hedging__unknown"] is True
    fields = frozenset({"proposal__asks__n", "partner__tier__rank"})
    assert fact_record(F.derive_all(situation), pack.vocabulary, fields) == {
        "t": "assessment",
        "proposal__asks__n": 1,
        "partner__tier__rank": 2,
    }


def test_an_engine_derives_the_facts_its_policies_test_and_name_and_no_others(pack, engine):
    from engine.policy.template import template_facts

    assert template_facts("Asks {proposal.asks} of {{literal}} { partner.name }") == ("proposal.asks", "partner.name")
    wanted = {f for p in pack.policies for f in p.facts_used() + template_facts(p.message)}
    assert set(engine.needed) == wanted
    assert list(engine.needed) == [name for name in F.CATALOGUE if name in wanted]  # catalogue order
    assert "partner.name" in wanted and "partner.political_system" not in wanted


def test_a_tier_comparison_compiles_to_the_tier_rank_in_every_rule_of_a_policy(pack):
    """The policy's certain and possible rules and its variants' rules all compare the tier's rank."""
    policy = msgspec.structs.replace(
        pack.by_id()["red-line-crossing"],
        when=All((Comparison("partner.tier", "at_least", "alliance"), Comparison("partner.hedging", "is", "hedging"))),
        variants=(Variant(Comparison("partner.tier", "below", "partnership"), severity="low"),),
    )
    rules = compile_policy(policy, pack.vocabulary)
    rank = {"$gte": {"partner__tier__rank": 5}}
    hedging_known = {"$and": [{"partner__hedging__unknown": False}, {"partner__hedging": "hedging"}]}
    hedging_possible = {"$or": [{"partner__hedging__unknown": True}, {"partner__hedging": "hedging"}]}
    assert rules == {
        "red-line-crossing": rule({"$and": [rank, hedging_known]}),
        "red-line-crossing~possible": rule({"$and": [rank, hedging_possible]}),
        "red-line-crossing#0": rule({"$and": [{"$and": [rank, hedging_known]}, {"$lt": {"partner__tier__rank": 1}}]}),
    }


def test_a_condition_compiles_only_as_certain_or_possible(pack):
    with pytest.raises(ValueError, match="'certain' or 'possible'"):
        compile_condition(Comparison("partner.hedging", "is", "hedging"), pack.vocabulary, "probable")


def test_a_vocabulary_without_the_tier_none_ranks_none_below_every_tier(tmp_path):
    """`none` is a tier whether or not a pack's vocabulary lists it: below every tier it lists."""
    import shutil

    from engine.core.pack import load_pack
    from engine.rules.compile import compile_test
    from tests.conftest import POLICIES, build

    shipped = load_pack(POLICIES).vocabulary  # it lists none, first
    assert compile_test(Comparison("partner.tier", "above", "none"), shipped) == {"$gt": {"partner__tier__rank": 0}}
    policies = shutil.copytree(POLICIES, tmp_path / "policies")
    vocabulary = policies / "vocabulary.yaml"
    text = vocabulary.read_text().replace("tiers:\n  - none\n", "tiers:\n", 1)
    vocabulary.write_text(text.replace("  none: no partnership label\n", "", 1))
    pack = load_pack(policies)
    assert "none" not in pack.vocabulary.tier_rank and pack.vocabulary.tier_rank["partnership"] == 0
    assert compile_test(Comparison("partner.tier", "above", "none"), pack.vocabulary) == {
        "$gt": {"partner__tier__rank": -1}
    }
    assert compile_test(Comparison("partner.tier", "at_most", "partnership"), pack.vocabulary) == {
        "$lte": {"partner__tier__rank": 0}
    }
    record = fact_record(F.derive_all(build(pack)), pack.vocabulary)
    assert (record["proposal__new_label"], record["proposal__new_label__rank"]) == ("none", -1)
    either = Any_((Comparison("partner.tier", "above", "none"), Comparison("proposal.public", "is", True)))
    assert compile_condition(either, pack.vocabulary, "certain") == {
        "$or": [{"$gt": {"partner__tier__rank": -1}}, {"proposal__public": True}]
    }
    # A policy of the pack that compares tiers: `none` is accepted, and compiled by rank.
    head = (policies / "ring-fence" / "dispute-linkage.yaml").read_text().split("\nwhen:")[0]
    when = (
        "\nwhen:\n  any:\n    - fact: partner.tier\n      equals: none\n    - fact: partner.tier\n      above: none\n"
    )
    (policies / "tiered.yaml").write_text(head.replace("id: dispute-linkage", "id: tiered") + when)
    tiered = load_pack(policies)
    assert "tiered" in {p.id for p in tiered.policies}


def test_a_tier_compared_for_equality_is_compared_as_written_and_an_unknown_operator_is_refused(pack):
    from engine.rules.compile import compile_test

    assert compile_test(Comparison("partner.tier", "equals", "partnership"), pack.vocabulary) == {
        "partner__tier": "partnership"
    }
    assert compile_test(Comparison("partner.tier", "in", ["partnership", "alliance"]), pack.vocabulary) == {
        "$or": [{"partner__tier": "partnership"}, {"partner__tier": "alliance"}]
    }
    with pytest.raises(ValueError, match=r"^no pattern for operator bogus$"):
        compile_test(Comparison("partner.tier", "bogus", "x"), pack.vocabulary)


def test_a_pack_in_one_ruleset_keeps_pack_order_and_in_several_follows_the_fields_tested(pack):
    """The shipped pack in its one ruleset, in pack order; the same pack cut into two rulesets and into several:
    the rules ordered by the fields they test, so that each ruleset's cut of the record is small."""
    shipped = [name for policy in pack.policies for name in compile_policy(policy, pack.vocabulary)]
    assert [list(ruleset) for ruleset in compile_pack(pack.policies, pack.vocabulary)] == [[SENTINEL, *shipped]]
    for chunk in (len(shipped) - 1, 7):  # two rulesets, and several: in either, rules follow the fields they test
        rulesets = compile_pack(pack.policies, pack.vocabulary, chunk=chunk)
        assert len(rulesets) == (2 if chunk > 7 else -(-len(shipped) // chunk))
        rules = [{name: rule} for ruleset in rulesets for name, rule in ruleset.items() if name != SENTINEL]
        tested = [sorted(referenced_fields([rule])) for rule in rules]
        assert tested == sorted(tested) and [name for rule in rules for name in rule] != shipped
