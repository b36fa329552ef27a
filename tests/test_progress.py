"""The batch progress bar: on a terminal only, and only once the work has taken a second."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from engine.runtime.progress import Progress

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeBar:
    def __init__(self, log: list):
        self.log = log

    def __enter__(self):
        self.log.append("shown")
        return self

    def update(self, n: int) -> None:
        self.log.append(n)

    def __exit__(self, *exc) -> None:
        self.log.append("closed")


def test_the_bar_shows_only_after_a_second_and_catches_up():
    now, log = [0.0], []
    with Progress(10, "vetting", stream=Terminal(), clock=lambda: now[0], make_bar=lambda: FakeBar(log)) as p:
        p.update(1)
        now[0] = 0.9
        p.update(1)
        assert log == []  # under a second: nothing on the screen
        now[0] = 1.2
        p.update(1)
        p.update(2)
    assert log == ["shown", 3, 2, "closed"]


def test_a_fast_batch_never_shows_a_bar():
    log = []
    with Progress(3, "vetting", stream=Terminal(), clock=lambda: 0.0, make_bar=lambda: FakeBar(log)) as p:
        for _ in range(3):
            p.update(1)
    assert log == []


def test_no_bar_when_output_is_not_a_terminal():
    now, log = [0.0], []
    with Progress(2, "vetting", stream=io.StringIO(), clock=lambda: now[0], make_bar=lambda: FakeBar(log)) as p:
        now[0] = 5.0
        p.update(2)
    assert log == [] and p.done == 2


def test_the_real_bar_draws_on_a_terminal():
    stream = Terminal()
    now = [0.0]
    with Progress(4, "vetting", stream=stream, clock=lambda: now[0]) as p:
        now[0] = 2.0
        p.update(4)
    assert "vetting" in stream.getvalue() and "100%" in stream.getvalue()


def test_a_quick_batch_on_a_terminal_prints_no_bar():
    """End to end, with stderr on a pseudo-terminal: four examples take well under a second."""
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "vet",
            "examples",
            "--jobs",
            "1",
            "--format",
            "jsonl",
            "--today",
            "2025-11-24",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "80"},
    )
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 4096):
            seen += chunk
    except OSError:  # the terminal closed
        pass
    os.close(leader)
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 7  # a line per assessment and forum finding
    assert b"vetting" not in seen
