"""The `entente` command group and the one error boundary of the program.

Exit codes (engine/errors.py): 0 ran and nothing at or above --fail-on; 1 something at or above
it; 2 bad input or usage; 3 internal error (--debug shows the traceback); 130 interrupted.
Commands raise :class:`~engine.errors.EntenteError` for what the user can fix and return their
exit code; nothing else catches exceptions.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path

import click

from .. import __version__
from ..core.config import House
from ..core.settings import Settings
from ..errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EntenteError, flag_error
from ..io import cache_dir
from ..io.inputs import forget_inputs
from ..values import inert

# Each command and the module that defines it (its ``COMMANDS``): a module is imported when one of its commands
# is run or listed, so a run imports only its own command's code (docs/benchmarks.md, "The cold start").
COMMAND_MODULES = {
    "brief": "brief",
    "check": "check",
    "config": "config",
    "db": "db",
    "diff": "diff",
    "explain": "explain",
    "facts": "catalogue",
    "fmt": "fmt",
    "history": "history",
    "new": "new",
    "parties": "parties",
    "policies": "catalogue",
    "profiles": "library",
    "schema": "schema",
    "serve": "serve",
    "test": "cases",
    "tokens": "tokens",
    "vet": "vet",
    "vocabulary": "catalogue",
    "whatif": "whatif",
}


class EntenteGroup(click.Group):
    """A click group whose ``main`` is the program's single error boundary, and whose commands are loaded by
    name (:data:`COMMAND_MODULES`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES.keys() | self.commands.keys())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"{__package__}.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or os.environ.get("ENTENTE_DEBUG") == "1"
        forget_inputs()  # a new run: no input read yet (the output writer refuses to replace one)
        cache_dir.new_run()
        try:
            code = super().main(args=argv, prog_name=prog_name or "entente", standalone_mode=False, **extra)
        except EntenteError as exc:
            click.echo(exc.render(), err=True)
            code = exc.exit_code
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = EXIT_INPUT
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("entente: interrupted", err=True)
            code = EXIT_INTERRUPTED
        except Exception as exc:  # the boundary: anything else is a bug in entente
            if debug:
                traceback.print_exc()
            click.echo(inert(f"entente: internal error: {type(exc).__name__}: {exc}"), err=True)
            if not debug:
                click.echo("  help: run again with --debug for the traceback, and report it", err=True)
            code = EXIT_INTERNAL
        code = code if isinstance(code, int) else EXIT_OK
        if cache_dir.refusal():
            click.echo(inert(f"warning: the cache is off for this run: {cache_dir.refusal()}"), err=True)
            click.echo(
                "  help: set ENTENTE_CACHE_DIR to a folder of your own that only you can write (or ENTENTE_NO_CACHE=1)",
                err=True,
            )
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            # click would end the program with exit code 1 and no word; a pipe that breaks inside a
            # command (standard output is handled by `emit`) is a bug: let the boundary report it.
            raise RuntimeError(f"a pipe broke: {exc}") from exc


@click.group(cls=EntenteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="entente")
@click.option(
    "--policies",
    type=click.Path(path_type=Path),
    default=None,
    help="Policy pack folder (default: $ENTENTE_POLICIES, else ./policies).",
)
@click.option(
    "--profiles",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A profile folder (partners/, forums/, parties.yaml) layered over the shipped library; repeat for more "
    "layers, later ones overriding by id (default: $ENTENTE_PROFILES, folders separated by "
    f"'{os.pathsep}').",
)
@click.option(
    "--no-shipped-profiles",
    is_flag=True,
    help="Leave the shipped library out: only the --profiles folders are the library.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="House configuration file (default: $ENTENTE_CONFIG, else the nearest entente.toml or pyproject.toml "
    "with [tool.entente], from the current folder up).",
)
@click.option("--no-config", is_flag=True, help="Ignore any house configuration file.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(
    ctx: click.Context,
    policies: Path | None,
    profiles: tuple[Path, ...],
    no_shipped_profiles: bool,
    config_path: Path | None,
    no_config: bool,
    debug: bool,
) -> None:
    """Vet proposed policy moves against partner profiles with the doctrine of entente diplomacy.

    Settings come from the flags, then environment variables, then the house configuration file
    (entente.toml), then the defaults: `entente config` shows each one and where it came from.
    """
    house = house_config(config_path, no_config)
    ctx.obj = Settings.from_sources(policies, profiles, not no_shipped_profiles, debug, house=house)


def house_config(path: Path | None, ignore: bool) -> House:
    """The house configuration named by --config or $ENTENTE_CONFIG, else the nearest one found."""
    from ..core.config import find_config, load_house

    if ignore:
        return House()
    named = path or (Path(os.environ["ENTENTE_CONFIG"]) if os.environ.get("ENTENTE_CONFIG") else None)
    if named is not None and not named.is_file():
        source = "--config" if path else "$ENTENTE_CONFIG"
        raise flag_error(
            source, f"no configuration file at {named}", "name an existing entente.toml, or drop the option"
        )
    found = named or find_config(Path.cwd())
    return load_house(found) if found else House()


def main() -> None:
    cli.main()
