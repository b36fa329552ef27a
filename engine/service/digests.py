"""Digests the record keeps (the inputs, the library) and a pack's files (stored once, to rebuild old notes)."""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..core.pack import SOURCES_DIR, VOCABULARY_FILE, Pack, load_pack, parties_file, policy_files


def inputs_digest(inputs: dict[str, Any]) -> str:
    """sha256 of the resolved inputs (canonical JSON)."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@functools.lru_cache(maxsize=4096)
def _file_digest(path: str, stamp: tuple[int, int]) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def library_digest(layers: Path | Sequence[Path]) -> str:
    """sha256 over the library's files (each layer's partners, forums and parties.yaml): names and contents."""
    h = hashlib.sha256()
    for n, root in enumerate([layers] if isinstance(layers, Path) else layers):
        files = sorted([*root.glob("partners/*.yaml"), *root.glob("forums/*.yaml"), *root.glob("parties.yaml")])
        for path in files:
            stat = path.stat()
            content = _file_digest(str(path), (stat.st_mtime_ns, stat.st_size))
            h.update(f"{n}/{path.relative_to(root).as_posix()}\0{content}\0".encode())
    return h.hexdigest()


def pack_files(pack: Pack) -> dict[str, str]:
    """The files a pack's digest covers, by path relative to the pack (its digest is the same when rebuilt)."""
    root = pack.root
    files = {"parties.yaml": parties_file(root), VOCABULARY_FILE: root / VOCABULARY_FILE}
    files |= {f"{SOURCES_DIR}/{p.name}": p for p in sorted((root / SOURCES_DIR).glob("*.txt"))}
    files |= {p.relative_to(root).as_posix(): p for p in policy_files(root)}
    return {name: path.read_text(encoding="utf-8") for name, path in files.items() if path.is_file()}


def rebuilt_pack(files: dict[str, str]) -> Pack:
    """A pack from its stored files (in a folder of its own, kept for the life of the process)."""
    root = Path(tempfile.mkdtemp(prefix="entente-pack-"))
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_pack(root)
