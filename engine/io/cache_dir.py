"""The cache's folder: private to its user, marked as entente's, and holding the key that signs entries.

The cache folder (``$ENTENTE_CACHE_DIR``, default ``~/.cache/entente``) is used only when it is
safe to: it must belong to the user running entente and be writable by no one else; a folder
that already holds files is used only if entente marked it (``CACHEDIR.TAG``, the standard cache
tag) or holds nothing but entente's folders. So ``ENTENTE_CACHE_DIR=$HOME`` is refused, not
filled or swept. Folders are made 0700 and files 0600, whatever the umask. The folder holds a
random key (``key``, 0600) with which every entry is signed (HMAC-SHA256): an entry that someone
else wrote, or edited, does not verify and is rebuilt.

A folder that is refused turns the cache off for the run, with the reason in :func:`refusal`
(the CLI prints it as a warning).
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

MARKER = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by entente (https://bford.info/cachedir/).\n"
)
KEY_FILE = "key"
KEY_BYTES = 32
ENTENTE_FOLDER = re.compile(r"^(parsed|pack)-")  # what entente's own folders are named

_refusals: list[str] = []


def refusal() -> str | None:
    """Why the cache folder was not used in this run, if it was refused."""
    return _refusals[0] if _refusals else None


def new_run() -> None:
    """Check the folder again on next use, and forget earlier refusals (the CLI calls it once per command)."""
    _refusals.clear()
    prepared.cache_clear()


def configured_root() -> Path | None:
    if os.environ.get("ENTENTE_NO_CACHE") == "1":
        return None
    base = os.environ.get("ENTENTE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "entente"
    )
    return Path(base)


@functools.lru_cache(maxsize=8)
def prepared(root: Path) -> tuple[Path, bytes] | None:
    """The cache folder and its signing key, once per process and folder; None when it is refused."""
    try:
        problem = _prepare(root)
        key = None if problem else _key(root)
    except OSError as exc:
        problem, key = f"it cannot be set up ({exc.strerror or exc})", None
    if key is None:
        _refusals.append(f"{root}: {problem or 'its key file is not private'}")
        return None
    return root, key


def _prepare(root: Path) -> str | None:
    """Make ``root`` (0700, marked) or check the one that exists; the reason it cannot be used, if any."""
    try:
        st = os.lstat(root)
    except FileNotFoundError:
        make_private_folder(root, parents=True)
        write_private(root / MARKER, MARKER_TEXT.encode())
        return None
    problem = not_private(st, "folder")
    if problem:
        return problem
    if not (root / MARKER).is_file():
        names = os.listdir(root)
        if any(not ENTENTE_FOLDER.match(name) for name in names):
            return "it holds files that are not entente's, and no entente cache tag"
        write_private(root / MARKER, MARKER_TEXT.encode())
    os.chmod(root, 0o700)
    return None


def not_private(st: os.stat_result, what: str) -> str | None:
    """Why a folder or file (by its lstat) cannot be trusted as part of the cache, or None."""
    expected = stat.S_ISDIR if what == "folder" else stat.S_ISREG
    if not expected(st.st_mode):
        return f"it is not a {what}" + (" (a symbolic link?)" if stat.S_ISLNK(st.st_mode) else "")
    if st.st_uid != os.geteuid():
        return f"it belongs to another user (uid {st.st_uid})"
    if st.st_mode & 0o022:
        return f"others can write to it (mode {stat.S_IMODE(st.st_mode):04o})"
    return None


def _key(root: Path) -> bytes | None:
    """The signing key, made on first use; None when the key file is not the user's own private file."""
    path = root / KEY_FILE
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        write_private(path, os.urandom(KEY_BYTES), exclusive=True)
        st = os.lstat(path)
    if not_private(st, "file") or st.st_mode & 0o077:
        return None
    with open(path, "rb") as handle:
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def make_private_folder(path: Path, parents: bool = False) -> None:
    """mkdir with mode 0700 whatever the umask (missing parents too, with ``parents``)."""
    if parents and not path.parent.exists():
        make_private_folder(path.parent, parents=True)
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        return
    os.chmod(path, 0o700)


def write_private(path: Path, data: bytes, exclusive: bool = False, synced: bool = True) -> None:
    """Write a 0600 file atomically; with ``exclusive``, only if it does not exist yet (when two processes
    race, the first one's file stays and both use it); ``synced=False``: not flushed to disk (a cache entry,
    see :func:`engine.io.files.write_atomic`)."""
    from .files import write_atomic

    if not exclusive:
        write_atomic(path, data, private=True, synced=synced)
        return
    staged = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
    write_atomic(staged, data, private=True, synced=synced)
    try:
        os.link(staged, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(staged)
