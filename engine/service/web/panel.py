"""The live assessment of the workspace: the proposal assessed in the evaluation worker, with its suggestions
and explanations, what-if assumptions for this page only, and the problems located at their field."""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi import Request
from starlette.concurrency import run_in_threadpool

from ...core.results import Result
from ...errors import EntenteError
from ...output.fmt import format_data
from ...runtime.worker import WorkerCrashed, WorkerTimeout
from .. import evaluation
from ..inputs import YAML, Submission, parse_yaml
from .views import located

NAME = "proposal.yaml"


class Panel(msgspec.Struct):
    yaml: str
    result: Result | None = None
    problems: list[dict[str, Any]] = msgspec.field(default_factory=list)
    whatif: dict[str, Any] | None = None
    whatif_problems: list[dict[str, Any]] = msgspec.field(default_factory=list)
    unavailable: str = ""
    warnings: list[str] = msgspec.field(default_factory=list)


def submission(data: dict[str, Any], **query: Any) -> Submission:
    return Submission(YAML, format_data(data, "proposal"), query)


def _problems(exc: EntenteError, text: str) -> list[dict[str, Any]]:
    try:
        doc = parse_yaml(NAME, text)
    except EntenteError:
        doc = None
    return located(list(exc.diagnostics), doc)


async def assess(request: Request, data: dict[str, Any], assumptions: list[str]) -> Panel:
    """The proposal assessed as `entente vet --suggest --explain` would, and the assumptions' what-if."""
    evaluator = request.app.state.service.evaluator
    sub = submission(data, explain=True, suggest=True)
    panel = Panel(sub.body)
    try:
        assessed = await run_in_threadpool(evaluator.call, evaluation.assess, sub, True)
    except EntenteError as exc:
        panel.problems = _problems(exc, sub.body)
        return panel
    except (WorkerCrashed, WorkerTimeout) as exc:  # this request only: the next one gets a fresh worker
        panel.unavailable = f"The assessment could not be made: {exc}. Try again in a moment."
        return panel
    panel.result, panel.warnings = assessed.result, assessed.warnings
    if assumptions:
        try:
            panel.whatif = await run_in_threadpool(evaluator.call, evaluation.whatif, submission(data, set=assumptions))
        except EntenteError as exc:
            panel.whatif_problems = [{"message": d.message, "help": d.help} for d in exc.diagnostics]
        except (WorkerCrashed, WorkerTimeout) as exc:
            panel.unavailable = f"The what-if could not be made: {exc}."
    return panel
