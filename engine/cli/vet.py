"""`entente vet`: assess proposals against the partners they concern."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK
from ..output.formats import RESULTS
from .db import db_option, record_url
from .options import (
    FAIL_ON,
    emit,
    format_option,
    forum_option,
    jobs_option,
    max_age_option,
    output_option,
    parse_today,
    partner_option,
    say,
    warn_about_profiles,
)


@click.command()
@click.argument("proposals", nargs=-1, required=True, type=click.Path(path_type=Path))
@partner_option
@click.option("--partners", "partners_ref", metavar="all|ID,ID", help="Assess against every library partner, or these.")
@forum_option
@format_option(RESULTS.names, help="jsonl: one assessment per line, in a stable order.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="high",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity ('none': never).",
)
@click.option("--today", metavar="DATE", help="Reference date for profile staleness (default: today; $ENTENTE_TODAY).")
@max_age_option
@jobs_option
@output_option()
@click.option("--explain", "with_explain", is_flag=True, help="Add a why / why-not trace for every policy.")
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(path_type=Path),
    help="A YAML file of accepted risks (policy, partner/proposal, reason, owner, expires).",
)
@click.option("--no-waivers", is_flag=True, help="Ignore --waivers: show and count every finding.")
@click.option(
    "--suggest", "with_suggest", is_flag=True, help="Per finding: the smallest edits to the proposal that clear it."
)
@click.option("--record", "to_record", is_flag=True, help="Keep each assessment in the record (see --db).")
@db_option
@click.pass_obj
def vet(
    settings: Settings,
    proposals,
    partner_ref,
    partners_ref,
    forum_ref,
    fmt,
    fail_on,
    today,
    max_age,
    jobs,
    output,
    with_explain,
    waivers_path,
    no_waivers,
    with_suggest,
    to_record,
    db,
) -> int:
    """Assess PROPOSALS (YAML files, or folders of them) against the partners they concern."""
    from ..analysis.vetting import vet as vet_all
    from ..core.engine import Options, engine_for
    from ..core.resolve import load_proposals, proposal_files
    from ..core.results import reaches

    options = Options(today=parse_today(today), max_age_days=settings.setting("max_profile_age", max_age))
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    partner_refs, flag = list(partner_ref), "partner"
    if partners_ref:
        every = library.partner_ids() if partners_ref == "all" else [p.strip() for p in partners_ref.split(",")]
        partner_refs, flag = every, "partners"
    resolved = load_proposals(proposal_files(proposals), library, partner_refs, forum_ref, flag)
    waivers = waivers_for(waivers_path, no_waivers, pack)
    run = vet_all(
        engine_for(pack), resolved, options, jobs=jobs, waivers=waivers, suggest=with_suggest, explain=with_explain
    )
    emit(RESULTS.render(fmt, run.results), output)
    if to_record:
        flags = {"explain": with_explain, "suggest": with_suggest}
        _record(run, resolved, db, pack, library, options, (partner_refs or None, forum_ref), waivers, flags)
    _warn(run, resolved, options)
    if run.crashed:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if reaches(run.results, fail_on) else EXIT_OK


def _warn(run, resolved, options) -> None:
    """On stderr: what loading the profiles found, stale profiles, waivers expired or unused, crashes."""
    from ..output.text import staleness_warnings

    warn_about_profiles(resolved)
    for warning in dict.fromkeys(staleness_warnings(run.results, options)):
        say(warning)
    for line in run.waiver_warnings:
        say(f"warning: {line}")
    for path, reason in run.crashed:
        say(f"error: {path}: the evaluation core crashed ({reason}); the other proposals were assessed")


def _record(run, resolved, db, pack, library, options, refs, waivers, flags) -> None:
    """Keep each assessment of the run in the record (`entente history list` shows them)."""
    from ..service import db as database
    from ..service.recording import record_vetting

    url = record_url(db)
    database.upgrade(url)
    path_of = {id(r): path for path, r in resolved}
    vetted = [(path_of[id(r)], r, result) for r, result in run.assessed]
    for assessment_id in record_vetting(url, pack, library, vetted, options, refs, waivers, flags):
        say(f"recorded {assessment_id}")


def waivers_for(path, disabled: bool, pack) -> list:
    """The waivers of --waivers (none with --no-waivers)."""
    if path is None or disabled:
        return []
    from ..core.waivers import load_waivers

    return load_waivers(path, pack)


COMMANDS = [vet]
