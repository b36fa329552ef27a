"""Why a policy fired or stayed silent: its condition tree with every comparison's actual value.

The tree is the policy's condition as written. Each comparison is evaluated by reading the
same compiled durable_rules expressions the engine evaluates (certain and possible modes, see
:mod:`engine.rules.compile`) against the same fact record, and the tree combines them in
three-valued logic (true / false / unknown). By construction the root is true exactly when
durable_rules fires the policy, and unknown exactly when it reports it undecided; a test
checks this over the whole corpus and generated inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import facts as F
from .facts import FactValue
from .policy import All, Comparison, Condition, Not, Policy
from .rules.compile import compile_condition
from .rules.reference import matches
from .vocabulary import Vocabulary

TRUE, FALSE, UNKNOWN = "true", "false", "unknown"


@dataclass
class Node:
    kind: str  # all | any | not | test
    value: str
    children: list["Node"] = field(default_factory=list)
    fact: str | None = None
    op: str | None = None
    expected: Any = None
    actual: Any = None
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        if self.kind == "test":
            return {"test": f"{self.fact} {self.op} {_actual(self.expected)}", "value": self.value,
                    "actual": self.actual, "evidence": self.evidence, "missing": self.missing}
        return {self.kind: [c.as_dict() for c in self.children], "value": self.value}


@dataclass
class Explanation:
    policy: str
    severity: str
    verdict: str  # fired | silent | undecided
    tree: Node
    blocking: list[Node]
    facts: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"policy": self.policy, "severity": self.severity, "verdict": self.verdict,
                "condition": self.tree.as_dict(),
                "kept_silent_by": [f"{n.fact} {n.op} {_actual(n.expected)}" for n in self.blocking],
                "facts": self.facts}


def _leaf(test: Comparison, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> Node:
    certain = matches(compile_condition(test, vocabulary, "certain"), record)
    possible = matches(compile_condition(test, vocabulary, "possible"), record)
    fv = values[test.fact]
    value = TRUE if certain else (UNKNOWN if possible else FALSE)
    return Node("test", value, fact=test.fact, op=test.op, expected=test.value, actual=fv.value,
                evidence=[f"{e.field} = {_actual(e.value)}"
                          for e in fv.evidence], missing=list(fv.missing))


def _negate(value: str) -> str:
    return {TRUE: FALSE, FALSE: TRUE}.get(value, UNKNOWN)


def evaluate(condition: Condition, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> Node:
    """Three-valued evaluation of the condition as written."""
    if isinstance(condition, Comparison):
        return _leaf(condition, values, record, vocabulary)
    if isinstance(condition, Not):
        child = evaluate(condition.item, values, record, vocabulary)
        return Node("not", _negate(child.value), [child])
    children = [evaluate(c, values, record, vocabulary) for c in condition.items]
    states = {c.value for c in children}
    if isinstance(condition, All):
        value = FALSE if FALSE in states else (UNKNOWN if UNKNOWN in states else TRUE)
        return Node("all", value, children)
    value = TRUE if TRUE in states else (UNKNOWN if UNKNOWN in states else FALSE)
    return Node("any", value, children)


def blocking(node: Node, want: str = TRUE) -> list[Node]:
    """The comparisons that keep ``node`` from being ``want`` (the first such in an `all`)."""
    if node.value == want:
        return []
    if node.kind == "test":
        return [node]
    if node.kind == "not":
        return blocking(node.children[0], _negate(want))
    if (node.kind == "all") == (want == TRUE):
        first = next(c for c in node.children if c.value != want)
        return blocking(first, want)
    return [leaf for c in node.children for leaf in blocking(c, want)]


def explain(policy: Policy, values: dict[str, FactValue], record: dict, vocabulary: Vocabulary) -> Explanation:
    tree = evaluate(policy.when, values, record, vocabulary)
    verdict = {TRUE: "fired", FALSE: "silent", UNKNOWN: "undecided"}[tree.value]
    used = []
    for name in policy.facts_used():
        fv = values[name]
        used.append({"fact": name, "type": F.CATALOGUE[name].type, "value": fv.value,
                     "from": [e.field for e in fv.evidence], "missing": list(fv.missing)})
    return Explanation(policy.id, policy.severity, verdict, tree, blocking(tree) if tree.value != TRUE else [], used)


def render_text(partner: str, explanations: list[Explanation]) -> str:
    lines = []
    for e in explanations:
        lines.append(f"{e.policy} ({e.severity}): {e.verdict.upper()} for {partner}")
        lines += _tree_lines(e.tree, 1)
        if e.blocking:
            what = "kept silent by" if e.verdict == "silent" else "undecided because of"
            lines.append(f"  {what}: " + "; ".join(f"{n.fact} {n.op} {_actual(n.expected)}" for n in e.blocking))
        lines.append("")
    return "\n".join(lines)


def _tree_lines(node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    if node.kind != "test":
        return [f"{pad}{node.kind}: {node.value}"] + [line for c in node.children for line in _tree_lines(c, depth + 1)]
    line = f"{pad}[{node.value}] {node.fact} {node.op} {_actual(node.expected)} -- actual: {_actual(node.actual)}"
    out = [line]
    if node.evidence:
        out.append(f"{pad}    from: {'; '.join(node.evidence)}")
    if node.missing:
        out.append(f"{pad}    missing: {', '.join(node.missing)}")
    return out


def _actual(value: Any) -> str:
    """A value as a policy file writes it: true/false, [a, b]."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
