"""`entente diff` and `entente profiles diff`: what a change to the pack or the library does to every case
and example.

For a pack change, both versions of the pack evaluate the same situations (every case, every example
against its partners); for a library change, one pack evaluates the situations each library gives.
Per situation it reports findings added, removed, or changed in severity or message. The base is a
folder, or a git revision of the repository holding the pack or the library.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

import msgspec

from ..core.engine import Engine, Options
from ..errors import flag_error
from ..io.folders import is_folder
from ..model.situation import Situation
from .compare import FindingChanges, compare_findings


class Subject(msgspec.Struct, frozen=True):
    """One situation to evaluate under both packs: a case, or an example against one partner."""

    label: str
    situation: Situation
    options: Options
    new: str = ""  # the base has no such situation, and why (a library change: a profile only the head has)


def base_pack_dir(base: str, policies: Path, workdir: Path) -> Path:
    """The base pack: ``base`` itself when it is a folder, else the pack at git revision ``base``."""
    return base_dir(base, policies, workdir, "policy pack")


def base_dir(base: str, folder: Path, workdir: Path, what: str) -> Path:
    """``base`` itself when it is a folder, else ``folder`` (a ``what``) as it was at git revision ``base``.

    The revision is resolved to a commit first, never handed to git as an argument it could read as an
    option (``--base '--output=FILE'`` made `git archive` write FILE)."""
    as_dir = Path(base)
    if is_folder(as_dir):
        return as_dir
    folder = folder.resolve()
    try:
        if base.startswith("-"):
            raise ValueError("a revision does not start with '-'")
        top = _git(["-C", str(folder), "rev-parse", "--show-toplevel"]).decode().strip()
        commit = _git(["-C", top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"])
        rel = folder.relative_to(Path(top).resolve()).as_posix()
        archive = _git(["-C", top, "archive", "--format=tar", commit.decode().strip(), "--", rel])
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or (
            b"no such revision" if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        )
        detail = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else str(detail).strip()
        raise flag_error(
            "--base",
            f"'{base}' is neither a folder nor a git revision of the {what}"
            + (f" ({detail.splitlines()[-1]})" if detail else ""),
            f"pass a folder holding a {what}, or a revision such as HEAD~1",
        ) from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / rel


def _git(args: list[str]) -> bytes:
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


def compare(subjects: list[Subject], base: Engine, head: Engine) -> list[FindingChanges]:
    """Per subject, what the head pack changes against the base pack."""
    return [
        compare_findings(
            subject.label,
            base.assess_situation(subject.situation, subject.options).findings,
            head.assess_situation(subject.situation, subject.options).findings,
        )
        for subject in subjects
    ]


def compare_situations(base: list[Subject], head: list[Subject], engine: Engine) -> list[FindingChanges]:
    """Per subject, what its head situation changes against the base one of the same label, under one pack (a
    library change): head subjects in order, then those only the base has. A subject the base lacks, or marks
    ``new``, had no findings; one the head lacks has none."""
    before, labels = {s.label: s for s in base}, {s.label for s in head}
    changes = []
    for subject in head:
        old = before.get(subject.label)
        new = subject.new or (old.new if old else "the base has no such situation")
        found = [] if new else engine.assess_situation(old.situation, old.options).findings
        label = f"{subject.label} (new: {new})" if new else subject.label
        changes.append(
            compare_findings(label, found, engine.assess_situation(subject.situation, subject.options).findings)
        )
    for subject in base:
        if subject.label not in labels and not subject.new:
            found = engine.assess_situation(subject.situation, subject.options).findings
            changes.append(
                compare_findings(f"{subject.label} (gone: the library in use has no such situation)", found, [])
            )
    return changes


def summary(changes: list[FindingChanges]) -> dict[str, int]:
    return {
        "subjects": len(changes),
        "changed": sum(not c.empty() for c in changes),
        "added": sum(len(c.added) for c in changes),
        "removed": sum(len(c.removed) for c in changes),
        "severity": sum(len(c.severity) for c in changes),
        "message": sum(len(c.message) for c in changes),
    }


def temporary_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="entente-diff-")
