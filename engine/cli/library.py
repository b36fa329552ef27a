"""The profile library: `entente profiles list|show`."""

from __future__ import annotations

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, Diagnostic, EntenteError, did_you_mean
from .options import emit, format_option, max_age_option, parse_today


@click.group()
def profiles() -> None:
    """Browse the profile library."""


@profiles.command("list")
@format_option(["text", "json"])
@click.option("--today", metavar="DATE", help="Reference date for staleness (default: today; $ENTENTE_TODAY).")
@max_age_option
@click.pass_obj
def profiles_list(settings: Settings, fmt: str, today: str | None, max_age: int) -> int:
    """The library: partners (id, tier, as_of, stale?) and forums (id, kind, members)."""
    from ..core.library import load_all

    pack = settings.pack()
    partners, forums = load_all(settings.library(pack.vocabulary))
    ref = parse_today(today)

    def stale(p) -> bool:
        return p.as_of is None or (ref - p.as_of).days > max_age

    if fmt == "json":
        from ..output.json_out import dumps

        emit(dumps({
            "partners": [{"id": p.id, "name": p.name, "tier": p.tier, "as_of": p.as_of.isoformat() if p.as_of else None,
                          "stale": stale(p), "sources": len(p.sources)} for p in partners],
            "forums": [{"id": f.id, "name": f.name, "kind": f.kind, "members": f.members, "scope": f.scope}
                       for f in forums]}), None)
        return EXIT_OK
    width = max([len(p.id) for p in partners] + [len(f.id) for f in forums] + [7])
    lines = [f"{'partner':<{width}}  {'tier':<36}  {'as_of':<10}  stale"]
    lines += [f"{p.id:<{width}}  {p.tier:<36}  {p.as_of.isoformat() if p.as_of else '-':<10}  "
              f"{'stale' if stale(p) else ''}".rstrip() for p in partners]
    lines.append(f"\n{'forum':<{width}}  {'kind':<12}  members")
    lines += [f"{f.id:<{width}}  {f.kind:<12}  {', '.join(f.members)}" for f in forums]
    lines.append(f"\n{len(partners)} partners, {len(forums)} forums \u00b7 stale: as_of missing or older than "
                 f"{max_age} days before {ref.isoformat()}")
    emit("\n".join(lines) + "\n", None)
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
        raise EntenteError([Diagnostic("profiles show", 0, 0, f"'{profile_id}' is not a profile id",
                                       "ids use letters, digits, '_' and '-'; `entente profiles list` shows them")])
    for kind in ("partner", "forum"):
        if profile_id in library.ids(kind):
            emit(shown_as_stored(library.path_of(kind, profile_id)), None)
            return EXIT_OK
    known = library.partner_ids() + library.forum_ids()
    raise EntenteError([Diagnostic("profiles show", 0, 0, f"unknown profile '{profile_id}'",
                                   did_you_mean(profile_id, known, "a partner or forum id"))])


COMMANDS = [profiles]
