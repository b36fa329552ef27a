"""JSON output: the documented schema, stable key order, same bytes for the same input."""

from __future__ import annotations

import json
from typing import Any

from ..assess import Result


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(results: list[Result]) -> str:
    """One document for one proposal; a list of documents for several."""
    docs = [r.model_dump(mode="json") for r in results]
    return dumps(docs[0] if len(docs) == 1 else docs)
