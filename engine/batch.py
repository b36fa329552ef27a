"""Run many evaluations in worker processes, so a crash of the C core costs one input, not the run.

durable_rules is a C extension with known segfaults (docs/durable-rules.md). A batch (several
proposals, a corpus of cases) is evaluated by forked worker processes that inherit the compiled
engine. A worker that dies takes only the input it was evaluating with it: that input is
reported as failed, a new worker is started, and the batch goes on. Results come back in the
order of the inputs, whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Sequence


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


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with code {code}"


def _worker(conn: Connection, func: Callable[[Any], Any], items: Sequence[Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        if index is None:
            return
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
        self.current: int | None = None

    def give(self, index: int) -> None:
        self.current = index
        self.conn.send(index)

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_isolated(func: Callable[[Any], Any], items: Sequence[Any], jobs: int = 1,
                 progress: Callable[[int], None] | None = None) -> list[Any]:
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
        for slot in slots:
            if pending:
                slot.give(pending.pop())
        busy = {slot.conn: slot for slot in slots if slot.current is not None}
        while busy:
            for conn in wait(list(busy)):
                slot = busy.pop(conn)
                try:
                    index, ok, value = conn.recv()
                    results[index] = value if ok else Raised(index, value)
                except (EOFError, ConnectionResetError):
                    slot.process.join()
                    results[slot.current] = Crashed(slot.current, _describe_exit(slot.process.exitcode))
                    slot.conn.close()
                    fresh = _Slot(ctx, func, items)
                    slots[slots.index(slot)] = fresh
                    slot = fresh
                slot.current = None
                if progress is not None:
                    progress(1)
                if pending:
                    slot.give(pending.pop())
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
