"""Explanations as text: each policy's verdict, its condition tree, and what kept it silent."""

from __future__ import annotations

from ..core.results import ConditionNode, Explanation
from ..values import written


def explanation_text(partner: str, explanations: list[Explanation]) -> str:
    lines = []
    for e in explanations:
        lines.append(f"{e.policy} ({e.severity}): {e.verdict.upper()} for {partner}")
        lines += _tree_lines(e.condition, 1)
        if e.blocking:
            what = "kept silent by" if e.verdict == "silent" else "undecided because of"
            lines.append(f"  {what}: " + "; ".join(n.test for n in e.blocking))
        lines.append("")
    return "\n".join(lines)


def _tree_lines(node: ConditionNode, depth: int) -> list[str]:
    pad = "  " * depth
    if node.kind != "test":
        return [f"{pad}{node.kind}: {node.value}"] + [line for c in node.children for line in _tree_lines(c, depth + 1)]
    out = [f"{pad}[{node.value}] {node.test} -- actual: {written(node.actual)}"]
    if node.evidence:
        out.append(f"{pad}    from: {'; '.join(node.evidence)}")
    if node.missing:
        out.append(f"{pad}    missing: {', '.join(node.missing)}")
    return out
