"""`entente schema [KIND] [-o DIR]`: the JSON Schema of every kind of input file, for editors' completion."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, flag_error
from ..output.kinds import KIND_NAMES
from .options import emit


@click.command()
@click.argument("kind", required=False, type=click.Choice(KIND_NAMES))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write <kind>.schema.json files into this folder (every kind, or KIND's) instead of printing.",
)
@click.pass_obj
def schema(settings: Settings, kind: str | None, folder: Path | None) -> int:
    """JSON Schemas of the input files, with the vocabulary's terms as enums and each field's help as its
    description. Point an editor at one with a first line such as
    `# yaml-language-server: $schema=schemas/proposal.schema.json` (docs/workspace.md).
    """
    from ..io.files import cannot_write, write_atomic
    from ..output.json_out import dumps
    from ..output.schemas import json_schema

    if kind is None and folder is None:
        raise flag_error("schema", "name a KIND to print, or a folder to write every kind into", "-o schemas/")
    vocabulary = settings.library(settings.pack().vocabulary).vocabulary
    kinds = [kind] if kind else list(KIND_NAMES)
    if folder is None:
        emit(dumps(json_schema(kinds[0], vocabulary)), None)
        return EXIT_OK
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(str(folder), exc) from None
    for name in kinds:
        write_atomic(folder / f"{name}.schema.json", dumps(json_schema(name, vocabulary)))
        click.echo(f"wrote {folder / f'{name}.schema.json'}")
    return EXIT_OK


COMMANDS = [schema]
