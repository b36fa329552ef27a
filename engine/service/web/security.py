"""The workspace's manners: who is signed in, CSRF on every form post, and the headers every page carries.

- **Who.** The API's rules (engine/service/auth.py): on a loopback server with no token, the local user (an
  analyst); otherwise a token, which a browser keeps in an HttpOnly, SameSite=Strict cookie set by the
  sign-in page (or sends as ``Authorization: Bearer``). Viewers read the library and the record; analysts
  assess, record and re-run.
- **CSRF.** Every page sets a random token in a cookie of its own (HttpOnly, SameSite=Strict) and in a
  hidden field of every form; a post whose field does not match its cookie is refused (403). Another site
  can neither read the token nor make the browser send the cookie.
- **Headers.** A strict Content-Security-Policy (scripts and styles only from the server's own files: no
  inline script or style, no eval, no framing, forms post only to the server), no MIME sniffing, no
  referrer to other sites.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import tokens
from ..auth import LOCAL
from ..tokens import Principal

CSRF_COOKIE = "entente_csrf"
TOKEN_COOKIE = "entente_token"
CSRF_FIELD = "csrf"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    """A request the workspace refuses: 403 (CSRF, a viewer's token) or a sign-in first (401)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def who(request: Request) -> Principal | None:
    """The signed-in principal: a token from the cookie or the header, the local user on loopback, else None."""
    service = request.app.state.service
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE)
    if token:
        return await run_in_threadpool(tokens.verify, service.settings.db_url, token)
    return LOCAL if service.settings.open_on_loopback else None


async def require(request: Request, role: str = "viewer") -> Principal:
    found = await who(request)
    if found is None:
        raise Refused(401, "Sign in with a token to use the workspace.")
    if not found.may(role):
        raise Refused(403, f"The token '{found.name}' is a viewer's: it may read the library and the record only.")
    return found


def csrf_token(request: Request) -> str:
    """This browser's CSRF token (a new one when it has none; :func:`finish` sets its cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) != 43:
        token = getattr(request.state, "new_csrf", "") or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def check_csrf(request: Request, form) -> None:
    cookie, field = request.cookies.get(CSRF_COOKIE, ""), str(form.get(CSRF_FIELD, ""))
    if not cookie or not hmac.compare_digest(cookie.encode(), field.encode()):
        raise Refused(403, "The form's security token is missing or stale: reload the page and try again.")


def finish(request: Request, response: Response) -> Response:
    """Every workspace answer: the headers above, and the CSRF cookie when the page made one."""
    response.headers.update(HEADERS)
    new = getattr(request.state, "new_csrf", None)
    if new:
        secure = request.url.scheme == "https"
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict", secure=secure, path="/")
    return response
