"""`entente config`: every house setting in force, its value and where it came from."""

from __future__ import annotations

import os

import click

from ..core.config import DEFAULTS
from ..core.settings import Settings
from ..errors import EXIT_OK
from .options import emit

ENVIRONMENT = {"policies": "ENTENTE_POLICIES", "profiles": "ENTENTE_PROFILES"}


@click.command("config")
@click.pass_context
def config(ctx: click.Context) -> int:
    """Show each setting, its value and its origin: a flag, the environment, the house
    configuration file (entente.toml or [tool.entente] in pyproject.toml), or the default.

    Precedence: flags, then environment variables, then the file, then the defaults.
    """
    settings: Settings = ctx.obj
    flags = ctx.parent.params if ctx.parent else {}
    house = settings.house
    rows = [("configuration file", str(house.path) if house.path else "none found", "")]
    if flags.get("policies") is not None:
        origin = "--policies"
    elif os.environ.get(ENVIRONMENT["policies"]):
        origin = f"${ENVIRONMENT['policies']}"
    else:
        origin = house.where.get("policies", "default")
    rows.append(("policies", str(settings.policies), origin))
    layers = [str(p) for p in settings.profile_layers()]
    mine = settings.profiles_from if settings.profiles else "default"
    rows.append(
        (
            "profiles",
            ", ".join(layers),
            f"lowest first; the shipped library, then {mine}"
            if settings.shipped_profiles and settings.profiles
            else mine,
        )
    )
    for name in DEFAULTS:
        if name not in ENVIRONMENT:
            value = settings.setting(name)
            rows.append((name, "not set" if value is None else str(value), house.where.get(name, "default")))
    width = max(len(r[0]) for r in rows)
    lines = [f"{n:<{width}}  {v}" + (f"  ({o})" if o else "") for n, v, o in rows]
    emit("\n".join(lines) + "\n", None)
    return EXIT_OK


COMMANDS = [config]
