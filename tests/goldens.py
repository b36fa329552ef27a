"""Golden files that show real changes: the pack digest and engine version are scrubbed.

A policy edit changes the pack's digest and every output that records it; a golden file holds
``<pack>`` and ``<version>`` in their place, so a policy edit changes only the lines it really
changes. ``ENTENTE_UPDATE_GOLDEN=1`` rewrites a golden file from the current output.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine import __version__

UPDATE = os.environ.get("ENTENTE_UPDATE_GOLDEN") == "1"


def scrub(text: str, digest: str) -> str:
    """``text`` with the pack digest (full or short) and the engine version replaced by placeholders."""
    for form in (digest, digest[:12]):
        text = text.replace(form, "<pack>")
    return text.replace(f"entente {__version__}", "entente <version>").replace(
        f'"engine_version": "{__version__}"', '"engine_version": "<version>"'
    )


def matches_golden(path: Path, actual: str, digest: str) -> bool:
    """Whether ``actual``, scrubbed, is the golden file's text (rewritten first under ENTENTE_UPDATE_GOLDEN=1)."""
    text = scrub(actual, digest)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8") == text
