"""`entente db upgrade|current`: the record's database schema (Alembic migrations)."""

from __future__ import annotations

import click

from ..errors import EXIT_OK


def db_option(func):
    return click.option(
        "--db",
        "db",
        metavar="URL",
        default=None,
        help="The record: sqlite:///PATH or postgresql://USER@HOST/DB (default: $ENTENTE_DB, else an SQLite "
        "file in the user's data folder).",
    )(func)


def record_url(value: str | None) -> str:
    """--db URL, else $ENTENTE_DB, else the SQLite file in the user's data folder."""
    from ..service.settings import default_db_url

    return value or default_db_url()


@click.group("db")
def db_group() -> None:
    """The record's database."""


@db_group.command("upgrade")
@db_option
def upgrade(db: str | None) -> int:
    """Create the record's tables, or bring them up to date (safe to run again)."""
    from ..service import db as database

    url = record_url(db)
    revision = database.upgrade(url)
    click.echo(f"the record at {database.redacted(url)} is at revision {revision}")
    return EXIT_OK


@db_group.command("current")
@db_option
def current(db: str | None) -> int:
    """The revision the record's schema is at, and the one this entente needs."""
    from ..service import db as database

    url = record_url(db)
    at = database.current(url) or "none"
    click.echo(f"{database.redacted(url)}: revision {at} (this entente needs {database.head()})")
    return EXIT_OK


COMMANDS = [db_group]
