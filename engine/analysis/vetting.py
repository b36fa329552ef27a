"""Vetting: assess resolved proposals, apply waivers, and attach suggestions and explanations when asked.

What `entente vet` does between reading its inputs and printing, in one place the service reuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from ..core.engine import Engine, Options
from ..core.resolve import Resolved
from ..core.results import Result
from ..runtime.vetting import assess_all

if TYPE_CHECKING:
    from ..core.waivers import Waiver


class Vetting(msgspec.Struct):
    """The results of a vetting run, the inputs whose worker crashed, and the warnings on waivers."""

    results: list[Result]
    crashed: list[tuple[Path, str]] = msgspec.field(default_factory=list)
    waiver_warnings: list[str] = msgspec.field(default_factory=list)
    assessed: list[tuple[Resolved, Result]] = msgspec.field(default_factory=list)  # each result with its input


def vet(
    engine: Engine,
    resolved: list[tuple[Path, Resolved]],
    options: Options,
    *,
    jobs: int = 1,
    waivers: list[Waiver] = (),
    suggest: bool = False,
    explain: bool = False,
) -> Vetting:
    assessed, crashed = assess_all(engine, resolved, options, jobs)
    results = [result for _, result in assessed]
    warnings = []
    if waivers:
        from ..core.waivers import apply_waivers

        warnings = apply_waivers(results, list(waivers), options.today).warnings()
    if suggest:
        from .suggest import attach_suggestions

        for r, result in assessed:
            attach_suggestions(engine, r, result, options)
    if explain:
        from .explain import explain_resolved

        for r, result in assessed:
            result.explanations = explain_resolved(engine, r)
    return Vetting(results, crashed, warnings, assessed)
