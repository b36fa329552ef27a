"""The parse cache at scale: one batch of N proposal files, vetted cold (empty cache) then warm.

    .venv/bin/python bench/parse_cache.py [--files 20000] [--repeats 1] [--jobs 0]

Writes N distinct proposals (each a variation of the ringfenced Vietnam example) to a temporary
folder, then times whole `entente vet FOLDER --format jsonl` runs: first with an empty cache folder
(every file parsed, every entry written), then again with the cache that run left (every file read
back from the cache). Prints the seconds of each, and the number of entries in the cache. A warm
run must be faster than a cold one at any size the cache is meant for (60,000 parsed files).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTENTE = [sys.executable, "-m", "engine.cli"]  # the code of this checkout
AREAS = ["supply_chains", "semiconductors", "critical_minerals", "nuclear_energy", "maritime_security", "trade"]


def proposal(i: int) -> str:
    cooperation = ", ".join(AREAS[j] for j in range(len(AREAS)) if (i >> j) & 1) or "supply_chains"
    return (
        f"id: p{i:05d}\ntitle: Proposal {i}\nactor: united_states\npartner: vietnam\n"
        f"kind: new_cooperation\ncooperation: [{cooperation}]\npublic: {'true' if i % 2 else 'false'}\n"
    )


def timed_run(folder: Path, cache: Path, jobs: int) -> float:
    env = {**os.environ, "ENTENTE_CACHE_DIR": str(cache), "ENTENTE_TODAY": "2025-11-24"}
    env.pop("ENTENTE_NO_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.run(
        [*ENTENTE, "vet", str(folder), "--format", "jsonl", "--jobs", str(jobs), "--fail-on", "none"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"entente vet failed ({proc.returncode}): {proc.stderr[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="entente-bench-cache-"))
    try:
        folder = work / "proposals"
        folder.mkdir()
        for i in range(args.files):
            (folder / f"p{i:05d}.yaml").write_text(proposal(i))
        for repeat in range(args.repeats):
            cache = work / f"cache-{repeat}"
            cold = timed_run(folder, cache, args.jobs)
            warm = timed_run(folder, cache, args.jobs)
            entries = sum(1 for _ in cache.rglob("*.json"))
            print(
                f"{args.files:,} files: cold {cold:.1f} s, warm {warm:.1f} s "
                f"({cold / warm:.1f}x faster warm; {entries:,} cache entries)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
