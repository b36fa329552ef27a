"""Errors as data: RFC 9457 problem documents (``application/problem+json``), never a stack trace.

Input problems carry the command line's own diagnostics (``errors``: where, message, help, and the
text `entente` prints). Statuses: 400 a body that cannot be read, 401 no or a bad token, 403 a role
that may not, 404, 405, 413 a body past the limit, 415 a media type the API does not read, 422 invalid
input, 500 an internal error or a crashed evaluation (that request only), 503 past a time limit.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import EntenteError
from ..runtime.worker import WorkerCrashed, WorkerTimeout
from .inputs import MalformedBody, UnsupportedMediaType, entries

PROBLEM = "application/problem+json"
LOG = logging.getLogger("entente.service")


class ProblemEntry(BaseModel):
    """One diagnostic: where (line and column of a YAML text, a JSON Pointer, or a parameter), what, and help."""

    source: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    parameter: str | None = None
    message: str
    help: str
    text: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemEntry] = []


class ApiProblem(Exception):
    """Raised by a route: answered with a problem document."""

    def __init__(self, status: int, slug: str, title: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail, self.headers = status, slug, title, detail, headers


def problem(
    request: Request | None,
    status: int,
    slug: str,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {
        "type": "about:blank" if slug == "about:blank" else f"urn:entente:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path if request is not None else None,
        "errors": list(errors),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _count(diagnostics) -> str:
    return f"{len(diagnostics)} error{'s' if len(diagnostics) != 1 else ''}"


def _http(request: Request, exc: HTTPException) -> JSONResponse:
    import http

    title = http.HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else title
    return problem(request, exc.status_code, "about:blank", title, detail, headers=getattr(exc, "headers", None))


def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = validation_entries(exc)
    return problem(request, 422, "invalid-input", "The request is not valid", _count(errors), errors)


def validation_entries(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Each parameter or body field the request got wrong: where, the message, the help, and both as text."""
    errors = []
    for err in exc.errors():
        where, *rest = [str(p) for p in err["loc"]] or ["request"]
        entry = {"pointer": "/" + "/".join(rest)} if where == "body" else {"parameter": rest[0] if rest else where}
        name = entry.get("parameter") or entry.get("pointer")
        message = f"{name}: {err['msg']}"
        help = "see the parameter in the OpenAPI document (/api/v1/openapi.json)"
        errors.append({**entry, "message": message, "help": help, "text": f"{message}\n  help: {help}"})
    return errors


def install(app: FastAPI) -> None:
    """Answer every error the app can meet with a problem document."""

    @app.exception_handler(ApiProblem)
    async def _api(request: Request, exc: ApiProblem):
        return problem(request, exc.status, exc.slug, exc.title, exc.detail, headers=exc.headers)

    @app.exception_handler(EntenteError)
    async def _entente(request: Request, exc: EntenteError):
        malformed = isinstance(exc, MalformedBody)
        status, slug = (400, "malformed-body") if malformed else (422, "invalid-input")
        title = "The body cannot be read" if malformed else "The input is not valid"
        return problem(request, status, slug, title, _count(exc.diagnostics), entries(exc.diagnostics))

    @app.exception_handler(UnsupportedMediaType)
    async def _media(request: Request, exc: UnsupportedMediaType):
        detail = f"bodies are YAML (application/yaml) or JSON (application/json), not {exc}"
        return problem(request, 415, "unsupported-media-type", "Unsupported media type", detail)

    @app.exception_handler(WorkerCrashed)
    async def _crashed(request: Request, exc: WorkerCrashed):
        LOG.error("the evaluation worker crashed (%s) on %s %s", exc, request.method, request.url.path)
        detail = f"the evaluation core crashed ({exc}); this request failed, the service goes on"
        return problem(request, 500, "evaluation-crashed", "The evaluation crashed", detail)

    @app.exception_handler(WorkerTimeout)
    async def _timeout(request: Request, exc: WorkerTimeout):
        return problem(request, 503, "timeout", "The evaluation took too long", f"the evaluation gave {exc}")

    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, invalid_request)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        LOG.exception("internal error on %s %s", request.method, request.url.path)
        detail = f"internal error ({type(exc).__name__}); the server's log has the details"
        return problem(request, 500, "internal-error", "Internal error", detail)


def responses(*statuses: int) -> dict[int, dict[str, Any]]:
    """The problem documents a route may answer with, for the OpenAPI document."""
    ref = {"$ref": "#/components/schemas/Problem"}
    return {s: {"description": _WHY.get(s, "a problem"), "content": {PROBLEM: {"schema": ref}}} for s in statuses}


_WHY = {
    400: "The body cannot be read (not UTF-8, not JSON or YAML, empty)",
    401: "No token, or an unknown or revoked one",
    403: "The token's role may not do this",
    404: "No such thing",
    413: "The body is past the size limit",
    415: "The body's media type is not YAML or JSON",
    422: "Invalid input: the diagnostics, located",
    500: "Internal error, or the evaluation crashed (this request only)",
    503: "Past a time limit",
}
