"""Every pattern the compiler emits, evaluated by durable_rules, against an independent truth table.

Also pins the runtime workarounds: a sentinel in every ruleset, one session a ruleset, each record
asserted into it and retracted (a session that failed deleted), several rulesets per pack.
"""

from __future__ import annotations

import itertools

import pytest

from engine import facts as F
from engine.policy.language import All, Any_, Comparison, Not, normal_form
from engine.rules import reference
from engine.rules.compile import FACT_TYPE, SENTINEL, compile_condition, compile_test, rule
from engine.rules.durable_backend import DurableError, DurableEvaluator, _core

LISTS = [[], ["a"], ["b"], ["a", "b"], ["c", "a"]]


def truth(op: str, actual, value) -> bool:
    """What each operator means, written independently of the compiler."""
    return {
        "is": lambda: actual is value,
        "equals": lambda: actual == value,
        "not_equals": lambda: actual != value,
        "in": lambda: actual in value,
        "not_in": lambda: actual not in value,
        "at_least": lambda: actual >= value,
        "at_most": lambda: actual <= value,
        "above": lambda: actual > value,
        "below": lambda: actual < value,
        "contains": lambda: value in actual,
        "contains_any": lambda: any(v in actual for v in value),
        "contains_none": lambda: not any(v in actual for v in value),
        "empty": lambda: (len(actual) == 0) is value,
    }[op]()


def evaluator_for(rules: dict[str, dict]) -> DurableEvaluator:
    names = list(rules)
    rulesets = []
    for start in range(0, len(names), 30):
        rs = {SENTINEL: {"all": [{"m": {"t": FACT_TYPE}}]}}
        rs.update({n: rules[n] for n in names[start : start + 30]})
        rulesets.append(rs)
    return DurableEvaluator(rulesets, SENTINEL)


LIST_CASES = [
    (op, v)
    for op, v in [
        ("contains", "a"),
        ("contains", "z"),
        ("contains_any", ["a", "z"]),
        ("contains_any", ["y", "z"]),
        ("contains_none", ["a"]),
        ("contains_none", ["a", "b"]),
        ("empty", True),
        ("empty", False),
    ]
]


def test_list_operators_match_their_meaning(pack):
    spec = F.CATALOGUE["proposal.against"]
    rules = {
        f"r{i}": rule(compile_test(Comparison(spec.name, op, v), pack.vocabulary))
        for i, (op, v) in enumerate(LIST_CASES)
    }
    ev = evaluator_for(rules)
    for actual in LISTS:
        record = {"t": FACT_TYPE, spec.key: actual, spec.key + "__n": len(actual)}
        expected = {f"r{i}" for i, (op, v) in enumerate(LIST_CASES) if truth(op, actual, v)}
        assert ev.evaluate(record) == expected, actual
        assert reference.evaluate([{SENTINEL: {}, **rules}], record, SENTINEL) == expected


SCALAR_CASES = [
    ("equals", "hedging"),
    ("not_equals", "hedging"),
    ("in", ["hedging", "nonaligned"]),
    ("in", ["aligned"]),
    ("not_in", ["hedging", "nonaligned"]),
    ("not_in", ["aligned"]),
]


def test_term_operators_match_their_meaning(pack):
    spec = F.CATALOGUE["partner.political_system"]
    rules = {
        f"r{i}": rule(compile_test(Comparison(spec.name, op, v), pack.vocabulary))
        for i, (op, v) in enumerate(SCALAR_CASES)
    }
    ev = evaluator_for(rules)
    for actual in ["hedging", "nonaligned", "aligned", "unknown"]:
        record = {"t": FACT_TYPE, spec.key: actual}
        expected = {f"r{i}" for i, (op, v) in enumerate(SCALAR_CASES) if truth(op, actual, v)}
        assert ev.evaluate(record) == expected, actual


TIERS = [
    "none",
    "partnership",
    "strategic_partnership",
    "comprehensive_strategic_partnership",
    "comprehensive_strategic_partnership_of_coordination",
    "alliance",
]
TIER_CASES = [
    (op, t) for op in ("at_least", "at_most", "above", "below") for t in ("strategic_partnership", "alliance")
]


