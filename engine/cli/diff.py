"""`entente diff`: what a policy change does to every case and example."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings, default_dir
from ..errors import EXIT_OK, Diagnostic, EntenteError
from ..io.folders import files_in, is_folder
from ..output.formats import IMPACT
from .options import emit, format_option, parse_today


@click.command()
@click.option(
    "--base", required=True, metavar="REV_OR_DIR", help="The pack to compare against: a folder or a git revision."
)
@click.option(
    "--cases",
    "case_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Case files or folders (default: cases/).",
)
@click.option(
    "--examples",
    "example_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of example proposals (default: examples/).",
)
@format_option(IMPACT.names)
@click.pass_obj
def diff(settings: Settings, base, case_paths, example_dir, fmt) -> int:
    """What a policy change does to every case and example: findings added, removed or changed."""
    from ..analysis import impact
    from ..core.engine import Engine, Options
    from ..core.pack import load_pack
    from ..core.resolve import load_proposals
    from ..testing.load import case_files, load_case_file

    head = settings.pack()
    library = settings.library(head.vocabulary)
    subjects: list[impact.Subject] = []
    problems: list[Diagnostic] = []
    for path in case_files(list(case_paths) or [default_dir("ENTENTE_CASES", "cases")]):
        try:
            for case in load_case_file(path, head, library).cases:
                subjects.append(impact.Subject(case.node_id, case.situation, Options(today=case.today)))
        except EntenteError as exc:
            problems += exc.diagnostics
    examples = example_dir or default_dir("ENTENTE_EXAMPLES", "examples")
    options = Options(today=parse_today(None))
    for path in files_in(examples, ".yaml") if is_folder(examples) else []:
        try:
            ((_, resolved),) = load_proposals([path], library)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        subjects += [impact.Subject(f"{path}::{s.partner.id}", s, options) for s in resolved.situations()]
    if problems:
        raise EntenteError(problems)
    with impact.temporary_dir() as tmp:
        base_pack = load_pack(impact.base_pack_dir(base, settings.policies, Path(tmp)))
        changes = impact.compare(subjects, Engine(base_pack), Engine(head))
    emit(IMPACT.render(fmt, changes), None)
    return EXIT_OK


COMMANDS = [diff]
