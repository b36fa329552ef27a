"""The house configuration: entente.toml (or [tool.entente] in pyproject.toml) sets marking, drafter, paper,
annexes, the maximum profile age and the library paths once; flags win over it, and it wins over the
defaults. Its errors are located like any input's."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import POLICIES, PROFILES, ROOT

CONDITIONED = ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"


def entente_in(folder, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line run from ``folder`` (where it looks for the house configuration)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("ENTENTE_CONFIG", "ENTENTE_PROFILES")}
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "--policies", str(POLICIES), *args],
        cwd=folder,
        env={**environment, "ENTENTE_TODAY": "2026-11-24", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


HOUSE = 'marking = "OFFICIAL-SENSITIVE"\ndrafter = "A. Analyst"\nannexes = "none"\nmax_profile_age = 90\n'


def test_the_file_sets_what_the_flags_leave_and_the_flags_win(tmp_path):
    (tmp_path / "entente.toml").write_text(HOUSE)
    nested = tmp_path / "briefs" / "2026"
    nested.mkdir(parents=True)  # found from a folder below it
    md = entente_in(nested, "brief", str(CONDITIONED)).stdout
    assert md.startswith("**OFFICIAL-SENSITIVE**\n")
    assert "2026-11-24 · Drafted by: A. Analyst · Cleared by: not yet cleared\n" in md
    assert "## Annex" not in md  # annexes = "none"
    flags = entente_in(nested, "brief", str(CONDITIONED), "--marking", "SECRET", "--annexes", "context").stdout
    assert flags.startswith("**SECRET**\n") and "## Annex A: Partner context" in flags
    assert "Drafted by: A. Analyst" in flags  # what no flag set still comes from the file


def test_max_profile_age_from_the_file_makes_profiles_stale(tmp_path):
    (tmp_path / "entente.toml").write_text("max_profile_age = 90\n")
    vet = entente_in(tmp_path, "vet", str(CONDITIONED), "--fail-on", "none")
    assert "warning: profile 'vietnam' is stale: as_of 2026-06-30 is more than 90 days before 2026-11-24" in vet.stderr
    flag = entente_in(tmp_path, "vet", str(CONDITIONED), "--fail-on", "none", "--max-age", "365")
    assert "stale" not in flag.stderr


def test_pyproject_table_and_paths_relative_to_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "office"\n\n[tool.entente]\nmarking = "DRAFT - HOUSE"\nprofiles = "{PROFILES}"\n'
    )
    shown = entente_in(tmp_path, "config").stdout.splitlines()
    assert shown[0] == f"configuration file  {tmp_path / 'pyproject.toml'}"
    assert f"marking             DRAFT - HOUSE  ({tmp_path / 'pyproject.toml'}:5)" in shown
    assert "paper               A4  (default)" in shown
    assert any(line.startswith("profiles") and f"{tmp_path / 'pyproject.toml'}:6" in line for line in shown)


def test_an_explicit_file_no_config_and_the_environment(tmp_path):
    (tmp_path / "entente.toml").write_text('marking = "FROM THE FOLDER"\n')
    other = tmp_path / "office.toml"
    other.write_text('marking = "FROM --config"\n')
    assert entente_in(tmp_path, "--config", str(other), "brief", str(CONDITIONED)).stdout.startswith(
        "**FROM --config**"
    )
    via_env = entente_in(tmp_path, "brief", str(CONDITIONED), env={"ENTENTE_CONFIG": str(other)})
    assert via_env.stdout.startswith("**FROM --config**")
    assert entente_in(tmp_path, "--no-config", "brief", str(CONDITIONED)).stdout.startswith("**DRAFT**")
    missing = entente_in(tmp_path, "--config", str(tmp_path / "nope.toml"), "check")
    assert (missing.returncode, missing.stderr) == (
        2,
        f"--config: no configuration file at {tmp_path / 'nope.toml'}\n"
        "  help: name an existing entente.toml, or drop the option\n1 error\n",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'markng = "X"\npaper = "A5"\nmax_profile_age = 0\n',
            "entente.toml:1:1: unknown key 'markng' in a house configuration\n"
            "  help: did you mean 'marking'?\n"
            "entente.toml:2:9: paper: unknown value 'A5'\n"
            "  help: expected one of: A4, Letter\n"
            "entente.toml:3:19: max_profile_age: 0 is out of range (input should be greater than or equal to 1)\n"
            "  help: use a number at least 1\n"
            "3 errors in 1 file\n",
        ),
        (
            'marking = "unclosed\n',
            "entente.toml:1:20: TOML syntax error: Illegal character '\\n'\n"
            "  help: see https://toml.io for the syntax\n1 error in 1 file\n",
        ),
        (
            'annexes = "all"\n[notes]\nx = 1\n',
            "entente.toml:1:11: annexes: unknown value 'all'\n"
            "  help: expected one of: context, full, none\n"
            "entente.toml:2:1: unknown key 'notes' in a house configuration\n"
            "  help: expected one of: annexes, cleared, drafter, marking, max_profile_age, paper, policies, profiles\n"
            "2 errors in 1 file\n",
        ),
    ],
    ids=["every-problem-at-once", "syntax", "a-table-it-does-not-know"],
)
def test_a_bad_configuration_is_located_and_stops_the_run(tmp_path, text, expected):
    (tmp_path / "entente.toml").write_text(text)
    result = entente_in(tmp_path, "check")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == expected.replace("entente.toml", str(tmp_path / "entente.toml"))
