"""The benchmark suite: `make bench` prints a Markdown table of figures (median and spread).

    .venv/bin/python bench/run.py [--repeats 5] [--quick]

Figures: cold whole-process runs next to the import floor and the floors above it (pydantic's model machinery,
one model, entente's contract models), in time and, with valgrind installed, in instructions executed (the same
on every run, whatever the load of a shared machine); in-process throughput against the
plain-Python reference evaluator of the same compiled rules (the lower bound); per-assessment
time with 14, 100 and 1,000 policies and with 1, 10 and 100 partners; `entente test` on the
shipped corpus and on 10,000 generated cases with 1 and 2 jobs; `entente serve` under 16
concurrent clients (bench/served.py) with 1 and 2 workers; peak memory; then entente against
GoRules ZEN (bench/peers.py: the evaluators alone, and the whole assessment on a realistic stream).
Benchmarks are not tests: nothing here fails on a timing. Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
# A cache folder of the bench's own: on a machine shared with other checkouts of entente (other code
# fingerprints), a process of another version clears this version's stores from ~/.cache/entente, and a
# "warm" cold vet would then parse every file again.
CACHE = tempfile.TemporaryDirectory(prefix="entente-bench-cache-")
ENV = {**os.environ, "ENTENTE_TODAY": "2026-11-24", "ENTENTE_CACHE_DIR": CACHE.name}


def spread(samples: list[float], unit: str, scale: float = 1.0) -> str:
    values = sorted(s * scale for s in samples)
    return f"{statistics.median(values):,.1f} {unit} [{values[0]:,.1f}–{values[-1]:,.1f}]"


def output(args: list[str]) -> str:
    """What a Python script of the bench prints, run in a process of its own with the bench's environment."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=ENV, check=True).stdout


def process(args: list[str], repeats: int, env=None, cpu: list[float] | None = None) -> tuple[list[float], int]:
    """Wall times of a whole process, and its peak RSS in KB (the largest of the runs, each run's own); each
    run's CPU time (user + system) appended to ``cpu`` when given."""
    times, peak = [], 0
    for _ in range(repeats):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env or ENV, cwd=ROOT)
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage
            times.append(time.perf_counter() - start)
            if cpu is not None:
                cpu.append(usage.ru_utime + usage.ru_stime)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode not in (0, 1):
                errors.seek(0)
                raise SystemExit(f"{args} failed: {errors.read().decode()[-500:]}")
            peak = max(peak, usage.ru_maxrss)
    return times, peak


