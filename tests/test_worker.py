"""The long-lived isolated worker (engine/runtime/worker.py): values, errors, crashes and time limits."""

from __future__ import annotations

import os
import signal
import time

import pytest

from engine.errors import Diagnostic, EntenteError
from engine.runtime.worker import Worker, WorkerCrashed, WorkerTimeout


class Located(EntenteError):
    pass


def add(state, a, b):
    return state + a + b


def pid(state):
    return os.getpid()


def refuse(state, message):
    raise Located([Diagnostic("body", 3, 5, message, "help line")])


def fail(state):
    raise KeyError("missing")


def segfault(state):
    os.kill(os.getpid(), signal.SIGSEGV)


def sleep(state, seconds):
    time.sleep(seconds)


@pytest.fixture
def worker():
    w = Worker(100)
    w.start()
    yield w
    w.stop()


def test_a_call_runs_in_the_worker_with_its_state(worker):
    assert worker.call(add, 1, 2) == 103
    assert worker.call(pid) == worker.pid
    assert worker.pid != os.getpid()


def test_an_entente_error_comes_back_with_its_class_and_diagnostics(worker):
    with pytest.raises(Located) as caught:
        worker.call(refuse, "bad value")
    assert caught.value.diagnostics == (Diagnostic("body", 3, 5, "bad value", "help line"),)


def test_another_exception_comes_back_as_raised(worker):
    with pytest.raises(KeyError, match="missing"):
        worker.call(fail)
    assert worker.call(add, 0, 0) == 100  # the worker lives on


def test_a_crash_fails_its_call_and_the_next_call_gets_a_new_worker(worker):
    first = worker.pid
    with pytest.raises(WorkerCrashed, match="killed by SIGSEGV"):
        worker.call(segfault)
    assert worker.call(add, 1, 1) == 102
    assert worker.pid != first
    assert worker.started == 2


def test_a_call_past_its_time_limit_kills_the_worker(worker):
    first = worker.pid
    started = time.monotonic()
    with pytest.raises(WorkerTimeout, match=r"no answer within 0\.5 s"):
        worker.call(sleep, 30, timeout=0.5)
    assert time.monotonic() - started < 10
    assert worker.call(add, 2, 2) == 104
    assert worker.pid != first
