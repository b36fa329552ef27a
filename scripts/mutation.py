"""Mutation testing of the core modules (mutmut, configured under [tool.mutmut] in pyproject.toml), and its
report: the score per module, and every surviving mutant either killed since or listed as equivalent.

    .venv/bin/python scripts/mutation.py [--jobs N] [--report-only | --only-survivors | MUTANT...]   # make mutation

mutmut runs in a copy of the checkout (build/mutation/), so the working tree is never touched; it keeps its
results there, so a run picks up where the last one stopped. `--only-survivors` copies the checkout again
(new tests included) and re-runs only the mutants the last run reached and did not kill (survived, untested,
timed out); names or globs given instead run those mutants alone, after the same copy; `--report-only`
writes the report of the last run again. Under mutmut the suite runs in its mutation mode
(tests/mutation_mode.py: nothing the engine computes is shared between tests). The copy leaves out the one
fixture mutmut cannot copy: a loop of symbolic links (the bad-input corpus's `proposals/symlink-loop`), whose
test does not exercise a mutated module. It then writes docs/mutation.md: per module, mutants, killed,
survived, and the survivors reviewed in docs/mutation-equivalents.yaml (each with the reason it cannot be
killed), and what the runs found (docs/mutation-notes.md, written by hand and included as it is); a survivor
not in the equivalents is listed as unexplained, and the script exits 1 (as it does after a partial run,
which it reports as such).
A timeout counts as killed: the mutant changed what the tests observe (they no longer finish).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.yaml"
REPORT = ROOT / "docs" / "mutation.md"
NOTES = ROOT / "docs" / "mutation-notes.md"  # what the runs found: by hand, included in the report
KILLED = ("killed", "timeout")
LIVE = ("survived", "no tests", "suspicious", "segfault")  # reached, and not killed
UNCHECKED = ("not checked", "check was interrupted by user")
RUN_OF = ".mutation-run-of"  # the commit the copy was made from (`-dirty`: with uncommitted changes)
LEFT_OUT = ("tests/fixtures/invalid/proposals/symlink-loop",)
NAME = re.compile(r"^(?P<module>[\w.]+)\.x[_ǁ](?P<function>.+?)__mutmut_\d+$")


def copy_checkout() -> None:
    """The tracked files of the checkout, as they are now, in build/mutation/ (mutmut's own state kept)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    WORK.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    (WORK / RUN_OF).write_text(head.stdout.strip() + "\n", encoding="utf-8")
    for name in files.decode().split("\0"):
        if not name or name.startswith(LEFT_OUT) or not (ROOT / name).is_file():
            continue
        target = WORK / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != (ROOT / name).read_bytes():
            shutil.copyfile(ROOT / name, target)


def run(jobs: int, mutants: list[str] | None = None) -> None:
    """mutmut over every mutant (those already decided are kept), or over ``mutants`` alone."""
    mutmut = Path(sys.executable).parent / "mutmut"
    subprocess.run([str(mutmut), "run", "--max-children", str(jobs), *(mutants or [])], cwd=WORK, check=False)


def results() -> dict[str, str]:
    mutmut = Path(sys.executable).parent / "mutmut"
    out = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=WORK, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        name, _, status = line.strip().partition(": ")
        if status:
            found[name] = status
    return found


def run_of() -> str:
    marker = WORK / RUN_OF
    return marker.read_text(encoding="utf-8").strip() if marker.is_file() else "an unrecorded checkout"


def module_of(name: str) -> str:
    m = NAME.match(name)
    return m["module"] if m else name.rsplit(".", 1)[0]


def report(found: dict[str, str]) -> tuple[list[str], int]:
    reviewed = YAML(typ="safe").load(EQUIVALENTS.read_text(encoding="utf-8")) or {}
    per: dict[str, Counter] = defaultdict(Counter)
    unexplained = []
    for name, status in sorted(found.items()):
        per[module_of(name)][status] += 1
        if status in LIVE and name not in reviewed:
            unexplained.append(name)
    lines = [
        "# Mutation testing",
        "",
        f"`make mutation` ({dt.date.today().isoformat()}, on {run_of()}): mutmut over the core modules listed under",
        "`[tool.mutmut]` in pyproject.toml, each mutant run against the tests that reach its function.",
        "A score is killed / (mutants checked - equivalent). Survivors that cannot be killed are listed, with the",
        f"reason, in [{EQUIVALENTS.name}]({EQUIVALENTS.name}).",
        "",
        *notes(),
        "| module | mutants | killed | equivalent | survived | not checked | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for module, counts in sorted(per.items()):
        names = [n for n in found if module_of(n) == module]
        equivalent = sum(1 for n in names if n in reviewed and found[n] in LIVE)
        total = sum(counts.values())
        killed = sum(counts[status] for status in KILLED)
        unchecked = sum(counts[status] for status in UNCHECKED)
        live = total - equivalent - unchecked
        score = f"{100 * killed / live:.1f}%" if live else "n/a"
        survived = live - killed
        lines.append(f"| `{module}` | {total} | {killed} | {equivalent} | {survived} | {unchecked} | {score} |")
    unchecked = sum(1 for status in found.values() if status in UNCHECKED)
    if unchecked:  # an interrupted run: its figures are those of the mutants it reached
        lines[2:2] = [
            f"**Partial run: {len(found) - unchecked:,} of {len(found):,} mutants checked** (the others are counted",
            "under mutants but neither killed nor survived); run `make mutation` again to finish it.",
            "",
        ]
    lines += [
        "",
        f"Totals: {len(found):,} mutants, {sum(1 for s in found.values() if s in KILLED):,} killed, "
        f"{sum(1 for n, s in found.items() if s in LIVE and n in reviewed):,} equivalent, "
        f"{len(unexplained):,} unexplained, {unchecked:,} not checked.",
    ]
    lines += ["", f"Unexplained survivors: {len(unexplained)}"] + [f"- `{n}`" for n in unexplained]
    return lines, len(unexplained) + unchecked


def notes() -> list[str]:
    """The hand-written account of what the runs found (docs/mutation-notes.md), then a blank line."""
    return [*NOTES.read_text(encoding="utf-8").rstrip("\n").splitlines(), ""] if NOTES.is_file() else []


def to_recheck(found: dict[str, str]) -> list[str]:
    """The mutants the last run reached and did not kill: survived, untested, and timed out (a timeout on a
    busy machine may be a slow survivor)."""
    return sorted(name for name, status in found.items() if status not in ("killed", *UNCHECKED))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--report-only", action="store_true", help="Report the last run without running again.")
    mode.add_argument(
        "--only-survivors", action="store_true", help="Copy the checkout again; re-run only the mutants not killed."
    )
    parser.add_argument("mutants", nargs="*", help="Copy the checkout again; run only these mutants (names, globs).")
    args = parser.parse_args()
    if args.only_survivors or args.mutants:
        chosen = to_recheck(results()) if args.only_survivors else args.mutants
        copy_checkout()
        if chosen:
            run(args.jobs, chosen)
    elif not args.report_only:
        copy_checkout()
        run(args.jobs)
    found = results()
    if not found:
        print("mutmut reported no mutants (see its output above): no report written")
        return 2
    lines, unexplained = report(found)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
