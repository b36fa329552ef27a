"""Property-based fuzzing of whole runs (hypothesis).

Random valid profiles, forums and proposals never raise anything but entente's own errors and
give the same bytes twice; random edits of valid files either still load or exit 2 with
located messages, never a traceback. Default size is CI-friendly; for the long version run
`HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine.cli import cli
from tests.conftest import POLICIES, PROFILES, ROOT
from tests.strategies import forums, partners, proposals

LOCATED = re.compile(r"^\S.*:\d+:\d+: \S|^--?\w[\w-]*: \S")


def invoke(args, profiles):
    return CliRunner().invoke(cli, ["--policies", str(POLICIES), "--profiles", str(profiles), *args])


def library(tmp: Path, partner: dict, forum: dict | None):
    (tmp / "partners").mkdir(parents=True, exist_ok=True)
    (tmp / "forums").mkdir(exist_ok=True)
    (tmp / "parties.yaml").write_text("parties: {testland: {name: Testland}}\n")  # the library's own party
    (tmp / "partners" / "testland.yaml").write_text(json.dumps(partner))
    if forum is not None:
        (tmp / "forums" / "forum1.yaml").write_text(json.dumps(forum))


@given(partner=partners(), forum=forums(), proposal=proposals())
def test_random_valid_inputs_run_cleanly_and_deterministically(tmp_path_factory, partner, forum, proposal):
    tmp = tmp_path_factory.mktemp("fuzz")
    library(tmp, partner, forum)
    if forum is not None:
        proposal = {**proposal, "forum": "forum1"}
    (tmp / "move.yaml").write_text(json.dumps(proposal))
    args = ["vet", str(tmp / "move.yaml"), "--format", "json", "--today", "2025-11-24"]
    first, second = invoke(args, tmp), invoke(args, tmp)
    assert first.exit_code in (0, 1), first.output
    assert first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert [a["partner"] for a in doc["assessments"]] == ["testland"]


SOURCES = [
    ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml",
    ROOT / "examples" / "india-russia-sanctions.yaml",
    PROFILES / "partners" / "vietnam.yaml",
    PROFILES / "forums" / "quad.yaml",
]
NOISE = st.sampled_from(
    [
        ":",
        "-",
        "[",
        "]",
        "{",
        "}",
        "\t",
        '"',
        "'",
        "&a",
        "*a",
        "!",
        "#",
        "|",
        ">",
        "\x00",
        "\u202e",
        " ",
        "\n",
        "yes",
        "null",
        "1e9",
        "<<",
        "%",
        "@",
        "~",
        "é",
    ]
)


@st.composite
def edits(draw):
    source = draw(st.sampled_from(SOURCES))
    text = source.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "replace-word"]))
        if action == "insert":
            text = text[:pos] + draw(NOISE) + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 12)) :]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            text = "".join(lines[: i + 1] + lines[i : i + 1] + lines[i + 1 :])
        else:
            words = re.findall(r"[a-z_]{4,}", text)
            if words:
                word = draw(st.sampled_from(words))
                text = text.replace(word, word[:-1], 1)
    return source, text


@given(edit=edits())
def test_random_edits_of_valid_files_never_crash(tmp_path_factory, edit):
    source, text = edit
    tmp = tmp_path_factory.mktemp("edit")
    kind = source.parent.name
    target = tmp / kind / source.name if kind in ("partners", "forums") else tmp / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    args = ["check", str(target)] if kind in ("partners", "forums") else ["vet", str(target), "--today", "2025-11-24"]
    result = invoke(args, PROFILES)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        lines = result.output.rstrip("\n").splitlines()
        errors = [line for line in lines[:-1] if not line.startswith("  help: ")]
        assert errors and all(LOCATED.match(line) for line in errors), result.output
        assert all(lines[i + 1].startswith("  help: ") for i, line in enumerate(lines[:-1]) if line in errors)
        assert re.fullmatch(r"\d+ errors?( in \d+ files?)?", lines[-1])
