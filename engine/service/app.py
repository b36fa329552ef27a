"""The ASGI app: ``create_app(settings)``, or ``from_env()`` for each uvicorn worker of `entente serve`.

The app loads the pack once (a server serves one pack; restart it to serve another), checks that the
record's schema is current, stores the pack in the record (an old note is rebuilt with its own pack),
and forks its evaluation worker at start-up. The versioned API is under ``/api/v1`` (its OpenAPI
document at ``/api/v1/openapi.json``, interactive docs at ``/api/docs``).
"""

from __future__ import annotations

import contextlib
import gc
import sys

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from .. import __version__
from ..core.engine import engine_for
from ..core.pack import load_pack
from . import db
from .digests import pack_files
from .evaluation import Context
from .evaluator import Evaluator
from .limits import BodyLimit, TimeLimit
from .problems import Problem, ProblemEntry, install
from .record import Record
from .settings import ServiceSettings
from .state import Service

API = "/api/v1"
API_VERSION = "1"


def create_app(settings: ServiceSettings) -> FastAPI:
    db.require_current(settings.db_url)
    pack = load_pack(settings.policies)
    record = Record(settings.db_url)
    record.store_pack(pack.digest, pack_files(pack))
    evaluator = Evaluator(Context(pack, engine_for(pack), settings.profiles), settings.evaluation_timeout)
    service = Service(settings, pack, record, evaluator, db.head())

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        gc.freeze()  # what start-up built (the pack, the engine, the app) lives on: no collection walks it again
        sys.setswitchinterval(0.0005)  # a request whose turn at the engine comes wakes within 0.5 ms, not 5
        evaluator.start()  # forked before the server starts its threads
        yield
        evaluator.stop()

    app = FastAPI(
        title="entente",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API}/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    install(app)
    from .routes import analysis, assessments, catalogue, meta

    for module in (assessments, analysis, catalogue, meta):
        app.include_router(module.router, prefix=API)
    from .web import install as install_workspace

    install_workspace(app)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(TimeLimit, seconds=settings.request_timeout)
    app.openapi = lambda: _openapi(app)
    return app


def from_env() -> FastAPI:
    """The app of one `entente serve` worker process (its settings come through the environment)."""
    return create_app(ServiceSettings.from_env())


def _openapi(app: FastAPI) -> dict:
    """FastAPI's document, with the schemas of the bodies and answers the routes describe by reference."""
    if app.openapi_schema is None:
        from ..model import Forum, PartnerProfile, Proposal
        from .requests import AssessDoc, ExplainDoc, WhatIfDoc
        from .schemas import DOCUMENTED

        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        models = [Problem, ProblemEntry, AssessDoc, WhatIfDoc, ExplainDoc, Proposal, PartnerProfile, Forum, *DOCUMENTED]
        _, extra = models_json_schema([(m, "validation") for m in models], ref_template="#/components/schemas/{model}")
        doc.setdefault("components", {}).setdefault("schemas", {}).update(extra["$defs"])
        app.openapi_schema = doc
    return app.openapi_schema


DESCRIPTION = """\
Vet proposed policy moves against partner profiles with the doctrine of entente diplomacy, over HTTP.

Assess a proposal (`POST /api/v1/assessments`, the proposal file as an `application/yaml` body, or a JSON
request with the options), list and fetch the record of every assessment, fetch an assessment's
briefing note (Markdown, HTML, PDF), re-run it on today's pack and library, explain, what-if and
suggestions, and the catalogues. Errors are RFC 9457 problem documents carrying the command line's
diagnostics. Authentication: `Authorization: Bearer <token>` (`entente tokens create`); none is needed
when the server listens on a loopback address.
"""
