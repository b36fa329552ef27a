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
    return click.option("-o", "--output", metavar="PATH", callback=_output_path, help=help)


def _output_path(ctx, param, value: str | None) -> Path | None:
    """-o PATH as a path; an empty one is refused here (``Path("")`` would be the current folder)."""
    if value is None:
        return None
    if not value:
        from ..io.files import cannot_write_empty

        raise cannot_write_empty()
    return Path(value)


def jobs_option(func):
    return click.option(
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Worker processes (0: one per core; at most 4 per core, a larger N is clamped).",
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
        say(f"warning: {diagnostic.render()}")


def emit(text: str | bytes, output: Path | None) -> None:
    """The one way a command writes its output: to standard output, or to ``output`` through
    :func:`engine.io.files.write_output` (atomic; through links, devices and pipes; never over an input)."""
    if output is not None:
        from ..io.files import write_output

        write_output(output, text)
        return
    try:
        click.echo(text, nl=False)  # flushes: a full disk or a closed pipe is raised here
    except OSError as exc:
        _silence_stdout()
        from ..io.files import cannot_write

        raise cannot_write("standard output", exc) from None


def _silence_stdout() -> None:
    """After a failed write, send what is left in stdout's buffer to /dev/null, so the flush at exit
    cannot fail again (and Python would report that, and exit 120)."""
    import sys

    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def say(text: str) -> None:
    """A note or warning for the user, on stderr, with control characters made visible (user text
    reaches these messages, and must not steer the terminal)."""
    from ..values import inert

    click.echo(inert(text), err=True)
