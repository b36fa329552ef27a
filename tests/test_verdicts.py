"""The memo of verdicts: exact (a memoised verdict is the verdict durable_rules gives afresh), bounded, and
never a way around the core: durable_rules evaluates every distinct record (every distinct cut of it, for a
pack of several rulesets) exactly once, which a proxy counting the calls into the real C core checks."""

from __future__ import annotations

import datetime as dt
import re

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings

from engine.core.engine import Engine, Options
from engine.facts import derive
from engine.rules import durable_backend
from engine.rules.compile import SENTINEL, compile_policy, referenced_fields
from engine.rules.durable_backend import DurableEvaluator
from engine.rules.verdicts import ENTRY_BYTES, VerdictMemo, encode_record
from tests.conftest import build, with_policies
from tests.strategies import forums, partners, proposals

OPTIONS = Options(today=dt.date(2026, 11, 24))


def copies(pack, count: int):
    """A pack of ``count`` policies: the shipped ones, then renamed copies (several rulesets)."""
    policies = list(pack.policies)
    while len(policies) < count:
        base = pack.policies[len(policies) % len(pack.policies)]
        policies.append(msgspec.structs.replace(base, id=f"{base.id}-copy{len(policies)}"))
    return with_policies(pack, *policies)


@pytest.fixture(scope="module")
def large(pack):
    return copies(pack, 100)


@pytest.fixture(scope="module")
def large_engines(large):
    """An engine of 100 policies (several rulesets, each given its cut of the record), and the same rules
    evaluated with no memo."""
    return Engine(large), DurableEvaluator(large.rulesets, SENTINEL, memo_bytes=0)


class CountingCore:
    """The real C core, with every fact asserted into it written down (session and fact ids taken off)."""

    def __init__(self, core):
        self._core = core
        self.asserted: list[tuple[int, str]] = []

    def __getattr__(self, name):
        return getattr(self._core, name)

    def assert_fact(self, handle, fact):
        self.asserted.append((handle, re.sub(r',?"sid":"\d+","id":\d+', "", fact)))
        return self._core.assert_fact(handle, fact)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(partner=partners(), proposal=proposals(), forum=forums())
def test_memoised_verdicts_equal_fresh_verdicts(engine, large_engines, pack, partner, proposal, forum):
    """With one ruleset (the shipped pack) and with several (100 policies, each ruleset given its cut of the
    record): the memo's verdict, first and again, is what the core says with no memo at all."""
    situation = build(pack, partner, proposal, forum)
    large, large_fresh = large_engines
    fresh = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=0)
    for memoised, unmemoised in ((engine, fresh), (large, large_fresh)):
        record = memoised.record(derive(situation, memoised.needed))
        assert memoised.evaluator.evaluate(record) == unmemoised.evaluate(record) == memoised.evaluator.evaluate(record)


def stream(engine, library, examples) -> list[dict]:
    """The records a realistic stream gives the engine: an example against every library partner, and a
    what-if sweep of each partner's posture (the sweep repeats the baseline, partners share records)."""
    from engine.analysis.whatif import what_if
    from engine.core.resolve import load_proposals

    records = []
    assess = engine.assess_situation

    def recording(situation, options):
        records.append(engine.record(derive(situation, engine.needed)))
        return assess(situation, options)

    engine.assess_situation = recording
    for _, resolved in load_proposals(examples, library, library.partner_ids(), None, "partners"):
        engine.assess(resolved, OPTIONS)
    for _, resolved in load_proposals(examples, library):
        what_if(engine, resolved, [], "partner.hedging", OPTIONS)
    return records


