"""Where the pack, the library and the cases are, and the house settings: flags, then environment variables,
then the house configuration (engine/core/config.py), then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.folders import is_folder
from .config import DEFAULTS, House

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the checkout or installation holding engine/


def default_dir(env: str, name: str, base: Path | None = None, house: House | None = None) -> Path:
    """$ENV, else the house configuration's setting, else NAME in ``base`` (default: the current folder, as a
    relative path), else the copy next to the installed package."""
    if os.environ.get(env):
        return Path(os.environ[env])
    if house is not None and house.path_setting(name) is not None:
        return house.path_setting(name)
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
    house: House = field(default_factory=House)

    def setting(self, name: str, flag: Any = None) -> Any:
        """A house setting: the flag's value when given, else the house configuration's, else the default."""
        if flag is not None:
            return flag
        value = self.house.get(name)
        return DEFAULTS[name] if value is None else value

    def pack(self):
        from .pack import load_pack

        return load_pack(self.policies)

    def library(self, vocabulary):
        from .library import Library

        return Library.open(self.profiles, vocabulary)
