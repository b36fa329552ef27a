"""Helpers of the environment tests: the command in-process and in a process of its own, and `nobody`."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import POLICIES, PROFILES, ROOT
from tests.conftest import entente as in_process

EXAMPLES = ROOT / "examples"
RINGFENCED = EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"
CONDITIONED = EXAMPLES / "vietnam-supply-chain-conditioned.yaml"
# a batch of three one-partner proposals, in the order vet reports them
THREE_PROPOSALS = [
    str(EXAMPLES / n)
    for n in (
        "india-russia-sanctions.yaml",
        "vietnam-supply-chain-conditioned.yaml",
        "vietnam-supply-chain-ringfenced.yaml",
    )
]
ENTENTE = [sys.executable, "-m", "engine.cli"]  # this checkout's code, in a process of its own


def run(*args: str, policies: Path | None = None, profiles: Path | None = None):
    """The command line in-process on the suite's pack and library (tests/conftest.py), or on these."""
    return in_process(*args, policies=policies or POLICIES, profiles=profiles or PROFILES)


def entente(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The installed command in its own process (real file descriptors), from the repository root."""
    env = {**os.environ, "ENTENTE_TODAY": "2025-11-24", **kwargs.pop("env", {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([*ENTENTE, *args], cwd=ROOT, env=env, text=True, timeout=timeout, **streams)


def report_of(*args: str) -> str:
    return run(*args).stdout


@contextlib.contextmanager
def as_nobody():
    """Run the block with the effective uid and gid of `nobody`, so that file permissions apply (root
    bypasses them). Everything the block imports must be imported before (/root is private)."""
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def run_as_nobody(*args: str, policies: Path | None = None, profiles: Path | None = None):
    """``run(*args)`` as root first (to import all it needs, and to show it works), then as `nobody`."""
    options = ["--policies", str(policies or POLICIES), "--profiles", str(profiles or PROFILES)]
    assert CliRunner().invoke(cli, [*options, *args]).exit_code == 0
    with as_nobody():
        return CliRunner(env={"ENTENTE_NO_CACHE": "1"}).invoke(cli, [*options, *args])


def library_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROFILES, tmp_path / "profiles"))


def pack_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(POLICIES, tmp_path / "pack"))
