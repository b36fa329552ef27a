"""Options several commands share, and the one way a command writes its output."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..errors import flag_error
from ..model.severity import SEVERITIES
from ..values import DATE_HELP, iso_date

FAIL_ON = list(SEVERITIES) + ["none"]


def partner_option(func):
    return click.option(
        "--partner",
        "partner_ref",
        metavar="ID_OR_FILE",
        multiple=True,
        help="Assess against this partner instead of the proposal's (repeatable).",
    )(func)


def forum_option(func):
    return click.option(
        "--forum", "forum_ref", metavar="ID_OR_FILE", help="Assess in this forum instead of the proposal's."
    )(func)


def max_age_option(func):
    return click.option(
        "--max-age",
        type=click.IntRange(min=1),
        default=None,
        metavar="DAYS",
        help="A profile older than this is stale and lowers confidence (default: max_profile_age of the house "
        "configuration, else 365).",
    )(func)


def format_option(names, default: str | None = "text", help: str | None = None):
    return click.option(
        "--format", "fmt", type=click.Choice(list(names)), default=default, show_default=default is not None, help=help
    )


def output_option(help: str = "Write the report to this file (atomically)."):
    return click.option("-o", "--output", type=click.Path(path_type=Path), help=help)


def jobs_option(func):
    return click.option(
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Worker processes (0: one per core).",
    )(func)


def parse_today(value: str | None) -> dt.date:
    """--today DATE, else $ENTENTE_TODAY, else today."""
    value = value or os.environ.get("ENTENTE_TODAY") or None
    if value is None:
        return dt.date.today()
    try:
        return iso_date(value)
    except ValueError as exc:
        raise flag_error("--today", str(exc), DATE_HELP) from None


def warn_about_profiles(resolved) -> None:
    """What loading the profiles found (the registry and a profile disagree on a membership...), once each,
    on stderr: the output carries it in the assessments' notes too."""
    seen = dict.fromkeys(d for _, r in resolved for p in r.partners for d in p.notes)
    for diagnostic in seen:
        click.echo(f"warning: {diagnostic.render()}", err=True)


def emit(text: str | bytes, output: Path | None) -> None:
    """Print the report, or write it to ``output`` atomically."""
    if output is None:
        click.echo(text, nl=False)
        return
    from ..io.files import write_atomic

    write_atomic(output, text)
