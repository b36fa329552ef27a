"""JSON output: the documented schema, stable key order, same bytes for the same input."""

from __future__ import annotations

import json
from typing import Any

from ..core.results import Result, data


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(results: list[Result]) -> str:
    """One document for one proposal; a list of documents for several."""
    docs = [data(r) for r in results]
    return dumps(docs[0] if len(docs) == 1 else docs)


def render_lines(results: list[Result]) -> str:
    """JSON Lines: one assessment per line, in the order of the proposals and their partners (with --explain,
    that partner's explanation), then one line per finding about the forum (``forum_finding``)."""
    lines = []
    for r in results:
        head = {
            "schema_version": r.schema_version,
            "proposal": r.proposal,
            "title": r.title,
            "engine_version": r.engine_version,
            "policy_pack": r.policy_pack,
        }
        explained = {e.partner: e for e in r.explanations or []}
        for a in r.assessments:
            line = {**head, "assessment": data(a)}
            if a.partner in explained:
                line["explanation"] = data(explained[a.partner].policies)
            lines.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        for f in r.forum_findings:
            line = {**head, "forum_finding": data(f)}
            lines.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)


def render_explanations(report) -> str:
    """`entente explain --format json` (an :class:`~engine.core.results.ExplanationReport`)."""
    return dumps(data(report))
