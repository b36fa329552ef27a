"""A bounded, exact memo of verdicts: what durable_rules fired for a record it has already evaluated.

Identical records give identical verdicts: the rules are pure functions of the record. Batches over
partners, what-if sweeps, suggestion searches and live edits present the same records again and again
(a stream of 226 assessments of the shipped examples holds 67 distinct records), so the evaluator
keeps what the core said for each record it evaluated, and asks the core only about records it has
not seen (docs/benchmarks.md).

- **Exact**: a record's key is its ``marshal`` serialisation (field names, values and their types:
  ``True`` and ``1``, ``[1]`` and ``(1,)`` are different keys), so two records share a key only when
  they are equal field by field, type by type. Records that are equal but serialise differently
  (fields in another order) only miss the memo; no record ever gets another record's verdict.
- **Bounded**: at most ``max_bytes`` of keys (and a fixed allowance per entry) are kept; the least
  recently used entries go first.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from typing import Any

ENTRY_BYTES = 200  # what an entry costs beyond its key: the dict slot, the key object, the verdict set
DEFAULT_BYTES = 4 << 20


def record_key(record: Mapping[str, Any]) -> bytes | None:
    """The exact key of a flat record (None when a value is not plain data: such a record is not memoised)."""
    try:
        return marshal.dumps(record, 2)  # version 2: no back-references, the same record gives the same bytes
    except ValueError:
        return None


class VerdictMemo:
    """record key -> the rules that fired, least recently used first out, at most ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._verdicts: dict[bytes, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._verdicts)

    def get(self, key: bytes | None) -> frozenset[str] | None:
        if key is None:
            return None
        verdict = self._verdicts.pop(key, None)
        if verdict is not None:
            self._verdicts[key] = verdict  # most recently used now
        return verdict

    def put(self, key: bytes | None, verdict: frozenset[str]) -> None:
        if key is None or key in self._verdicts:
            return
        size = len(key) + ENTRY_BYTES
        if size > self.max_bytes:
            return
        while self.bytes + size > self.max_bytes:
            oldest = next(iter(self._verdicts))
            del self._verdicts[oldest]
            self.bytes -= len(oldest) + ENTRY_BYTES
        self._verdicts[key] = verdict
        self.bytes += size

    def clear(self) -> None:
        self._verdicts.clear()
        self.bytes = 0
