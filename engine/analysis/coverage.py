"""Per-policy coverage of a case corpus: firing cases, silent cases, and comparisons never exercised.

A policy is fully covered when at least one case makes it fire, at least one keeps it
silent, and every comparison in its condition was seen both true and false.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from ..core.pack import Pack
from ..facts import derive_all
from ..model.situation import Situation
from ..policy.language import Comparison
from ..rules.compile import compile_test, fact_record
from ..rules.reference import matches
from ..values import written


class PolicyCoverage(msgspec.Struct):
    id: str
    fired: int = 0
    silent: int = 0
    seen: dict[int, set[bool]] = msgspec.field(default_factory=dict)
    comparisons: list[Comparison] = msgspec.field(default_factory=list)

    def gaps(self) -> list[str]:
        out = []
        if not self.fired:
            out.append("no case makes it fire")
        if not self.silent:
            out.append("no case keeps it silent")
        for i, c in enumerate(self.comparisons):
            missing = {True, False} - self.seen.get(i, set())
            for value in sorted(missing, reverse=True):
                out.append(f"`{c.fact} {c.op} {written(c.value)}` never {written(value)}")
        return out

    @property
    def items(self) -> int:
        return 2 + 2 * len(self.comparisons)

    @property
    def covered(self) -> int:
        return bool(self.fired) + bool(self.silent) + sum(len(s) for s in self.seen.values())

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.items


class Exercise(msgspec.Struct, frozen=True):
    """One situation a case corpus evaluated: the policies it pins (None: all) and those that fired."""

    situation: Situation
    scope: str | None
    fired: frozenset[str]


def measure(exercises: Iterable[Exercise], pack: Pack) -> list[PolicyCoverage]:
    table = {p.id: PolicyCoverage(p.id, comparisons=p.comparisons()) for p in pack.policies}
    compiled = {p.id: [compile_test(c, pack.vocabulary) for c in p.comparisons()] for p in pack.policies}
    for exercise in exercises:
        scope = [exercise.scope] if exercise.scope else list(table)
        record = fact_record(derive_all(exercise.situation), pack.vocabulary)
        for pid in scope:
            cov = table[pid]
            if pid in exercise.fired:
                cov.fired += 1
            else:
                cov.silent += 1
            for i, expression in enumerate(compiled[pid]):
                cov.seen.setdefault(i, set()).add(matches(expression, record))
    return list(table.values())


def total_percent(coverage: list[PolicyCoverage]) -> float:
    items = sum(c.items for c in coverage)
    return 100.0 * sum(c.covered for c in coverage) / items if items else 100.0
