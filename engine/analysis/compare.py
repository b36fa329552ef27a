"""One way to compare two sets of findings (what-if against its baseline, a pack against its base)."""

from __future__ import annotations

import msgspec

from ..core.results import Finding


class FindingChanges(msgspec.Struct):
    """What changed between two assessments of one subject (a partner, a case, an example)."""

    label: str
    added: list[Finding] = msgspec.field(default_factory=list)
    removed: list[Finding] = msgspec.field(default_factory=list)
    severity: list[tuple[str, str, str]] = msgspec.field(default_factory=list)  # id, before, after
    message: list[tuple[str, str, str]] = msgspec.field(default_factory=list)  # id, before, after

    def empty(self, *, messages: bool = True) -> bool:
        return not (self.added or self.removed or self.severity or (messages and self.message))


def compare_findings(label: str, before: list[Finding], after: list[Finding]) -> FindingChanges:
    """Findings added, removed, or changed in severity or message, each list in the findings' own order
    (highest severity first, then id)."""
    old, new = {f.id: f for f in before}, {f.id: f for f in after}
    change = FindingChanges(label)
    change.added = [f for f in after if f.id not in old]
    change.removed = [f for f in before if f.id not in new]
    for f in before:
        if f.id in new:
            if new[f.id].severity != f.severity:
                change.severity.append((f.id, f.severity, new[f.id].severity))
            if new[f.id].message != f.message:
                change.message.append((f.id, f.message, new[f.id].message))
    return change


def compare_results(before, after) -> list[FindingChanges]:
    """Two results of one proposal (a recorded assessment and its re-run): per partner, and for the forum
    itself, what changed; a partner only one of them assessed counts as all added or all removed."""
    old = {a.partner: a.findings for a in before.assessments}
    new = {a.partner: a.findings for a in after.assessments}
    partners = list(dict.fromkeys([*old, *new]))
    changes = [compare_findings(p, old.get(p, []), new.get(p, [])) for p in partners]
    if before.forum_findings or after.forum_findings:
        changes.append(compare_findings("(forum)", list(before.forum_findings), list(after.forum_findings)))
    return changes
