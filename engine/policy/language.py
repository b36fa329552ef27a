"""The policy language: one YAML file per policy, a declarative condition over named facts.

A condition is one of::

    all: [condition, ...]          every one holds
    any: [condition, ...]          at least one holds
    not: condition                 it does not hold
    fact: NAME                     a test of one fact, with exactly one operator:
      is: true|false                       (bool facts)
      equals: V / not_equals: V            (term, tier, int facts)
      in: [V, ...] / not_in: [V, ...]      (term, tier, int facts)
      at_least / at_most / above / below   (tier and int facts; tiers by their rank)
      contains: V                          (list facts)
      contains_any: [V, ...] / contains_none: [V, ...]   (list facts)
      empty: true|false                    (list facts)

Nothing in a policy is executed: conditions are parsed into the small tree below,
type-checked against the fact catalogue and the vocabulary, and compiled to
durable_rules patterns by :mod:`engine.rules.compile`.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .. import facts as F
from ..errors import Diagnostic, did_you_mean
from ..io.document import Document, Loc
from ..model.validate import describe
from ..model.vocabulary import CATEGORY_NAMES, Vocabulary

OPERATORS: dict[str, tuple[str, ...]] = {
    F.BOOL: ("is",),
    F.INT: ("equals", "not_equals", "in", "not_in", "at_least", "at_most", "above", "below"),
    F.TERM: ("equals", "not_equals", "in", "not_in"),
    F.TIER: ("equals", "not_equals", "in", "not_in", "at_least", "at_most", "above", "below"),
    F.TERMS: ("contains", "contains_any", "contains_none", "empty"),
    F.IDS: ("contains", "contains_any", "contains_none", "empty"),
    F.TEXTS: ("empty",),
}
ALL_OPERATORS = tuple(sorted({op for ops in OPERATORS.values() for op in ops}))
LIST_OPERATORS = ("in", "not_in", "contains_any", "contains_none")
BOOL_OPERATORS = ("is", "empty")

# The negation of each operator, used to push `not` down to the tests.
NEGATION = {
    "equals": "not_equals",
    "not_equals": "equals",
    "in": "not_in",
    "not_in": "in",
    "at_least": "below",
    "below": "at_least",
    "at_most": "above",
    "above": "at_most",
    "contains_any": "contains_none",
    "contains_none": "contains_any",
}


class Comparison(msgspec.Struct, frozen=True):
    """A comparison of one fact: ``fact`` ``op`` ``value``."""

    fact: str
    op: str
    value: Any
    loc: Loc = ()


class All(msgspec.Struct, frozen=True):
    items: tuple[Condition, ...]
    loc: Loc = ()


class Any_(msgspec.Struct, frozen=True):
    items: tuple[Condition, ...]
    loc: Loc = ()


class Not(msgspec.Struct, frozen=True):
    item: Condition
    loc: Loc = ()


Condition = Comparison | All | Any_ | Not


def condition_to_data(condition: Condition) -> dict[str, Any]:
    loc = list(condition.loc)
    if isinstance(condition, Comparison):
        return {"fact": condition.fact, "op": condition.op, "value": condition.value, "loc": loc}
    if isinstance(condition, Not):
        return {"not": condition_to_data(condition.item), "loc": loc}
    return {"all" if isinstance(condition, All) else "any": [condition_to_data(c) for c in condition.items], "loc": loc}


def condition_from_data(data: dict[str, Any]) -> Condition:
    loc = tuple(data["loc"])
    if "fact" in data:
        return Comparison(data["fact"], data["op"], data["value"], loc)
    if "not" in data:
        return Not(condition_from_data(data["not"]), loc)
    kind = "all" if "all" in data else "any"
    return (All if kind == "all" else Any_)(tuple(condition_from_data(c) for c in data[kind]), loc)


def comparisons(condition: Condition) -> list[Comparison]:
    """Every comparison in a condition, in reading order."""
    if isinstance(condition, Comparison):
        return [condition]
    if isinstance(condition, Not):
        return comparisons(condition.item)
    return [t for item in condition.items for t in comparisons(item)]


def negate(condition: Condition) -> Condition:
    """Push a negation down to the tests (De Morgan), so the compiler sees no `not`."""
    if isinstance(condition, Not):
        return condition.item
    if isinstance(condition, All):
        return Any_(tuple(negate(c) for c in condition.items), condition.loc)
    if isinstance(condition, Any_):
        return All(tuple(negate(c) for c in condition.items), condition.loc)
    t = condition
    if t.op in ("is", "empty"):
        return Comparison(t.fact, t.op, not t.value, t.loc)
    if t.op == "contains":
        return Comparison(t.fact, "contains_none", [t.value], t.loc)
    return Comparison(t.fact, NEGATION[t.op], t.value, t.loc)


def normal_form(condition: Condition) -> Condition:
    """The same condition with every `not` pushed down to the tests."""
    if isinstance(condition, Not):
        return normal_form(negate(normal_form(condition.item)))
    if isinstance(condition, All):
        return All(tuple(normal_form(c) for c in condition.items), condition.loc)
    if isinstance(condition, Any_):
        return Any_(tuple(normal_form(c) for c in condition.items), condition.loc)
    return condition


class ConditionParser:
    """Parse and type-check a condition, collecting every problem with its position."""

    def __init__(self, doc: Document, vocabulary: Vocabulary):
        self.doc = doc
        self.vocabulary = vocabulary
        self.errors: list[Diagnostic] = []

    def error(self, loc: Loc, message: str, help: str, *, key: bool = False) -> None:
        self.errors.append(self.doc.diagnostic(loc, message, help, key=key))

    def parse(self, data: Any, loc: Loc) -> Condition | None:
        if not isinstance(data, dict) or not data:
            self.error(
                loc,
                "a condition must be a mapping: `all:`, `any:`, `not:` or `fact:`",
                "see policies/README.md, 'Conditions'",
            )
            return None
        combinators = [k for k in ("all", "any", "not") if k in data]
        if "fact" in data:
            return self._test(data, loc)
        if len(data) != 1 or not combinators:
            unknown = [k for k in data if k not in ("all", "any", "not")]
            if unknown:
                k = unknown[0]
                self.error(
                    loc + (k,),
                    f"unknown key '{k}' in a condition",
                    did_you_mean(k, ["all", "any", "not", "fact"], "one of", list_all=True),
                    key=True,
                )
            else:
                self.error(
                    loc,
                    "a condition holds exactly one of `all`, `any`, `not`",
                    "wrap several in `all: [...]` or `any: [...]`",
                )
            return None
        key = combinators[0]
        body = data[key]
        if key == "not":
            inner = self.parse(body, loc + (key,))
            return Not(inner, loc) if inner is not None else None
        if not isinstance(body, list) or not body:
            self.error(
                loc + (key,), f"`{key}` takes a non-empty list of conditions", f"write `{key}:` then `- ...` items"
            )
            return None
        items = [self.parse(item, loc + (key, i)) for i, item in enumerate(body)]
        if any(item is None for item in items):
            return None
        return (All if key == "all" else Any_)(tuple(items), loc)

    def _test(self, data: dict, loc: Loc) -> Comparison | None:
        name = data["fact"]
        ops = [k for k in data if k != "fact"]
        spec = F.CATALOGUE.get(name) if isinstance(name, str) else None
        if spec is None:
            self.error(
                loc + ("fact",),
                f"unknown fact '{name}'",
                did_you_mean(str(name), _condition_facts(), "a fact") + " (`entente facts` lists them)",
            )
            return None
        if spec.display_only:
            self.error(
                loc + ("fact",),
                f"fact '{name}' is for messages only and cannot be tested",
                "test another fact; `entente facts` lists them",
            )
            return None
        allowed = OPERATORS[spec.type]
        if len(ops) != 1:
            self.error(
                loc,
                f"a test of '{name}' needs exactly one operator, found {len(ops)}",
                f"use one of: {', '.join(allowed)}",
            )
            return None
        op = ops[0]
        if op not in ALL_OPERATORS:
            self.error(loc + (op,), f"unknown operator '{op}'", did_you_mean(op, allowed, "an operator"), key=True)
            return None
        if op not in allowed:
            self.error(
                loc + (op,),
                f"operator '{op}' does not apply to '{name}', a {spec.type} fact",
                f"use one of: {', '.join(allowed)}",
                key=True,
            )
            return None
        value = self._value(spec, op, data[op], loc + (op,))
        return None if value is _BAD else Comparison(name, op, value, loc)

    def _value(self, spec: F.FactSpec, op: str, value: Any, loc: Loc) -> Any:
        if op in BOOL_OPERATORS:
            if not isinstance(value, bool):
                self.error(
                    loc, f"`{op}` takes true or false, got {_show(value)}", f"write `{op}: true` or `{op}: false`"
                )
                return _BAD
            return value
        if op in LIST_OPERATORS:
            if not isinstance(value, list) or not value:
                self.error(loc, f"`{op}` takes a non-empty list, got {_show(value)}", f"write `{op}: [a, b]`")
                return _BAD
            checked = [self._scalar(spec, v, loc + (i,)) for i, v in enumerate(value)]
            return _BAD if _BAD in checked else checked
        return self._scalar(spec, value, loc)

    def _scalar(self, spec: F.FactSpec, value: Any, loc: Loc) -> Any:
        if spec.type == F.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(loc, f"'{spec.name}' is a whole number; got {_show(value)}", "compare it with a number")
                return _BAD
            return value
        if not isinstance(value, str):
            self.error(loc, f"'{spec.name}' holds {_what(spec)}; got {_show(value)}", "write a term, e.g. `equals: x`")
            return _BAD
        if (
            spec.category
            and not self.vocabulary.knows(spec.category, value)
            and not (spec.type == F.TIER and value == "none")
        ):
            self.error(
                loc,
                f"unknown {CATEGORY_NAMES[spec.category]} '{value}' for fact '{spec.name}'",
                self.vocabulary.suggestion(spec.category, value),
            )
            return _BAD
        return value


_BAD = object()


def _show(value: Any) -> str:
    return describe(value)


def _what(spec: F.FactSpec) -> str:
    """What a fact compared with one value holds (text facts take only `empty`, so never reach here)."""
    return f"{CATEGORY_NAMES[spec.category]} terms" if spec.category else "ids"


def _condition_facts() -> list[str]:
    return [name for name, spec in F.CATALOGUE.items() if not spec.display_only]
