"""Where the pack, the library and the cases are: flags, then environment variables, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..io.folders import is_folder

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the checkout or installation holding engine/


def default_dir(env: str, name: str, base: Path | None = None) -> Path:
    """$ENV, else NAME in ``base`` (default: the current folder, as a relative path), else the copy next to
    the installed package."""
    if os.environ.get(env):
        return Path(os.environ[env])
    local = base / name if base is not None else Path(name)
    if is_folder(local):
        return local
    return PACKAGE_ROOT / name


@dataclass
class Settings:
    """What every command shares: the policy pack and profile library folders, and --debug."""

    policies: Path
    profiles: Path
    debug: bool = False

    def pack(self):
        from .pack import load_pack

        return load_pack(self.policies)

    def library(self, vocabulary):
        from .library import Library

        return Library(self.profiles, vocabulary)
