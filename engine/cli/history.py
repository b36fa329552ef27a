"""`entente history list|show`: the record of assessments, from the terminal."""

from __future__ import annotations

import click

from ..errors import EXIT_OK, flag_error
from ..model.severity import SEVERITIES
from ..values import DATE_HELP, iso_date
from .db import db_option, record_url
from .options import emit, format_option


@click.group("history")
def history() -> None:
    """The record: every assessment made through the service or by `entente vet --record`."""


@history.command("list")
@click.option("--partner", help="Assessments that concern this partner.")
@click.option("--proposal", help="Assessments of this proposal id.")
@click.option("--rating", type=click.Choice(["none", *SEVERITIES]), help="The highest severity, exactly.")
@click.option("--at-least", type=click.Choice(list(SEVERITIES)), help="The highest severity at or above this.")
@click.option("--since", metavar="DATE", help="Made on or after this day (UTC).")
@click.option("--until", metavar="DATE", help="Made on or before this day (UTC).")
@click.option("--who", help="Made by this token's name, `local`, or a user of `vet --record`.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@format_option(["text", "json"])
@db_option
def history_list(partner, proposal, rating, at_least, since, until, who, limit, offset, fmt, db) -> int:
    """The record, newest first."""
    import datetime as dt

    from ..service.record import Filters

    def midnight(value: str | None, flag: str, days: int = 0):
        if value is None:
            return None
        try:
            day = iso_date(value)
        except ValueError as exc:
            raise flag_error(flag, str(exc), DATE_HELP) from None
        return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), dt.UTC)

    filters = Filters(
        partner, proposal, rating, at_least, midnight(since, "--since"), midnight(until, "--until", 1), who
    )
    items, total = _record(db).list(filters, limit, offset)
    if fmt == "json":
        from ..output.json_out import dumps

        emit(dumps({"items": items, "total": total, "limit": limit, "offset": offset}), None)
    else:
        from ..output.history import render_list

        emit(render_list(items, total), None)
    return EXIT_OK


@history.command("show")
@click.argument("assessment_id")
@format_option(["text", "json"])
@db_option
def history_show(assessment_id: str, fmt: str, db) -> int:
    """One assessment (its id, or the start of it): who, when, the digests, and its findings."""
    record = _record(db)
    entry = record.get(record.resolve_id(assessment_id))
    if fmt == "json":
        from ..output.json_out import dumps

        emit(dumps(entry), None)
        return EXIT_OK
    from ..core.results import stored_result
    from ..output.history import render_show
    from ..output.text import render

    result = stored_result(entry["result"])
    emit(render_show(entry, render([result])), None)
    return EXIT_OK


def _record(db):
    from ..service import db as database
    from ..service.record import Record

    url = record_url(db)
    database.require_current(url)
    return Record(url)


COMMANDS = [history]
