"""The profile library: partner profiles and forums by id, or files by path."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from . import source
from .errors import Diagnostic, EntenteError, did_you_mean, gather, raise_if
from .load import validate
from .models import Forum, PartnerProfile, Proposal
from .vocabulary import Vocabulary


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


@dataclass(frozen=True)
class Library:
    root: Path
    vocabulary: Vocabulary

    @property
    def partners_dir(self) -> Path:
        return self.root / "partners"

    @property
    def forums_dir(self) -> Path:
        return self.root / "forums"

    def partner_ids(self) -> list[str]:
        return _ids_in(self.partners_dir)

    def forum_ids(self) -> list[str]:
        return _ids_in(self.forums_dir)

    def has_partner(self, ref: str) -> bool:
        return (self.partners_dir / f"{ref}.yaml").is_file()

    def partner(self, ref: str) -> PartnerProfile:
        return self._load(ref, self.partners_dir, PartnerProfile, "a partner profile")

    def forum(self, ref: str) -> Forum:
        return self._load(ref, self.forums_dir, Forum, "a forum")

    def _load(self, ref: str, folder: Path, model, what: str):
        path = folder / f"{ref}.yaml" if not looks_like_path(ref) else Path(ref)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = None
        return _load_cached(self, ref, folder, model, what, stamp)

    def _load_uncached(self, ref: str, folder: Path, model, what: str):
        in_library = not looks_like_path(ref)
        path = folder / f"{ref}.yaml" if in_library else Path(ref)
        doc = source.load(path)
        item = validate(doc, model, self.vocabulary, what)
        if in_library and item.id != path.stem:
            raise EntenteError([doc.diagnostic(("id",), f"id '{item.id}' does not match the file name '{path.name}'",
                                               f"rename the file to '{item.id}.yaml' or set `id: {path.stem}`")])
        return item


def _ids_in(folder: Path) -> list[str]:
    """The ids (file stems) of a library folder, listed once per process and folder version."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = None
    return list(_ids_listed(folder, stamp))


@functools.lru_cache(maxsize=64)
def _ids_listed(folder: Path, stamp: int | None) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in folder.glob("*.yaml")))


@functools.lru_cache(maxsize=4096)
def _load_cached(library: "Library", ref: str, folder: Path, model, what: str, stamp):
    """A profile loaded once per process and file version (models are immutable, so sharing is safe)."""
    return library._load_uncached(ref, folder, model, what)


@dataclass(frozen=True)
class Resolved:
    """A proposal with the profiles it concerns, ready to assess."""

    proposal: Proposal
    partners: tuple[PartnerProfile, ...]
    forum: Forum | None
    not_assessed: tuple[tuple[str, str], ...]  # (party, reason)


def resolve(proposal: Proposal, doc: source.Document, library: Library, *, partner_ref: str | None = None,
            forum_ref: str | None = None, partner_refs: list[str] | None = None) -> Resolved:
    """Look up the partners and forum a proposal names; report every unknown reference at once."""
    problems: list[Diagnostic] = []
    forum = None
    forum_name = forum_ref or proposal.forum
    if forum_name:
        forum = _lookup(forum_name, library.forum, library.forum_ids(), "forum", doc, ("forum",), forum_ref, problems)
    partners: list[PartnerProfile] = []
    not_assessed: list[tuple[str, str]] = []
    flag = "partner"
    if partner_refs:
        refs = [(p, ("partner",)) for p in partner_refs]
        partner_ref, flag = ",".join(partner_refs), "partners"
    elif partner_ref:
        refs = [(partner_ref, ("partner",))]
    else:
        refs = [(p, ("partner",)) for p in ([proposal.partner] if proposal.partner else [])]
        refs += [(p, ("partners", i)) for i, p in enumerate(proposal.partners)]
    for ref, loc in refs:
        found = _lookup(ref, library.partner, library.partner_ids(), "partner", doc, loc, partner_ref, problems, flag)
        if found is not None and found.id not in {p.id for p in partners}:
            partners.append(found)
    if not refs and forum is not None:
        for member in forum.members:
            if member == proposal.actor:
                continue
            if library.has_partner(member):
                try:
                    partners.append(library.partner(member))
                except EntenteError as exc:
                    problems += exc.diagnostics
            else:
                not_assessed.append((member, "no profile in the library"))
    if problems:
        raise EntenteError(problems)
    return Resolved(proposal, tuple(partners), forum, tuple(not_assessed))


def _lookup(ref, load, known, what, doc, loc, override, problems, flag=None):
    flag = flag or what
    if not looks_like_path(ref) and ref not in known:
        message = f"unknown {what} '{ref}'" + ("" if override is None else f" (from --{flag})")
        help = did_you_mean(ref, known, f"a {what} id") + f" (the library has {len(known)} {what} profiles)"
        problems.append(doc.diagnostic(loc, message, help) if override is None
                        else Diagnostic(f"--{flag}", 0, 0, message, help))
        return None
    try:
        return load(ref)
    except EntenteError as exc:
        problems.extend(exc.diagnostics)
        return None


def load_all(library: Library) -> tuple[list[PartnerProfile], list[Forum]]:
    """Every profile in the library, validated; every problem in every file raised at once."""
    partners, partner_problems = gather(library.partner_ids(), library.partner)
    forums, forum_problems = gather(library.forum_ids(), library.forum)
    raise_if(partner_problems + forum_problems)
    return partners, forums
