"""`entente check`: validate the policy pack and profile, forum or proposal files."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK
from ..io.folders import files_in, is_file, is_folder
from .options import emit


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def check(settings: Settings, paths) -> int:
    """Validate the policy pack and profile files; report every error with file:line:col.

    With no PATHS, checks the policy pack and every layer of the profile library. A folder that
    holds vocabulary.yaml is checked as a policy pack; other folders and files are
    checked as profiles (partners/), forums (forums/) or proposals.
    """
    from ..core.check import check_paths
    from ..core.library import PARTIES_FILE

    layers = settings.profile_layers()
    pack_dirs, files = [], []
    for path in paths or [settings.policies, *layers]:
        if is_folder(path) and is_file(path / "vocabulary.yaml"):
            pack_dirs.append(path)
        elif is_folder(path):  # a library's own parties.yaml is read with the library, not as a profile
            files += [p for p in files_in(path, ".yaml", recursive=True) if p != path / PARTIES_FILE]
        else:
            files.append(path)
    emit(check_paths(pack_dirs or [settings.policies], files, layers) + "\n", None)
    return EXIT_OK


COMMANDS = [check]
