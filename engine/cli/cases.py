"""`entente test`: run the regression cases, with coverage and --update."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings, default_dir
from ..errors import flag_error, gather, raise_if
from ..output.formats import CASES
from .options import emit, format_option, jobs_option, output_option, say


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-k", "keyword", metavar="TEXT", help="Run only cases whose file::name contains TEXT.")
@click.option(
    "--coverage", is_flag=True, help="Report per-policy coverage: firing and silent cases, unexercised comparisons."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="With --coverage: exit 1 when total coverage is below PERCENT.",
)
@format_option(CASES.names)
@output_option()
@click.option(
    "--update", is_flag=True, help="Rewrite failing cases' expectations from current results (review the diff)."
)
@jobs_option
@click.pass_obj
def test_cases(settings: Settings, paths, keyword, coverage, threshold, fmt, output, update, jobs) -> int:
    """Run the regression cases under PATHS (default: cases/). Exit 0 all pass, 1 failures, 2 bad case files."""
    from ..core.engine import engine_for
    from ..runtime.batch import worker_count
    from ..runtime.progress import Progress
    from ..testing.load import case_files, load_case_file
    from ..testing.runner import CaseRun, coverage_of, run_cases

    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    files = case_files(list(paths) or [default_dir("ENTENTE_CASES", "cases")])
    if not files:
        raise flag_error(
            " ".join(map(str, paths)) or "cases",
            "no case files found",
            "pass case files or folders holding *.yaml case files",
        )
    loaded, problems = gather(files, lambda path: load_case_file(path, pack, library))
    raise_if(problems)
    engine = engine_for(pack)
    selected = [c for f in loaded for c in f.cases if not keyword or keyword in c.node_id]
    with Progress(len(selected), "running cases") as progress:  # on a terminal, once it takes a second
        outcomes = run_cases(selected, engine, worker_count(jobs), progress=progress.update)
    measured = coverage_of(outcomes, pack) if coverage or threshold is not None else None
    if update:
        from ..testing.update import update_files

        for path in update_files(outcomes):
            say(f"updated {path}")
    run = CaseRun(outcomes, measured, threshold, update)
    emit(CASES.render(fmt, run), output)
    if output is not None:
        from ..output.cases import summary

        emit(summary(outcomes) + "\n", None)
    if run.below_threshold:
        from ..analysis.coverage import total_percent

        say(f"coverage {total_percent(measured):.1f}% is below the threshold {threshold:g}%")
    return run.exit_code()


COMMANDS = [test_cases]
