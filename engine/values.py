"""The one value formatter, and the one date parser, every stage uses.

Two ways to show a value:

- :func:`written`: as a policy file or a command line writes it: ``true``/``false``, ``[a, b]``
  (explanations, evidence, what-if values, coverage gaps);
- :func:`prose`: as a sentence says it: ``yes``/``no``, ``a, b and c``, ``none`` for an empty
  list (finding messages, notes).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any


def written(value: Any) -> str:
    """A value as a policy file writes it: true/false, [a, b]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def prose(value: Any) -> str:
    """A value as a sentence says it: yes/no; a list as 'a, b and c' ('none' when empty)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if not items:
            return "none"
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return str(value)


def words(term: str) -> str:
    """A snake_case term as words: 'supply_chains' -> 'supply chains'."""
    return term.replace("_", " ")


DATE_HELP = "write the date as YYYY-MM-DD"


def iso_date(value: Any) -> dt.date:
    """A calendar date written YYYY-MM-DD; ValueError for anything else (no timestamps, no times)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"'{value}' is not an ISO date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO date") from None


def inert(text: str, keep: str = "\n") -> str:
    """Show control, format (bidi overrides, zero-width) and other invisible characters as escapes
    (but those in ``keep``).

    User text (titles, names, summaries, and the paths and values quoted in error messages) must
    never steer a terminal: no ANSI escape sequences, no right-to-left overrides that reorder what
    the reader sees."""
    if text.isprintable() or text.translate(str.maketrans("", "", keep)).isprintable():
        return text  # nothing to show (a whole note's text at once, not character by character)
    out = []
    for ch in text:
        if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)
