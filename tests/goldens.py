"""Golden files that show real changes: the pack digest and engine version are scrubbed.

A policy edit changes the pack's digest and every output that records it; a golden file holds
``<pack>``, ``<version>`` and ``<the pack's policies>`` (the list a note's record gives) in their
place, so a policy edit changes only the lines it really changes. ``ENTENTE_UPDATE_GOLDEN=1``
rewrites a golden file from the current output.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from engine import __version__

UPDATE = os.environ.get("ENTENTE_UPDATE_GOLDEN") == "1"


_DIGEST = re.compile(r"(policy pack |\"policy_pack\": \")[0-9a-f]{12}")
_POLICIES = re.compile(r"^(- Policies evaluated: ).*$", re.M)


def scrub(text: str, pack) -> str:
    """``text`` with the pack digest, the list of policies a note's record gives, and the engine version
    replaced by placeholders (whichever pack made the text: a README example may predate a policy edit)."""
    for form in (pack.digest, pack.digest[:12]):
        text = text.replace(form, "<pack>")
    text = _DIGEST.sub(r"\1<pack>", text)
    text = _POLICIES.sub(r"\1<the pack's policies>", text)
    return text.replace(f"entente {__version__}", "entente <version>").replace(
        f'"engine_version": "{__version__}"', '"engine_version": "<version>"'
    )


def matches_golden(path: Path, actual: str, pack) -> bool:
    """Whether ``actual``, scrubbed, is the golden file's text (rewritten first under ENTENTE_UPDATE_GOLDEN=1)."""
    text = scrub(actual, pack)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8") == text
