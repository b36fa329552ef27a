"""Rules too large for durable_rules' C core, split into parts it takes; their verdicts recombined.

A compiled rule (a policy's condition, or its "could it fire?" twin) that does not fit the core
(:func:`engine.rules.limits.fits`) is split at its top-level `$and` / `$or` into groups of
conditions that fit, each group a rule of its own, recursively when one condition alone is too
large. A part is named after the rule and its place in the tree: ``<rule>%a0``, ``<rule>%a1o2``
(`a`: a part of an `$and`, `o`: of an `$or`, then its index). durable_rules still evaluates every
part; :class:`Parts` then says the rule fired when its parts combine to true (every part of an
`$and`, any part of an `$or`). Rules that fit are left exactly as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .limits import fits

PART = "%"  # not "#": a policy's variant rules are named <id>#<k>
_STEP = re.compile(r"([ao])(\d+)")

Wrap = Callable[[dict[str, Any]], dict[str, Any]]  # a condition expression -> a rule definition


class TooLarge(ValueError):
    """A single test the core cannot take even alone (refused earlier, with its position, by
    :func:`engine.rules.limits.oversized_lists`)."""


def fit(name: str, expression: dict[str, Any], wrap: Wrap, company: dict[str, dict]) -> dict[str, dict]:
    """``{name: wrap(expression)}`` when it fits next to ``company`` (the sentinel), else its parts."""
    whole = {name: wrap(expression)}
    if fits({**company, **whole}):
        return whole
    ((op, items),) = expression.items() if len(expression) == 1 else ((None, None),)
    if op not in ("$and", "$or") or len(items) < 2:
        raise TooLarge(f"rule {name!r}: one test is too large for durable_rules")
    parts: dict[str, dict] = {}
    prefix = name if PART in name else name + PART
    for index, group in enumerate(_groups(op, items, wrap, company)):
        parts.update(fit(f"{prefix}{op[1]}{index}", _join(op, group), wrap, company))
    return parts


def _join(op: str, group: list[dict]) -> dict[str, Any]:
    return group[0] if len(group) == 1 else {op: group}


def _groups(op: str, items: list[dict], wrap: Wrap, company: dict[str, dict]) -> list[list[dict]]:
    """``items`` in order, cut into the longest runs that fit as one rule (a run of one may still not fit:
    :func:`fit` splits it further)."""
    groups: list[list[dict]] = []
    current: list[dict] = []
    for item in items:
        if current and not fits({**company, PART: wrap(_join(op, current + [item]))}):
            groups.append(current)
            current = []
        current.append(item)
    groups.append(current)
    return groups


class Parts:
    """The split rules of a compiled pack, read back from their names: which rule each part belongs to."""

    def __init__(self, names: Iterable[str]):
        self.trees: dict[str, dict] = {}
        for name in names:
            if PART not in name:
                continue
            rule, path = name.split(PART, 1)
            steps = [(op, int(index)) for op, index in _STEP.findall(path)]
            node = self.trees.setdefault(rule, {})
            for step in steps[:-1]:
                node = node.setdefault(step, {})
            node[steps[-1]] = name

    def resolve(self, fired: set[str]) -> set[str]:
        """The rules that fired, with every split rule named by itself (when its parts say it fired) instead
        of by its parts."""
        if not self.trees:
            return fired
        whole = {name for name in fired if PART not in name}
        return whole | {rule for rule, tree in self.trees.items() if _holds(tree, fired)}


def _holds(tree: dict, fired: set[str]) -> bool:
    verdicts = (part in fired if isinstance(part, str) else _holds(part, fired) for part in tree.values())
    return all(verdicts) if next(iter(tree))[0] == "a" else any(verdicts)
