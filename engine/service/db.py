"""The record's database: a URL made into an SQLAlchemy engine, and its schema brought up to date (Alembic).

``sqlite:///PATH`` (the default: a file in the user's data folder, made on first use) or
``postgresql://USER@HOST/DB`` for a team (psycopg 3). SQLite runs in WAL mode with a busy timeout, so
several server processes can share a file; PostgreSQL serialises concurrent upgrades with an advisory lock.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ..errors import Diagnostic, EntenteError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UPGRADE_LOCK = 0x656E74656E7465  # "entente": the advisory lock id of an upgrade on PostgreSQL
DB_HELP = "give --db sqlite:///PATH or --db postgresql://USER:PASSWORD@HOST:PORT/DB (or set $ENTENTE_DB)"


def db_error(url: str, message: str, help: str = DB_HELP) -> EntenteError:
    return EntenteError([Diagnostic("--db", 0, 0, f"{message} ({redacted(url)})", help)])


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "an unreadable URL"


def normalised(url: str) -> str:
    """postgres:// and postgresql:// mean psycopg 3; anything but SQLite and PostgreSQL is refused."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise db_error(url, "not a database URL") from None
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend != "sqlite":
        raise db_error(url, f"unsupported database '{backend}'", "use SQLite (the default) or PostgreSQL")
    return url


@functools.lru_cache(maxsize=16)
def engine_for(url: str) -> Engine:
    """One engine (connection pool) per URL and process."""
    url = normalised(url)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite(url)
    return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)


def _sqlite(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    return engine


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> str | None:
    """Bring the database at ``url`` to ``revision`` (made if it does not exist); the revision it is at."""
    from alembic import command

    engine = engine_for(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": UPGRADE_LOCK})
            command.upgrade(_config(connection), revision)
    except OperationalError as exc:
        raise db_error(url, f"cannot open the database: {_first_line(exc)}") from None
    return current(url)


def current(url: str) -> str | None:
    """The revision the database is at (None: never upgraded)."""
    from alembic.migration import MigrationContext

    try:
        with engine_for(url).connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise db_error(url, f"cannot open the database: {_first_line(exc)}") from None


def head() -> str:
    """The newest revision the migrations define."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(None)).get_current_head()


def require_current(url: str) -> None:
    """Refuse to work on a database whose schema is not the one this engine expects."""
    at, want = current(url), head()
    if at != want:
        raise db_error(
            url,
            f"the record's schema is at revision {at or 'none'}, this entente needs {want}",
            "run `entente db upgrade` (with the same --db)",
        )


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
