"""`entente diff`: what a policy change does to every case and example."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from ..core.settings import Settings, default_dir
from ..errors import EXIT_OK, Diagnostic, EntenteError
from ..io.folders import files_in, is_folder
from ..output.formats import IMPACT
from .options import emit, format_option, parse_today


def cases_option(func):
    return click.option(
        "--cases",
        "case_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Case files or folders (default: cases/).",
    )(func)


def examples_option(func):
    return click.option(
        "--examples",
        "example_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder of example proposals (default: examples/).",
    )(func)


def subject_groups(pack, library, case_paths, example_dir) -> Iterator[list]:
    """The subjects of every case file, then of every example, one file's at a time (a file is loaded when its
    group is asked for); every problem in every file raised at the end."""
    from ..analysis.impact import Subject
    from ..core.engine import Options
    from ..core.resolve import load_proposals
    from ..testing.load import case_files, load_case_file

    problems: list[Diagnostic] = []
    for path in case_files(list(case_paths) or [default_dir("ENTENTE_CASES", "cases")]):
        try:
            cases = load_case_file(path, pack, library).cases
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        yield [Subject(case.node_id, case.situation, Options(today=case.today)) for case in cases]
    examples = example_dir or default_dir("ENTENTE_EXAMPLES", "examples")
    options = Options(today=parse_today(None))
    for path in files_in(examples, ".yaml") if is_folder(examples) else []:
        try:
            ((_, resolved),) = load_proposals([path], library)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        yield [Subject(f"{path}::{s.partner.id}", s, options) for s in resolved.situations()]
    if problems:
        raise EntenteError(problems)


@click.command()
@click.option(
    "--base", required=True, metavar="REV_OR_DIR", help="The pack to compare against: a folder or a git revision."
)
@cases_option
@examples_option
@format_option(IMPACT.names)
@click.pass_obj
def diff(settings: Settings, base, case_paths, example_dir, fmt) -> int:
    """What a policy change does to every case and example: findings added, removed or changed."""
    from ..analysis import impact
    from ..core.engine import Engine
    from ..core.pack import load_pack

    head = settings.pack()
    library = settings.library(head.vocabulary)
    subjects = [s for group in subject_groups(head, library, case_paths, example_dir) for s in group]
    with impact.temporary_dir() as tmp:
        base_pack = load_pack(impact.base_pack_dir(base, settings.policies, Path(tmp)))
        changes = impact.compare(subjects, Engine(base_pack), Engine(head))
    emit(IMPACT.render(fmt, changes), None)
    return EXIT_OK


COMMANDS = [diff]
