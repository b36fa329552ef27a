"""Analyses of a proposal that are not recorded: explain, what-if, suggestions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ...core.results import data
from .. import evaluation
from ..auth import analyst
from ..problems import responses
from ..tokens import Principal
from .common import common_query, given, json_response, raw_body, request_body, service, submission

router = APIRouter(tags=["analysis"])
PROBLEMS = responses(400, 401, 403, 413, 415, 422, 500, 503)


@router.post(
    "/explain",
    summary="Why each policy fired or stayed silent (`entente explain`)",
    responses={200: json_response("ExplanationsDoc", "Per partner, every policy's condition, evaluated")} | PROBLEMS,
    openapi_extra=request_body("ExplainDoc"),
)
def explain(
    request: Request,
    raw: bytes = Depends(raw_body),
    query: dict = Depends(common_query),
    policies: list[str] | None = Query(None, description="Explain only these policies (YAML body)."),
    _: Principal = Depends(analyst),
):
    sub = submission(request, raw, {**query, **given(policies=policies)})
    return service(request).evaluator.call(evaluation.explain, sub)


@router.post(
    "/whatif",
    summary="How fragile the findings are under changed assumptions (`entente whatif`)",
    responses={200: json_response("WhatIfOut", "The changes against the baseline, and a sweep")} | PROBLEMS,
    openapi_extra=request_body("WhatIfDoc"),
)
def whatif(
    request: Request,
    raw: bytes = Depends(raw_body),
    query: dict = Depends(common_query),
    set: list[str] | None = Query(None, description="FIELD=VALUE, e.g. partner.hedging=aligned (YAML body)."),
    sweep: str | None = Query(None, description="Try every value of this field, e.g. partner.hedging (YAML body)."),
    _: Principal = Depends(analyst),
):
    sub = submission(request, raw, {**query, **given(set=set, sweep=sweep)})
    return service(request).evaluator.call(evaluation.whatif, sub)


@router.post(
    "/suggestions",
    summary="The assessment with, per finding, the smallest edits that clear it (not recorded)",
    responses={200: json_response("ResultDoc", "The result, with suggestions")} | PROBLEMS,
    openapi_extra=request_body("AssessDoc"),
)
def suggestions(
    request: Request,
    raw: bytes = Depends(raw_body),
    query: dict = Depends(common_query),
    _: Principal = Depends(analyst),
):
    sub = submission(request, raw, query)
    return data(service(request).evaluator.call(evaluation.assess, sub, True).result)
