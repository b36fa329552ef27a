"""One long-lived forked worker process that runs calls one at a time: a crash costs the call it was running.

The service evaluates every request in such a worker (engine/service/evaluator.py): the C core of
durable_rules has known segfaults (docs/durable-rules.md), and a segfault in the server process
would take every request in flight with it. The worker is forked from a process that holds the
compiled engine but has never evaluated with it, so it inherits the engine ready to use; calls
go over a pipe (a module-level function, its arguments and its value are pickled). When the worker
dies during a call, that call raises :class:`WorkerCrashed` and the next call forks a new worker;
when a call runs past its time limit, the worker is killed and the call raises :class:`WorkerTimeout`.

Calls are not thread-safe: the caller serialises them (the service holds one lock around the engine).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..errors import EntenteError
from .batch import describe_exit


class WorkerCrashed(Exception):
    """The worker process died while it ran the call (a segfault of the C core, a kill)."""


class WorkerTimeout(Exception):
    """The call ran past its time limit; the worker was killed."""


def _serve(conn: Connection, state: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        func, args = call
        try:
            reply = ("ok", func(state, *args))
        except EntenteError as exc:  # its class and diagnostics, which pickle (the exception's own args do not)
            reply = ("entente", (type(exc), list(exc.diagnostics)))
        except Exception as exc:  # passed back to the caller, which decides
            reply = ("raised", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # a value that does not pickle is the caller's bug: say so, do not die
            conn.send(("raised", RuntimeError(f"the worker's reply could not be sent: {type(exc).__name__}: {exc}")))


class Worker:
    """A forked process that calls ``func(state, *args)`` for the caller, one call at a time."""

    def __init__(self, state: Any = None):
        self.state = state
        self._ctx = multiprocessing.get_context("fork")
        self._process = None
        self._conn: Connection | None = None
        self.started = 0  # how many worker processes were forked (1 + the crashes and timeouts)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def start(self) -> None:
        """Fork the worker now (before the caller starts threads), unless one is running."""
        if self._process is not None and self._process.is_alive():
            return
        self._discard()
        parent, child = self._ctx.Pipe()
        self._process = self._ctx.Process(target=_serve, args=(child, self.state), daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        self.started += 1

    def call(self, func: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """``func(state, *args)`` in the worker: its value, or the exception it raised, or
        :class:`WorkerCrashed` / :class:`WorkerTimeout`."""
        self.start()
        conn = self._conn
        try:
            conn.send((func, args))
            if not conn.poll(timeout):
                self._kill()
                raise WorkerTimeout(f"no answer within {timeout:g} s")
            kind, value = conn.recv()
        except (EOFError, ConnectionResetError, BrokenPipeError):
            self._process.join(timeout=5)
            reason = describe_exit(self._process.exitcode)
            self._discard()
            raise WorkerCrashed(reason) from None
        if kind == "ok":
            return value
        if kind == "entente":
            error_class, diagnostics = value
            raise error_class(diagnostics)
        raise value

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._discard()

    def _discard(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
        self._conn = None
        self._process = None

    def stop(self) -> None:
        """Ask the worker to finish, and kill it if it does not within 5 seconds."""
        if self._process is None:
            return
        with contextlib.suppress(BrokenPipeError, OSError):
            self._conn.send(None)
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._discard()
