"""Who makes a request, and whether they may: tokens and roles.

A request carries ``Authorization: Bearer <token>`` (`entente tokens create`); the token's name is
recorded as "who" and its role decides: viewers read, analysts assess too. A server that listens only on
a loopback address also accepts requests with no token, as the local user (an analyst); on any other
address `entente serve` refuses to start until a token exists, and every request needs one. (The checks
run on the event loop; only a token's look-up goes to a thread.)
"""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from . import tokens
from .problems import ApiProblem
from .tokens import Principal

LOCAL = Principal("local", "analyst")
_bearer = HTTPBearer(auto_error=False, description="A token from `entente tokens create` (none on loopback).")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def _principal(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    service = request.app.state.service
    if credentials is None:
        if request.headers.get("authorization"):
            raise ApiProblem(401, "unauthorized", "Unauthorized", "use `Authorization: Bearer <token>`", _CHALLENGE)
        if service.settings.open_on_loopback:
            return LOCAL
        raise ApiProblem(401, "unauthorized", "Unauthorized", "a token is needed (entente tokens create)", _CHALLENGE)
    found = await run_in_threadpool(tokens.verify, service.settings.db_url, credentials.credentials)
    if found is None:
        raise ApiProblem(401, "unauthorized", "Unauthorized", "unknown or revoked token", _CHALLENGE)
    return found


async def viewer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Principal:
    """Anyone who may read: the record, the catalogues."""
    return await _principal(request, credentials)


async def analyst(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Principal:
    """Who may assess."""
    found = await _principal(request, credentials)
    if not found.may("analyst"):
        raise ApiProblem(403, "forbidden", "Forbidden", f"the token '{found.name}' is a viewer's: it may only read")
    return found
