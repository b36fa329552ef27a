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
from dataclasses import dataclass
from pathlib import Path

from ..core.engine import Engine, Options
from ..errors import flag_error
from ..io.folders import is_folder
from ..model.situation import Situation
from .compare import FindingChanges, compare_findings


@dataclass(frozen=True)
class Subject:
    """One situation to evaluate under both packs: a case, or an example against one partner."""

    label: str
    situation: Situation
    options: Options


def base_pack_dir(base: str, policies: Path, workdir: Path) -> Path:
    """The base pack: ``base`` itself when it is a folder, else the pack at git revision ``base``.

    The revision is resolved to a commit first, never handed to git as an argument it could read as an
    option (``--base '--output=FILE'`` made `git archive` write FILE)."""
    as_dir = Path(base)
    if is_folder(as_dir):
        return as_dir
    policies = policies.resolve()
    try:
        if base.startswith("-"):
            raise ValueError("a revision does not start with '-'")
        top = _git(["-C", str(policies), "rev-parse", "--show-toplevel"]).decode().strip()
        commit = _git(["-C", top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"])
        rel = policies.relative_to(Path(top).resolve()).as_posix()
        archive = _git(["-C", top, "archive", "--format=tar", commit.decode().strip(), "--", rel])
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or (
            b"no such revision" if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        )
        detail = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else str(detail).strip()
        raise flag_error(
            "--base",
            f"'{base}' is neither a folder nor a git revision of the "
            f"policy pack" + (f" ({detail.splitlines()[-1]})" if detail else ""),
            "pass a folder holding a policy pack, or a revision such as HEAD~1",
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
