"""entente against GoRules ZEN (issue 18), measured the peer harness's way (../shared/bench/peers/README.md):
one process, the same records for every contender, agreement checked before anything is timed, and
interleaved passes: each contender's pass is bracketed by two passes of the base, its ratio taken against
them, and the median ratio over rounds reported, so the load of a shared machine stays out of the ratios.
Passes are timed in CPU time (``time.process_time``): a pass that loses the CPU to another process does
not count the time it waited.

1. evaluators alone (the issue's table): durable_rules with and without its memo, ZEN (one compiled
   expression), the plain-Python reference and a hand-written Python floor, at 14, 100 and 1,000 policies;
2. the whole assessment (derive, record, evaluate, findings) on a realistic stream, with durable_rules
   and with ZEN as the evaluator (and, to show what the memo is worth to either, ZEN behind the same memo).

    .venv/bin/python bench/peers.py [--quick] [--rounds N]        (make bench runs it too)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import translate as T  # noqa: E402

SIZES = (14, 100, 1000)
SWEEPS = ("partner.hedging", "partner.tier", "partner.political_system", "partner.accession_candidate")
OPTIONS_TODAY = dt.date(2026, 11, 24)


class Zen:
    """GoRules ZEN as an evaluator: one compiled expression, the array of every rule's truth (the harness's
    fastest form), given the record dict."""

    def __init__(self, rulesets, sentinel):
        import zen

        rules = T.rules_of(rulesets, sentinel)
        self.names = [name for name, _ in rules]
        self._evaluate = zen.compile_expression(T.zen_array_expression(rules)).evaluate

    def evaluate(self, record) -> frozenset[str]:
        return frozenset(n for n, fired in zip(self.names, self._evaluate(record), strict=True) if fired)


class Memoised:
    """Any evaluator behind entente's memo of verdicts (to show what the memo would be worth to ZEN)."""

    def __init__(self, inner):
        from engine.rules.verdicts import VerdictMemo

        self.inner, self.memo = inner, VerdictMemo()

    def evaluate(self, record) -> frozenset[str]:
        from engine.rules.verdicts import encode_record

        key = encode_record(record)
        verdict = self.memo.get(key)
        if verdict is None:
            verdict = self.inner.evaluate(record)
            self.memo.put(key, verdict)
        return verdict

    def forget(self) -> None:
        self.memo.clear()


def floor(rulesets, sentinel) -> Callable[[dict], frozenset[str]]:
    """Hand-written Python: one generated function per rule (the harness's floor)."""
    namespace: dict = {}
    exec(compile(T.python_module(T.rules_of(rulesets, sentinel)), "<floor>", "exec"), namespace)
    table = namespace["RULES"]
    return lambda record: frozenset(name for name, rule in table if rule(record))


def sized(pack, count: int):
    """The pack with ``count`` policies (bench/run.py's variants: renamed copies), compiled."""
    from bench.run import variants
    from engine.rules.compile import compile_pack

    policies = variants(pack, count)
    rulesets = compile_pack(policies, pack.vocabulary)
    return msgspec.structs.replace(pack, policies=policies, rulesets=rulesets, digest=f"{pack.digest}-{count}")


def stream(pack, library) -> list[tuple[str, object]]:
    """The realistic stream: (part, situation) for every assessment that these make, in order: each shipped
    example against every library partner (`vet --partners all`), a what-if sweep of four partner fields on
    each example (`whatif --sweep`), and the suggestion search on each example (`vet --suggest`)."""
    from engine.analysis.suggest import suggest
    from engine.analysis.whatif import what_if
    from engine.core.engine import Engine, Options
    from engine.core.resolve import load_proposals

    engine, options, out, part = Engine(pack), Options(today=OPTIONS_TODAY), [], ["batch"]
    assess = engine.assess_situation
    engine.assess_situation = lambda s, o: (out.append((part[0], s)), assess(s, o))[1]
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for _, resolved in load_proposals(examples, library, library.partner_ids(), None, "partners"):
        engine.assess(resolved, options)
    part[0] = "sweep"
    for _, resolved in load_proposals(examples, library):
        for field in SWEEPS:
            what_if(engine, resolved, [], field, options)
    part[0] = "suggest"
    for _, resolved in load_proposals(examples, library):
        for situation in resolved.situations():
            suggest(engine, situation, options)
    engine.evaluator.close()
    return out


