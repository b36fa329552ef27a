"""The profile library: `entente profiles list|show|review|diff`."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, did_you_mean, flag_error
from ..output.formats import LIBRARY_DIFF, PROFILE_FACTS, PROFILES, REVIEW
from .diff import cases_option, examples_option, subject_groups
from .options import emit, format_option, max_age_option, parse_today

TODAY_HELP = "Reference date for ages (default: today; $ENTENTE_TODAY)."


@click.group()
def profiles() -> None:
    """Browse the profile library: its layers, each fact's sources, what to re-check, what changed."""


@profiles.command("list")
@format_option(PROFILES.names)
@click.option("--today", metavar="DATE", help="Reference date for staleness (default: today; $ENTENTE_TODAY).")
@max_age_option
@click.pass_obj
def profiles_list(settings: Settings, fmt: str, today: str | None, max_age: int) -> int:
    """The library: partners (id, tier, as_of, stale?, layer) and forums (id, kind, status, layer, members)."""
    from ..output.library import listing_of

    library = settings.library(settings.pack().vocabulary)
    max_days = settings.setting("max_profile_age", max_age)
    emit(PROFILES.render(fmt, listing_of(library, parse_today(today), max_days)), None)
    return EXIT_OK


@profiles.command("show")
@click.argument("profile_id")
@format_option(PROFILE_FACTS.names, help="yaml: the file as stored.")
@click.option("--today", metavar="DATE", help=TODAY_HELP)
@click.pass_obj
def profiles_show(settings: Settings, profile_id: str, fmt: str, today: str | None) -> int:
    """Each fact of one partner or forum (partners first) with the sources that support it and their age."""
    from ..core.provenance import profile_facts
    from ..io.inputs import shown_as_stored
    from ..model.common import is_ident

    if not is_ident(profile_id):  # an id names a file of the library, never a path out of it
        raise flag_error(
            "profiles show",
            f"'{profile_id}' is not a profile id",
            "ids use letters, digits, '_' and '-'; `entente profiles list` shows them",
        )
    library = settings.library(settings.pack().vocabulary)
    for kind in ("partner", "forum"):
        layer = library.layer_of(kind, profile_id)
        if layer is not None:
            item = library.load(kind, profile_id)
            stored = shown_as_stored(library.path_of(kind, profile_id))  # cannot steer the terminal
            report = profile_facts(item, kind, layer.name, parse_today(today), stored)
            emit(PROFILE_FACTS.render(fmt, report), None)
            return EXIT_OK
    known = library.partner_ids() + library.forum_ids()
    raise flag_error(
        "profiles show",
        f"unknown profile '{profile_id}'",
        did_you_mean(profile_id, known, "a partner or forum id", see="entente profiles list"),
    )


@profiles.command("review")
@click.option(
    "--older-than",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="List facts whose newest source is older than DAYS, or undated (default with neither flag: the house "
    "configuration's max_profile_age, else 365).",
)
@click.option("--unsourced", is_flag=True, help="List facts no source supports.")
@format_option(REVIEW.names)
@click.option("--today", metavar="DATE", help=TODAY_HELP)
@click.pass_obj
def profiles_review(settings: Settings, older_than: int | None, unsourced: bool, fmt: str, today: str | None) -> int:
    """What needs re-checking: facts with old or undated sources, facts no source supports (both by default)."""
    from ..core.provenance import review

    if older_than is None and not unsourced:
        older_than, unsourced = settings.setting("max_profile_age"), True
    library = settings.library(settings.pack().vocabulary)
    emit(REVIEW.render(fmt, review(library, parse_today(today), older_than, unsourced)), None)
    return EXIT_OK


@profiles.command("diff")
@click.option(
    "--base",
    required=True,
    metavar="REV_OR_DIR",
    help="The library to compare against: the bottom layer at a git revision, or a folder in its place.",
)
@cases_option
@examples_option
@format_option(LIBRARY_DIFF.names)
@click.pass_obj
def profiles_diff(settings: Settings, base: str, case_paths, example_dir, fmt: str) -> int:
    """What changed between two versions of the library, fact by fact, and the findings it changes on every case
    and example."""
    from ..analysis import impact
    from ..analysis.library_diff import BorrowingLibrary, compare_libraries
    from ..core.engine import engine_for
    from ..core.library import Library
    from ..output.library_diff import LibraryDiff

    pack = settings.pack()
    layers = settings.profile_layers()
    head = Library.open(layers, pack.vocabulary)
    with impact.temporary_dir() as tmp:
        bottom = impact.base_dir(base, layers[0], Path(tmp), "profile library")
        opened = Library.open([bottom, *layers[1:]], pack.vocabulary)
        facts = compare_libraries(opened, head, _described(base))
        lent = BorrowingLibrary(opened.layers, opened.vocabulary, lender=head)
        base_subjects = []
        for group in subject_groups(pack, lent, case_paths, example_dir):
            base_subjects += [impact.Subject(s.label, s.situation, s.options, lent.lent(s.situation)) for s in group]
            lent.borrowed.clear()
        head_subjects = [s for group in subject_groups(pack, head, case_paths, example_dir) for s in group]
        findings = impact.compare_situations(base_subjects, head_subjects, engine_for(pack))
    emit(LIBRARY_DIFF.render(fmt, LibraryDiff(facts, findings)), None)
    return EXIT_OK


def _described(base: str) -> str:
    return base if Path(base).is_dir() else f"{base} (the bottom layer at that revision)"


COMMANDS = [profiles]
