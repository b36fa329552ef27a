"""Mutation mode: the suite as mutmut must run it (scripts/mutation.py; `make mutation`).

mutmut sets ``MUTANT_UNDER_TEST`` ("stats" while it records which tests reach which function, then the
mutant's name). It runs for each mutant only the tests that called the mutated function during its stats
pass, and it records a call for the test that is running when it happens. So in this mode nothing the
engine computes is shared between tests: no session-wide pack or engine (tests/conftest.py makes those
fixtures per test), no engine memo per pack digest, no library lru cache, no compiled pack from the on-disk
cache (parsed YAML still is: the parser is not mutated), and the regression cases load their pack, library and file again for each case
file while mutmut records who calls what (a mutant's own run collects them under the mutant already). A
mutant that breaks collection (a case file that no longer loads) counts as killed, not as interrupted.
Cases run by ``run_cases`` run in this process, not in worker processes, whose calls mutmut never
sees. In a normal run none of this applies, and the suite keeps its shared, compiled-once pack.
"""

from __future__ import annotations

import os
import tempfile

import pytest

ACTIVE = "MUTANT_UNDER_TEST" in os.environ
RECORDING = os.environ.get("MUTANT_UNDER_TEST") == "stats"  # mutmut's pass that records who calls what
if ACTIVE:
    # Parsed YAML (engine/io, never mutated) is cached in one folder for every mutant's run: parsing is most
    # of a run's time. A compiled pack is never taken from the cache (below): each run compiles its own.
    os.environ["ENTENTE_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), f"entente-mutation-cache-{os.getuid()}")
    from engine.io import cache

    cache.PACKS.get = lambda name: None
    cache.PACKS.put = lambda name, entry: None
    # Property-based tests draw fewer examples (tests/conftest.py's "mutation" profile): a surviving mutant
    # runs every test that reaches it, and the generated inputs were most of that time.
    os.environ.setdefault("HYPOTHESIS_PROFILE", "mutation")


def forget_engine_state() -> None:
    """Drop every engine, profile and listing this process has kept from an earlier test."""
    from engine.core import engine, library

    engine._ENGINES.clear()
    library._ids_listed.cache_clear()
    library._load_cached.cache_clear()


def run_in_this_process(func, items, jobs=1, progress=None):
    """``run_isolated`` without worker processes: each value returned, or a ``Raised`` for an exception."""
    from engine.runtime.batch import Raised

    results = []
    for index, item in enumerate(items):
        try:
            results.append(func(item))
        except Exception as exc:
            results.append(Raised(index, exc))
        if progress is not None:
            progress(1)
    return results


@pytest.fixture(autouse=ACTIVE)
def fresh_engine_state(monkeypatch):
    """In mutation mode, before each test: no engine state kept, and cases run in this process."""
    forget_engine_state()
    monkeypatch.setattr("engine.testing.runner.run_isolated", run_in_this_process)


_LOADED_FOR: list = []  # the case file whose pack, library and cases were loaded last (mutation mode)


def pytest_runtest_setup(item) -> None:
    """While mutmut records who calls what, the first case run from a case file loads the pack, the library
    and the file again, so that the calls are counted for that case (collection's are counted for the first
    test alone)."""
    from engine.testing import plugin

    if not RECORDING or not isinstance(item, plugin.CaseItem):
        return
    if _LOADED_FOR[:1] != [item.path]:
        from engine.testing.load import load_case_file

        forget_engine_state()
        plugin._STATE.clear()
        context = plugin._context(item.config)
        loaded = load_case_file(item.path, context["pack"], context["library"])
        _LOADED_FOR[:] = [item.path]
        _LOADED_FOR.append({case.name: case for case in loaded.cases})
    item.case = _LOADED_FOR[1][item.case.name]


def pytest_sessionfinish(session, exitstatus) -> None:
    """In mutation mode, errors during collection (the mutant broke loading a case file or a test module) are
    a failure, which mutmut counts as a kill; pytest would report them as an interruption."""
    if ACTIVE and exitstatus == pytest.ExitCode.INTERRUPTED and session.testsfailed:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items) -> None:
    """In a mutant's run, its tests fastest first (as long as mutmut's pass timed them): the first failure
    ends the run, so a killed mutant is found early."""
    import json
    from pathlib import Path

    timed = Path("mutmut-stats.json")
    if not ACTIVE or RECORDING or not timed.is_file():
        return
    duration = json.loads(timed.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: duration.get(item.nodeid, 0.0))
