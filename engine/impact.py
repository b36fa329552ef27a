"""`entente diff`: what a change to the policy pack does to every case and example.

Both versions of the pack evaluate the same situations (every case, every example against
its partners); per situation it reports findings added, removed, or changed in severity or
message. The base is a folder holding a pack, or a git revision of this repository.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .assess import Engine, Options
from .errors import Diagnostic, EntenteError
from .facts import Situation


@dataclass(frozen=True)
class Subject:
    """One situation to evaluate under both packs: a case, or an example against one partner."""

    label: str
    situation: Situation
    options: Options


@dataclass
class Change:
    label: str
    added: list[tuple[str, str, str]] = field(default_factory=list)  # id, severity, message
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    severity: list[tuple[str, str, str]] = field(default_factory=list)  # id, before, after
    message: list[tuple[str, str, str]] = field(default_factory=list)  # id, before, after

    def empty(self) -> bool:
        return not (self.added or self.removed or self.severity or self.message)


def base_pack_dir(base: str, policies: Path, workdir: Path) -> Path:
    """The base pack: ``base`` itself when it is a folder, else the pack at git revision ``base``."""
    as_dir = Path(base)
    if as_dir.is_dir():
        return as_dir
    policies = policies.resolve()
    try:
        top = subprocess.run(["git", "-C", str(policies), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        rel = policies.relative_to(Path(top).resolve()).as_posix()
        archive = subprocess.run(["git", "-C", top, "archive", "--format=tar", base, "--", rel], capture_output=True,
                                 check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        detail = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else str(detail).strip()
        raise EntenteError([Diagnostic("--base", 0, 0, f"'{base}' is neither a folder nor a git revision of the "
                                       f"policy pack" + (f" ({detail.splitlines()[-1]})" if detail else ""),
                                       "pass a folder holding a policy pack, or a revision such as HEAD~1")]) from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / rel


def findings_of(engine: Engine, subject: Subject) -> dict[str, tuple[str, str]]:
    assessment = engine.assess_situation(subject.situation, subject.options)
    return {f.id: (f.severity, f.message) for f in assessment.findings}


def compare(subjects: list[Subject], base: Engine, head: Engine) -> list[Change]:
    changes = []
    for subject in subjects:
        before, after = findings_of(base, subject), findings_of(head, subject)
        change = Change(subject.label)
        for fid in sorted(set(after) - set(before)):
            change.added.append((fid, *after[fid]))
        for fid in sorted(set(before) - set(after)):
            change.removed.append((fid, *before[fid]))
        for fid in sorted(set(before) & set(after)):
            if before[fid][0] != after[fid][0]:
                change.severity.append((fid, before[fid][0], after[fid][0]))
            if before[fid][1] != after[fid][1]:
                change.message.append((fid, before[fid][1], after[fid][1]))
        changes.append(change)
    return changes


def summary(changes: list[Change]) -> dict[str, int]:
    return {"subjects": len(changes), "changed": sum(not c.empty() for c in changes),
            "added": sum(len(c.added) for c in changes), "removed": sum(len(c.removed) for c in changes),
            "severity": sum(len(c.severity) for c in changes), "message": sum(len(c.message) for c in changes)}


def render_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        if c.empty():
            continue
        lines.append(c.label)
        lines += [f"  + {fid} ({sev}): {msg}" for fid, sev, msg in c.added]
        lines += [f"  - {fid} ({sev}): {msg}" for fid, sev, msg in c.removed]
        lines += [f"  ~ {fid} severity {a} -> {b}" for fid, a, b in c.severity]
        lines += [f"  ~ {fid} message: {a} -> {b}" for fid, a, b in c.message]
    s = summary(changes)
    lines.append(f"{s['changed']} of {s['subjects']} cases and examples changed: {s['added']} findings added, "
                 f"{s['removed']} removed, {s['severity']} changed severity, {s['message']} changed message")
    return "\n".join(lines) + "\n"


def render_markdown(changes: list[Change]) -> str:
    s = summary(changes)
    lines = ["## Policy impact", "",
             f"**{s['changed']} of {s['subjects']}** cases and examples changed: {s['added']} findings added, "
             f"{s['removed']} removed, {s['severity']} changed severity, {s['message']} changed message.", ""]
    changed = [c for c in changes if not c.empty()]
    if changed:
        lines += ["| case | change | finding | detail |", "| --- | --- | --- | --- |"]
        for c in changed:
            label = _md(c.label)
            lines += [f"| {label} | added | `{fid}` ({sev}) | {_md(msg)} |" for fid, sev, msg in c.added]
            lines += [f"| {label} | removed | `{fid}` ({sev}) | {_md(msg)} |" for fid, sev, msg in c.removed]
            lines += [f"| {label} | severity | `{fid}` | {a} \u2192 {b} |" for fid, a, b in c.severity]
            lines += [f"| {label} | message | `{fid}` | {_md(b)} |" for fid, a, b in c.message]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_json(changes: list[Change]) -> dict:
    return {"summary": summary(changes), "changes": [
        {"case": c.label,
         "added": [{"id": i, "severity": s, "message": m} for i, s, m in c.added],
         "removed": [{"id": i, "severity": s, "message": m} for i, s, m in c.removed],
         "severity": [{"id": i, "before": a, "after": b} for i, a, b in c.severity],
         "message": [{"id": i, "before": a, "after": b} for i, a, b in c.message]}
        for c in changes if not c.empty()]}


def temporary_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="entente-diff-")
