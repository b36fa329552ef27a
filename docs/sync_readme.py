"""Keep the README's shown output true: re-run every complete `$ entente ...` block.

    .venv/bin/python docs/sync_readme.py          # rewrite the blocks in README.md
    .venv/bin/python docs/sync_readme.py --check  # exit 1 if any block differs (tests/test_readme.py)

A block is a fenced code block whose first line is `$ entente ...` with no `#` comment; the
output is produced with ENTENTE_TODAY pinned (below) so it does not drift with the calendar.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.cli import cli  # noqa: E402

TODAY = "2026-11-24"
BLOCK = re.compile(r"```\n\$ (entente [^\n#]*)\n(.*?)```", re.S)


def output_of(command: str) -> str:
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(
        cli,
        ["--policies", str(ROOT / "policies"), "--profiles", str(ROOT / "profiles"), *args],
        env={"ENTENTE_TODAY": TODAY},
    )
    return result.stdout


def synced(text: str) -> str:
    return BLOCK.sub(lambda m: f"```\n$ {m.group(1)}\n{output_of(m.group(1))}```", text)


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = synced(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
