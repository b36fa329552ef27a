"""`entente tokens create|list|revoke`: who may use the service, and as what (viewer or analyst)."""

from __future__ import annotations

import click

from ..errors import EXIT_OK
from .db import db_option, record_url


@click.group("tokens")
def tokens_group() -> None:
    """Access tokens for `entente serve` (stored hashed in the record's database)."""


@tokens_group.command("create")
@click.option("--name", required=True, help='Who holds it: recorded as "who" on the assessments it makes.')
@click.option("--role", type=click.Choice(["viewer", "analyst"]), required=True, help="viewer reads; analyst assesses.")
@db_option
def create(name: str, role: str, db: str | None) -> int:
    """Make a token and print its secret (shown once: keep it)."""
    from ..service import db as database
    from ..service import tokens

    url = record_url(db)
    database.upgrade(url)
    click.echo(tokens.create(url, name, role))
    click.echo(f"token '{name}' ({role}) created; the line above is its secret, shown only now", err=True)
    return EXIT_OK


@tokens_group.command("list")
@db_option
def listing(db: str | None) -> int:
    """Every token: name, role, when made, when revoked."""
    from ..service import tokens

    rows = tokens.listing(record_url(db))
    width = max([len(r["name"]) for r in rows] + [4])
    for r in rows:
        revoked = f"  revoked {r['revoked']}" if r["revoked"] else ""
        click.echo(f"{r['name']:<{width}}  {r['role']:<7}  created {r['created']}{revoked}")
    click.echo(f"{len(rows)} token{'s' if len(rows) != 1 else ''}", err=True)
    return EXIT_OK


@tokens_group.command("revoke")
@click.argument("name")
@db_option
def revoke(name: str, db: str | None) -> int:
    """Revoke the token NAME: it stops working at once."""
    from ..service import tokens

    tokens.revoke(record_url(db), name)
    click.echo(f"token '{name}' revoked", err=True)
    return EXIT_OK


COMMANDS = [tokens_group]
