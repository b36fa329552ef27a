"""A bounded, exact memo of verdicts: what durable_rules fired for a record it has already evaluated.

Identical records give identical verdicts: the rules are pure functions of the record. Batches over
partners, what-if sweeps, suggestion searches and live edits present the same records again and again
(a stream of 226 assessments of the shipped examples holds 67 distinct records), so the evaluator
keeps what the core said for each record it evaluated, and asks the core only about records it has
not seen (docs/benchmarks.md).

- **Exact**: a record's key is the very JSON the core is given for it (:func:`encode_record`), and the
  core's verdict is a function of that text: two records share a key only when the core could not tell
  them apart (``true`` and ``1``, ``1`` and ``1.0``, ``"1"`` and ``1`` are different keys; a list and a
  tuple of the same items are the same JSON). Records that are equal but encode differently (fields in
  another order) only miss the memo; no record ever gets another record's verdict.
- **Bounded**: at most ``max_bytes`` of keys (and a fixed allowance per entry) are kept; the least
  recently used entries go first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson

ENTRY_BYTES = 200  # what an entry costs beyond its key: the dict slot, the key object, the verdict set
DEFAULT_BYTES = 4 << 20
_json = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode  # records are flat


def encode_record(record: Mapping[str, Any]) -> bytes:
    """A flat record as the core is given it, and its key in the memo: compact JSON, in ASCII (text
    outside ASCII escaped as ``\\uXXXX``, as the rulesets' own JSON is). orjson writes it, six times
    faster than the standard library's encoder for the shipped pack's records; what orjson writes
    differently (text outside ASCII) or refuses (integers past 64 bits) the standard encoder writes.
    Data that is not JSON raises ``TypeError``."""
    try:
        encoded = orjson.dumps(record)
    except TypeError:
        return _json(record).encode()
    return encoded if encoded.isascii() else _json(record).encode()


class VerdictMemo:
    """record key -> the rules that fired, least recently used first out, at most ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._verdicts: dict[bytes, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._verdicts)

    def get(self, key: bytes) -> frozenset[str] | None:
        verdict = self._verdicts.pop(key, None)
        if verdict is not None:
            self._verdicts[key] = verdict  # most recently used now
        return verdict

    def put(self, key: bytes, verdict: frozenset[str]) -> None:
        if key in self._verdicts:
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