def one_pass(fn, items, loops: int, reset=None) -> float:
    """CPU seconds per item over ``loops`` passes of ``items`` (``reset`` before each pass: an empty memo)."""
    gc.collect()
    spent = 0.0
    for _ in range(loops):
        if reset:
            reset()
        start = time.process_time()
        for item in items:
            fn(item)
        spent += time.process_time() - start
    return spent / (loops * len(items))


def bracketed(contenders: dict, items, rounds: int, min_pass: float, base: str):
    """The harness's interleaving: each contender's pass between two passes of ``base``, its ratio in a round
    its time over their mean; the others' order rotates each round. contenders: name -> (fn, reset)."""
    loops = {}
    for name, (fn, reset) in contenders.items():  # warm-up, and how many loops make a pass of ``min_pass``
        loops[name] = max(1, math.ceil(min_pass / (one_pass(fn, items, 1, reset) * len(items))))
    others = [n for n in contenders if n != base]
    times = {n: [] for n in contenders}
    ratios = {n: [] for n in contenders}
    fn, reset = contenders[base]
    for round_ in range(rounds):
        k = round_ % max(1, len(others))
        previous = one_pass(fn, items, loops[base], reset)
        times[base].append(previous)
        for name in others[k:] + others[:k]:
            t = one_pass(*_args(contenders[name], items, loops[name]))
            after = one_pass(fn, items, loops[base], reset)
            times[name].append(t)
            times[base].append(after)
            ratios[name].append(t / ((previous + after) / 2))
            previous = after
        ratios[base].append(1.0)
    return times, ratios


def _args(contender, items, loops):
    fn, reset = contender
    return fn, items, loops, reset


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}x [{min(values):.2f}–{max(values):.2f}]"


def micro(seconds: float) -> str:
    us = seconds * 1e6
    return f"{us:,.2f}" if us < 10 else f"{us:,.1f}" if us < 1000 else f"{us:,.0f}"


def case_situations(pack, library) -> list:
    """Every shipped case's situation (the harness's records start from them too)."""
    from engine.testing.load import case_files, load_case_file

    return [c.situation for path in case_files([ROOT / "cases"]) for c in load_case_file(path, pack, library).cases]


def evaluator_table(pack, situations, rounds: int, min_pass: float, sizes) -> list[str]:
    """The issue's table: each evaluator alone on the same records (the stream's and every case's, repeats
    included), its time and its ratio to durable_rules without the memo; durable_rules with its memo (empty
    at the start of each pass) runs on the same records in the same order."""
    from engine.core.engine import Engine
    from engine.facts import derive
    from engine.rules.compile import SENTINEL
    from engine.rules.durable_backend import DurableEvaluator
    from engine.rules.reference import ReferenceEvaluator

    labels = {
        "durable": "entente durable_rules, every record to the core (no memo)",
        "memo": "entente durable_rules with its memo (as entente runs it)",
        "zen": "GoRules ZEN (one compiled expression)",
        "reference": "entente's plain-Python reference",
        "floor": "hand-written Python (the floor)",
    }
    cells: dict[str, list[str]] = {k: [] for k in labels}
    notes = []
    for count in sizes:
        p = sized(pack, count)
        engine = Engine(p)
        records = [engine.record(derive(s, engine.needed)) for s in situations]
        records = records[:: {14: 1, 100: 3}.get(count, 12)]
        cold = DurableEvaluator(p.rulesets, SENTINEL, memo_bytes=0)
        contenders = {
            "durable": (cold.evaluate, None),
            "memo": (engine.evaluator.evaluate, engine.evaluator.forget),
            "zen": (Zen(p.rulesets, SENTINEL).evaluate, None),
            "reference": (ReferenceEvaluator(p.rulesets, SENTINEL).evaluate, None),
            "floor": (floor(p.rulesets, SENTINEL), None),
        }
        wrong = {k: sum(set(fn(r)) != set(cold.evaluate(r)) for r in records) for k, (fn, _) in contenders.items()}
        times, ratios = bracketed(contenders, records, rounds, min_pass, "durable")
        for key in labels:
            cells[key].append(f"{micro(statistics.median(times[key]))} ({statistics.median(ratios[key]):.2f}x)")
        notes.append(
            f"{count} policies: {len(p.rulesets)} ruleset(s), {len(records)} records "
            f"({len({repr(r) for r in records})} distinct); disagreements with durable_rules: "
            + ", ".join(f"{k} {v}" for k, v in wrong.items())
        )
        engine.evaluator.close()
        cold.close()
    head = " | ".join(f"{c:,} policies: µs per record (vs durable_rules)" for c in sizes)
    lines = [f"| evaluator | {head} |", "| --- |" + " --- |" * len(sizes)]
    lines += [f"| {labels[k]} | " + " | ".join(v) + " |" for k, v in cells.items()]
    return lines + [""] + [f"- {n}" for n in notes]


