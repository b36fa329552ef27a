"""A plain-Python evaluator of the compiled durable_rules expressions.

It is NOT what decides findings (durable_rules does); it exists to check the compiler
and durable_rules against each other (the differential tests), to explain a verdict,
and as the lower bound in the benchmarks. It reads the same compiled rulesets.
"""

from __future__ import annotations

from typing import Any

_CMP = {"$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b, "$lt": lambda a, b: a < b,
        "$lte": lambda a, b: a <= b}


def matches(expression: dict[str, Any], record: dict[str, Any], item: Any = None) -> bool:
    """Whether ``record`` satisfies a compiled expression (``item``: the element under $iany/$iall)."""
    if len(expression) != 1:
        return all(matches({k: v}, record, item) for k, v in expression.items())
    (op, arg), = expression.items()
    if op == "$and":
        return all(matches(e, record, item) for e in arg)
    if op == "$or":
        return any(matches(e, record, item) for e in arg)
    if op in ("$iany", "$iall"):
        (field, inner), = arg.items()
        values = record.get(field)
        if not isinstance(values, list) or (op == "$iall" and not values):
            return False  # durable_rules: $iall over an empty list is false
        test = any if op == "$iany" else all
        return test(matches(inner, record, v) for v in values)
    if op == "$neq":
        (field, value), = arg.items()
        actual = _get(field, record, item)
        return actual is not _MISSING and actual != value
    if op in _CMP:
        (field, value), = arg.items()
        actual = _get(field, record, item)
        return actual is not _MISSING and _CMP[op](actual, value)
    actual = _get(op, record, item)
    return actual is not _MISSING and actual == arg and type(actual) is type(arg)


_MISSING = object()


def _get(field: str, record: dict[str, Any], item: Any) -> Any:
    if field == "$i":
        return item
    return record.get(field, _MISSING)


def evaluate(rulesets: list[dict[str, dict]], record: dict[str, Any], sentinel: str) -> set[str]:
    """Names of the rules (sentinel excluded) whose single-fact pattern matches ``record``."""
    fired = set()
    for ruleset in rulesets:
        for name, rule in ruleset.items():
            if name == sentinel:
                continue
            (pattern,) = rule["all"]
            (expression,) = pattern.values()
            if matches(expression, record):
                fired.add(name)
    return fired
