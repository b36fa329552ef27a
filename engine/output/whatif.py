"""`entente whatif` reports: the changes against the baseline, a sweep and its tipping points."""

from __future__ import annotations

from ..analysis.compare import FindingChanges
from ..analysis.whatif import WhatIf
from ..values import inert, written
from .json_out import dumps


def change_lines(changes: list[FindingChanges], names: dict[str, str]) -> list[str]:
    lines = []
    for c in changes:
        parts = [f"+{f.id} ({f.severity})" for f in c.added] + [f"-{f.id} ({f.severity})" for f in c.removed]
        parts += [f"~{i} ({a} -> {b})" for i, a, b in c.severity]
        lines.append(f"{names[c.label]}: " + (", ".join(parts) if parts else "no change"))
    return lines


def change_json(changes: list[FindingChanges]) -> list[dict]:
    return [
        {
            "partner": c.label,
            "added": [{"id": f.id, "severity": f.severity} for f in c.added],
            "removed": [{"id": f.id, "severity": f.severity} for f in c.removed],
            "severity": [{"id": i, "before": a, "after": b} for i, a, b in c.severity],
        }
        for c in changes
    ]


def render_text(report: WhatIf) -> str:
    names, lines = report.partner_names, []
    if report.changes is not None:
        lines += [f"what if {' '.join('--set ' + a for a in report.assignments)}:"] + [
            f"  {line}" for line in change_lines(report.changes, names)
        ]
    if report.sweep is not None:
        if lines:
            lines.append("")
        lines.append(f"sweep {report.sweep_field} (changes against the baseline):")
        width = max(len(written(v)) for v, _ in report.sweep)
        for value, changes in report.sweep:
            for k, line in enumerate(change_lines(changes, names)):
                lines.append(f"  {written(value) if k == 0 else '':<{width}}  {line}")
        tipping = report.tipping_points
        lines.append("tipping points:" if tipping else "tipping points: none (no value changes the findings)")
        lines += [
            f"  {t.id} ({t.severity}) for {names[t.partner]} appears at: {', '.join(map(written, t.appears_at))}"
            for t in tipping
        ]
    return inert("\n".join(lines)) + "\n"


def render_json(report: WhatIf) -> str:
    return dumps(as_data(report))


def as_data(report: WhatIf) -> dict:
    """The report as JSON data (`entente whatif --format json`, the API's what-if)."""
    out: dict = {
        "proposal": report.proposal,
        "baseline": [{"partner": a.partner, "findings": [f.id for f in a.findings]} for a in report.baseline],
    }
    if report.changes is not None:
        out["set"] = list(report.assignments)
        out["changes"] = change_json(report.changes)
    if report.sweep is not None:
        out["sweep"] = {
            "field": report.sweep_field,
            "values": [{"value": v, "changes": change_json(c)} for v, c in report.sweep],
            "tipping_points": [
                {"partner": t.partner, "id": t.id, "severity": t.severity, "appears_at": t.appears_at}
                for t in report.tipping_points
            ],
        }
    return out
