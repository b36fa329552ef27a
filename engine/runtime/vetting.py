"""Assessing many proposals: in isolated worker processes, so a crash of the C core costs one input."""

from __future__ import annotations

from pathlib import Path

from ..core.engine import Engine, Options
from ..core.resolve import Resolved
from ..core.results import Result


def assess_all(
    engine: Engine, resolved: list[tuple[Path, Resolved]], options: Options, jobs: int
) -> tuple[list[tuple[Resolved, Result]], list[tuple[Path, str]]]:
    """(resolved, result) for every input assessed, in order, and (path, reason) for each input that crashed
    its worker."""
    if len(resolved) == 1:
        return [(resolved[0][1], engine.assess(resolved[0][1], options))], []
    from .batch import Crashed, Raised, run_isolated, worker_count  # workers only for a batch (a cold `vet` of one
    from .progress import Progress  # proposal does not import multiprocessing)

    def work(item: tuple[Path, Resolved]) -> Result:
        return engine.assess(item[1], options)

    with Progress(len(resolved), "vetting") as progress:  # on a terminal, once the work takes a second
        outcomes = run_isolated(work, resolved, worker_count(jobs), progress=progress.update)
    results, crashed = [], []
    for (path, item), outcome in zip(resolved, outcomes, strict=True):
        if isinstance(outcome, Crashed):
            crashed.append((path, outcome.reason))
        elif isinstance(outcome, Raised):
            raise outcome.error
        else:
            results.append((item, outcome))
    return results, crashed
