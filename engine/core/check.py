"""`entente check`: validate a policy pack and any profile, forum or proposal files."""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic, EntenteError, gather, raise_if
from ..io import yaml_file
from ..model import Forum, PartnerProfile, Proposal
from ..model.validate import id_mismatch, sourced, validate
from ..model.vocabulary import Vocabulary
from .library import Library, unknown_successor
from .pack import load_pack

KINDS = {
    "partner": (PartnerProfile, "a partner profile"),
    "forum": (Forum, "a forum"),
    "proposal": (Proposal, "a proposal"),
}


def kind_of(path: Path, data) -> str:
    """Which model a file holds: by its folder in the library, else by its keys."""
    parent = path.parent.name
    if parent == "partners":
        return "partner"
    if parent == "forums":
        return "forum"
    if isinstance(data, dict):
        if "title" in data or "partner" in data or "partners" in data:
            return "proposal"
        if "members" in data or "scope" in data:
            return "forum"
    return "partner"


def check_file(path: Path, vocabulary: Vocabulary, forums: list[str] | None = None) -> list[Diagnostic]:
    """The problems of one file; a forum's successor is checked against ``forums`` (the library's) when given."""
    try:
        doc = yaml_file.load(path)
        kind = kind_of(path, doc.data)
        model, what = KINDS[kind]
        item = validate(doc, model, vocabulary, what)
    except EntenteError as exc:
        return list(exc.diagnostics)
    problems = sourced(doc, item) if kind in ("partner", "forum") else []
    problems += unknown_successor(doc, item, forums) if kind == "forum" and forums is not None else []
    if kind in ("partner", "forum") and path.parent.name in ("partners", "forums"):
        problems += id_mismatch(doc, item.id)
    return problems


def check_paths(pack_dirs: list[Path], files: list[Path], layers: list[Path]) -> str:
    """Check everything (files against the first pack, with the parties of the library of ``layers``); raise all
    problems together, or return a one-line report."""
    packs, problems = gather(pack_dirs, load_pack)
    if packs:
        libraries, problems_of_parties = gather([layers], lambda roots: Library.open(roots, packs[0].vocabulary))
        problems += problems_of_parties
        vocabulary = libraries[0].vocabulary if libraries else packs[0].vocabulary
        forums = libraries[0].forum_ids() if libraries else None
        for path in files:
            problems += check_file(path, vocabulary, forums)
    raise_if(problems)
    n_policies = sum(len(p.policies) for p in packs)
    return (
        f"ok: {n_policies} policies in {len(packs)} pack{'s' if len(packs) != 1 else ''}, "
        f"{len(files)} other file{'s' if len(files) != 1 else ''} checked"
    )
