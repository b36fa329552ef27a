"""Running cases: assess each case's situation (durable_rules decides) and compare with its expectation.

The same runner serves ``entente test`` and the pytest plugin.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from ..analysis.coverage import Exercise, PolicyCoverage, measure, total_percent
from ..core.engine import Engine, Options
from ..core.pack import Pack
from ..core.results import Assessment
from ..errors import EXIT_FINDINGS, EXIT_OK
from ..runtime.batch import Crashed, Raised, run_isolated
from ..values import written
from .spec import Case, ExpectedFinding, Outcome


def run_case(case: Case, engine: Engine) -> Outcome:
    """Assess the case's situation (durable_rules decides) and compare with the expectation."""
    assessment = engine.assess_situation(case.situation, Options(today=case.today))
    return Outcome(case, assessment, tuple(compare(case, assessment)))


def compare(case: Case, assessment: Assessment) -> list[str]:
    scope = case.policy
    actual = {f.id: f for f in assessment.findings if scope is None or f.id == scope}
    undecided = {u.id: u for u in assessment.undecided if scope is None or u.id == scope}
    lines: list[str] = []
    expect = case.expect

    def check(e: ExpectedFinding) -> None:
        found = actual.get(e.id)
        if found is None:
            why = f" (undecided: the profile lacks {', '.join(undecided[e.id].missing)})" if e.id in undecided else ""
            lines.append(f"missing: {e.id}{why}")
            return
        if e.severity and found.severity != e.severity:
            lines.append(f"severity: {e.id} is {found.severity}, expected {e.severity}")
        if e.message is not None and found.message != e.message:
            lines.append(f"message: {e.id} says \u201c{found.message}\u201d, expected \u201c{e.message}\u201d")
        if e.message_contains and e.message_contains not in found.message:
            lines.append(f"message: {e.id} does not say \u201c{e.message_contains}\u201d: {found.message}")
        if e.confidence and found.confidence != e.confidence:
            lines.append(f"confidence: {e.id} is {found.confidence}, expected {e.confidence}")
        if e.missing is not None and found.missing != e.missing:
            lines.append(f"missing data: {e.id} reports {written(found.missing)}, expected {written(e.missing)}")
        evidence = [(item.field, _plain(item.value)) for item in found.evidence]
        for name, value in (e.evidence or {}).items():
            if (name, _plain(value)) not in evidence:
                has = "; ".join(f"{f} = {written(v)}" for f, v in evidence) or "none"
                lines.append(f"evidence: {e.id} lacks {name} = {written(value)} (it has: {has})")

    for e in expect.findings or ():
        check(e)
    if expect.findings is not None:
        wanted = {e.id for e in expect.findings}
        for fid, f in actual.items():
            if fid not in wanted:
                lines.append(f"unexpected: {fid} ({f.severity}): {f.message}")
    for e in expect.includes:
        check(e)
    for fid in expect.excludes:
        if fid in actual:
            lines.append(f"unexpected: {fid} ({actual[fid].severity}): {actual[fid].message}")
    if expect.undecided is not None:
        lines += _undecided_lines(expect.undecided, undecided, actual)
    return lines


def _undecided_lines(expected, undecided: dict, actual: dict) -> list[str]:
    """The exact set of undecided policies: each expected one (with the data it lacks), and no other."""
    lines = []
    for u in expected:
        if u.id not in undecided:
            state = "fired" if u.id in actual else "was decided silent"
            lines.append(f"missing: {u.id} as undecided ({state})")
        elif u.missing is not None and undecided[u.id].missing != u.missing:
            lines.append(f"undecided: {u.id} lacks {written(undecided[u.id].missing)}, expected {written(u.missing)}")
    wanted = {u.id for u in expected}
    lines += [
        f"undecided: {uid} could not be decided (the profile lacks {', '.join(u.missing)}), expected it decided"
        for uid, u in undecided.items()
        if uid not in wanted
    ]
    return lines


def _plain(value):
    """Evidence values as YAML writes them (tuples as lists), for comparison."""
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


def run_cases(
    cases: list[Case], engine: Engine, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[Outcome]:
    """Run cases in worker processes; a case that crashes the evaluation core fails alone."""

    def work(case: Case) -> tuple[Assessment, tuple[str, ...]]:
        outcome = run_case(case, engine)
        return outcome.assessment, outcome.problems  # the parent has the case: send back only the verdict

    outcomes = []
    for case, result in zip(cases, run_isolated(work, cases, jobs, progress=progress), strict=True):
        if isinstance(result, Raised):
            raise result.error
        if isinstance(result, Crashed):
            empty = Assessment(
                partner=case.situation.partner.id,
                partner_name=case.situation.partner.name,
                forum=None,
                profile_as_of=None,
                profile_stale=False,
                findings=[],
                undecided=[],
            )
            outcomes.append(Outcome(case, empty, (f"error: the evaluation core crashed ({result.reason})",)))
        else:
            outcomes.append(Outcome(case, *result))
    return outcomes


class CaseRun(msgspec.Struct):
    """A run of cases: every outcome, and the coverage when it was measured. It owns the exit code."""

    outcomes: list[Outcome]
    coverage: list[PolicyCoverage] | None = None
    threshold: float | None = None
    updated: bool = False  # --update rewrote the failing cases

    @property
    def below_threshold(self) -> bool:
        return (
            self.coverage is not None and self.threshold is not None and total_percent(self.coverage) < self.threshold
        )

    def exit_code(self) -> int:
        failed = any(o.counts_as_failure for o in self.outcomes) and not self.updated
        return EXIT_FINDINGS if failed or self.below_threshold else EXIT_OK


def coverage_of(outcomes: list[Outcome], pack: Pack) -> list[PolicyCoverage]:
    return measure(
        (Exercise(o.case.situation, o.case.policy, frozenset(f.id for f in o.assessment.findings)) for o in outcomes),
        pack,
    )
