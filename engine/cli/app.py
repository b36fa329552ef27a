"""The `entente` command group and the one error boundary of the program.

Exit codes (engine/errors.py): 0 ran and nothing at or above --fail-on; 1 something at or above
it; 2 bad input or usage; 3 internal error (--debug shows the traceback); 130 interrupted.
Commands raise :class:`~engine.errors.EntenteError` for what the user can fix and return their
exit code; nothing else catches exceptions.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from .. import __version__
from ..core.settings import Settings, default_dir
from ..errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EntenteError


class EntenteGroup(click.Group):
    """A click group whose ``main`` is the program's single error boundary."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or os.environ.get("ENTENTE_DEBUG") == "1"
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
            click.echo(f"entente: internal error: {type(exc).__name__}: {exc}", err=True)
            if not debug:
                click.echo("  help: run again with --debug for the traceback, and report it", err=True)
            code = EXIT_INTERNAL
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


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
    default=None,
    help="Profile library folder with partners/ and forums/ (default: $ENTENTE_PROFILES, else ./profiles).",
)
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, policies: Path | None, profiles: Path | None, debug: bool) -> None:
    """Vet proposed policy moves against partner profiles with the doctrine of entente diplomacy."""
    ctx.obj = Settings(
        policies or default_dir("ENTENTE_POLICIES", "policies"),
        profiles or default_dir("ENTENTE_PROFILES", "profiles"),
        debug,
    )


def _register() -> None:
    from . import (
        brief,
        cases,
        catalogue,
        check,
        db,
        diff,
        explain,
        history,
        library,
        parties,
        serve,
        tokens,
        vet,
        whatif,
    )

    for module in (
        vet,
        brief,
        explain,
        whatif,
        check,
        cases,
        diff,
        catalogue,
        library,
        parties,
        serve,
        history,
        tokens,
        db,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli.main()
