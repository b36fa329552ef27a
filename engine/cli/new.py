"""`entente new proposal [--partner ID]`: a commented starting file."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, Diagnostic, EntenteError
from .options import emit, output_option


@click.group()
def new() -> None:
    """Start a new input file, commented field by field."""


@new.command("proposal")
@click.option("--partner", "partner_id", metavar="ID", help="The partner (a library id or a party alias).")
@output_option("Write the file here (a new file: never over one that exists) instead of printing it.")
@click.pass_obj
def new_proposal(settings: Settings, partner_id: str | None, output: Path | None) -> int:
    """A proposal to fill in: every field with its meaning and terms, in the form `entente fmt` writes."""
    from ..output.starter import starter_proposal

    if output is not None and output.is_file():  # a starting file never replaces work
        raise EntenteError(
            [Diagnostic(str(output), 0, 0, "cannot write: the file exists", "choose another path, or delete it first")]
        )
    library = settings.library(settings.pack().vocabulary)
    partner = library.lookup("partner", partner_id, None, (), "partner") if partner_id else None
    emit(starter_proposal(library.vocabulary, partner), output)
    return EXIT_OK


COMMANDS = [new]
