"""A property-based run of the OpenAPI document (schemathesis, 30 examples an operation): no answer is a 500, and every
answer conforms to what the document says of it (status code, content type, headers, body schema)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.service_fixtures import settings_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _app():
    """The app on a record of its own (made when the module is collected: schemathesis reads the document then)."""
    import tempfile

    from engine.service import db
    from engine.service.app import create_app

    url = f"sqlite:///{tempfile.mkdtemp(prefix='entente-openapi-')}/record.db"
    db.upgrade(url)
    return create_app(settings_for(url))


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _stop_the_worker():
    yield
    APP.state.service.evaluator.stop()


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_500_and_every_answer_as_documented(case):
    case.call_and_validate(checks=CHECKS)
