"""Run many evaluations in worker processes, so a crash of the C core costs one input, not the run.

durable_rules is a C extension with known segfaults (docs/durable-rules.md). A batch (several
proposals, a corpus of cases) is evaluated by forked worker processes that inherit the compiled
engine. Each worker is handed a small chunk of inputs at a time (so a large batch does not pay a
round trip per input) and sends back one result per input as it goes. A worker that dies takes
only the input it was evaluating with it: that input is reported as failed, the rest of its
chunk goes back in the queue, a new worker is started, and the batch goes on. A worker that dies
between two chunks (killed from outside) costs the first input of the chunk it was handed, the
same way: a lost worker is always reported, never a silent end of the run. Results come back in
the order of the inputs, whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

import msgspec


class Crashed(msgspec.Struct, frozen=True):
    """An input whose evaluation killed its worker process."""

    index: int
    reason: str


class Raised(msgspec.Struct, frozen=True):
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

    def give(self, pending: list[int], workers: int) -> bool:
        """Hand the worker the next chunk of ``pending`` (a stack: the next input is last); False when the
        worker is gone (it died after its last result, before this chunk reached it)."""
        size = max(1, min(MAX_CHUNK, len(pending) // (2 * workers)))
        self.outstanding = [pending.pop() for _ in range(min(size, len(pending)))]
        try:
            self.conn.send(self.outstanding)
        except OSError:  # a broken pipe: the worker died between two chunks
            return False
        return True

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
    return _Batch(func, items, jobs, progress).run()


class _Batch:
    """The workers of one :func:`run_isolated` call, the inputs still to hand out, and the results."""

    def __init__(
        self, func: Callable[[Any], Any], items: Sequence[Any], jobs: int, progress: Callable[[int], None] | None
    ):
        self.ctx = multiprocessing.get_context("fork")
        self.func, self.items, self.progress = func, items, progress or (lambda n: None)
        self.results: list[Any] = [None] * len(items)
        self.pending = list(range(len(items)))[::-1]
        self.slots = [_Slot(self.ctx, func, items) for _ in range(max(1, min(jobs, len(items))))]

    def run(self) -> list[Any]:
        try:
            busy = {}
            for slot in list(self.slots):
                slot = self.next_chunk(slot)
                if slot.outstanding:
                    busy[slot.conn] = slot
            while busy:
                for conn in wait(list(busy)):
                    slot = self.receive(busy.pop(conn))
                    if not slot.outstanding:
                        slot = self.next_chunk(slot)
                    if slot.outstanding:
                        busy[slot.conn] = slot
        finally:
            for slot in self.slots:
                slot.stop()
        return self.results

    def receive(self, slot: _Slot) -> _Slot:
        """One result from ``slot``, or a new worker in its place if it died."""
        try:
            index, ok, value = slot.conn.recv()
        except (EOFError, OSError):  # the worker died while evaluating its first outstanding input
            return self.replace(slot)
        slot.outstanding.remove(index)
        self.results[index] = value if ok else Raised(index, value)
        self.progress(1)
        return slot

    def next_chunk(self, slot: _Slot) -> _Slot:
        """Hand ``slot`` its next chunk; a worker found dead is replaced, and costs that chunk's first input."""
        while self.pending and not slot.give(self.pending, len(self.slots)):
            slot = self.replace(slot)
        return slot

    def replace(self, slot: _Slot) -> _Slot:
        """A worker died: the input it was given first is lost, the rest of its chunk goes back first."""
        slot.process.join()
        if slot.outstanding:
            lost = slot.outstanding.pop(0)
            self.results[lost] = Crashed(lost, describe_exit(slot.process.exitcode))
            self.pending.extend(reversed(slot.outstanding))
            self.progress(1)
        slot.conn.close()
        fresh = _Slot(self.ctx, self.func, self.items)
        self.slots[self.slots.index(slot)] = fresh
        return fresh


MAX_JOBS_PER_CORE = 4


def max_jobs() -> int:
    """The most worker processes a batch starts: 4 per core (more only adds processes, file descriptors
    and memory; durable_rules never releases the GIL, so each worker is one core's work)."""
    return MAX_JOBS_PER_CORE * (os.cpu_count() or 1)


def worker_count(jobs: int | None) -> int:
    """--jobs N, or 0 for one per core; at most :func:`max_jobs` (a larger N is clamped to it)."""
    if jobs is None or jobs < 0:
        return 1
    return min(jobs or (os.cpu_count() or 1), max_jobs())
