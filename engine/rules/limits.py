"""What durable_rules' C core can take: a model of the alpha network it builds, checked before it is built.

The C core (durable-rules 2.0.28, docs/durable-rules.md) has fixed limits that a ruleset which
`entente check` accepted used to hit at run time, on every assessment:

- at most 31 expression entries per rule, and each `$and` / `$or` takes two (``rete.c``,
  MAX_SEQUENCE_EXPRESSIONS 32: error 113 when the ruleset is created);
- a depth-first walk of the alpha network per fact, on a stack of 64 nodes (``events.c``,
  MAX_STACK_SIZE: error 303 when a fact is asserted). Every child of a node that matches is
  pushed; an `$or` links each branch to one shared node, pushed once per branch that matches;
- per node: 512 slots for children that test a value (the 513th makes the core loop forever),
  128 for `$or` links (error 107) and 256 rules ending at it (error 108);
- the walk visits the rest of a rule once per path through its `$or`s: 13 ors of 4 true
  branches took 143 s for one fact.

:class:`Network` rebuilds the network the core builds (nodes shared as ``findAlpha`` shares
them), and bounds, for the worst fact (every test that can be true, true), the stack and the
visits of the walk. The bounds are exact on the measured cases (64 pushes run, 65 give 303).
The compiler (:mod:`engine.rules.split`) keeps every rule and every ruleset within them; what
no split can bring within them (a list of more than ``MAX_LIST_VALUES`` values) is refused by
``entente check`` with its position (:func:`oversized_lists`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

MAX_OPERATORS = 15  # `$and` / `$or` per rule: 2 of the core's 31 expression entries each
MAX_STACK = 60  # the core's stack holds 64; a margin of 4
MAX_VISITS = 4_096  # node visits for one fact in the worst case (about 1.4 us each in the core)
MAX_VALUE_CHILDREN = 480  # of 512 hash slots per node
MAX_OR_LINKS = 120  # of 128
MAX_RULE_ENDS = 240  # of 256
MAX_LIST_VALUES = 128  # values in one `in`, `not_in`, `contains_any`, `contains_none`


class _Node:
    __slots__ = ("children", "ends", "equality", "links", "test")

    def __init__(self, test: str | None, equality: str | None = None):
        self.test = test  # the node's test as text (None: the shared node an `$or` leads to)
        self.equality = equality  # the property, when the test is `property == constant`
        self.children: list[_Node] = []  # tests that follow this one (value slots)
        self.links: list[_Node] = []  # `$or` nodes this one leads to (or-link slots)
        self.ends = 0  # rules that end here


class Network:
    """The alpha network of a set of rules, as the C core builds it, with its worst-case bounds."""

    def __init__(self, rules: Iterable[dict[str, Any]] = ()):
        self.root = _Node("root")
        self.arrays: list[Network] = []  # the inner networks of `$iany` / `$iall` tests
        for rule in rules:
            self.add(rule)

    def add(self, rule: dict[str, Any]) -> None:
        (pattern,) = rule["all"]
        (expression,) = pattern.values()
        self._build(expression, self.root).ends += 1

    def fits(self) -> bool:
        """Whether the core takes these rules as one ruleset (each rule's operators checked apart)."""
        stack, visits, capacity = self.bounds()
        return capacity and stack <= MAX_STACK and visits <= MAX_VISITS

    def _build(self, expression: dict[str, Any], parent: _Node) -> _Node:
        if len(expression) > 1:  # several keys: all of them
            return self._build({"$and": [{k: v} for k, v in expression.items()]}, parent)
        ((op, arg),) = expression.items()
        if op == "$and":
            for item in arg:
                parent = self._build(item, parent)
            return parent
        if op == "$or":
            joined = _Node(None)
            for item in arg:
                self._build(item, parent).links.append(joined)
            return joined
        if op in ("$iany", "$iall"):
            ((_, inner),) = arg.items()
            self.arrays.append(Network([{"all": [{"m": inner}]}]))
        test = json.dumps(expression, sort_keys=True)
        for child in parent.children:
            if child.test == test:
                return child
        child = _Node(test, op if not op.startswith("$") else None)
        parent.children.append(child)
        return child

    def bounds(self) -> tuple[int, int, bool]:
        """(worst stack, worst visits, whether every node's slots suffice) for one fact."""
        stack: dict[int, int] = {}
        visits: dict[int, int] = {}
        capacity = [True]

        def walk(node: _Node) -> None:
            if id(node) in stack:
                return
            capacity[0] &= (
                len(node.children) <= MAX_VALUE_CHILDREN
                and len(node.links) <= MAX_OR_LINKS
                and node.ends <= MAX_RULE_ENDS
            )
            following = node.children + node.links
            for child in following:
                walk(child)
            pushed = _at_once(node)
            stack[id(node)] = max([pushed - 1 + stack[id(c)] for c in following], default=1)
            visits[id(node)] = 1 + _worst_sum(node, visits)

        walk(self.root)
        inner = [array.bounds() for array in self.arrays]
        return (
            stack[id(self.root)],
            visits[id(self.root)] + sum(v for _, v, _ in inner),
            capacity[0] and all(ok for _, _, ok in inner),
        )


def _at_once(node: _Node) -> int:
    """How many followers of ``node`` one fact can match at once: tests of one property against distinct
    constants match one at most; every other test, and every `$or` link, may."""
    properties = {child.equality for child in node.children if child.equality is not None}
    others = sum(1 for child in node.children if child.equality is None)
    return len(properties) + others + len(node.links)


def _worst_sum(node: _Node, visits: dict[int, int]) -> int:
    by_property: dict[str, int] = {}
    total = sum(visits[id(link)] for link in node.links)
    for child in node.children:
        if child.equality is None:
            total += visits[id(child)]
        else:
            by_property[child.equality] = max(by_property.get(child.equality, 0), visits[id(child)])
    return total + sum(by_property.values())


def operators(node: Any) -> int:
    """The `$and` and `$or` in a rule (each takes two of the core's expression entries per rule)."""
    if isinstance(node, dict):
        return sum((k in ("$and", "$or")) + operators(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(operators(item) for item in node)
    return 0


def fits(rules: dict[str, dict[str, Any]]) -> bool:
    """Whether durable_rules takes these rules as one ruleset, and every fact's evaluation stays bounded."""
    return all(operators(rule) <= MAX_OPERATORS for rule in rules.values()) and Network(rules.values()).fits()


def chunked(rules: dict[str, dict[str, Any]], first: dict[str, dict[str, Any]], most: int) -> list[dict[str, dict]]:
    """``rules`` (each of which fits on its own) in order, in rulesets of at most ``most`` rules that the core
    takes, each led by the rules of ``first`` (the sentinel). The network of the ruleset being filled grows
    rule by rule; it is rebuilt only when a ruleset is full."""
    groups: list[dict[str, dict]] = [dict(first)]
    network = Network(first.values())
    for name, definition in rules.items():
        if len(groups[-1]) > len(first):
            network.add(definition)
            if len(groups[-1]) - len(first) < most and network.fits():
                groups[-1][name] = definition
                continue
            groups.append(dict(first))
            network = Network([*first.values(), definition])
        else:
            network.add(definition)
        groups[-1][name] = definition
    return groups


def oversized_lists(when: Any) -> list[tuple[tuple, str, str]]:
    """(position in the policy, message, help) for every test whose list of values no rule of the core can
    hold: more than ``MAX_LIST_VALUES`` (an `in` of 90,000 values made the core fail on every run)."""
    from ..policy.language import comparisons

    return [
        (
            test.loc + (test.op,),
            f"`{test.op}` lists {len(test.value):,} values; one test takes at most {MAX_LIST_VALUES:,}",
            "split the list over several tests (under `any:` for in and contains_any, `all:` for not_in and "
            "contains_none), or test a fact that groups the values",
        )
        for test in comparisons(when)
        if isinstance(test.value, list) and len(test.value) > MAX_LIST_VALUES
    ]
