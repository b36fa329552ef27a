"""Read a YAML file into a :class:`~engine.io.document.Document`, through the parse cache.

The loader composes the YAML node graph (ruamel.yaml, YAML 1.2) and builds plain
Python values itself, so nothing in a file can construct a Python object: tags other
than the standard scalar, list and mapping tags are rejected, duplicate keys are
errors, keys must be strings, and alias expansion, nesting depth and file size are
bounded. Every problem is reported as a :class:`~engine.errors.Diagnostic`.
"""

from __future__ import annotations

from pathlib import Path

from .document import Document, Loc, Position
from .inputs import decode_utf8, read_bytes

MAX_FILE_BYTES = 1_048_576


def decode(path: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return decode_utf8(path, raw).replace("\r\n", "\n").replace("\r", "\n")


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising every problem found."""
    from .yaml_reader import parse as read  # ruamel is imported only when something must be parsed

    return read(path, text)


def load(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one YAML file."""
    name = str(path)
    raw = read_bytes(path, max_bytes)
    from . import cache

    digest = cache.key(raw)
    entry = cache.PARSED.get(digest)
    if entry is not None:
        try:
            return _from_entry(name, entry, digest)
        except (KeyError, TypeError, ValueError):
            pass  # a corrupt entry: parse again and rewrite it
    doc = parse(name, decode(name, raw))
    doc.digest = digest
    cache.PARSED.put(digest, _to_entry(doc))
    return doc


def _to_entry(doc: Document) -> dict:
    def positions(table: dict[Loc, Position]) -> list:
        return [[list(loc), p.line, p.col] for loc, p in table.items()]

    return {"data": doc.data, "values": positions(doc.values), "keys": positions(doc.keys)}


def _from_entry(name: str, entry: dict, digest: str) -> Document:
    def positions(rows: list) -> dict[Loc, Position]:
        return {tuple(loc): Position(int(line), int(col)) for loc, line, col in rows}

    return Document(name, entry["data"], positions(entry["values"]), positions(entry["keys"]), digest=digest)
