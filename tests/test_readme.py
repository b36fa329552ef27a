"""The README shows real output: every complete `$ entente ...` block matches what entente prints."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT
from tests.goldens import scrub


def test_readme_output_blocks_are_current(pack):
    """Current up to the pack digest and version (a policy edit does not make the README stale by itself)."""
    spec = importlib.util.spec_from_file_location("sync_readme", ROOT / "docs" / "sync_readme.py")
    sync = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sync)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(sync.BLOCK.findall(text)) >= 2
    assert scrub(sync.synced(text), pack) == scrub(text, pack), (
        "README output is stale: run .venv/bin/python docs/sync_readme.py"
    )


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("make vet ") for line in head)
    assert any(line.startswith("make test ") for line in head)
