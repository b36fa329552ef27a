"""A proposal with the profiles it concerns: the partners and forum it names (or the flags override)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Diagnostic, EntenteError, raise_if
from ..io.folders import files_in, is_folder
from ..io.document import Document
from ..model import Forum, PartnerProfile, Proposal
from .library import Library


@dataclass(frozen=True)
class Resolved:
    """A proposal with the profiles it concerns, ready to assess."""

    proposal: Proposal
    partners: tuple[PartnerProfile, ...]
    forum: Forum | None
    not_assessed: tuple[tuple[str, str], ...]  # (party, reason)


def resolve(proposal: Proposal, doc: Document, library: Library, *, partner_ref: str | None = None,
            forum_ref: str | None = None, partner_refs: list[str] | None = None) -> Resolved:
    """Look up the partners and forum a proposal names; report every unknown reference at once."""
    problems: list[Diagnostic] = []

    def attempt(kind, ref, loc, flag=None):
        try:
            return library.lookup(kind, ref, doc, loc, flag)
        except EntenteError as exc:
            problems.extend(exc.diagnostics)
            return None

    forum = None
    if forum_ref or proposal.forum:
        forum = attempt("forum", forum_ref or proposal.forum, ("forum",), "forum" if forum_ref else None)
    if partner_refs:
        refs, flag = [(p, ("partner",)) for p in partner_refs], "partners"
    elif partner_ref:
        refs, flag = [(partner_ref, ("partner",))], "partner"
    else:
        refs = [(p, ("partner",)) for p in ([proposal.partner] if proposal.partner else [])]
        refs += [(p, ("partners", i)) for i, p in enumerate(proposal.partners)]
        flag = None
    partners: list[PartnerProfile] = []
    for ref, loc in refs:
        found = attempt("partner", ref, loc, flag)
        if found is not None and found.id not in {p.id for p in partners}:
            partners.append(found)
    not_assessed: list[tuple[str, str]] = []
    if not refs and forum is not None:
        for member in forum.members:
            if member == proposal.actor:
                continue
            if library.has_partner(member):
                found = attempt("partner", member, ("forum",))
                if found is not None:
                    partners.append(found)
            else:
                not_assessed.append((member, "no profile in the library"))
    if problems:
        raise EntenteError(problems)
    return Resolved(proposal, tuple(partners), forum, tuple(not_assessed))


def load_proposals(paths, pack, library: Library, partner_ref: str | None = None, forum_ref: str | None = None,
                   partner_refs: list[str] | None = None) -> list[tuple[object, Resolved]]:
    """(path, resolved proposal) for each file; every problem in every file raised at once."""
    from ..errors import gather, raise_if
    from ..io import yaml_file
    from ..model.validate import validate

    def one(path):
        doc = yaml_file.load(path)
        proposal = validate(doc, Proposal, pack.vocabulary, "a proposal")
        return path, resolve(proposal, doc, library, partner_ref=partner_ref, forum_ref=forum_ref,
                             partner_refs=partner_refs)

    resolved, problems = gather(paths, one)
    raise_if(problems)
    return resolved


def proposal_files(paths) -> list:
    """The files of a batch: each file as given, each folder by its ``*.yaml`` files (a folder with none,
    or one that cannot be listed, is an error: nothing the user named is skipped)."""
    files, problems = [], []
    for path in paths:
        if not is_folder(path):
            files.append(path)
            continue
        try:
            found = files_in(path, ".yaml")
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        if not found:
            problems.append(Diagnostic(str(path), 1, 1, "the folder holds no proposal files (*.yaml)",
                                       "pass a folder of proposal files, or the files themselves"))
        files += found
    raise_if(problems)
    return files
