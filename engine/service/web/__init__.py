"""The analyst workspace: web pages served by `entente serve` beside the API (docs/workspace.md).

Server-rendered Jinja2 templates (``templates/``) and a vendored htmx (``static/``, no CDN, no build step);
everything works with scripts off. Routes: the proposal editor (``editor.py``), the library and the record
(``pages.py``); manners (sign-in, CSRF, headers) in ``security.py``.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from ..problems import invalid_request, validation_entries
from .render import HERE, page
from .security import Refused


def install(app: FastAPI) -> None:
    from . import editor, pages

    app.include_router(editor.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(RequestValidationError)
    async def _bad_address(request: Request, exc: RequestValidationError):
        """A page asked for with a bad query (``/record?page=x``) answers with a page saying what is wrong; the
        API keeps its problem document."""
        from ..app import API  # the app is built before any request; imported here, the web sits below it

        if request.url.path.startswith(API + "/"):
            return invalid_request(request, exc)
        said = "; ".join(e["message"] for e in validation_entries(exc))
        return page(
            request,
            "message.html.j2",
            422,
            heading="The address is not valid",
            message=f"{said} (change it in the address bar, or start again from the workspace)",
            signin=False,
        )

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused):
        heading = "Sign in" if exc.status == 401 else "Not allowed"
        return page(
            request, "message.html.j2", exc.status, heading=heading, message=exc.message, signin=exc.status == 401
        )
