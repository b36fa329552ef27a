"""Health and version."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ... import __version__
from ...core.results import SCHEMA_VERSION
from ..problems import ApiProblem, responses
from .common import json_response, service

router = APIRouter(tags=["meta"])


@router.get(
    "/health",
    summary="Whether the service and its database answer",
    responses={200: json_response("Health", "Healthy")} | responses(500, 503),
)
def health(request: Request):
    try:
        service(request).record.ping()
    except Exception:
        raise ApiProblem(503, "unhealthy", "Service Unavailable", "the record's database does not answer") from None
    return {"status": "ok", "database": "ok"}


@router.get(
    "/version",
    summary="The engine, the API, the JSON contract and the policy pack this server runs",
    responses={200: json_response("Version", "Versions")} | responses(500, 503),
)
def version(request: Request):
    from ..app import API_VERSION

    state = service(request)
    return {
        "engine_version": __version__,
        "api_version": API_VERSION,
        "schema_version": SCHEMA_VERSION,
        "policy_pack": state.pack.short_digest,
        "pack_digest": state.pack.digest,
        "record_revision": state.revision,
    }
