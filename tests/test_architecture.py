"""The layout keeps its promises: imports point down the flow, and modules and functions stay small.

The flow, lowest first (docs/architecture.md): errors and values, io, model, facts, policy, rules,
core, runtime, analysis, testing, output, then the two front ends: service (the HTTP API and the record) and
cli, the program's entry point, whose `serve`, `history`, `tokens`, `db` and `vet --record` use the service.
A module may import its own layer and the layers below it, never one above (lazy imports inside functions
included): nothing below the service imports it, and the service never imports the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
LAYERS = [
    "",
    "io",
    "model",
    "facts",
    "policy",
    "rules",
    "core",
    "runtime",
    "analysis",
    "testing",
    "output",
    "service",
    "cli",
]
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def modules() -> list[Path]:
    return sorted(ENGINE.rglob("*.py"))


def layer_of(dotted: str) -> int:
    """The layer of a module named ``engine.x.y`` (top-level modules like engine.errors are the base)."""
    parts = dotted.split(".")
    return LAYERS.index(parts[1]) if len(parts) >= 2 and parts[1] in LAYERS else 0


def name_of(path: Path) -> str:
    rel = path.relative_to(ENGINE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every engine module ``path`` imports, wherever the import stands."""
    here = name_of(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("engine")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("engine")]
    return found


def test_the_layers_name_every_subpackage():
    packages = {p.name for p in ENGINE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(LAYERS[1:])


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ENGINE)))
def test_imports_point_down_the_flow(path):
    own = layer_of(name_of(path))
    upward = [f"line {line}: {target}" for line, target in imported(path) if layer_of(target) > own]
    assert upward == [], f"{path.relative_to(ENGINE)} ({LAYERS[own] or 'base'}) imports a later stage"


def test_modules_and_functions_are_small():
    too_long = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ENGINE)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ENGINE)}:{node.lineno} {node.name}(): {length} lines")
    assert too_long == []


THROWAWAY_POLICY = """\
id: throwaway-embargo-statement
title: A public statement announcing an arms embargo
severity: low
rationale:
  text: A throwaway policy that shows what adding a policy takes.
  source: gvosdev-2024
  quote: "But with partners, there may be a range of domestic and foreign policy divergences."
recommendation: Announce the measure through the channel that imposes it.
message: The statement announces {proposal.measures} against {partner.name}.
when:
  all:
    - fact: proposal.kind
      equals: public_statement
    - fact: proposal.measures
      contains: arms_embargo
"""

THROWAWAY_CASES = """\
policy: throwaway-embargo-statement
cases:
  - name: statement-announcing-an-embargo
    partner: vietnam
    proposal: {kind: public_statement, measures: [arms_embargo]}
    expect: {finding: {severity: low, message: "The statement announces an arms embargo against Vietnam."}}
  - name: statement-announcing-an-embargo-and-tariffs
    partner: india
    proposal: {kind: public_statement, measures: [tariffs, arms_embargo]}
    expect: fires
  - name: the-embargo-itself
    partner: vietnam
    proposal: {kind: coercive_measure, measures: [arms_embargo]}
    expect: silent
  - name: a-statement-without-measures
    partner: vietnam
    proposal: {kind: public_statement}
    expect: silent
"""


def test_a_new_policy_needs_only_its_file_and_its_cases(public_tmp):
    """Add a policy and its case file to copies of the pack and the cases, and run the whole suite on them:
    nothing else needs editing (counts come from the pack, goldens are scrubbed, coverage stays 100%)."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import CASES, POLICIES, ROOT

    tmp_path = public_tmp

    shutil.copytree(POLICIES, tmp_path / "policies")
    shutil.copytree(CASES, tmp_path / "cases")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # the cases name proposals there
    (tmp_path / "policies" / "risk" / "throwaway-embargo-statement.yaml").write_text(THROWAWAY_POLICY)
    (tmp_path / "cases" / "throwaway-embargo-statement.yaml").write_text(THROWAWAY_CASES)
    env = {
        **os.environ,
        "ENTENTE_POLICIES": str(tmp_path / "policies"),
        "ENTENTE_CASES": str(tmp_path / "cases"),
        "ENTENTE_CACHE_DIR": str(tmp_path / "cache"),
    }
    suite = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-k",
            "not test_a_new_policy_needs_only",
            # the printed notes of every shipped move: the throwaway fires on none of them, so no note changes,
            # and printing them twice would double the suite's time
            "--ignore",
            str(ROOT / "tests" / "test_note_layout.py"),
            # the workspace in a browser compares its findings with `entente vet`'s, whatever the pack: the
            # throwaway fires on no example, and a second browser run would only add its time
            "--ignore",
            str(ROOT / "tests" / "test_workspace_browser.py"),
            str(ROOT / "tests"),
            str(tmp_path / "cases"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr[-2000:]
    coverage = subprocess.run(
        [sys.executable, "-m", "engine.cli", "test", "--coverage", "--threshold", "100"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert coverage.returncode == 0, coverage.stdout[-2000:]
    rows = {line.split()[0]: line.split()[1:] for line in coverage.stdout.splitlines() if line[:1].isalpha()}
    fires, _, covered = rows["throwaway-embargo-statement"][:3]  # silent cases: its own and every scenario
    assert (fires, covered) == ("2", "100%")
