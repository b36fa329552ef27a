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


def render_lines(results: list[Result]) -> str:
    """JSON Lines: one assessment per line, in the order of the proposals and their partners."""
    lines = []
    for r in results:
        head = {"schema_version": r.schema_version, "proposal": r.proposal, "title": r.title,
                "engine_version": r.engine_version, "policy_pack": r.policy_pack}
        for a in r.assessments:
            lines.append(json.dumps({**head, "assessment": a.model_dump(mode="json")}, ensure_ascii=False,
                                    separators=(",", ":")))
    return "".join(line + "\n" for line in lines)
