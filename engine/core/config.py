"""The house configuration: what an office sets once for every note and run.

``entente.toml`` at the root of a policy repository (or a ``[tool.entente]`` table in its
``pyproject.toml``) sets the handling marking, the drafter, the paper, the annexes, the maximum
profile age and the library paths. entente looks for it in the current folder and its parents;
``--config FILE`` (or ``$ENTENTE_CONFIG``) names one, ``--no-config`` ignores it.

Precedence, for every setting: command-line flags, then environment variables (``ENTENTE_POLICIES``,
``ENTENTE_PROFILES``), then the file, then the defaults. Paths in the file are relative to the file.
``entente config`` shows every setting, its value and where it came from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec

from ..errors import fail
from ..io.document import Document, Position

ANNEXES = ("none", "context", "full")  # what a note carries after its body
CONFIG_FILE = "entente.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "entente")
DEFAULTS: dict[str, Any] = {
    "marking": "DRAFT",
    "drafter": None,
    "cleared": None,
    "paper": "A4",
    "annexes": "context",
    "max_profile_age": 365,
    "policies": None,
    "profiles": None,
}


class House(msgspec.Struct, frozen=True):
    """The house configuration in force: its values and where each came from (the file's key position)."""

    path: Path | None = None
    values: dict[str, Any] = msgspec.field(default_factory=dict)
    where: dict[str, str] = msgspec.field(default_factory=dict)  # setting -> "entente.toml:3"

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def path_setting(self, name: str) -> Path | None:
        """A path setting, relative to the file's folder."""
        value = self.values.get(name)
        return None if value is None or self.path is None else self.path.parent / value

    def path_list(self, name: str) -> list[Path]:
        """A setting of one path or a list of them, each relative to the file's folder."""
        value = self.values.get(name)
        if value is None or self.path is None:
            return []
        return [self.path.parent / v for v in ([value] if isinstance(value, str) else value)]


def find_config(start: Path) -> Path | None:
    """The nearest entente.toml, or pyproject.toml with a [tool.entente] table, from ``start`` upwards."""
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and re.search(r"(?m)^\s*\[tool\.entente\]\s*$", _read(pyproject)):
            return pyproject
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(str(path), f"cannot read the configuration: {getattr(exc, 'strerror', None) or exc}") from None


def load_house(path: Path) -> House:
    """Read and validate a house configuration; every problem located, all at once."""
    import tomllib  # only when there is a file (a cold run without one does not import it)

    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, str(exc)) from None
    in_pyproject = path.name == PYPROJECT
    table = data.get("tool", {}).get("entente", {}) if in_pyproject else data
    doc = _document(path, text, table, "tool.entente" if in_pyproject else None)
    from ..model.house import HouseConfig  # the models are imported only when there is a file to check
    from ..model.validate import validate

    spec = validate(doc, HouseConfig, None, "a house configuration")
    values = spec.model_dump(exclude_none=True)
    where = {k: f"{path}:{doc.position((k,), key=True).line}" for k in values}
    return House(path, values, where)


def _syntax_error(path: Path, message: str):
    m = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    line, col = (int(m[1]), int(m[2])) if m else (1, 1)
    what = message[: m.start()].strip() if m else message
    return fail(str(path), f"TOML syntax error: {what}", "see https://toml.io for the syntax", line, col)


def _document(path: Path, text: str, table: Any, header: str | None) -> Document:
    """The table as a document whose keys and values carry their line and column in the file."""
    keys, values = {}, {}
    current = None
    for n, line in enumerate(text.splitlines(), start=1):
        head = re.match(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$", line)
        if head:
            current = head[1]
            if header is None:  # a table inside entente.toml: located at its header
                keys.setdefault((current.split(".")[0],), Position(n, 1))
            continue
        m = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=\s*", line)
        if m and current == header:
            keys[(m[2],)] = Position(n, len(m[1]) + 1)
            values[(m[2],)] = Position(n, m.end() + 1)
    start = Position(1, 1)
    values[()] = start
    return Document(str(path), table if isinstance(table, dict) else {}, values, keys, text)
