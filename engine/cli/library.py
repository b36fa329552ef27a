"""The profile library: `entente profiles list|show`."""

from __future__ import annotations

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, did_you_mean, flag_error
from ..output.formats import PROFILES
from .options import emit, format_option, max_age_option, parse_today


@click.group()
def profiles() -> None:
    """Browse the profile library."""


@profiles.command("list")
@format_option(PROFILES.names)
@click.option("--today", metavar="DATE", help="Reference date for staleness (default: today; $ENTENTE_TODAY).")
@max_age_option
@click.pass_obj
def profiles_list(settings: Settings, fmt: str, today: str | None, max_age: int) -> int:
    """The library: partners (id, tier, as_of, stale?) and forums (id, kind, members)."""
    from ..core.library import load_all
    from ..output.library import LibraryListing

    partners, forums = load_all(settings.library(settings.pack().vocabulary))
    emit(
        PROFILES.render(
            fmt, LibraryListing(partners, forums, parse_today(today), settings.setting("max_profile_age", max_age))
        ),
        None,
    )
    return EXIT_OK


@profiles.command("show")
@click.argument("profile_id")
@click.pass_obj
def profiles_show(settings: Settings, profile_id: str) -> int:
    """Show one partner or forum profile as stored (partners first)."""
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    for folder in (library.partners_dir, library.forums_dir):
        path = folder / f"{profile_id}.yaml"
        if path.is_file():
            emit(path.read_text(encoding="utf-8"), None)
            return EXIT_OK
    known = library.partner_ids() + library.forum_ids()
    raise flag_error(
        "profiles show", f"unknown profile '{profile_id}'", did_you_mean(profile_id, known, "a partner or forum id")
    )


COMMANDS = [profiles]
