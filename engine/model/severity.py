"""The two ordered scales of a finding: severity (how bad the risk is) and confidence (how sure the data is)."""

from __future__ import annotations

SEVERITIES = ("info", "low", "medium", "high", "critical")  # ordered, lowest first (part of the output contract)
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
CONFIDENCES = ("low", "medium", "high")


def by_severity(severity: str) -> int:
    """Sort key: highest severity first."""
    return -SEVERITY_ORDER[severity]
