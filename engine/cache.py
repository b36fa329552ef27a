"""A disk cache of parsed YAML files, keyed by the file's bytes and the engine version.

Parsing YAML with positions is most of the cost of a cold `entente vet`. The parsed document
(plain data and the position of every key and value) is stored as JSON under
``$ENTENTE_CACHE_DIR`` (default ``~/.cache/entente``); any change to a file changes its key, and
an unreadable or corrupt entry is ignored and rewritten. ``ENTENTE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1


def cache_dir() -> Path | None:
    if os.environ.get("ENTENTE_NO_CACHE") == "1":
        return None
    base = os.environ.get("ENTENTE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "entente")
    return Path(base) / f"parsed-{__version__}-{FORMAT}"


def key(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def get(raw: bytes) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads((folder / f"{key(raw)}.json").read_text(encoding="utf-8"))
        if entry.get("format") != FORMAT:
            return None
        return entry
    except (OSError, ValueError, AttributeError):
        return None


def put(raw: bytes, entry: dict[str, Any]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        from .fsutil import write_atomic

        write_atomic(folder / f"{key(raw)}.json", json.dumps({"format": FORMAT, **entry}, separators=(",", ":")))
    except Exception:  # a cache that cannot be written is only a slower run
        pass
