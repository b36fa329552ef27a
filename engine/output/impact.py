"""`entente diff` reports: what a policy change does to every case and example (text, JSON, Markdown)."""

from __future__ import annotations

from typing import Any

from ..analysis.compare import FindingChanges
from ..analysis.impact import summary
from ..values import inert


def _rows(c: FindingChanges) -> list[tuple[str, str, Any, Any]]:
    """(change, id, before-or-severity, after-or-message) for every change of one subject."""
    return (
        [("added", f.id, f.severity, f.message) for f in c.added]
        + [("removed", f.id, f.severity, f.message) for f in c.removed]
        + [("severity", i, a, b) for i, a, b in c.severity]
        + [("message", i, a, b) for i, a, b in c.message]
    )


def _totals(s: dict[str, int]) -> str:
    return (
        f"{s['added']} findings added, {s['removed']} removed, {s['severity']} changed severity, "
        f"{s['message']} changed message"
    )


def render_text(changes: list[FindingChanges]) -> str:
    lines = []
    shown = {
        "added": "  + {0} ({1}): {2}",
        "removed": "  - {0} ({1}): {2}",
        "severity": "  ~ {0} severity {1} -> {2}",
        "message": "  ~ {0} message: {1} -> {2}",
    }
    for c in changes:
        if not c.empty():
            lines.append(c.label)
            lines += [shown[kind].format(fid, a, b) for kind, fid, a, b in _rows(c)]
    s = summary(changes)
    lines.append(f"{s['changed']} of {s['subjects']} cases and examples changed: {_totals(s)}")
    return inert("\n".join(lines) + "\n")  # labels and messages are the user's text


def render_markdown(changes: list[FindingChanges], title: str = "Policy impact") -> str:
    s = summary(changes)
    lines = [
        f"## {title}",
        "",
        f"**{s['changed']} of {s['subjects']}** cases and examples changed: {_totals(s)}.",
        "",
    ]
    changed = [c for c in changes if not c.empty()]
    if changed:
        lines += ["| case | change | finding | detail |", "| --- | --- | --- | --- |"]
        for c in changed:
            for kind, fid, a, b in _rows(c):
                finding = f"`{fid}`" + (f" ({a})" if kind in ("added", "removed") else "")
                detail = f"{a} \u2192 {b}" if kind == "severity" else _md(b)
                lines.append(f"| {_md(c.label)} | {kind} | {finding} | {detail} |")
    return inert("\n".join(lines) + "\n")  # labels and messages are the user's text


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_json(changes: list[FindingChanges]) -> dict:
    return {
        "summary": summary(changes),
        "changes": [
            {
                "case": c.label,
                "added": [{"id": f.id, "severity": f.severity, "message": f.message} for f in c.added],
                "removed": [{"id": f.id, "severity": f.severity, "message": f.message} for f in c.removed],
                "severity": [{"id": i, "before": a, "after": b} for i, a, b in c.severity],
                "message": [{"id": i, "before": a, "after": b} for i, a, b in c.message],
            }
            for c in changes
            if not c.empty()
        ],
    }


def render_json(changes: list[FindingChanges]) -> str:
    from .json_out import dumps

    return dumps(as_json(changes))
