"""Fixtures of the service's tests: a record on SQLite and on PostgreSQL (a real throwaway server), the app.

``db_url`` is parametrised over both databases, so every test that uses it (or ``client``) runs on
both: each test gets a database of its own, copied from one migrated once per session.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import pytest

from tests.conftest import POLICIES, PROFILES
from tests.postgres import ThrowawayPostgres

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres():
    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(postgres) -> str:
    from engine.service import db

    url = postgres.create_database()
    db.upgrade(url)
    db.engine_for(url).dispose()  # a template must have no connections
    return url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from engine.service import db

    path = tmp_path_factory.mktemp("record") / "template.db"
    db.upgrade(f"sqlite:///{path}")
    db.engine_for(f"sqlite:///{path}").dispose()
    return path


def fresh_sqlite(template: Path) -> str:
    path = Path(tempfile.mkdtemp(prefix="entente-record-")) / "record.db"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=DATABASES)
def db_url(request, sqlite_template) -> str:
    """A new, migrated record: an SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return fresh_sqlite(sqlite_template)
    server = request.getfixturevalue("postgres")
    return server.create_database(request.getfixturevalue("pg_template"))


def settings_for(db_url: str, host: str = "127.0.0.1", policies: Path = POLICIES, profiles: Path = PROFILES, **extra):
    from engine.service.settings import ServiceSettings

    return ServiceSettings(db_url, Path(policies), (Path(profiles),), host, **extra)


def open_client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def make_client(db_url):
    """make_client(**settings) -> a started TestClient on the app (its worker stopped at the end)."""
    from engine.service.app import create_app

    opened = []

    def make(**extra):
        client = open_client(create_app(settings_for(extra.pop("db", db_url), **extra)))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()
