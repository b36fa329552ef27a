"""Assessments and the record: create, list, fetch, the note, re-run."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ...analysis.compare import compare_results
from ...core.results import data, stored_result
from ...errors import EntenteError
from .. import evaluation
from ..auth import analyst, viewer
from ..inputs import Submission
from ..problems import ApiProblem, responses
from ..record import Filters, NewAssessment
from ..tokens import Principal
from .common import common_query, given, json_response, raw_body, request_body, service, submission

router = APIRouter(tags=["assessments"])
Severity = Literal["info", "low", "medium", "high", "critical"]
NOTE_TYPES = {
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def record_assessment(request: Request, sub: Submission, who: Principal, rerun_of: str | None = None) -> dict:
    """Assess in the worker, record the assessment (who made it, the request as given): its summary, result and
    warnings."""
    state = service(request)
    assessed = state.evaluator.call(evaluation.assess, sub)
    summary = state.record.add(
        NewAssessment(
            who=who.name,
            source="api",
            request=sub.to_data(),
            inputs=assessed.inputs,
            result=assessed.result,
            inputs_digest=assessed.inputs_digest,
            pack_digest=state.pack.digest,
            library_digest=assessed.library_digest,
            rerun_of=rerun_of,
        )
    )
    return {**summary, "result": data(assessed.result), "warnings": assessed.warnings}


@router.post(
    "/assessments",
    status_code=201,
    summary="Assess a proposal and record the assessment",
    responses={201: json_response("AssessmentCreated", "The assessment, recorded")}
    | responses(400, 401, 403, 413, 415, 422, 500, 503),
    openapi_extra=request_body("AssessDoc"),
)
async def create_assessment(
    request: Request,
    raw: bytes = Depends(raw_body),
    query: dict = Depends(common_query),
    explain: bool | None = Query(None, description="Add a why / why-not trace for every policy (YAML body)."),
    suggest: bool | None = Query(None, description="Add the edits that clear each finding (YAML body)."),
    who: Principal = Depends(analyst),
):
    sub = submission(request, raw, {**query, **given(explain=explain, suggest=suggest)})
    created = await run_in_threadpool(record_assessment, request, sub, who)  # the one blocking step
    location = f"{request.url.path}/{created['id']}"
    return JSONResponse(created, status_code=201, headers={"Location": location})


@router.get(
    "/assessments",
    summary="List the record, newest first",
    responses={200: json_response("AssessmentPage", "A page of the record")} | responses(401, 422, 500, 503),
)
def list_assessments(
    request: Request,
    partner: str | None = Query(None, description="Assessments that concern this partner."),
    proposal: str | None = Query(None, description="Assessments of this proposal id."),
    rating: Literal["none", Severity] | None = Query(None, description="The highest severity, exactly."),
    at_least: Severity | None = Query(None, description="The highest severity at or above this."),
    since: dt.date | None = Query(None, description="Made on or after this day (UTC)."),
    until: dt.date | None = Query(None, description="Made on or before this day (UTC)."),
    who: str | None = Query(None, description="Made by this token's name (or `local`, or a CLI user)."),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10_000_000),
    _: Principal = Depends(viewer),
):
    def midnight(day: dt.date | None, days: int = 0) -> dt.datetime | None:
        return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), dt.UTC) if day else None

    filters = Filters(partner, proposal, rating, at_least, midnight(since), midnight(until, 1), who)
    items, total = service(request).record.list(filters, limit, offset)
    following = None
    if offset + len(items) < total:
        following = f"{request.url.path}?{urlencode({**request.query_params, 'offset': offset + limit})}"
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": following}


def _found(request: Request, assessment_id: str):
    found = service(request).record.row(assessment_id)
    if found is None:
        raise ApiProblem(404, "not-found", "Not Found", f"no assessment '{assessment_id}' in the record")
    return found


@router.get(
    "/assessments/{assessment_id}",
    summary="Fetch a recorded assessment: the request as given, the digests, the result",
    responses={200: json_response("AssessmentDetail", "The assessment")} | responses(401, 404, 422, 500, 503),
)
def get_assessment(request: Request, assessment_id: str, _: Principal = Depends(viewer)) -> Any:
    return service(request).record.get(_found(request, assessment_id)[0].id)


@router.get(
    "/assessments/{assessment_id}/note",
    summary="The briefing note of a recorded assessment, rebuilt as it was",
    response_class=Response,
    responses={
        200: {
            "description": "The note",
            "content": {
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                NOTE_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
    | responses(401, 404, 422, 500, 503),
)
def get_note(
    request: Request,
    assessment_id: str,
    format: Literal["markdown", "html", "pdf", "docx"] = Query("markdown", description="PDF is printed by Chromium."),
    marking: str = Query("DRAFT", min_length=1, max_length=200, description="Handling marking on every page."),
    drafter: str | None = Query(None, min_length=1, max_length=200, description="Who drafted the note."),
    cleared: str | None = Query(None, min_length=1, max_length=200, description="Who cleared the note."),
    paper: Literal["A4", "Letter"] = Query("A4"),
    annexes: Literal["none", "context", "full"] = Query("context", description="What follows the note's body."),
    _: Principal = Depends(viewer),
) -> Response:
    state = service(request)
    row, _partners = _found(request, assessment_id)
    files = None if row.pack_digest == state.pack.digest else state.record.pack_files(row.pack_digest)
    recorded = {"pack_digest": row.pack_digest, "inputs": row.inputs, "result": row.result}
    from ...output.brief.note import NoteSettings

    layout = NoteSettings(marking=marking, drafter=drafter, cleared=cleared, paper=paper, annexes=annexes)
    text = state.evaluator.call(evaluation.note, recorded, files, format, layout)
    if format != "pdf":
        return Response(text, media_type=NOTE_TYPES[format])
    from ...output.brief.pdf import html_to_pdf

    try:
        pdf = html_to_pdf(text)
    except EntenteError as exc:
        detail = exc.diagnostics[0].message + "; " + exc.diagnostics[0].help
        raise ApiProblem(503, "pdf-unavailable", "PDF printing is unavailable", detail) from None
    return Response(pdf, media_type=NOTE_TYPES["pdf"])


@router.post(
    "/assessments/{assessment_id}/rerun",
    status_code=201,
    summary="Re-run a recorded assessment on today's pack and library (recorded too), and what changed",
    responses={201: json_response("Rerun", "The new assessment and the changes")}
    | responses(401, 403, 404, 422, 500, 503),
)
def rerun(request: Request, assessment_id: str, who: Principal = Depends(analyst)):
    body = rerun_assessment(request, assessment_id, who)
    location = f"{request.url.path.rsplit('/', 2)[0]}/{body['after']['id']}"
    return JSONResponse(body, status_code=201, headers={"Location": location})


def rerun_assessment(request: Request, assessment_id: str, who: Principal) -> dict[str, Any]:
    """Re-run a recorded assessment on today's pack and library, record it, and say what changed (the API's
    rerun and the workspace's)."""
    row, _partners = _found(request, assessment_id)
    before = service(request).record.get(row.id)
    created = record_assessment(request, Submission.from_data(row.request), who, rerun_of=row.id)
    result, old = stored_result(created["result"]), stored_result(row.result)
    changes = [
        {
            "subject": c.label,
            "added": [{"id": f.id, "severity": f.severity} for f in c.added],
            "removed": [{"id": f.id, "severity": f.severity} for f in c.removed],
            "severity": [{"id": i, "before": a, "after": b} for i, a, b in c.severity],
            "message": [{"id": i, "before": a, "after": b} for i, a, b in c.message],
        }
        for c in compare_results(old, result)
    ]
    after = service(request).record.get(created["id"])
    body = {
        "before": {k: before[k] for k in created if k not in ("result", "warnings")},
        "after": {k: after[k] for k in created if k not in ("result", "warnings")},
        "pack_changed": before["pack_digest"] != after["pack_digest"],
        "library_changed": before["library_digest"] != after["library_digest"],
        "changed": any(c["added"] or c["removed"] or c["severity"] or c["message"] for c in changes),
        "changes": changes,
    }
    return body
