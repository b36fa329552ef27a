"""Writing files the user owns: never half-written, never lost, never replaced by mistake.

:func:`write_output` is the one way a report reaches a path (``-o FILE``):

- a regular file (or a new one) is written atomically: a temporary file in the same folder,
  flushed to disk, renamed over the target; a killed process leaves the old file intact;
- a symbolic link is written through: its target is replaced, the link stays a link;
- a character device (``/dev/null``, a terminal) or a pipe (a FIFO, a shell's process
  substitution) is written through, never replaced by a regular file; a FIFO that nobody
  reads is an error, not a hang;
- a folder, a block device, a socket, an empty path, and any file the run read as an input
  are refused with exit code 2: a report never replaces a proposal.

:func:`rewrite` replaces a file in place through its link (``entente test --update``);
:func:`write_atomic` is the atomic replacement itself (also used by the caches, ``private`` for
files only their owner may read).
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from pathlib import Path

from ..errors import Diagnostic, EntenteError
from .inputs import kind_of_file, os_problem, was_read


def cannot_write(name: str, exc: OSError) -> EntenteError:
    message, help = os_problem(exc, writing=True)
    return EntenteError([Diagnostic(name, 0, 0, f"cannot write: {message}", help)])


def _refuse(name: str, message: str, help: str) -> EntenteError:
    return EntenteError([Diagnostic(name, 0, 0, f"cannot write: {message}", help)])


def cannot_write_empty() -> EntenteError:
    return _refuse("-o ''", "the path is empty", "name the file to write, e.g. -o report.txt")


def write_output(path: str | Path, data: str | bytes) -> None:
    """Write a report to ``path`` as the module docstring says, or raise an exit-2 error."""
    name = str(path)
    if not name:
        raise cannot_write_empty()
    try:
        st = os.stat(name)  # through symbolic links: what the path really is
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise cannot_write(name, exc) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _refuse(name, "this is a folder", "name a file inside it, e.g. -o report.txt")
        if was_read(st):
            raise _refuse(
                name,
                "this file is an input of this run",
                "write the report to another file; entente never replaces its inputs",
            )
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            _write_through(name, data)
            return
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(name, f"this is {kind_of_file(st.st_mode)}", "write to a file, a pipe or a terminal")
    rewrite(name, data)


def rewrite(path: str | Path, data: str | bytes) -> None:
    """Replace a regular file atomically; a symbolic link is written through (its target is replaced).
    What ``entente test --update`` edits in place, and the last step of :func:`write_output`."""
    name = str(path)
    target = os.path.realpath(name) if os.path.islink(name) else name
    write_atomic(target, data, shown=name)


def _write_through(name: str, data: str | bytes) -> None:
    """Write into a device or a pipe in place (opened without blocking: a FIFO with no reader is an error)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(name, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise cannot_write(name, exc) from None
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise cannot_write(name, exc) from None
    finally:
        os.close(fd)


def write_atomic(
    path: str | Path, text: str | bytes, *, private: bool = False, shown: str | None = None, synced: bool = True
) -> None:
    """Write ``text`` (or bytes) to a temporary file in the same folder, flush it to disk, then rename it over
    ``path``. The file keeps the mode of the file it replaces (a new one follows the umask), or is only its
    owner's with ``private``. Errors name ``shown`` (default: ``path``). ``synced=False`` skips the flush to
    disk (``fsync``), for what can be rebuilt (a cache entry: one lost to a power cut is written again, one
    left damaged fails its signature and is rebuilt); the rename keeps it atomic for every reader."""
    target = Path(path)
    name = shown if shown is not None else str(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise EntenteError(
            [
                Diagnostic(
                    name, 0, 0, f"cannot write: no folder '{folder}'", "create the folder first, or choose another path"
                )
            ]
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise EntenteError(
            [
                Diagnostic(
                    name, 0, 0, f"cannot write: permission denied in '{folder}'", "choose a folder you can write to"
                )
            ]
        ) from None
    except OSError as exc:
        raise cannot_write(name, exc) from None
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(
            fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})
        ) as handle:
            handle.write(text)
            if synced:
                handle.flush()
                os.fsync(handle.fileno())
        if not private:
            os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(name, exc) from None
        raise


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
