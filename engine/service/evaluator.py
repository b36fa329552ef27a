"""Evaluation, serialised per process and isolated from it: one lock around the engine, one forked worker.

durable_rules' C core is not thread-safe and never releases the GIL, so a server process evaluates one
request at a time (``entente serve --workers N`` scales out with processes). It evaluates in a worker
process of its own (engine/runtime/worker.py): a crash of the C core fails the request it was evaluating
(HTTP 500) and the next request gets a fresh worker; a request that waits for the engine or evaluates
past the time limit gets HTTP 503.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from ..runtime.worker import Worker, WorkerTimeout
from .evaluation import Context


class Evaluator:
    def __init__(self, context: Context, timeout: float):
        self.worker = Worker(context)
        self.timeout = timeout
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            self.worker.start()

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(context, *args)`` in the worker, after the requests before it."""
        if not self._lock.acquire(timeout=self.timeout):
            raise WorkerTimeout(f"no turn at the engine within {self.timeout:g} s (the server is busy)")
        try:
            return self.worker.call(func, *args, timeout=self.timeout)
        finally:
            self._lock.release()

    def stop(self) -> None:
        with self._lock:
            self.worker.stop()
