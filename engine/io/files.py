"""Writing files the user owns: never half-written, never lost."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import flag_error


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to a temporary file in the same folder, flush it to disk, then rename it over
    ``path``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise flag_error(
            str(target), f"cannot write: no folder '{folder}'", "create the folder first, or choose another path"
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise flag_error(
            str(target), f"cannot write: permission denied in '{folder}'", "choose a folder you can write to"
        ) from None
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(
            fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