def interleaved(commands: dict[str, list[str]], repeats: int) -> dict[str, tuple[list[float], list[float], int]]:
    """Whole processes run in turn (one of each, ``repeats`` times over), so that the load of a shared machine
    falls on all of them alike: name -> (wall times, CPU times, peak RSS in KB)."""
    out: dict[str, tuple[list[float], list[float], int]] = {name: ([], [], 0) for name in commands}
    for _ in range(repeats):
        for name, args in commands.items():
            wall, cpu, peak = out[name]
            times, mem = process(args, 1, cpu=cpu)
            out[name] = (wall + times, cpu, max(peak, mem))
    return out


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def per_call(func, n: int, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        for i in range(n):
            func(i)
        out.append((time.perf_counter() - start) / n)
    return out


def variants(pack, count: int):
    """``count`` policies: the pack's own, then renamed copies of them (same conditions)."""
    policies = list(pack.policies)
    i = 0
    while len(policies) < count:
        base = pack.policies[i % len(pack.policies)]
        policies.append(msgspec.structs.replace(base, id=f"{base.id}-v{i}"))
        i += 1
    return tuple(policies[:count])


def cold_start(r: int) -> list[tuple[str, str, str]]:
    """Cold whole-process runs of `entente vet` next to the floors, in time and in instructions executed."""
    rows: list[tuple[str, str, str]] = []
    entente = str(BIN / "entente")
    example = "examples/vietnam-supply-chain-conditioned.yaml"
    commands = {
        "floor": [sys.executable, "-c", "import pydantic, click, durable.lang"],
        "machinery": [sys.executable, "-c", "import click, durable.lang\nfrom pydantic import BaseModel, Field"],
        "model": [sys.executable, "-c", MODEL_FLOOR],
        "contract": [sys.executable, "-c", CONTRACT_FLOOR],
        "vet": [sys.executable, entente, "vet", example],
    }

    # The package's bytecode, as a regular install has it (this machine sets PYTHONDONTWRITEBYTECODE,
    # and an editable install is never byte-compiled, so every run would compile the sources again).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "engine")], check=True)
    process(commands["vet"], 1)  # warm the parse cache, as a user's second run would
    runs = interleaved(commands, max(r, 9))
    wall = {name: runs[name][0] for name in runs}
    cpu = {name: statistics.median(runs[name][1]) for name in runs}
    labels = {
        "floor": "import floor: `python -c 'import pydantic, click, durable.lang'`",
        "machinery": "floor with pydantic's model machinery imported (`from pydantic import BaseModel, Field`)",
        "model": "floor with one pydantic model defined and validated (see below)",
        "contract": "floor with entente's input models imported (what a vet that validates a file loads; see below)",
        "vet": f"cold `entente vet {Path(example).name}` (warm parse cache)",
    }
    for name, (times, cpu_times, peak) in runs.items():
        rows.append((labels[name], f"{spread(times, 'ms', 1000)}; CPU {spread(cpu_times, 'ms', 1000)}", f"{peak:,} KB"))
    uncached, _ = process(commands["vet"], r, env={**ENV, "ENTENTE_NO_CACHE": "1"})
    rows.append(("cold `entente vet` without the parse cache", spread(uncached, "ms", 1000), ""))
    version, version_mem = process([entente, "--version"], r)
    rows.append(("`entente --version`", spread(version, "ms", 1000), f"{version_mem:,} KB"))
    pairs = [c / f for c, f in zip(wall["vet"], wall["floor"], strict=True)]
    rows.append(
        (
            "ratio: cold vet / import floor (target 1.5x; wall, run by run in turn)",
            f"{statistics.median(wall['vet']) / statistics.median(wall['floor']):.2f}x (of medians); run by run "
            f"{statistics.median(pairs):.2f}x [{min(pairs):.2f}–{max(pairs):.2f}]; CPU time "
            f"{cpu['vet'] / cpu['floor']:.2f}x",
            "",
        )
    )
    rows.append(
        (
            "ratio to the import floor, CPU time (a cold vet's target: 1.5x)",
            "; ".join(f"{name} {cpu[name] / cpu['floor']:.2f}x" for name in commands if name != "floor"),
            "",
        )
    )
    counted = {name: instructions(args) for name, args in commands.items()}
    if None in counted.values():
        rows.append(("instructions executed (valgrind)", "not measured: valgrind is not installed", ""))
    else:
        rows.append(
            (
                "instructions executed (valgrind's callgrind: the same on every run, whatever the machine's load)",
                "; ".join(
                    f"{name} {counted[name] / 1e6:,.0f} M ({counted[name] / counted['floor']:.2f}x the floor)"
                    for name in commands
                ),
                "",
            )
        )
    return rows


def instructions(args: list[str]) -> int | None:
    """The instructions a whole process executes (valgrind's callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        counts = Path(folder) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={counts}", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENV,
            cwd=ROOT,
            check=False,
        )
        totals = [line for line in counts.read_text().splitlines() if line.startswith(("summary:", "totals:"))]
        return int(totals[0].split()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="smaller counts, for a smoke run")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    r = args.repeats
    n = 200 if args.quick else 2000
    if args.in_process:
        print(json.dumps(in_process(r, n)))
        return 0

    rows: list[tuple[str, str, str]] = cold_start(r)
    entente = str(BIN / "entente")

    samples = [
        json.loads(output([__file__, "--in-process", "--repeats", str(r)] + (["--quick"] if args.quick else [])))
        for _ in range(PROCESSES)
    ]
    for label in samples[0]:
        values = [sample[label][0] for sample in samples]
        unit, scale = samples[0][label][1], samples[0][label][2]
        rows.append(
            (
                label,
                spread(values, unit, scale)
                if unit != "/s"
                else f"{statistics.median(values):,.0f}/s [{min(values):,.0f}–{max(values):,.0f}]",
                samples[0][label][3],
            )
        )
    med = {label: statistics.median(sample[label][0] for sample in samples) for label in samples[0]}
    rows.append(("ratio: durable_rules / lower bound (target 3x)", f"{med[DURABLE] / med[PLAIN]:.1f}x", ""))
    rows.append(("ratio: full pipeline / lower bound", f"{(1 / med[FULL]) / med[PLAIN]:.1f}x", ""))

    corpus, corpus_mem = process([entente, "test"], max(1, r // 2))
    rows.append(("`entente test` on the shipped corpus (1 job)", spread(corpus, "s"), f"{corpus_mem:,} KB"))
    with tempfile.TemporaryDirectory() as tmp:
        count = 1000 if args.quick else 10_000
        generate_cases(Path(tmp), count)
        process([entente, "test", tmp], 1)  # parse the new case files once, as a second run would find them
        for jobs in (1, 2):
            t, mem = process([entente, "test", tmp, "--jobs", str(jobs)], max(1, r // 2))
            rows.append(
                (
                    f"`entente test` on {count:,} generated cases, {jobs} job(s) (target < 10 s with 2)",
                    spread(t, "s"),
                    f"{mem:,} KB",
                )
            )

    rows += served_rows(args.quick)
    # a fresh process: one interpreter, the harness's way
    peers = output([str(ROOT / "bench" / "peers.py"), "--rounds", str(max(3, r))] + (["--quick"] if args.quick else []))
    print(
        f"entente benchmarks, {dt.date.today().isoformat()}: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; whole processes: median [min–max] of {r} runs; in-process "
        f"figures: median [min–max] across {PROCESSES} fresh processes, each the median of {r} runs; memory: "
        "a whole process's peak RSS, or for an in-process figure the RSS after it (and its growth during it)\n"
    )
    print("| figure | value | memory |")
    print("| --- | --- | --- |")
    for name, value, mem in rows:
        print(f"| {name} | {value} | {mem} |")
    print(f"\n## entente against GoRules ZEN (bench/peers.py)\n\n{peers}")
    return 0


PROCESSES = 3


def served_rows(quick: bool) -> list[tuple[str, str, str]]:
    """`entente serve` under 16 concurrent clients on loopback (bench/served.py), with 1 and 2 workers."""
    from bench.served import run

    rows = []
    for workers in (1, 2):
        f = run(16, 5.0 if quick else 20.0, workers, None)
        label = f"served: 16 clients, {workers} worker(s), {f['seconds']} s, POST /api/v1/assessments (recorded)"
        rows.append((label, f"{f['assessments_per_s']:,.1f}/s, {f['errors']} errors", ""))
        rows.append(
            (
                f"served, {workers} worker(s): latency p50 / p99 (target p99 < 3x p50)",
                f"{f['p50_ms']:.1f} / {f['p99_ms']:.1f} ms ({f['p99_over_p50']:.2f}x)",
                f"{f['rss_before_kb']:,} -> {f['rss_after_kb']:,} KB ({f['rss_growth_pct']:+.1f}%)",
            )
        )
        rows.append(
            (
                f"served per worker / in-process rate of the same work ({f['in_process_per_s']:,.0f}/s; target 0.25)",
                f"{f['per_worker_over_in_process']:.2f}",
                "",
            )
        )
    return rows


# What any program that defines and validates one pydantic model pays on top of the import floor:
# `import pydantic` is lazy, and the model machinery (pydantic.main, its schema generator, the plugin
# scan through importlib.metadata) loads with the first model.
MODEL_FLOOR = "import click, durable.lang\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
# What a `vet` that must validate a file (not yet in the validated cache) loads before doing anything: the input
# models of a situation, defined, none built. A vet on a warm cache imports none of them (engine.model.snapshot).
CONTRACT_FLOOR = "import click, durable.lang, engine.model.profile, engine.model.proposal, engine.model.forum"
FULL = "assessments/s, full pipeline (facts + durable_rules + findings), every record to the core"
DURABLE = "durable_rules evaluation alone, per assessment (no memo: every record to the core)"
FULL_MEMO = "assessments/s, full pipeline, the same 4 situations again (verdicts from the memo)"
DURABLE_MEMO = "durable_rules evaluation of a record it has seen (from the memo), per assessment"
PLAIN = "plain-Python reference evaluation (lower bound), per assessment"


def in_process(r: int, n: int) -> dict[str, list]:
    """In-process figures of one fresh process: {label: [median seconds (or rate), unit, scale, memory]}."""
    from bench.assessments import situations
    from engine.core.engine import Engine, Options
    from engine.core.pack import load_pack
    from engine.facts import derive_all
    from engine.model.situation import Situation
    from engine.rules import reference
    from engine.rules.compile import SENTINEL, compile_pack, fact_record, referenced_fields
    from engine.rules.durable_backend import DurableEvaluator

    out: dict[str, list] = {}
    pack = load_pack(ROOT / "policies")
    engine = Engine(pack)
    cases = situations(pack)
    options = Options(today=dt.date(2025, 11, 24))
    records = [engine.record(derive_all(s)) for s in cases]  # the records the engine really evaluates

    def memory(before: int) -> str:
        return f"{rss_kb():,} KB (+{rss_kb() - before:,})"

    memoised = engine.evaluator
    engine.evaluator = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=0)  # every record to the core
    before = rss_kb()
    full = per_call(lambda i: engine.assess_situation(cases[i % 4], options), n, r)
    out[FULL] = [1 / statistics.median(full), "/s", 1, memory(before)]
    before = rss_kb()
    durable = per_call(lambda i: engine.evaluator.evaluate(records[i % 4]), n, r)
    out[DURABLE] = [statistics.median(durable), "µs", 1e6, memory(before)]
    engine.evaluator = memoised
    before = rss_kb()
    full = per_call(lambda i: engine.assess_situation(cases[i % 4], options), n, r)
    out[FULL_MEMO] = [1 / statistics.median(full), "/s", 1, memory(before)]
    before = rss_kb()
    durable = per_call(lambda i: engine.evaluator.evaluate(records[i % 4]), n, r)
    out[DURABLE_MEMO] = [statistics.median(durable), "µs", 1e6, memory(before)]
    lower_bound = reference.ReferenceEvaluator(engine.rulesets, SENTINEL)  # compiled once, like the engine
    before = rss_kb()
    plain = per_call(lambda i: lower_bound.evaluate(records[i % 4]), n, r)
    out[PLAIN] = [statistics.median(plain), "µs", 1e6, memory(before)]
    for count in (14, 100, 1000):
        policies = variants(pack, count)
        rulesets = compile_pack(policies, pack.vocabulary)
        ev = DurableEvaluator(rulesets, SENTINEL, memo_bytes=0)  # every record to the core
        fields = referenced_fields(rulesets) | {"t"}
        scaled = [fact_record(derive_all(s), pack.vocabulary, fields) for s in cases]
        before = rss_kb()
        t = per_call(lambda i, ev=ev, scaled=scaled: ev.evaluate(scaled[i % 4]), max(50, n // (count // 14 or 1)), r)
        out[f"{count} policies ({len(rulesets)} rulesets): durable_rules per assessment (no memo)"] = [
            statistics.median(t),
            "µs",
            1e6,
            memory(before),
        ]
    for partners in (1, 10, 100):
        partner = cases[1].partner
        clones = [partner.model_copy(update={"id": f"p{k}"}) for k in range(partners)]
        before = rss_kb()
        t = per_call(
            lambda i, clones=clones: [
                engine.assess_situation(Situation(cases[1].proposal, p, None, pack.vocabulary), options) for p in clones
            ],
            max(10, n // partners // 4),
            r,
        )
        out[f"one proposal against {partners} partner(s)"] = [statistics.median(t), "ms", 1000, memory(before)]
    return out


def generate_cases(folder: Path, count: int) -> None:
    """``count`` cases over the library partners, in files of 500, every policy in scope."""
    partners = sorted(p.stem for p in (ROOT / "profiles" / "partners").glob("*.yaml"))
    moves = [
        "{kind: conditionality, conditions: [{at_stake: trade, requires: democratization}]}",
        "{kind: commitment_request, asks: [basing_access, sanctions_alignment], against: [china]}",
        "{kind: new_cooperation, cooperation: [supply_chains]}",
        "{kind: coercive_measure, measures: [tariffs], asks: [trade_restriction], against: [russia]}",
    ]
    for start in range(0, count, 500):
        lines = ["policy: red-line-crossing", "cases:"]
        for k in range(start, min(start + 500, count)):
            lines += [
                f"  - name: case-{k}",
                f"    partner: {partners[k % len(partners)]}",
                f"    proposal: {moves[k % len(moves)]}",
                "    expect: {excludes: []}",
            ]
        (folder / f"generated-{start // 500:03d}.yaml").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
