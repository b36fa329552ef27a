"""Disk caches: parsed YAML files, and compiled policy packs.

- ``PARSED``: the parsed document of a YAML file (plain data and the position of every key and
  value), keyed by the file's bytes. Parsing YAML with positions is most of a cold run's work.
- ``VALIDATED``: an input model validated from a parsed file (engine.model.snapshot's plain form), keyed
  by the file's bytes, the model and the vocabulary it was checked against: a run that finds it builds no
  validator (the cold path, docs/benchmarks.md).
- ``PACKS``: a policy pack that loaded without a problem, validated and compiled into
  durable_rules rulesets, keyed by the pack's content hash (vocabulary, sources, policy files).

Entries live in the cache folder (:mod:`engine.io.cache_dir`: private, marked, refused when it
is not the user's own), in a folder per kind named after the engine version and a fingerprint of
the engine's own code (each module's size and modification time), so a new or edited engine never
reads what an older one wrote. Each entry is JSON signed with the folder's key (HMAC-SHA256 over
the kind, the entry's name and its bytes): an entry that does not verify, is unreadable or
corrupt is ignored and rewritten. Entries are written atomically (a temporary file renamed) but not
flushed to disk one by one: what a power cut loses or damages is rebuilt, and a cold batch of
thousands of files does not wait for the disk once per entry. The parse cache spreads its entries
over 256 sub-folders (by the first two hex digits of the key); a sub-folder past its share of the limit drops its least
recently written half. A new engine's folders replace the older ones, and only folders entente
marked as its own are ever removed. ``ENTENTE_NO_CACHE=1`` turns caching off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any

from .. import __version__
from .cache_dir import configured_root, make_private_folder, not_private, prepared, write_private

PACKAGE = Path(__file__).resolve().parent.parent  # the whole engine
STORE_MARKER = ".entente-store"  # in every folder a Store made: the only folders it ever removes
FANOUT = 256


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any module of the engine changes (its size or modification time)."""
    modules: list[str] = []

    def walk(folder: str, prefix: str) -> None:  # os.scandir: a third of what pathlib's rglob costs a cold run
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    modules.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}\0")

    walk(str(PACKAGE), "")
    h = hashlib.sha256(__version__.encode())
    for module in sorted(modules):
        h.update(module.encode())
    return h.hexdigest()[:16]


def root_dir() -> Path | None:
    """The cache folder, when caching is on (it is used only if :func:`cache_dir.prepared` accepts it)."""
    return configured_root()


def key(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def key_of(*parts: str) -> str:
    """One key for several texts (digests, names), each kept apart from the next."""
    return key("\0".join(parts).encode())


class Store:
    """One kind of cache entry: ``get(name)`` -> the stored mapping or None; ``put(name, entry)``."""

    def __init__(self, kind: str, format: int, max_entries: int, fanout: bool = False):
        self.kind = kind
        self.format = format
        self.max_entries = max_entries
        self.fanout = fanout
        self._counts: dict[Path, int] = {}  # entries per folder, counted once per process
        self._trusted: tuple[Path, bytes] | None = None  # the folder and key last found safe

    def folder(self) -> Path | None:
        root = root_dir()
        return None if root is None else root / f"{self.kind}-{__version__}-{code_fingerprint()}-{self.format}"

    def _entry_path(self, folder: Path, name: str) -> Path:
        return (folder / name[:2] if self.fanout else folder) / f"{name}.json"

    def _signature(self, secret: bytes, name: str, body: bytes) -> bytes:
        return (
            hmac.new(secret, f"{self.kind}\0{self.format}\0{name}\0".encode() + body, hashlib.sha256)
            .hexdigest()
            .encode()
        )

    def get(self, name: str) -> dict[str, Any] | None:
        place = self._ready(create=False)
        if place is None:
            return None
        folder, secret = place
        try:
            with open(self._entry_path(folder, name), "rb") as handle:
                signature, _, body = handle.read().partition(b"\n")
            if not hmac.compare_digest(signature, self._signature(secret, name, body)):
                return None  # written or edited by someone without the key: rebuilt
            entry = json.loads(body)  # not orjson: it reads an integer past 64 bits as a float
            return entry if isinstance(entry, dict) and entry.get("format") == self.format else None
        except (OSError, ValueError):
            return None

    def put(self, name: str, entry: dict[str, Any]) -> None:
        try:
            place = self._ready(create=True)
            if place is None:
                return
            folder, secret = place
            body = json.dumps({"format": self.format, **entry}, separators=(",", ":")).encode()
            path = self._entry_path(folder, name)
            if self.fanout:
                make_private_folder(path.parent)
            new = not path.exists()
            write_private(path, self._signature(secret, name, body) + b"\n" + body, synced=False)  # rebuildable
            if new:
                self._count_new(path.parent)
        except Exception:  # a cache that cannot be written is only a slower run
            pass

    def _ready(self, create: bool) -> tuple[Path, bytes] | None:
        """This store's folder and the signing key, or None (caching off, the folder refused, or not made yet)."""
        root = root_dir()
        place = None if root is None else prepared(root)
        if place is None:
            return None
        folder = self.folder()
        if self._trusted == (folder, place[1]):  # checked once per process, not once per entry
            return self._trusted
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return None
            make_private_folder(folder)
            write_private(folder / STORE_MARKER, b"")
            self._remove_other_versions(folder)
            st = os.lstat(folder)
        except OSError:
            return None
        if not_private(st, "folder") or not (folder / STORE_MARKER).is_file():
            return None  # not a folder this store made: never used, never removed
        self._trusted = (folder, place[1])
        return self._trusted

    def _count_new(self, folder: Path) -> None:
        """One more entry in ``folder``; past its share of ``max_entries``, drop the least recently written half."""
        limit = max(2, self.max_entries // FANOUT) if self.fanout else self.max_entries
        if folder not in self._counts:
            self._counts[folder] = sum(1 for _ in self._entries(folder))
        else:
            self._counts[folder] += 1
        if self._counts[folder] > limit:
            self._counts[folder] = self._trim(folder, limit)

    @staticmethod
    def _entries(folder: Path) -> list[os.DirEntry]:
        with os.scandir(folder) as listing:
            return [e for e in listing if e.name.endswith(".json") and e.is_file(follow_symlinks=False)]

    def _trim(self, folder: Path, limit: int) -> int:
        entries = self._entries(folder)
        entries.sort(key=lambda e: (e.stat(follow_symlinks=False).st_mtime_ns, e.name))
        keep = limit // 2
        for old in entries[: max(0, len(entries) - keep)]:
            with contextlib.suppress(OSError):  # another process removed it first
                os.unlink(old.path)
        return min(len(entries), keep)

    def _remove_other_versions(self, keep: Path) -> None:
        """Remove the folders of this kind that older engines made (marked by a Store, owned by this user)."""
        import shutil

        for old in keep.parent.glob(f"{self.kind}-*"):
            try:
                st = os.lstat(old)
            except OSError:
                continue
            if (
                old != keep
                and stat.S_ISDIR(st.st_mode)
                and not not_private(st, "folder")
                and (old / STORE_MARKER).is_file()
            ):
                shutil.rmtree(old, ignore_errors=True)


PARSED = Store("parsed", 2, max_entries=60_000, fanout=True)  # a few KB each (a file of 500 cases: 120 KB)
VALIDATED = Store("validated", 1, max_entries=60_000, fanout=True)
PACKS = Store("pack", 2, max_entries=200)  # about 25 KB each
