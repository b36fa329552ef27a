"""Reading the user's files: regular files only, opened without ever blocking, every failure an exit-2 error.

Every input of a run (YAML files, source documents, templates, files shown as they are stored)
is read through :func:`read_bytes`. It opens the path without blocking (a FIFO with no writer
would otherwise hang the run forever), refuses what is not a regular file (FIFOs, devices,
sockets, folders) before reading a byte, and turns every operating-system failure (a missing
file, a symlink loop, a name too long, permission denied, an I/O error) into a located error.

It also remembers which files the run read (by device and inode), so that the output writer
(:mod:`engine.io.files`) can refuse to replace an input with a report.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Diagnostic, EntenteError

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)

_read_this_run: set[tuple[int, int]] = set()  # (st_dev, st_ino) of every file read as an input


def forget_inputs() -> None:
    """Start a new run: no file has been read yet (the CLI calls it once per command)."""
    _read_this_run.clear()


def was_read(st: os.stat_result) -> bool:
    """Whether the file with this status is one the run read as an input."""
    return (st.st_dev, st.st_ino) in _read_this_run


def kind_of_file(mode: int) -> str:
    """What a non-regular file is, for messages: 'a FIFO (named pipe)', 'a character device', ..."""
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


# errno -> (what went wrong, the fix when reading, the fix when writing): one wording for both directions.
OS_PROBLEMS = {
    errno.ENOENT: ("no such file", "check the path", "check the path"),
    errno.EACCES: ("permission denied", "check the file's permissions", "choose a file you can write to"),
    errno.EPERM: ("permission denied", "check the file's permissions", "choose a file you can write to"),
    errno.ELOOP: (
        "the path is a loop of symbolic links",
        "point the link at a real file",
        "point the link at a real file",
    ),
    errno.ENAMETOOLONG: ("the path or a name in it is too long", "use a shorter name", "use a shorter name"),
    errno.ENOTDIR: ("a part of the path is not a folder", "check the path", "check the path"),
    errno.EISDIR: ("this is a folder, not a file", "name a .yaml file", "name a file inside it"),
    errno.ENOSPC: ("no space left on the device", "", "free some space, or write to another device"),
    errno.EDQUOT: ("the disk quota is exceeded", "", "free some space, or write to another device"),
    errno.EROFS: ("the file system is read-only", "", "write to another place"),
    errno.EPIPE: ("the reader of the pipe went away", "", "keep the reading end open until entente is done"),
    errno.ENXIO: ("nothing is reading from this pipe", "", "start the reader first, or write to a file"),
}


def os_problem(exc: OSError, writing: bool) -> tuple[str, str]:
    """What an operating-system failure means, and the fix (for reading or for writing)."""
    message, read_help, write_help = OS_PROBLEMS.get(exc.errno, (exc.strerror or str(exc), "", ""))
    help = write_help if writing else read_help
    return message, help or ("choose another path" if writing else "check that the file can be read")


def read_problem(name: str, exc: OSError) -> EntenteError:
    """An operating-system failure reading ``name`` as a located error (line 1, column 1)."""
    message, help = os_problem(exc, writing=False)
    if exc.errno not in OS_PROBLEMS:
        message = f"cannot read the file: {message}"
    return EntenteError([Diagnostic(name, 1, 1, message, help)])


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``max_bytes``, else an error)."""
    name = str(path)
    if not name:
        raise EntenteError([Diagnostic("''", 0, 0, "an empty path", "name a file")])
    try:
        fd = os.open(name, _FLAGS)
    except OSError as exc:
        raise read_problem(name, exc) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise EntenteError([Diagnostic(name, 1, 1, "this is a folder, not a file", "name a .yaml file")])
        if not stat.S_ISREG(st.st_mode):
            raise EntenteError(
                [
                    Diagnostic(
                        name,
                        1,
                        1,
                        f"this is {kind_of_file(st.st_mode)}, not a regular file",
                        "entente reads regular files only; copy the content to a file",
                    )
                ]
            )
        if max_bytes is not None and st.st_size > max_bytes:
            raise too_big(name, st.st_size, max_bytes)
        _read_this_run.add((st.st_dev, st.st_ino))
        return _read_all(fd, name, max_bytes)
    except OSError as exc:
        raise read_problem(name, exc) from None
    finally:
        os.close(fd)


def _read_all(fd: int, name: str, max_bytes: int | None) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:  # the file grew while it was read
            raise too_big(name, size, max_bytes)


def too_big(name: str, size: int, max_bytes: int) -> EntenteError:
    return EntenteError(
        [
            Diagnostic(
                name,
                1,
                1,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "split the file; entente inputs are small",
            )
        ]
    )


def decode_utf8(name: str, raw: bytes) -> str:
    """``raw`` as UTF-8 text, or an error at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise EntenteError(
            [
                Diagnostic(
                    name,
                    line,
                    col,
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None


def read_text(path: str | Path, max_bytes: int | None = None) -> str:
    """The UTF-8 text of a regular file, with its line endings as ``\\n`` (as Python's text mode reads them)."""
    text = decode_utf8(str(path), read_bytes(path, max_bytes))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def shown_as_stored(path: str | Path) -> str:
    """A file's text to print as it is stored (`profiles show`, `policies show`), with control and
    invisible characters but tabs and newlines shown as escapes: a file must not steer the terminal."""
    from ..values import inert

    return inert(read_text(path), keep="\n\t")