def test_tier_comparisons_use_the_rank(pack):
    spec = F.CATALOGUE["partner.tier"]
    rules = {
        f"r{i}": rule(compile_test(Comparison(spec.name, op, v), pack.vocabulary))
        for i, (op, v) in enumerate(TIER_CASES)
    }
    ev = evaluator_for(rules)
    for rank, tier in enumerate(TIERS):
        record = {"t": FACT_TYPE, spec.key: tier, spec.key + "__rank": rank}
        expected = {f"r{i}" for i, (op, v) in enumerate(TIER_CASES) if truth(op, rank, TIERS.index(v))}
        assert ev.evaluate(record) == expected, tier


def test_bool_and_nested_all_any(pack):
    public, asks = F.CATALOGUE["proposal.public"], F.CATALOGUE["proposal.asks"]
    conditions = {
        "pub": Comparison(public.name, "is", True),
        "not_pub": Comparison(public.name, "is", False),
        "nested": All(
            (
                Comparison(public.name, "is", True),
                Any_((Comparison(asks.name, "contains", "a"), Comparison(asks.name, "empty", True))),
            )
        ),
        "negated": Not(Any_((Comparison(public.name, "is", True), Comparison(asks.name, "contains_any", ["a", "b"])))),
    }
    rules = {n: rule(compile_condition(normal_form(c), pack.vocabulary, "certain")) for n, c in conditions.items()}
    ev = evaluator_for(rules)
    for pub, lst in itertools.product([True, False], LISTS):
        record = {"t": FACT_TYPE, public.key: pub, asks.key: lst, asks.key + "__n": len(lst)}
        expected = {"pub"} if pub else {"not_pub"}
        if pub and ("a" in lst or not lst):
            expected.add("nested")
        if not pub and not ({"a", "b"} & set(lst)):
            expected.add("negated")
        assert ev.evaluate(record) == expected, record


def test_certain_and_possible_modes_for_unknown_facts(pack):
    """Three-valued logic: scalar facts need known data; growing list facts settle 'not empty' early."""
    hedging, red = F.CATALOGUE["partner.hedging"], F.CATALOGUE["partner.red_lines_crossed"]
    conditions = {
        "hedging": Comparison(hedging.name, "in", ["hedging"]),
        "crossed": Comparison(red.name, "empty", False),
        "none_crossed": Comparison(red.name, "empty", True),
    }
    rules = {}
    for name, c in conditions.items():
        rules[name] = rule(compile_condition(c, pack.vocabulary, "certain"))
        rules[name + "~possible"] = rule(compile_condition(c, pack.vocabulary, "possible"))
    ev = evaluator_for(rules)

    def record(h, h_unknown, crossed, crossed_unknown):
        return {
            "t": FACT_TYPE,
            hedging.key: h,
            hedging.key + "__unknown": h_unknown,
            red.key: crossed,
            red.key + "__n": len(crossed),
            red.key + "__unknown": crossed_unknown,
        }

    assert ev.evaluate(record("hedging", False, [], False)) == {
        "hedging",
        "hedging~possible",
        "none_crossed",
        "none_crossed~possible",
    }
    assert ev.evaluate(record("unknown", True, [], True)) == {
        "hedging~possible",
        "crossed~possible",
        "none_crossed~possible",
    }
    # a red line already crossed on known data stays crossed whatever the missing data says
    assert ev.evaluate(record("aligned", False, ["x"], True)) == {"crossed", "crossed~possible"}


def test_thousands_of_records_through_one_session_a_ruleset(engine, pack):
    """Each record is asserted into its ruleset's one session and retracted: 3,000 evaluations (the memo
    turned off, so each goes to the core) leave one session a ruleset alive, holding no fact."""
    from engine.core.engine import Options
    from engine.facts import derive
    from tests.conftest import TODAY, build

    situation = build(
        pack,
        proposal={"asks": ["basing_access"], "kind": "security_cooperation"},
        partner={"red_lines": ["no_foreign_bases"]},
    )
    first = engine.assess_situation(situation, Options(today=TODAY))
    assert [f.id for f in first.findings] == ["red-line-crossing", "alliance-obligation-ask", "entente-security-note"]
    record = engine.record(derive(situation, engine.needed))
    uncached = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=0)
    verdicts = {uncached.evaluate(record) for _ in range(3000)}
    assert verdicts == {engine.evaluator.evaluate(record)}
    assert uncached.evaluations == 3000 * len(engine.rulesets)
    live = uncached.live_sessions()
    assert len(live) == len(engine.rulesets)
    assert {_core.get_facts(handle, sid) for handle, sid in live.items()} == {"[]"}
    uncached.close()
    assert uncached.live_sessions() == {}


