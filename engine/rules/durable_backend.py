"""The only module that imports durable_rules.

It registers compiled rulesets on a Host without timer threads and evaluates one fact
record per session, under a lock, designed around the faults measured in
docs/durable-rules.md:

- a Host subclass whose ``_run`` does nothing: the default Host's timer threads crash
  once several sessions have lived and been deleted;
- a sentinel rule in every ruleset, so some action fires in every session: deleting a
  session where nothing fired is a use of uninitialised memory in the C core;
- a fresh session id per assessment, deleted in ``finally``: at most one session is ever
  alive, far under the 1,024-session limit that corrupts a ruleset;
- deep copies of the definitions (durable mutates them) and versioned ruleset names
  (a name can never be registered twice);
- rulesets of at most 40 rules (the C core caps its evaluation stack per fact);
- callbacks that only record the rule name (durable swallows callback exceptions);
- one lock around every call: the C core is not thread-safe.
"""

from __future__ import annotations

import copy
import itertools
import threading
from typing import Any, Iterable

import durable.engine as _durable

_names = itertools.count(1)


class _NoTimerHost(_durable.Host):
    """A durable_rules Host that starts no background timer threads."""

    def _run(self) -> None:  # noqa: D401 - the override is the point
        return None


class DurableEvaluator:
    """Evaluates fact records against compiled rulesets; returns the names of the rules that fired."""

    def __init__(self, rulesets: Iterable[dict[str, dict[str, Any]]], sentinel: str):
        self._lock = threading.Lock()
        self._sentinel = sentinel
        self._fired: dict[str, list[str]] = {}
        self._host = _NoTimerHost()
        self._names: list[str] = []
        self._sessions = itertools.count(1)
        definitions = {}
        for ruleset in rulesets:
            name = f"entente_{next(_names)}"
            definition = copy.deepcopy(ruleset)
            for rule_name, rule in definition.items():
                rule["run"] = self._recorder(rule_name)
            definitions[name] = definition
            self._names.append(name)
        with self._lock:
            self._host.set_rulesets(definitions)

    def _recorder(self, rule_name: str):
        def record(c) -> None:
            try:
                self._fired[c.s.sid].append(rule_name)
            except Exception:  # durable swallows exceptions; never let one escape into its core
                pass

        return record

    def evaluate(self, record: dict[str, Any]) -> set[str]:
        """Names of the rules (sentinel excluded) that fire for one fact record."""
        fired: set[str] = set()
        with self._lock:
            for name in self._names:
                sid = str(next(self._sessions))
                self._fired[sid] = []
                try:
                    self._host.assert_fact(name, dict(record, sid=sid))
                finally:
                    self._host.delete_state(name, sid)
                    hits = self._fired.pop(sid)
                if self._sentinel not in hits:
                    raise RuntimeError(f"durable_rules did not run the sentinel rule in ruleset {name}")
                fired.update(h for h in hits if h != self._sentinel)
        return fired
