"""A parsed YAML file: plain data and the position of every key and value in it.

Produced by :mod:`engine.io.yaml_file` (which reads files) and :mod:`engine.io.yaml_reader`
(which parses text); every later stage locates its errors through :meth:`Document.diagnostic`.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..errors import Diagnostic, EntenteError

MAX_NODES = 100_000
MAX_DEPTH = 64

Loc = tuple[Any, ...]


class Position(msgspec.Struct, frozen=True):
    line: int
    col: int


class Document(msgspec.Struct, dict=True):
    """Plain data from one YAML file, with the position of every key and value."""

    path: str
    data: Any
    values: dict[Loc, Position] = msgspec.field(default_factory=dict)
    keys: dict[Loc, Position] = msgspec.field(default_factory=dict)
    text: str = ""
    digest: str | None = None  # the file's bytes hashed, when it was read from a file (the validated cache's key)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where ``loc`` stands; the nearest enclosing node when it does not exist."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))

    def _index(self, table: str, n: int) -> dict[Loc, dict[Loc, Position]]:
        """Positions grouped by their first ``n`` path elements (built once per table and length)."""
        cache = self.__dict__.setdefault("_indexes", {})
        if (table, n) not in cache:
            grouped: dict[Loc, dict[Loc, Position]] = {}
            for k, v in getattr(self, table).items():
                if len(k) >= n:
                    grouped.setdefault(k[:n], {})[k[n:]] = v
            cache[(table, n)] = grouped
        return cache[(table, n)]

    def sub(self, loc: Loc) -> Document:
        """The part of this document at ``loc``, as a document of its own (same file, same positions)."""
        n, loc = len(loc), tuple(loc)
        values = self._index("values", n).get(loc, {})
        keys = self._index("keys", n).get(loc, {})
        data = self.data
        for part in loc:
            data = data[part]
        return Document(self.path, data, values, keys, self.text)

    def diagnostic(self, loc: Loc, message: str, help: str = "", *, key: bool = False) -> Diagnostic:
        pos = self.position(loc, key=key)
        return Diagnostic(self.path, pos.line, pos.col, message, help)

    def error(self, loc: Loc, message: str, help: str = "", *, key: bool = False) -> EntenteError:
        """An error with the one diagnostic at ``loc`` (callers ``raise`` it)."""
        return EntenteError([self.diagnostic(loc, message, help, key=key)])
