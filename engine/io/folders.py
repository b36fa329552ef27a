"""Listing the files of a folder: every file or an error, never a silent skip.

Packs, the profile library, batches of proposals and case folders are found by
:func:`files_in`. Symbolic links are followed (a linked sub-folder of policies is part of the
pack); a link that leads back into a folder that holds it (a loop), a link to nothing, a folder
that cannot be read, and an entry with the right name that is not a regular file (a FIFO, a
device) are errors with exit code 2, all reported at once. Python's ``glob`` skips the first
three without a word, and hands the last to a reader that would block on it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import msgspec

from ..errors import Diagnostic, EntenteError, raise_if
from .inputs import kind_of_file

_LIST_PROBLEMS = {
    "loop": (
        "the symbolic link leads back into a folder that holds it (a loop)",
        "remove the link, or point it elsewhere",
    ),
    "dangling": ("the symbolic link points to nothing", "fix or remove the link"),
}


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder (through links); False for anything that cannot be looked at (a name too
    long, a loop of links, no permission): the reader that comes next reports why."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_file(path: str | Path) -> bool:
    """Whether ``path`` is a regular file (through links); False for anything that cannot be looked at."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def files_in(
    folder: str | Path, suffix: str, *, recursive: bool = False, skip_folders: tuple[str, ...] = ()
) -> list[Path]:
    """Every file named ``*<suffix>`` in ``folder`` (and, with ``recursive``, below it, except in folders
    named in ``skip_folders``), sorted; every problem raised at once."""
    root = Path(folder)
    try:
        ancestors = frozenset({_identity(os.stat(root))})
    except OSError as exc:
        raise EntenteError(
            [_problem(root, f"cannot read the folder: {exc.strerror or exc}", "check the path")]
        ) from None
    walk = _Walk(suffix, recursive, skip_folders)
    walk.folder(root, ancestors)
    raise_if(sorted(set(walk.problems)))
    return sorted(walk.found)


class _Walk(msgspec.Struct):
    """One listing: what it looks for, and the files and problems it has found so far."""

    suffix: str
    recursive: bool
    skip: tuple[str, ...]
    found: list[Path] = msgspec.field(default_factory=list)
    problems: list[Diagnostic] = msgspec.field(default_factory=list)

    def folder(self, folder: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        """Every entry of ``folder`` (``ancestors``: the folders above it, to tell a loop of links)."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            self.problems.append(
                _problem(
                    folder,
                    f"cannot list the folder: {exc.strerror or exc}",
                    "check the folder's permissions, or move what should be read elsewhere",
                )
            )
            return
        for entry in entries:
            self.entry(entry, ancestors)

    def entry(self, entry: os.DirEntry, ancestors: frozenset[tuple[int, int]]) -> None:
        path = Path(entry.path)
        try:
            st = os.stat(entry.path)  # through links
        except OSError as exc:
            if entry.is_symlink() and isinstance(exc, FileNotFoundError):
                if entry.name.endswith(self.suffix) or self.recursive:
                    self.problems.append(_problem(path, *_LIST_PROBLEMS["dangling"]))
                return
            self.problems.append(
                _problem(path, f"cannot read: {exc.strerror or exc}", "check the path and its permissions")
            )
            return
        if stat.S_ISDIR(st.st_mode):
            self.subfolder(path, st, entry.name, ancestors)
        elif entry.name.endswith(self.suffix):
            if stat.S_ISREG(st.st_mode):
                self.found.append(path)
            else:
                self.problems.append(
                    _problem(
                        path,
                        f"this is {kind_of_file(st.st_mode)}, not a regular file",
                        "entente reads regular files only; remove it or give it another name",
                    )
                )

    def subfolder(self, path: Path, st: os.stat_result, name: str, ancestors: frozenset[tuple[int, int]]) -> None:
        if not self.recursive:
            if name.endswith(self.suffix):
                self.problems.append(_problem(path, "this is a folder, not a file", f"name {self.suffix} files only"))
            return
        if name in self.skip:
            return
        identity = _identity(st)
        if identity in ancestors:
            self.problems.append(_problem(path, *_LIST_PROBLEMS["loop"]))
            return
        self.folder(path, ancestors | {identity})


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _problem(path: Path, message: str, help: str) -> Diagnostic:
    return Diagnostic(str(path), 1, 1, message, help)
