"""`entente profiles diff` reports: the library's changed facts, and the findings they change (text, JSON, Markdown)."""

from __future__ import annotations

import msgspec

from ..analysis.compare import FindingChanges
from ..analysis.library_diff import LISTED, ItemChanges, LibraryChanges
from ..values import inert
from . import impact
from .json_out import dumps


class LibraryDiff(msgspec.Struct, frozen=True):
    facts: LibraryChanges
    findings: list[FindingChanges]


def _rows(c: ItemChanges) -> list[tuple[str, str, str, str]]:
    """(mark, key, before, after) for every change of one partner or forum."""
    return (
        [("~", k, a, b) for k, a, b in c.changed]
        + [("+", k, "", v) for k, v in c.added]
        + [("-", k, v, "") for k, v in c.removed]
    )


def _line(mark: str, key: str, before: str, after: str) -> str:
    if mark == "~":
        return f"  ~ {key}: {before} -> {after}"
    value = after or before
    return f"  {mark} {key}" + ("" if value == LISTED else f": {value}")


def summary_line(d: LibraryChanges) -> str:
    counts = [
        f"{kind}s: {len(d.added[kind])} added, {len(d.removed[kind])} removed, "
        f"{sum(c.kind == kind for c in d.changed)} changed"
        for kind in ("partner", "forum")
    ]
    facts = sum(c.count() for c in d.changed)
    return f"{'; '.join(counts)}; {facts} fact{'s' if facts != 1 else ''} changed"


def _added_and_removed(d: LibraryChanges) -> list[str]:
    return [
        f"{kind}s {word}: {', '.join(ids)}"
        for kind in ("partner", "forum")
        for word, ids in (("added", d.added[kind]), ("removed", d.removed[kind]))
        if ids
    ]


def render_text(report: LibraryDiff) -> str:
    d = report.facts
    lines = [f"Profile library: base {d.base} -> the library in use"]
    if _added_and_removed(d):
        lines += ["", *_added_and_removed(d)]
    for c in d.changed:
        lines += ["", f"{c.id} ({c.kind})", *(_line(*row) for row in _rows(c))]
    lines += ["", summary_line(d), "", "Findings on every case and example", ""]
    return inert("\n".join(lines)) + "\n" + impact.render_text(report.findings)


def render_markdown(report: LibraryDiff) -> str:
    d = report.facts
    lines = ["## Library changes", "", f"Base: {d.base}. **{summary_line(d)}.**"]
    if _added_and_removed(d):
        lines += ["", *(f"- {line}" for line in _added_and_removed(d))]
    if d.changed:
        lines += ["", "| profile | change | fact | before | after |", "| --- | --- | --- | --- | --- |"]
        marks = {"~": "changed", "+": "added", "-": "removed"}
        for c in d.changed:
            for mark, key, before, after in _rows(c):
                cells = [f"`{c.id}`", marks[mark], f"`{key}`", _md(before), _md(after)]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + impact.render_markdown(report.findings, "Findings impact")


def _md(text: str) -> str:
    return "" if text == LISTED else text.replace("|", "\\|").replace("\n", " ")


def render_json(report: LibraryDiff) -> str:
    d = report.facts
    return dumps(
        {
            "base": d.base,
            "added": d.added,
            "removed": d.removed,
            "changed": [
                {
                    "kind": c.kind,
                    "id": c.id,
                    "facts": [
                        {"fact": key, "change": {"~": "changed", "+": "added", "-": "removed"}[mark]}
                        | ({"before": before} if mark != "+" else {})
                        | ({"after": after} if mark != "-" else {})
                        for mark, key, before, after in _rows(c)
                    ],
                }
                for c in d.changed
            ],
            "summary": summary_line(d),
            "findings": impact.as_json(report.findings),
        }
    )
