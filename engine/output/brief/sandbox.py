"""Rendering a custom template within a budget: in a child process, with a time, memory and size limit.

Jinja2's sandbox keeps a template away from Python's internals, but not from looping for ever,
recursing without end, or building a string of gigabytes. A custom template (``--template``) is
therefore rendered in a forked child process: it has ``SECONDS`` of wall-clock time, ``MEMORY``
bytes of address space more than the parent had, and may return at most ``MAX_CHARS`` characters.
A template past a limit is an error with exit code 2 (the template is the user's input), never a
hang or a crash. The shipped templates are rendered in-process.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import select
import signal
import time
from collections.abc import Callable

from ...errors import Diagnostic, EntenteError

SECONDS = 10
MEMORY = 512 << 20
MAX_CHARS = 10_000_000


def _limit_passed(limit: str) -> str:
    return {
        "time": f"the template ran for more than {SECONDS} seconds",
        "memory": f"the template needed more than {MEMORY >> 20} MiB of memory",
        "size": f"the template produced more than {MAX_CHARS:,} characters",
        "recursion": "the template recursed too deeply (a macro that calls itself without end?)",
    }[limit]


_HELP = "a note is a few pages: look for a loop, a macro or a repetition that does not end"


def render_confined(path: str, render: Callable[[], str]) -> str:
    """``render()`` in a child process within the limits; its text, or its errors raised here."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, exit without running the parent's cleanup
        os.close(reader)
        try:
            _send(writer, _outcome(render))
        finally:
            os._exit(0)
    os.close(writer)
    try:
        raw = _receive(reader, pid)
    finally:
        os.close(reader)
        _reap(pid)
    outcome = json.loads(raw) if raw else {"limit": "memory"}  # a child that died without a word ran out
    if "text" in outcome:
        return outcome["text"]
    if "diagnostics" in outcome:
        raise EntenteError([Diagnostic(*d) for d in outcome["diagnostics"]])
    if "limit" in outcome:
        raise EntenteError([Diagnostic(path, 0, 0, _limit_passed(outcome["limit"]), _HELP)])
    raise RuntimeError(outcome["internal"])  # a bug: the boundary reports it (exit 3)


def _outcome(render: Callable[[], str]) -> dict:
    try:
        _limit_memory()
        text = render()
        return {"text": text} if len(text) <= MAX_CHARS else {"limit": "size"}
    except EntenteError as exc:
        return {"diagnostics": [[d.path, d.line, d.col, d.message, d.help] for d in exc.diagnostics]}
    except MemoryError:
        return {"limit": "memory"}
    except RecursionError:
        return {"limit": "recursion"}
    except Exception as exc:  # reported to the parent, which raises it as an internal error
        return {"internal": f"{type(exc).__name__}: {exc}"}


def _limit_memory() -> None:
    try:
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: time and size limits still hold
    resource.setrlimit(resource.RLIMIT_AS, (in_use + MEMORY, in_use + MEMORY))


def _send(fd: int, outcome: dict) -> None:
    data = memoryview(json.dumps(outcome).encode("utf-8"))
    while data:
        data = data[os.write(fd, data) :]


def _receive(fd: int, pid: int) -> bytes:
    """Everything the child sends before it exits, or ``{"limit": "time"}`` once SECONDS have passed."""
    chunks, deadline = [], time.monotonic() + SECONDS
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return json.dumps({"limit": "time"}).encode()
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
