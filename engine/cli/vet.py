"""`entente vet`: assess proposals against the partners they concern."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK
from ..output.formats import RESULTS
from .options import (FAIL_ON, emit, forum_option, format_option, jobs_option, max_age_option, output_option,
                      parse_today, partner_option, say)


@click.command()
@click.argument("proposals", nargs=-1, required=True, type=click.Path(path_type=Path))
@partner_option
@click.option("--partners", "partners_ref", metavar="all|ID,ID", help="Assess against every library partner, or these.")
@forum_option
@format_option(RESULTS.names, help="jsonl: one assessment per line, in a stable order.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="high", show_default=True,
              help="Exit 1 when a finding is at or above this severity ('none': never).")
@click.option("--today", metavar="DATE", help="Reference date for profile staleness (default: today; $ENTENTE_TODAY).")
@max_age_option
@jobs_option
@output_option()
@click.option("--explain", "with_explain", is_flag=True, help="Add a why / why-not trace for every policy.")
@click.option("--waivers", "waivers_path", type=click.Path(path_type=Path),
              help="A YAML file of accepted risks (policy, partner/proposal, reason, owner, expires).")
@click.option("--no-waivers", is_flag=True, help="Ignore --waivers: show and count every finding.")
@click.option("--suggest", "with_suggest", is_flag=True,
              help="Per finding: the smallest edits to the proposal that clear it.")
@click.pass_obj
def vet(settings: Settings, proposals, partner_ref, partners_ref, forum_ref, fmt, fail_on, today, max_age, jobs,
        output, with_explain, waivers_path, no_waivers, with_suggest) -> int:
    """Assess PROPOSALS (YAML files, or folders of them) against the partners they concern."""
    from ..core.engine import Options, engine_for
    from ..core.resolve import load_proposals, proposal_files
    from ..core.results import reaches
    from ..output.text import staleness_warnings
    from ..runtime.vetting import assess_all

    options = Options(today=parse_today(today), max_age_days=max_age)
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    partner_refs = None
    if partners_ref:
        partner_refs = library.partner_ids() if partners_ref == "all" else [p.strip() for p in partners_ref.split(",")]
    resolved = load_proposals(proposal_files(proposals), pack, library, partner_ref, forum_ref, partner_refs)
    waivers = waivers_for(waivers_path, no_waivers, pack)
    engine = engine_for(pack)
    results, crashed = assess_all(engine, resolved, options, jobs)
    waiver_reports = apply_waivers(results, waivers, options)
    if with_suggest:
        from ..analysis.suggest import attach_suggestions

        for (_, r), result in zip(resolved, results):
            attach_suggestions(engine, r, result, options)
    if with_explain:
        from ..analysis.explain import explain_resolved

        for (_, r), result in zip(resolved, results):
            result.explanations = explain_resolved(engine, r)
    emit(RESULTS.render(fmt, results), output)
    for warning in dict.fromkeys(staleness_warnings(results, options)):
        say(warning)
    for line in waiver_reports:
        say(f"warning: {line}")
    for path, reason in crashed:
        say(f"error: {path}: the evaluation core crashed ({reason}); the other proposals were assessed")
    if crashed:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if reaches(results, fail_on) else EXIT_OK



def waivers_for(path, disabled: bool, pack) -> list:
    """The waivers of --waivers (none with --no-waivers)."""
    if path is None or disabled:
        return []
    from ..core.waivers import load_waivers

    return load_waivers(path, pack)


def apply_waivers(results, waivers, options) -> list[str]:
    """Mark waived findings; the warnings on expired and unused waivers."""
    if not waivers:
        return []
    from ..core.waivers import apply_waivers as apply

    expired, unused = apply(results, waivers, options.today)
    return expired + unused


COMMANDS = [vet]