@pytest.mark.parametrize("size", [14, 100])
def test_the_core_evaluates_every_distinct_record_once(pack, monkeypatch, size):
    """Count the facts asserted into the C core over a stream that repeats records: every distinct record
    (with several rulesets: every distinct cut of a record a ruleset is given) is asserted exactly once,
    each repeat is answered from the memo, and the findings are those of an engine without a memo."""
    from engine.core.library import Library
    from tests.conftest import PROFILES, ROOT

    counting = CountingCore(durable_backend._core)
    monkeypatch.setattr(durable_backend, "_core", counting)
    sized = copies(pack, size)
    engine = Engine(sized)
    library = Library.open(PROFILES, pack.vocabulary)
    examples = sorted((ROOT / "examples").glob("*.yaml"))[:2]
    records = stream(engine, library, examples)
    handles = engine.evaluator._handles
    expected = {
        (handle, encode_record(_cut(record, ruleset, len(handles))).decode())
        for record in records
        for handle, ruleset in zip(handles, sized.rulesets, strict=True)
    }
    assert len({encode_record(r) for r in records}) < len(records)  # the stream repeats records
    assert sorted(counting.asserted) == sorted(expected)  # every distinct input once, and nothing else
    assert engine.evaluator.evaluations == len(expected)
    unmemoised = Engine(sized)
    unmemoised.evaluator = DurableEvaluator(sized.rulesets, SENTINEL, memo_bytes=0)
    again = stream(unmemoised, library, examples)
    assert again == records
    assert unmemoised.evaluator.evaluations == len(records) * len(handles)


def _cut(record: dict, ruleset: dict, rulesets: int) -> dict:
    if rulesets == 1:
        return record
    fields = referenced_fields([ruleset])
    return {f: record[f] for f in sorted(fields) if f in record}


def test_the_memo_key_is_what_the_core_is_given():
    """A verdict is keyed by the JSON the core evaluates: records the core tells apart (true and 1, 1 and
    1.0, "1" and 1) never share a verdict; a list and a tuple of the same items are the same fact to the
    core. Text outside ASCII is escaped as the rulesets' JSON escapes it, integers past 64 bits are
    written too (both by the standard encoder), and data that is not JSON is refused."""
    assert encode_record({"a": True, "b": [1, "x"]}) == b'{"a":true,"b":[1,"x"]}'
    assert len({encode_record({"a": v}) for v in (True, 1, 1.0, "1")}) == 4
    assert encode_record({"a": [1]}) == encode_record({"a": (1,)})
    assert encode_record({"a": "é"}) == b'{"a":"\\u00e9"}'
    assert encode_record({"a": 2**70}) == b'{"a":1180591620717411303424}'
    with pytest.raises(TypeError):
        encode_record({"a": object()})


def test_the_memo_is_bounded_and_drops_the_least_recently_used():
    key = [encode_record({"n": i}) for i in range(4)]
    memo = VerdictMemo(max_bytes=3 * (len(key[0]) + ENTRY_BYTES))
    for k in key[:3]:
        memo.put(k, frozenset({"r"}))
    assert memo.get(key[0]) == frozenset({"r"})  # used: now the most recent
    memo.put(key[3], frozenset())
    assert len(memo) == 3 and memo.bytes <= memo.max_bytes
    assert memo.get(key[1]) is None  # the least recently used went
    assert memo.get(key[0]) == frozenset({"r"}) and memo.get(key[3]) == frozenset()


def test_a_small_memo_keeps_its_bound_and_its_answers(engine, pack):
    """An evaluator whose memo holds two records: thousands of records later it holds no more, and
    every verdict is the core's."""
    tiny = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=2 * 2_000)
    fresh = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=0)
    situations = [
        build(pack, partner={"red_lines": ["no_foreign_bases"]}, proposal={"asks": ["basing_access"]}),
        build(
            pack,
            proposal={"kind": "conditionality", "conditions": [{"at_stake": "trade", "requires": "democratization"}]},
        ),
        build(pack, partner={"hedging": "hedging"}, proposal={"asks": ["sanctions_alignment"]}),
    ]
    records = [engine.record(derive(s, engine.needed)) for s in situations]
    for i in range(300):
        record = records[i % 3]
        assert tiny.evaluate(record) == fresh.evaluate(record)
        assert tiny._memo.bytes <= tiny._memo.max_bytes and len(tiny._memo) <= 2


def test_rules_that_need_several_rulesets_are_grouped_by_the_fields_they_test(pack, large):
    """Each ruleset of a large pack tests few of the record's fields; no rule is lost or repeated."""
    every = referenced_fields(large.rulesets)
    per_ruleset = [referenced_fields([ruleset]) for ruleset in large.rulesets]
    assert len(large.rulesets) > 1
    assert max(len(fields) for fields in per_ruleset) < len(every) / 2
    names = [name for ruleset in large.rulesets for name in ruleset if name != SENTINEL]
    compiled = [name for policy in large.policies for name in compile_policy(policy, pack.vocabulary)]
    assert sorted(names) == sorted(compiled) and len(set(names)) == len(names)
