"""Evaluation, serialised per process and isolated from it: one lock around the engine, one forked worker.

durable_rules' C core is not thread-safe and never releases the GIL, so a server process evaluates one
request at a time (``entente serve --workers N`` scales out with processes). It evaluates in a worker
process of its own (engine/runtime/worker.py): a crash of the C core fails the request it was evaluating
(HTTP 500) and the next request gets a fresh worker; a request that waits for the engine or evaluates
past the time limit gets HTTP 503. Requests take their turn in the order they came.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable
from typing import Any

from ..runtime.worker import Worker, WorkerTimeout
from .evaluation import Context


class FairLock:
    """A lock taken in the order it was asked for (a plain lock lets a waiter be passed over again and again,
    which is what makes a loaded server's slowest answers slow)."""

    def __init__(self):
        self._guard = threading.Lock()
        self._waiting: collections.deque[threading.Event] = collections.deque()
        self._held = False

    def acquire(self, timeout: float | None = None) -> bool:
        with self._guard:
            if not self._held and not self._waiting:
                self._held = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn.is_set():  # handed over just as the wait ran out
                return True
            self._waiting.remove(turn)
            return False

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()  # the lock passes to the next in line, still held
            else:
                self._held = False


class Evaluator:
    def __init__(self, context: Context, timeout: float):
        self.worker = Worker(context)
        self.timeout = timeout
        self._lock = FairLock()

    def start(self) -> None:
        self._lock.acquire()
        try:
            self.worker.start()
        finally:
            self._lock.release()

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(context, *args)`` in the worker, after the requests before it (first come, first served)."""
        if not self._lock.acquire(timeout=self.timeout):
            raise WorkerTimeout(f"no turn at the engine within {self.timeout:g} s (the server is busy)")
        try:
            return self.worker.call(func, *args, timeout=self.timeout)
        finally:
            self._lock.release()

    def stop(self) -> None:
        self._lock.acquire()
        try:
            self.worker.stop()
        finally:
            self._lock.release()