def test_a_record_the_core_refuses_costs_its_session_not_the_next_record(pack):
    """The core refuses a record (more properties than it takes): the session it was asserted into is
    deleted, the error reaches the caller, and the next record is evaluated in a new session."""
    rules = {SENTINEL: {"all": [{"m": {"t": FACT_TYPE}}]}, "r": rule({"proposal__public": True})}
    ev = DurableEvaluator([rules], SENTINEL, memo_bytes=0)
    assert ev.evaluate({"t": FACT_TYPE, "proposal__public": True}) == {"r"}
    ((handle, first),) = ev.live_sessions().items()
    with pytest.raises(_core.error, match="error code: 302"):
        ev.evaluate({"t": FACT_TYPE, **{f"x{i}": 1 for i in range(300)}})
    assert ev.live_sessions() == {}
    with pytest.raises(_core.error, match="error code: 309"):
        _core.get_facts(handle, first)  # deleted
    assert ev.evaluate({"t": FACT_TYPE, "proposal__public": False}) == set()
    (second,) = ev.live_sessions().values()
    assert second != first


def test_sentinel_is_required(pack):
    rules = {"r": rule({"proposal__public": True})}
    with pytest.raises(ValueError, match="sentinel"):
        DurableEvaluator([rules], SENTINEL)  # a ruleset without its sentinel rule


def test_a_sentinel_that_did_not_run_fails_loudly_without_crashing(pack):
    """A sentinel whose pattern never matches: one rule fired, so the session is deleted and the
    evaluation fails; nothing fired at all: the session is left alive (deleting it would crash)."""
    rules = {SENTINEL: {"all": [{"m": {"t": "never"}}]}, "r": rule({"proposal__public": True})}
    ev = DurableEvaluator([rules], SENTINEL)
    with pytest.raises(DurableError, match="did not run the sentinel rule '__sentinel__'"):
        ev.evaluate({"t": FACT_TYPE, "proposal__public": True})
    with pytest.raises(DurableError, match="ran no rule for a fact record \\(the fact matched no pattern\\)"):
        ev.evaluate({"t": FACT_TYPE, "proposal__public": False})
    with pytest.raises(DurableError, match="did not run the sentinel"):
        ev.evaluate({"t": FACT_TYPE, "proposal__public": True})  # the process lives on


def test_every_rule_that_fires_is_reported_once(pack):
    """Actions are drained from the core until none is left: 30 rules fire on one fact."""
    rules = {f"r{i}": rule({"$gte": {"proposal__public__n": i}}) for i in range(30)}
    ev = evaluator_for(rules)
    assert ev.evaluate({"t": FACT_TYPE, "proposal__public__n": 29}) == set(rules)
    assert ev.evaluate({"t": FACT_TYPE, "proposal__public__n": 4}) == {"r0", "r1", "r2", "r3", "r4"}


def test_allocator_is_tuned_once_per_process_unless_the_user_set_it():
    """glibc's adaptive mmap threshold made the same evaluation cost 52 or 95 µs by process; the backend
    fixes it once per process, and leaves it alone when the user chose thresholds."""
    import os
    import subprocess
    import sys

    code = "from engine.rules.durable_backend import tune_allocator as t; print(t(), t())"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    tuned = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    glibc = os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc")
    assert tuned.stdout == ("True False\n" if glibc else "False False\n")
    chosen = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "MALLOC_MMAP_THRESHOLD_": "131072"},
    )
    assert chosen.stdout == "False False\n"


def test_the_session_id_is_the_evaluators_own(pack):
    """The record is encoded once and each ruleset's session id added to it; a record may not bring one."""
    rules = {f"r{i}": rule({"$gte": {"proposal__public__n": i}}) for i in range(70)}
    ev = evaluator_for(rules)  # three rulesets, three sessions per record
    assert ev.evaluate({"t": FACT_TYPE, "proposal__public__n": 65}) == {f"r{i}" for i in range(66)}
    for own in ("sid", "id"):
        with pytest.raises(ValueError, match="cannot carry 'sid' or 'id'"):
            ev.evaluate({"t": FACT_TYPE, own: "1"})
