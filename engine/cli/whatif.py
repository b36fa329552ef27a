"""`entente whatif`: how fragile the findings are under changed assumptions."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK
from ..output.formats import WHATIF
from .options import emit, format_option, forum_option, parse_today, partner_option


@click.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Change an assumption: partner.hedging=aligned, partner.stances.human_rights=aligned, "
    "proposal.asks=[crisis_support] (repeatable).",
)
@click.option("--sweep", "sweep_path", metavar="FIELD", help="Try every value a field allows, e.g. partner.hedging.")
@partner_option
@forum_option
@format_option(WHATIF.names)
@click.option("--today", metavar="DATE", help="Reference date for profile staleness.")
@click.pass_obj
def whatif(settings: Settings, proposal, assignments, sweep_path, partner_ref, forum_ref, fmt, today) -> int:
    """How fragile are the findings? Change assumptions, or sweep a field, and see what changes."""
    from ..analysis.whatif import what_if
    from ..core.engine import Options, engine_for
    from ..core.resolve import load_proposals

    options = Options(today=parse_today(today))
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    ((_, base),) = load_proposals([proposal], library, list(partner_ref), forum_ref)
    report = what_if(engine_for(pack), base, list(assignments), sweep_path, options)
    emit(WHATIF.render(fmt, report), None)
    return EXIT_OK


COMMANDS = [whatif]
