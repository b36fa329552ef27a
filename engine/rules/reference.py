"""A plain-Python evaluator of the compiled durable_rules expressions.

It is NOT what decides findings (durable_rules does); it exists to check the compiler
and durable_rules against each other (the differential tests), to explain a verdict,
and as the lower bound in the benchmarks. It reads the same compiled rulesets and turns
each expression into nested Python closures once (no code is generated from the data),
so evaluating a record is as cheap as plain predicates.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

Predicate = Callable[[dict[str, Any], Any], bool]

_CMP = {"$gt": operator.gt, "$gte": operator.ge, "$lt": operator.lt, "$lte": operator.le}
_MISSING = object()


def predicate(expression: dict[str, Any]) -> Predicate:
    """A compiled expression -> ``test(record, item)`` (``item``: the element under $iany/$iall)."""
    if len(expression) != 1:
        return _all([predicate({k: v}) for k, v in expression.items()])
    ((op, arg),) = expression.items()
    if op == "$and":
        return _all([predicate(e) for e in arg])
    if op == "$or":
        return _any([predicate(e) for e in arg])
    if op in ("$iany", "$iall"):
        ((field, inner),) = arg.items()
        return _over_items(field, predicate(inner), every=op == "$iall")
    if op == "$neq":
        ((field, value),) = arg.items()
        get = _getter(field)
        return lambda record, item: (actual := get(record, item)) is not _MISSING and actual != value
    if op in _CMP:
        ((field, value),) = arg.items()
        get, compare = _getter(field), _CMP[op]
        return lambda record, item: (actual := get(record, item)) is not _MISSING and compare(actual, value)
    get, kind = _getter(op), type(arg)
    return lambda record, item: (actual := get(record, item)) == arg and type(actual) is kind


def _all(tests: list[Predicate]) -> Predicate:
    return _short_circuit(tests, stop_on=False)


def _any(tests: list[Predicate]) -> Predicate:
    return _short_circuit(tests, stop_on=True)


def _short_circuit(tests: list[Predicate], stop_on: bool) -> Predicate:
    """All (``stop_on`` False) or any (True) of ``tests``, stopping at the first that decides."""
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:  # the commonest case (a type test and one comparison), without the loop
        first, second = tests
        if stop_on:
            return lambda record, item: first(record, item) or second(record, item)
        return lambda record, item: first(record, item) and second(record, item)

    def test(record: dict[str, Any], item: Any) -> bool:
        for each in tests:
            if each(record, item) is stop_on:
                return stop_on
        return not stop_on

    return test


def _over_items(field: str, inner: Predicate, every: bool) -> Predicate:
    def test(record: dict[str, Any], item: Any) -> bool:
        values = record.get(field)
        if not isinstance(values, list) or (every and not values):
            return False  # durable_rules: $iall over an empty list is false
        for value in values:
            hit = inner(record, value)
            if every and not hit:
                return False
            if hit and not every:
                return True
        return every

    return test


def _getter(field: str) -> Callable[[dict[str, Any], Any], Any]:
    if field == "$i":
        return lambda record, item: item
    return lambda record, item: record.get(field, _MISSING)


def matches(expression: dict[str, Any], record: dict[str, Any], item: Any = None) -> bool:
    """Whether ``record`` satisfies a compiled expression."""
    return predicate(expression)(record, item)


class ReferenceEvaluator:
    """Every rule of the rulesets (sentinel excluded) as a predicate, compiled once."""

    def __init__(self, rulesets: list[dict[str, dict]], sentinel: str):
        self.rules: list[tuple[str, Predicate]] = []
        for ruleset in rulesets:
            for name, rule in ruleset.items():
                if name != sentinel:
                    (pattern,) = rule["all"]
                    (expression,) = pattern.values()
                    self.rules.append((name, predicate(expression)))

    def evaluate(self, record: dict[str, Any]) -> set[str]:
        """Names of the rules whose single-fact pattern matches ``record``."""
        return {name for name, test in self.rules if test(record, None)}


def evaluate(rulesets: list[dict[str, dict]], record: dict[str, Any], sentinel: str) -> set[str]:
    """Names of the rules (sentinel excluded) whose single-fact pattern matches ``record``."""
    return ReferenceEvaluator(rulesets, sentinel).evaluate(record)
