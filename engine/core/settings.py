"""Where the pack, the library and the cases are, and the house settings: flags, then environment variables,
then the house configuration (engine/core/config.py), then defaults.

The profile library is layered (engine.core.library): the shipped library at the bottom, unless
switched off, then the analyst's folders, lowest first. They come from the first of these that
gives any: the `--profiles` flags, `$ENTENTE_PROFILES` (folders separated by ``os.pathsep``), the
house configuration's ``profiles`` (a folder or a list of folders, relative to the file).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from ..errors import flag_error
from ..io.folders import is_file, is_folder
from .config import DEFAULTS, House

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the checkout or installation holding engine/
SHIPPED_PROFILES = PACKAGE_ROOT / "profiles"  # the library that comes with entente
PROFILES_ENV = "ENTENTE_PROFILES"


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


def profile_folders(
    flags: Sequence[Path] = (), environ: Mapping[str, str] | None = None, configured: Sequence[Path] = ()
) -> tuple[tuple[Path, ...], str]:
    """The analyst's library folders, lowest first, and where they came from (what an error names)."""
    environ = os.environ if environ is None else environ
    if flags:
        return tuple(Path(p) for p in flags), "--profiles"
    listed = [p for p in environ.get(PROFILES_ENV, "").split(os.pathsep) if p]
    if listed:
        return tuple(Path(p) for p in listed), f"${PROFILES_ENV}"
    return tuple(Path(p) for p in configured), "the configuration"


class Settings(msgspec.Struct):
    """What every command shares: the policy pack, the profile library's layers, and --debug."""

    policies: Path
    profiles: tuple[Path, ...] = ()  # the analyst's layers, lowest first, over the shipped library
    shipped_profiles: bool = True  # False: --no-shipped-profiles
    debug: bool = False
    house: House = msgspec.field(default_factory=House)
    profiles_from: str = "--profiles"  # where `profiles` came from (errors name it)
    base_profiles: Path = SHIPPED_PROFILES  # the bottom layer (the test plugin: the project's own profiles/)

    @classmethod
    def from_sources(
        cls,
        policies: Path | None = None,
        profiles: Sequence[Path] = (),
        shipped_profiles: bool = True,
        debug: bool = False,
        environ: Mapping[str, str] | None = None,
        house: House | None = None,
        base_profiles: Path = SHIPPED_PROFILES,
    ) -> Settings:
        """Settings from the command line's values, the environment and the house configuration."""
        house = house or House()
        folders, origin = profile_folders(profiles, environ, house.path_list("profiles"))
        if not profiles and origin == "the configuration" and house.path is not None:
            origin = house.where.get("profiles", str(house.path))
        policies = policies or default_dir("ENTENTE_POLICIES", "policies", house=house)
        return cls(policies, folders, shipped_profiles, debug, house, origin, base_profiles)

    def setting(self, name: str, flag: Any = None) -> Any:
        """A house setting: the flag's value when given, else the house configuration's, else the default."""
        if flag is not None:
            return flag
        value = self.house.get(name)
        return DEFAULTS[name] if value is None else value

    def profile_layers(self) -> list[Path]:
        """The library's folders, lowest first: the shipped library (unless switched off), then the analyst's;
        a folder that does not hold a library is an error naming where it came from."""
        for folder in self.profiles:
            problem = _not_a_library(folder)
            if problem:
                raise flag_error(self.profiles_from, f"'{folder}' {problem}", LIBRARY_HELP)
        layers = ([self.base_profiles] if self.shipped_profiles else []) + list(self.profiles)
        if not layers:
            raise flag_error(
                "--no-shipped-profiles",
                "no profile library: the shipped library is switched off and no folder is given",
                "add --profiles DIR (or set $ENTENTE_PROFILES), or drop --no-shipped-profiles",
            )
        return layers

    def pack(self):
        from .pack import load_pack

        return load_pack(self.policies)

    def library(self, vocabulary):
        from .library import Library

        return Library.open(self.profile_layers(), vocabulary)


LIBRARY_HELP = "a profile folder holds partners/<id>.yaml and forums/<id>.yaml, and may hold parties.yaml"


def _not_a_library(folder: Path) -> str:
    if is_file(folder):
        return "is a file, not a profile folder (to use one profile file, pass it with --partner FILE)"
    if not is_folder(folder):
        return "is not a folder"
    if not any((folder / part).exists() for part in ("partners", "forums", "parties.yaml")):
        return "holds no partners/, forums/ or parties.yaml"
    return ""