def pipeline_table(pack, items, rounds: int, min_pass: float, sizes) -> list[str]:
    """The whole assessment (``Engine.assess_situation``) over the stream, with durable_rules (its memo empty
    at the start of each pass) and with ZEN as the evaluator, the same situations in the same order."""
    from engine.core.engine import Engine, Options
    from engine.facts import derive
    from engine.rules.compile import SENTINEL
    from engine.rules.verdicts import encode_record

    options = Options(today=OPTIONS_TODAY)
    situations = [s for _, s in items]
    lines = [
        "| policies | durable_rules: µs per assessment | ZEN: µs per assessment | durable_rules / ZEN "
        "(median [min–max] of rounds) | ZEN behind entente's memo / ZEN | records (distinct) | "
        "evaluations in the core | agreement |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for count in sizes:
        p = sized(pack, count)
        engines = {"durable": Engine(p), "zen": Engine(p), "zen+memo": Engine(p)}
        engines["zen"].evaluator = Zen(p.rulesets, SENTINEL)
        engines["zen+memo"].evaluator = Memoised(Zen(p.rulesets, SENTINEL))
        durable = engines["durable"]
        same = sum(
            len({msgspec.json.encode(e.assess_situation(s, options)) for e in engines.values()}) == 1
            for s in situations
        )
        durable.evaluator.forget()
        before = durable.evaluator.evaluations
        for s in situations:
            durable.assess_situation(s, options)
        evaluations = durable.evaluator.evaluations - before
        distinct = len({encode_record(durable.record(derive(s, durable.needed))) for s in situations})
        contenders = {
            name: (lambda s, e=e: e.assess_situation(s, options), getattr(e.evaluator, "forget", None))
            for name, e in engines.items()
        }
        times, ratios = bracketed(
            contenders, situations, rounds if count < 1000 else max(3, rounds // 2), min_pass, "zen"
        )
        lines.append(
            f"| {count:,} | {micro(statistics.median(times['durable']))} | {micro(statistics.median(times['zen']))} | "
            f"**{spread(ratios['durable'])}** | {spread(ratios['zen+memo'])} | {len(situations)} ({distinct}) | "
            f"{evaluations:,} ({len(p.rulesets)} ruleset(s)) | {same} of {len(situations)} identical |"
        )
        durable.evaluator.close()
    return lines


def report(rounds: int, quick: bool) -> str:
    from engine.core.library import Library
    from engine.core.pack import load_pack

    pack = load_pack(ROOT / "policies")
    library = Library.open([ROOT / "profiles"], pack.vocabulary)
    items = stream(pack, library)
    parts = {part: sum(1 for p, _ in items if p == part) for part in ("batch", "sweep", "suggest")}
    sizes = SIZES[:2] if quick else SIZES
    min_pass = 0.05 if quick else 0.25
    situations = [s for _, s in items] + case_situations(pack, library)
    out = [
        "### Evaluators alone (the issue's table), CPU time, interleaved rounds, ratios to durable_rules\n",
        *evaluator_table(pack, situations, rounds, min_pass, sizes),
        "",
        f"### The whole assessment on a realistic stream ({len(items)} assessments: {parts['batch']} of every "
        f"example against every library partner, {parts['sweep']} of what-if sweeps over {', '.join(SWEEPS)}, "
        f"{parts['suggest']} of the suggestion search on each example)\n",
        *pipeline_table(pack, items, rounds, min_pass, sizes),
    ]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="14 and 100 policies, short passes")
    args = parser.parse_args()
    print(report(args.rounds, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
