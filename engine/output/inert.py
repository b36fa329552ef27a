"""Text that cannot steer a terminal: control and invisible characters shown as escapes."""

from __future__ import annotations

import unicodedata


def inert(text: str) -> str:
    """Show control, format (bidi overrides, zero-width) and other invisible characters as escapes.

    User text (titles, names, summaries) must never steer a terminal: no ANSI escape sequences,
    no right-to-left overrides that reorder what the reader sees."""
    out = []
    for ch in text:
        if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)
