"""The bad-input corpus: every file under tests/fixtures/invalid/ gives exactly the output in its .err file.

Each .err holds `exit: N` and then everything entente printed. Kinds, by folder:
partners/ and forums/ (`entente check FILE`), proposals/ (`entente vet FILE`), policies/ (added
to a copy of the shipped pack, then `entente check`), vocabulary/ (replacing the pack's
vocabulary.yaml), cases/ (`entente test FILE`), waivers/ (`entente vet EXAMPLE --waivers FILE`). After an intended change, regenerate with
ENTENTE_UPDATE_GOLDEN=1 and review every changed .err.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import POLICIES, PROFILES, ROOT
from tests.goldens import matches_golden

CORPUS = ROOT / "tests" / "fixtures" / "invalid"
FIXTURES = sorted(CORPUS.glob("*/*.yaml"))


def output_for(path: Path, tmp_path: Path) -> str:
    kind = path.parent.name
    rel = str(path.relative_to(ROOT))
    policies = POLICIES
    if kind in ("policies", "vocabulary", "parties"):
        policies = tmp_path / "pack"
        shutil.copytree(POLICIES, policies)
        target = {"vocabulary": policies / "vocabulary.yaml", "parties": policies / "parties.yaml"}.get(
            kind, policies / "zz" / path.name
        )
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
    args = {
        "partners": ["check", rel],
        "forums": ["check", rel],
        "proposals": ["vet", rel, "--today", "2025-11-24"],
        "policies": ["check", str(policies)],
        "vocabulary": ["check", str(policies)],
        "parties": ["check", str(policies)],
        "cases": ["test", rel],
        "waivers": ["vet", "examples/vietnam-supply-chain-conditioned.yaml", "--waivers", rel],
    }[kind]
    # partner and forum files are checked with a library that registers their ids as parties (a user's own)
    profiles = ROOT / "tests" / "fixtures" / "invalid-library" if kind in ("partners", "forums") else PROFILES
    result = CliRunner().invoke(cli, ["--policies", str(policies), "--profiles", str(profiles), *args])
    return f"exit: {result.exit_code}\n" + result.output.replace(str(tmp_path), "<tmp>")


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = {p.parent.name for p in FIXTURES}
    assert kinds == {"partners", "forums", "proposals", "policies", "vocabulary", "parties", "cases", "waivers"}
    assert len(FIXTURES) >= 60


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_input_gives_its_exact_error(path, tmp_path, monkeypatch, pack):
    monkeypatch.chdir(ROOT)
    actual = output_for(path, tmp_path)
    assert matches_golden(path.with_suffix(".err"), actual, pack)
    if path.stem != "bom-and-crlf-load-fine":
        assert actual.startswith("exit: 2\n"), "bad input must exit 2"
        assert "Traceback" not in actual
        located = [
            line
            for line in actual.splitlines()[1:]
            if not line.startswith("  help: ") and ": " in line and not line[0].isdigit()
        ]
        assert located, "every error names where it is"
        assert "\n  help: " in actual, "every error has a help line"


def test_docs_errors_examples_are_real_corpus_output():
    import re

    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*/*.err")).replace(
        "tests/fixtures/invalid/", ""
    )
    blocks = [b for b in re.findall(r"```\n(.*?)\n```", text, re.S) if ".yaml:" in b and "help:" in b]
    assert len(blocks) >= 30
    for block in blocks:
        assert block in corpus, block
