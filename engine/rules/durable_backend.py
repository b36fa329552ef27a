"""The only module that imports durable_rules.

It drives durable_rules' C core (the ``durable_rules_engine`` extension that ships in the
pinned durable-rules 2.0.28) directly: it registers compiled rulesets and evaluates each fact
record in each ruleset's one session, under a lock, designed around the faults measured in
docs/durable-rules.md:

- no ``Host``: the Host's timer threads crash once several sessions have lived and been
  deleted, and its per-firing Python layer (a ``Closure``, a state update written back as
  JSON, a ``Promise``) cost about 14 µs per rule that fired, more than the matching itself;
  here a firing costs one call into the core and the rule's name;
- a sentinel rule in every ruleset (checked when the evaluator is built), so an action runs
  in every session: deleting a session where no action ran frees uninitialised memory in the
  C core. Should the sentinel ever not run, the evaluation fails loudly, and a session where no
  action ever ran is left alive (one leaked session) rather than crash the process;
- one session per ruleset, kept for the evaluator's life: each record is asserted into it as a fact with
  an id of its own, the actions it started are drained, and the fact is retracted, so the session holds
  nothing between records (a session costs the core more to create and delete than a record costs to
  match: 24.0 against 28.5 µs a record at 14 policies, 133 against 190 µs at 100, docs/benchmarks.md). A
  session where anything failed is deleted (or, if no action ever ran in it, abandoned: deleting it would
  crash) and the next record gets a new one: at most one session a ruleset is ever alive, far under the
  1,024-session limit that corrupts a ruleset;
- versioned ruleset names (a name is never registered twice);
- rulesets of at most 40 rules (the C core caps its evaluation stack per fact);
- actions are drained until the core has none left, so every rule that fired is reported
  (no user callback runs inside the core: nothing can be swallowed);
- one lock around every call: the C core is not thread-safe and never releases the GIL;
- each ruleset is given the record cut down to the fields its rules test, and what the core fired
  for a record it has already seen (or, per ruleset, for the same cut) is kept in a bounded, exact
  memo (engine/rules/verdicts.py): the core evaluates every distinct input once, never a repeat;
- glibc's malloc told to keep the core's per-session blocks on the heap (``mallopt``): its
  adaptive mmap threshold otherwise makes each session's allocations page-fault, and the
  same evaluation costs 52 or 95 µs depending on the process (docs/benchmarks.md).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import durable_rules_engine as _core

from .compile import referenced_fields
from .verdicts import DEFAULT_BYTES, VerdictMemo, encode_record

_names = itertools.count(1)
_OK = 0
_RESULTS = {
    _OK: "no rule matched it",
    1: "the fact matched no pattern",
    2: "an identical fact was already asserted",
    3: "the fact was deferred",
}


# glibc mallopt parameters, and the values that keep a session's blocks on the heap.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_TRIM_BYTES, _MMAP_BYTES = 16 << 20, 1 << 20
_allocator_tuned = False


def tune_allocator() -> bool:
    """Fix glibc's mmap and trim thresholds once per process (unless the user set them with
    ``MALLOC_MMAP_THRESHOLD_`` / ``MALLOC_TRIM_THRESHOLD_``). True when they were set here."""
    global _allocator_tuned
    if _allocator_tuned or "MALLOC_MMAP_THRESHOLD_" in os.environ or "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return False
    _allocator_tuned = True
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
            return False
    except (ValueError, OSError, AttributeError):  # not glibc, or not a POSIX system
        return False
    import ctypes

    libc = ctypes.CDLL(None)
    return bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)) & bool(libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES))


class DurableError(RuntimeError):
    """durable_rules refused a fact or did not run the sentinel rule."""


class DurableEvaluator:
    """Evaluates fact records against compiled rulesets; returns the names of the rules that fired.

    ``memo_bytes`` bounds the memo of verdicts (0: none, every record goes to the core); ``evaluations``
    counts what the core evaluated, one per ruleset and distinct input."""

    def __init__(self, rulesets: Iterable[dict[str, dict[str, Any]]], sentinel: str, memo_bytes: int = DEFAULT_BYTES):
        self._lock = threading.Lock()
        self._sentinel = sentinel
        self._ids = itertools.count(1)  # the id of each fact asserted, and of each session opened
        self._handles: list[int] = []
        self._live: dict[int, str] = {}  # ruleset handle -> its session, once a rule ran in it
        self._fields: list[tuple[str, ...]] = []  # per ruleset, the record fields its rules test
        self._rule_names: set[str] = set()
        self.evaluations = 0
        tune_allocator()
        with self._lock:
            for ruleset in rulesets:
                if sentinel not in ruleset:
                    raise ValueError(
                        f"every ruleset needs the sentinel rule {sentinel!r}: durable_rules "
                        "crashes deleting a session where no rule fired"
                    )
                definition = {name: {k: v for k, v in rule.items() if k != "run"} for name, rule in ruleset.items()}
                self._rule_names.update(definition)
                self._fields.append(tuple(sorted(referenced_fields([definition]))))
                self._handles.append(_core.create_ruleset(f"entente_{next(_names)}", json.dumps(definition)))
        self._memo = VerdictMemo(memo_bytes)  # whole records
        parts = len(self._handles) > 1 and memo_bytes > 0  # one ruleset: its cut is the whole record
        self._part_memos = [VerdictMemo(memo_bytes // len(self._handles)) for _ in self._handles] if parts else None

    def close(self) -> None:
        """Unload the rulesets from the core (an evaluator is otherwise kept for the life of the process)."""
        with self._lock:
            for handle, sid in self._live.items():
                _core.delete_state(handle, sid)
            for handle in self._handles:
                _core.delete_ruleset(handle)
            self._handles, self._live = [], {}

    def live_sessions(self) -> dict[int, str]:
        """Each ruleset's session in the core (its handle -> the session id), once a rule has run in it."""
        with self._lock:
            return dict(self._live)

    def forget(self) -> None:
        """Empty the memo of verdicts (the next records go to the core again)."""
        with self._lock:
            for memo in [self._memo, *(self._part_memos or [])]:
                memo.clear()

    def evaluate(self, record: Mapping[str, Any]) -> frozenset[str]:
        """Names of the rules (sentinel excluded) that fire for one fact record."""
        if "sid" in record or "id" in record:
            raise ValueError("a fact record cannot carry 'sid' or 'id': the evaluator sets the session and fact ids")
        encoded = encode_record(record)  # what the core is given, and the key of its verdict
        with self._lock:
            fired = self._memo.get(encoded)
            if fired is None:
                fired = self._evaluate(record, encoded)
                self._memo.put(encoded, fired)
        return fired

    def _evaluate(self, record: Mapping[str, Any], encoded: bytes) -> frozenset[str]:
        """Every ruleset's verdict: each given the record cut down to the fields it tests (from the memo
        when that cut was evaluated before)."""
        if self._part_memos is None:
            fired = {name for handle in self._handles for name in self._in_session(handle, encoded.decode())}
        else:
            fired = set()
            for handle, fields, memo in zip(self._handles, self._fields, self._part_memos, strict=True):
                cut = encode_record({f: record[f] for f in fields if f in record})
                verdict = memo.get(cut)
                if verdict is None:
                    verdict = frozenset(self._in_session(handle, cut.decode()))
                    memo.put(cut, verdict)
                fired.update(verdict)
        fired.discard(self._sentinel)
        return frozenset(fired)

    def _in_session(self, handle: int, encoded: str) -> list[str]:
        """The rules one ruleset fires for one encoded record: asserted as a fact into the ruleset's session,
        its actions drained, retracted. Should anything fail, the session is given up (see the module)."""
        number = next(self._ids)
        sid = self._live.get(handle) or str(number)
        body = encoded[1:-1]
        fact = f'{{{body},"sid":"{sid}","id":{number}}}' if body else f'{{"sid":"{sid}","id":{number}}}'
        self.evaluations += 1
        try:
            names = self._fired(handle, fact)
            self._live[handle] = sid  # a rule ran in it: it can be deleted safely from now on
            _core.retract_fact(handle, fact)
        except BaseException:
            if self._live.pop(handle, None) is not None:
                _core.delete_state(handle, sid)
            raise
        if self._sentinel not in names:
            self._live.pop(handle)
            _core.delete_state(handle, sid)
            raise DurableError(f"durable_rules did not run the sentinel rule {self._sentinel!r}")
        return names

    def _fired(self, handle: int, fact: str) -> list[str]:
        """Assert one fact and drain every action the core starts: the names of the rules that fired."""
        code, state = _core.assert_fact(handle, fact)
        started = _core.start_action_for_state(handle, state) if code == _OK else None
        if started is None:
            raise DurableError(
                f"durable_rules ran no rule for a fact record "
                f"({_RESULTS.get(code, f'result code {code}')}); "
                f"the sentinel rule {self._sentinel!r} should always fire"
            )
        names: list[str] = []
        messages = started[1]
        while messages is not None:
            names.append(self._rule_name(messages))
            messages = _core.complete_and_start_action(handle, state)
        return names

    def _rule_name(self, messages: str) -> str:
        """The rule an action belongs to. The core reports ``{"<rule>": {"m": <fact>}}``: the name is
        read off the front rather than parsing the whole fact again, and checked against the rules."""
        end = messages.find('"', 2)
        name = messages[2:end]
        if not messages.startswith('{"') or messages[end : end + 2] != '":' or name not in self._rule_names:
            (name,) = json.loads(messages)  # anything unexpected: parse it properly
        return name


def refusal(rulesets: list[dict[str, dict[str, Any]]], sentinel: str, records: Iterable[dict[str, Any]]) -> str | None:
    """Load ``rulesets`` into the core exactly as evaluation does, evaluate ``records``, unload them: what the
    core said when it refused (its error), or None when it took them (what `entente check` asks)."""
    evaluator = None
    try:
        evaluator = DurableEvaluator(rulesets, sentinel)
        for record in records:
            evaluator.evaluate(record)
    except (_core.error, DurableError, MemoryError, ValueError) as exc:
        return str(exc)
    finally:
        if evaluator is not None:
            evaluator.close()
    return None
