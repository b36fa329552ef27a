"""`entente parties [NAME]`: the party registry (the project's, with the library's own parties)."""

from __future__ import annotations

import click

from ..core.settings import Settings
from ..errors import EXIT_OK
from .options import emit, format_option, parse_today


@click.command()
@click.argument("name", required=False)
@format_option(["text", "json"])
@click.option("--today", metavar="DATE", help="The date memberships are shown for (default: today; $ENTENTE_TODAY).")
@click.pass_obj
def parties(settings: Settings, name: str | None, fmt: str, today: str | None) -> int:
    """Every party a file may name (id, kind, name, aliases), or one party with its members on a date."""
    from ..output.catalogue import party_rows
    from ..output.json_out import dumps

    registry = settings.library(settings.pack().vocabulary).vocabulary.parties
    day = parse_today(today)
    rows = party_rows(registry, day, name)
    if fmt == "json":
        emit(dumps(rows), None)
        return EXIT_OK
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        aliases = f" (also: {', '.join(r['aliases'])})" if r["aliases"] else ""
        click.echo(f"{r['id']:<{width}}  {r['kind']:<15}  {r['name']}{aliases}")
        if name is not None and r["members"]:
            click.echo(f"{'':<{width}}  members on {day.isoformat()}: {', '.join(r['members'])}")
    return EXIT_OK


COMMANDS = [parties]
