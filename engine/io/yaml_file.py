"""Read a YAML file into a :class:`~engine.io.document.Document`, through the parse cache.

The loader composes the YAML node graph (ruamel.yaml, YAML 1.2) and builds plain
Python values itself, so nothing in a file can construct a Python object: tags other
than the standard scalar, list and mapping tags are rejected, duplicate keys are
errors, keys must be strings, and alias expansion, nesting depth and file size are
bounded. Every problem is reported as a :class:`~engine.errors.Diagnostic`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic, EntenteError, fail
from .document import Document, Loc, Position

MAX_FILE_BYTES = 1_048_576


def decode(path: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise EntenteError(
            [
                Diagnostic(
                    path,
                    line,
                    col,
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: str, text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising every problem found."""
    from .yaml_reader import parse as read  # ruamel is imported only when something must be parsed

    return read(path, text)


def load(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one YAML file."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise fail(
                name,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "split the file; entente inputs are small",
            )
        with p.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail(name, "no such file", "check the path") from None
    except IsADirectoryError:
        raise fail(name, "this is a folder, not a file", "name a .yaml file") from None
    except PermissionError:
        raise fail(name, "permission denied", "check the file's permissions") from None
    from . import cache

    digest = cache.key(raw)
    entry = cache.PARSED.get(digest)
    if entry is not None:
        try:
            return _from_entry(name, entry)
        except (KeyError, TypeError, ValueError):
            pass  # a corrupt entry: parse again and rewrite it
    doc = parse(name, decode(name, raw))
    cache.PARSED.put(digest, _to_entry(doc))
    return doc


def _to_entry(doc: Document) -> dict:
    def positions(table: dict[Loc, Position]) -> list:
        return [[list(loc), p.line, p.col] for loc, p in table.items()]

    return {"data": doc.data, "values": positions(doc.values), "keys": positions(doc.keys)}


def _from_entry(name: str, entry: dict) -> Document:
    def positions(rows: list) -> dict[Loc, Position]:
        return {tuple(loc): Position(int(line), int(col)) for loc, line, col in rows}

    return Document(name, entry["data"], positions(entry["values"]), positions(entry["keys"]))
