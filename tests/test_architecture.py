"""The layout keeps its promises: imports point down the flow, and modules and functions stay small.

The flow, lowest first (docs/architecture.md): errors and values, io, model, facts, policy, rules,
core, runtime, analysis, testing, output, cli. A module may import its own layer and the layers
below it, never one above (lazy imports inside functions included).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
LAYERS = ["", "io", "model", "facts", "policy", "rules", "core", "runtime", "analysis", "testing", "output", "cli"]
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
