"""What the routes share: the service, a request's body as a submission, the options of a YAML body."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Query, Request

from ..inputs import Submission, body_kind, decoded
from ..state import Service

YAML_ONLY = " (a YAML body's option; a JSON body carries it itself)"


def service(request: Request) -> Service:
    return request.app.state.service


async def raw_body(request: Request) -> bytes:
    return await request.body()


async def common_query(
    partners: list[str] | None = Query(None, description="Assess against these partners (ids), or `all`" + YAML_ONLY),
    forum: str | None = Query(None, description="Assess in this forum (an id)" + YAML_ONLY),
    today: dt.date | None = Query(None, description="Reference date for staleness" + YAML_ONLY),
    max_age: int | None = Query(None, ge=1, description="A profile older than this (days) is stale" + YAML_ONLY),
) -> dict[str, Any]:
    return given(partners=partners, forum=forum, today=today, max_age=max_age)


def given(**options: Any) -> dict[str, Any]:
    """The options that were given, as JSON data."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in options.items() if v is not None}


def submission(request: Request, raw: bytes, query: dict[str, Any]) -> Submission:
    """The request as given: 415 for a media type other than YAML and JSON, 400 for a body that is not text."""
    kind = body_kind(request.headers.get("content-type"))
    return Submission(kind, decoded(raw), query)


def request_body(doc_model: str) -> dict[str, Any]:
    """The OpenAPI description of a body: the proposal file as YAML, or a JSON request."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/yaml": {"schema": {"$ref": "#/components/schemas/Proposal"}},
                "application/json": {"schema": {"$ref": f"#/components/schemas/{doc_model}"}},
            },
        }
    }


def json_response(model: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}},
    }
