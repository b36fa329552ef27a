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
    from ..io.inputs import shown_as_stored
    from ..model.common import is_ident

    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    if not is_ident(profile_id):  # an id names a file of the library, never a path out of it
        raise flag_error(
            "profiles show",
            f"'{profile_id}' is not a profile id",
            "ids use letters, digits, '_' and '-'; `entente profiles list` shows them",
        )
    for kind in ("partner", "forum"):
        if profile_id in library.ids(kind):
            emit(shown_as_stored(library.path_of(kind, profile_id)), None)
            return EXIT_OK
    known = library.partner_ids() + library.forum_ids()
    raise flag_error(
        "profiles show", f"unknown profile '{profile_id}'", did_you_mean(profile_id, known, "a partner or forum id")
    )


COMMANDS = [profiles]
