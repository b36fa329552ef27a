"""Disk caches: parsed YAML files, and compiled policy packs.

- ``PARSED``: the parsed document of a YAML file (plain data and the position of every key and
  value), keyed by the file's bytes. Parsing YAML with positions is most of a cold run's work.
- ``PACKS``: a policy pack that loaded without a problem, validated and compiled into
  durable_rules rulesets, keyed by the pack's content hash (vocabulary, sources, policy files).

Entries are JSON under ``$ENTENTE_CACHE_DIR`` (default ``~/.cache/entente``), in a folder named
after the engine version and a fingerprint of the engine's own code (each module's size and
modification time), so a new or edited engine never reads what an older one wrote; the folders
of other versions are removed when a new one is made, and a folder that grows past its limit
drops its least recently written half. An unreadable or corrupt entry is ignored and rewritten;
``ENTENTE_NO_CACHE=1`` turns caching off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__

PACKAGE = Path(__file__).resolve().parent.parent  # the whole engine


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any module of the engine changes (its size or modification time)."""
    h = hashlib.sha256(__version__.encode())
    for module in sorted(PACKAGE.rglob("*.py")):
        stat = module.stat()
        h.update(f"{module.relative_to(PACKAGE).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


def root_dir() -> Path | None:
    if os.environ.get("ENTENTE_NO_CACHE") == "1":
        return None
    base = os.environ.get("ENTENTE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "entente"
    )
    return Path(base)


def key(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Store:
    """One kind of cache entry: ``get(key)`` -> the stored mapping or None; ``put(key, entry)``."""

    def __init__(self, kind: str, format: int, max_entries: int):
        self.kind = kind
        self.format = format
        self.max_entries = max_entries

    def folder(self) -> Path | None:
        root = root_dir()
        return None if root is None else root / f"{self.kind}-{__version__}-{code_fingerprint()}-{self.format}"

    def get(self, name: str) -> dict[str, Any] | None:
        folder = self.folder()
        if folder is None:
            return None
        try:
            entry = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            return entry if isinstance(entry, dict) and entry.get("format") == self.format else None
        except (OSError, ValueError):
            return None

    def put(self, name: str, entry: dict[str, Any]) -> None:
        folder = self.folder()
        if folder is None:
            return
        try:
            if not folder.is_dir():
                folder.mkdir(parents=True)
                self._remove_other_versions(folder)
            from .files import write_atomic

            write_atomic(folder / f"{name}.json", json.dumps({"format": self.format, **entry}, separators=(",", ":")))
            self._trim(folder)
        except Exception:  # a cache that cannot be written is only a slower run
            pass

    def _trim(self, folder: Path) -> None:
        """Past ``max_entries``, remove the least recently written entries down to half of it."""
        entries = list(os.scandir(folder))
        if len(entries) <= self.max_entries:
            return
        entries.sort(key=lambda e: (e.stat().st_mtime_ns, e.name))
        for old in entries[: len(entries) - self.max_entries // 2]:
            with contextlib.suppress(OSError):  # another process removed it first
                os.unlink(old.path)

    def _remove_other_versions(self, keep: Path) -> None:
        import shutil

        for old in keep.parent.glob(f"{self.kind}-*"):
            if old != keep and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)


PARSED = Store("parsed", 1, max_entries=5_000)  # a few KB each (a file of 500 cases: 120 KB)
PACKS = Store("pack", 1, max_entries=200)  # about 25 KB each
