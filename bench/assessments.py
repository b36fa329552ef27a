"""100,000 assessments in one process: throughput, and RSS at intervals (it must stay flat).

    .venv/bin/python bench/assessments.py [--count 100000] [--every 10000] [--no-memo]

With ``--no-memo`` every assessment goes to durable_rules' C core (the evaluator's memo of verdicts is off):
100,000 records asserted into and retracted from each ruleset's one session. Prints one line per interval
and a summary; exits 1 if RSS after warm-up grows by more
than 10% (a leak), so a reviewer can run it on any change to the engine. Not a test:
nothing in CI fails on a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.core.engine import Options, engine_for  # noqa: E402
from engine.core.pack import load_pack  # noqa: E402
from engine.model import Forum, PartnerProfile, Proposal  # noqa: E402
from engine.model.situation import Situation  # noqa: E402
from engine.model.snapshot import record_of  # noqa: E402


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def situations(pack):
    ctx = {"vocabulary": pack.vocabulary}
    partner = PartnerProfile.model_validate(
        {
            "id": "vietnam",
            "name": "Vietnam",
            "as_of": "2025-09-01",
            "tier": "comprehensive_strategic_partnership",
            "hedging": "hedging",
            "stances": {"democracy": "opposed", "human_rights": "opposed"},
            "ties": [{"party": "china", "tier": "comprehensive_strategic_partnership"}],
            "dependencies": [{"party": "china", "sector": "trade", "level": "high"}],
            "red_lines": ["no_foreign_bases", "no_interference_internal_affairs", "no_siding_against_third_party"],
        },
        context=ctx,
    )
    forum = Forum.model_validate(
        {
            "id": "fish",
            "name": "Fish",
            "kind": "minilateral",
            "members": ["united_states", "vietnam"],
            "scope": ["illegal_fishing"],
        },
        context=ctx,
    )
    moves = [
        {"kind": "new_cooperation", "cooperation": ["supply_chains"]},
        {
            "kind": "conditionality",
            "cooperation": ["supply_chains"],
            "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}],
        },
        {"kind": "commitment_request", "asks": ["basing_access", "sanctions_alignment"], "against": ["china"]},
        {"kind": "expand_scope", "adds_to_agenda": ["human_rights"], "forum": "fish"},
    ]
    out = []
    for i, move in enumerate(moves):
        proposal = Proposal.model_validate({"id": f"m{i}", "title": "t", "partner": "vietnam", **move}, context=ctx)
        inputs = [record_of(m) for m in (proposal, partner, forum)]  # as validate() gives them to the engine
        out.append(Situation(inputs[0], inputs[1], inputs[2] if "forum" in move else None, pack.vocabulary))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--no-memo", action="store_true", help="every record to the C core")
    args = parser.parse_args()
    pack = load_pack(ROOT / "policies")
    engine = engine_for(pack)
    if args.no_memo:
        from engine.rules.compile import SENTINEL
        from engine.rules.durable_backend import DurableEvaluator

        engine.evaluator = DurableEvaluator(engine.rulesets, SENTINEL, memo_bytes=0)
    cases = situations(pack)
    options = Options(today=dt.date(2025, 11, 24))
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, Python {platform.python_version()}, "
        f"{len(pack.policies)} policies, {len(engine.rulesets)} ruleset(s)"
        + (", every record to the C core" if args.no_memo else "")
    )
    print(f"{'assessments':>12} {'per second':>11} {'RSS KB':>9}")
    warm, start, last, findings = None, time.perf_counter(), time.perf_counter(), 0
    for i in range(1, args.count + 1):
        findings += len(engine.assess_situation(cases[i % len(cases)], options).findings)
        if i % args.every == 0:
            now = time.perf_counter()
            rss = rss_kb()
            warm = warm or rss
            print(f"{i:>12,} {args.every / (now - last):>11,.0f} {rss:>9,}")
            last = now
    total = time.perf_counter() - start
    final = rss_kb()
    growth = (final - warm) / warm * 100 if warm else 0.0
    print(
        f"total {args.count:,} assessments in {total:.1f} s ({args.count / total:,.0f}/s), {findings:,} findings; "
        f"RSS after warm-up {warm:,} KB -> {final:,} KB ({growth:+.1f}%)"
    )
    return 0 if growth <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
