"""Mutation testing of the core modules (mutmut, configured under [tool.mutmut] in pyproject.toml), and its
report: the score per module, and every surviving mutant either killed since or listed as equivalent.

    .venv/bin/python scripts/mutation.py [--jobs N] [--report-only]     # or: make mutation

mutmut runs in a copy of the checkout (build/mutation/), so the working tree is never touched. The copy
leaves out the one fixture mutmut cannot copy: a loop of symbolic links (the bad-input corpus's
`proposals/symlink-loop`), whose test does not exercise a mutated module. It then writes
docs/mutation.md: per module, mutants, killed, survived, and the survivors reviewed in
docs/mutation-equivalents.yaml (each with the reason it cannot be killed); a survivor not in that
file is listed as unexplained, and the script exits 1 (as it does after a partial run, which it reports
as such).
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


def run(jobs: int) -> None:
    mutmut = Path(sys.executable).parent / "mutmut"
    subprocess.run([str(mutmut), "run", "--max-children", str(jobs)], cwd=WORK, check=False)


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
        if status in ("survived", "no tests") and name not in reviewed:
            unexplained.append(name)
    lines = [
        "# Mutation testing",
        "",
        f"`make mutation` ({dt.date.today().isoformat()}, on {run_of()}): mutmut over the core modules listed under",
        "`[tool.mutmut]` in pyproject.toml, each mutant run against the tests that reach its function.",
        "A score is killed / (mutants checked - equivalent). Survivors that cannot be killed are listed, with the",
        f"reason, in [{EQUIVALENTS.name}]({EQUIVALENTS.name}).",
        "",
        "| module | mutants | killed | equivalent | survived | not checked | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for module, counts in sorted(per.items()):
        names = [n for n in found if module_of(n) == module]
        equivalent = sum(1 for n in names if n in reviewed and found[n] != "killed")
        total, killed, unchecked = sum(counts.values()), counts["killed"], counts["not checked"]
        live = total - equivalent - unchecked
        score = f"{100 * killed / live:.1f}%" if live else "n/a"
        survived = live - killed
        lines.append(f"| `{module}` | {total} | {killed} | {equivalent} | {survived} | {unchecked} | {score} |")
    unchecked = sum(1 for status in found.values() if status == "not checked")
    if unchecked:  # an interrupted run: its figures are those of the mutants it reached
        lines[2:2] = [
            f"**Partial run: {len(found) - unchecked:,} of {len(found):,} mutants checked** (the others are counted",
            "under mutants but neither killed nor survived); run `make mutation` again to finish it.",
            "",
        ]
    lines += ["", f"Unexplained survivors: {len(unexplained)}"] + [f"- `{n}`" for n in unexplained]
    return lines, len(unexplained) + unchecked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--report-only", action="store_true", help="Report the last run without running again.")
    args = parser.parse_args()
    if not args.report_only:
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
