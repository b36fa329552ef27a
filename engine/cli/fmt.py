"""`entente fmt [--check] PATHS`: every input file in its canonical form (engine/output/fmt.py)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK, EntenteError, raise_if
from ..io.folders import files_in, is_folder
from ..output.kinds import KIND_NAMES


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing: list the files that would change, and exit 1 if any.")
@click.option(
    "--kind",
    type=click.Choice(KIND_NAMES),
    default=None,
    help="The kind of every file (default: told by its name, keys and folder).",
)
def fmt(paths: tuple[Path, ...], check: bool, kind: str | None) -> int:
    """Write input files in their canonical form: keys in the contract's order, one indentation, lists and
    small mappings on one line when they fit, text quoted only where YAML needs it, comments kept.

    PATHS are files or folders (every *.yaml below them). Every kind of input file: proposals, partner
    profiles, forums, waivers, parties, the vocabulary, policies, cases and fixtures. Formatting twice
    changes nothing; the workspace's YAML view writes the same bytes.
    """
    from ..io.files import rewrite
    from ..io.inputs import read_bytes
    from ..io.yaml_file import decode
    from ..output.fmt import format_text

    files = [f for p in paths for f in (files_in(p, ".yaml", recursive=True) if is_folder(p) else [p])]
    changed, problems = [], []
    for path in files:
        try:
            text = decode(str(path), read_bytes(path, 1_048_576))
            formatted = format_text(path, text, kind)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        if formatted != text:
            changed.append(path)
            if not check:
                rewrite(path, formatted)
    raise_if(problems)
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {path}")
    if check and changed:
        n = len(changed)
        click.echo(f"{n} file{'s' if n != 1 else ''} would change; run `entente fmt` on {'them' if n > 1 else 'it'}")
        return EXIT_FINDINGS
    return EXIT_OK


COMMANDS = [fmt]
