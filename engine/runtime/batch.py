"""Run many evaluations in worker processes, so a crash of the C core costs one input, not the run.

durable_rules is a C extension with known segfaults (docs/durable-rules.md). A batch (several
proposals, a corpus of cases) is evaluated by forked worker processes that inherit the compiled
engine. Each worker is handed a small chunk of inputs at a time (so a large batch does not pay a
round trip per input) and sends back one result per input as it goes. A worker that dies takes
only the input it was evaluating with it: that input is reported as failed, the rest of its
chunk goes back in the queue, a new worker is started, and the batch goes on. Results come back
in the order of the inputs, whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any


@dataclass(frozen=True)
class Crashed:
    """An input whose evaluation killed its worker process."""

    index: int
    reason: str


@dataclass(frozen=True)
class Raised:
    """An input whose evaluation raised an exception (passed back to be handled by the caller)."""

    index: int
    error: BaseException


def describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with code {code}"


MAX_CHUNK = 64


def _worker(conn: Connection, func: Callable[[Any], Any], items: Sequence[Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index in chunk:
            try:
                conn.send((index, True, func(items[index])))
            except BaseException as exc:  # sent back to the parent, which decides
                conn.send((index, False, exc))


class _Slot:
    def __init__(self, ctx, func, items):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.process = ctx.Process(target=_worker, args=(child, func, items), daemon=True)
        self.process.start()
        child.close()
        self.outstanding: list[int] = []  # handed to the worker, no result yet, in order

    def give(self, pending: list[int], workers: int) -> None:
        """Hand the worker the next chunk of ``pending`` (a stack: the next input is last)."""
        size = max(1, min(MAX_CHUNK, len(pending) // (2 * workers)))
        self.outstanding = [pending.pop() for _ in range(min(size, len(pending)))]
        self.conn.send(self.outstanding)

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_isolated(
    func: Callable[[Any], Any], items: Sequence[Any], jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[Any]:
    """``[func(item) for item in items]``, evaluated in ``jobs`` worker processes.

    Each element of the result is the value returned, a :class:`Raised` when ``func`` raised,
    or a :class:`Crashed` when the worker died while evaluating that item.
    """
    if not items:
        return []
    ctx = multiprocessing.get_context("fork")
    results: list[Any] = [None] * len(items)
    pending = list(range(len(items)))[::-1]
    slots = [_Slot(ctx, func, items) for _ in range(max(1, min(jobs, len(items))))]
    try:
        busy = {}
        for slot in slots:
            if pending:
                slot.give(pending, len(slots))
                busy[slot.conn] = slot
        while busy:
            for conn in wait(list(busy)):
                slot = busy.pop(conn)
                try:
                    index, ok, value = conn.recv()
                    slot.outstanding.remove(index)
                    results[index] = value if ok else Raised(index, value)
                except (EOFError, ConnectionResetError):
                    slot.process.join()
                    lost = slot.outstanding.pop(0)
                    results[lost] = Crashed(lost, describe_exit(slot.process.exitcode))
                    pending.extend(reversed(slot.outstanding))  # the rest of its chunk goes back first
                    slot.conn.close()
                    fresh = _Slot(ctx, func, items)
                    slots[slots.index(slot)] = fresh
                    slot = fresh
                if progress is not None:
                    progress(1)
                if not slot.outstanding and pending:
                    slot.give(pending, len(slots))
                if slot.outstanding:
                    busy[slot.conn] = slot
    finally:
        for slot in slots:
            slot.stop()
    return results


def worker_count(jobs: int | None) -> int:
    """--jobs N, or 0 for one per core."""
    if jobs is None or jobs < 0:
        return 1
    return jobs or (os.cpu_count() or 1)
