"""Record what every command prints on every example and case, to compare two versions byte for byte.

    python scripts/output_snapshot.py OUT_DIR        # record
    diff -r BEFORE_DIR AFTER_DIR                      # compare

Each command's stdout, stderr and exit code go to one file under OUT_DIR. A refactor that
claims to change no behaviour must leave the two folders identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTENTE = str(Path(sys.executable).with_name("entente"))
TODAY = "2025-11-24"


def commands() -> list[tuple[str, list[str]]]:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    out: list[tuple[str, list[str]]] = []
    for path in examples:
        e, n = str(path.relative_to(ROOT)), path.stem
        for fmt in ("text", "json", "jsonl"):
            out.append((f"vet-{n}-{fmt}", ["vet", e, "--format", fmt]))
        for flag in ("--explain", "--suggest"):
            for fmt in ("text", "json"):
                out.append((f"vet-{n}{flag}-{fmt}", ["vet", e, flag, "--format", fmt]))
        out.append((f"vet-{n}-all-partners", ["vet", e, "--partners", "all", "--format", "jsonl"]))
        for fmt in ("text", "json"):
            out.append((f"explain-{n}-{fmt}", ["explain", e, "--format", fmt]))
            out.append((f"whatif-{n}-sweep-{fmt}", ["whatif", e, "--sweep", "partner.hedging", "--format", fmt]))
        out.append((f"whatif-{n}-set", ["whatif", e, "--set", "partner.hedging=aligned"]))
        for fmt in ("markdown", "html"):
            out.append((f"brief-{n}-{fmt}", ["brief", e, "--format", fmt]))
    out.append(("vet-batch-text", ["vet", "examples"]))
    out.append(("vet-batch-json", ["vet", "examples", "--format", "json"]))
    for fmt in ("text", "json", "junit"):
        out.append((f"test-{fmt}", ["test", "--format", fmt]))
    out.append(("test-coverage", ["test", "--coverage"]))
    out.append(("test-coverage-json", ["test", "--coverage", "--format", "json"]))
    out.append(("check", ["check"]))
    for fmt in ("text", "json"):
        out.append((f"policies-list-{fmt}", ["policies", "list", "--format", fmt]))
        out.append((f"profiles-list-{fmt}", ["profiles", "list", "--format", fmt]))
    for policy in sorted((ROOT / "policies").rglob("*.yaml")):
        if policy.name != "vocabulary.yaml":
            out.append((f"policies-show-{policy.stem}", ["policies", "show", policy.stem]))
    for profile in sorted((ROOT / "profiles").rglob("*.yaml")):
        out.append((f"profiles-show-{profile.stem}", ["profiles", "show", profile.stem]))
    for fmt in ("text", "json", "markdown"):
        out.append((f"facts-{fmt}", ["facts", "--format", fmt]))
        out.append((f"diff-{fmt}", ["diff", "--base", "policies", "--format", fmt]))
    out.append(("vocabulary", ["vocabulary"]))
    for path in sorted((ROOT / "tests/fixtures/invalid").rglob("*.yaml")):
        rel = str(path.relative_to(ROOT))
        kind = path.parent.name
        args = {
            "proposals": ["vet", rel],
            "cases": ["test", rel],
            "partners": ["check", rel],
            "forums": ["check", rel],
            "waivers": ["vet", "examples/india-russia-sanctions.yaml", "--waivers", rel],
        }
        if kind in args:
            out.append((f"invalid-{kind}-{path.stem}", args[kind]))
    return out


def main(dest: str) -> int:
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ENTENTE_TODAY": TODAY, "COLUMNS": "100"}
    for name, args in commands():
        proc = subprocess.run([ENTENTE, *args], cwd=ROOT, env=env, capture_output=True)
        (folder / f"{name}.out").write_bytes(
            b"$ entente "
            + " ".join(args).encode()
            + b"\n"
            + proc.stdout
            + b"\n--- stderr ---\n"
            + proc.stderr
            + f"\n--- exit {proc.returncode} ---\n".encode()
        )
    print(f"recorded {len(commands())} commands in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
