"""A proposal with the profiles it concerns: the partners and forum it names (or the flags override)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ..errors import Diagnostic, EntenteError, gather, raise_if
from ..io import yaml_file
from ..io.document import Document
from ..io.folders import files_in, is_folder
from ..model.situation import Situation
from ..model.snapshot import PROPOSAL
from ..model.validate import validate
from ..model.vocabulary import Vocabulary
from .library import Library

if TYPE_CHECKING:  # a model, or its record (engine.model.snapshot)
    from ..model import Forum, PartnerProfile, Proposal


class Resolved(msgspec.Struct, frozen=True):
    """A proposal with the profiles it concerns, ready to assess."""

    proposal: Proposal
    partners: tuple[PartnerProfile, ...]
    forum: Forum | None
    not_assessed: tuple[tuple[str, str], ...]  # (party, reason)
    vocabulary: Vocabulary  # the pack's, with the library's parties

    def situations(self) -> list[Situation]:
        """One situation per partner, in order."""
        return [Situation(self.proposal, p, self.forum, self.vocabulary) for p in self.partners]


def resolve(
    proposal: Proposal,
    doc: Document,
    library: Library,
    *,
    forum_ref: str | None = None,
    partner_refs: list[str] | None = None,
    flag: str = "partner",
) -> Resolved:
    """Look up the partners and forum a proposal names (or ``partner_refs`` from the command line, with its
    ``flag``), and check the proposal against each partner; report every problem at once."""
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
        refs = [(ref, ("partner",), flag) for ref in partner_refs]
    else:
        refs = [(proposal.partner, ("partner",), None)] if proposal.partner else []
        refs += [(ref, ("partners", i), None) for i, ref in enumerate(proposal.partners)]
    partners: list[PartnerProfile] = []
    for ref, loc, given in refs:
        found = attempt("partner", ref, loc, given)
        if found is not None and found.id not in {p.id for p in partners}:
            partners.append(found)
    not_assessed: list[tuple[str, str]] = []
    if not refs and forum is not None:
        for member in forum.members:
            if member == proposal.actor:
                continue
            found = attempt("partner", member, ("forum",)) if library.has_partner(member) else None
            if found is not None:
                partners.append(found)
            elif not library.has_partner(member):
                not_assessed.append((member, "no profile in the library"))
    for partner in partners:
        problems += _checked_against(proposal, partner, doc)
    raise_if(problems)
    return Resolved(proposal, tuple(partners), forum, tuple(not_assessed), library.vocabulary)


def _checked_against(proposal: Proposal, partner: PartnerProfile, doc: Document) -> list[Diagnostic]:
    """The proposal and one partner's profile: the same actor, and the partner never a target of its own move."""
    problems = []
    if proposal.actor != partner.actor:
        problems.append(
            doc.diagnostic(
                ("actor",),
                f"the proposal's actor is '{proposal.actor}', but the profile of {partner.id} is written "
                f"from the side of '{partner.actor}'",
                f"the profile describes how {partner.actor} sees {partner.name}: set `actor: {partner.actor}`, or use "
                f"a profile of {partner.name} written from {proposal.actor}'s side",
            )
        )
    targets = [(("against", i), p) for i, p in enumerate(proposal.against)]
    targets += [
        ((field, i), p)
        for field in ("names_as_adversary", "implied_adversary")
        for i, p in enumerate(getattr(proposal, field))
    ]
    targets += [
        (("asks", i, "against", j), p) for i, a in enumerate(proposal.asks) for j, p in enumerate(a.against or [])
    ]
    problems += [
        doc.diagnostic(
            loc,
            f"'{party}' is the partner this move is assessed for, not a third party",
            "aim the move at third parties; a bloc the partner belongs to may be named (it then "
            "stands for its other members)",
        )
        for loc, party in targets
        if party == partner.id
    ]
    return problems


def load_proposals(
    paths, library: Library, partner_refs: list[str] | None = None, forum_ref: str | None = None, flag: str = "partner"
) -> list[tuple[object, Resolved]]:
    """(path, resolved proposal) for each file; every problem in every file raised at once."""

    def one(path):
        return path, load_proposal(yaml_file.load(path), library, partner_refs, forum_ref, flag)

    resolved, problems = gather(paths, one)
    raise_if(problems)
    return resolved


def load_proposal(
    doc: Document, library: Library, partner_refs: list[str] | None = None, forum_ref: str | None = None, flag="partner"
) -> Resolved:
    """A parsed proposal validated and resolved (a file, or a request's body: engine/service); every problem
    raised at once, the unknown references of an invalid proposal included."""
    try:
        proposal = validate(doc, PROPOSAL, library.vocabulary, "a proposal")
    except EntenteError as exc:  # the references too, so one run reports the file's every problem
        raise EntenteError(sorted([*exc.diagnostics, *_unknown_references(doc, library, forum_ref)])) from None
    return resolve(proposal, doc, library, forum_ref=forum_ref, partner_refs=partner_refs, flag=flag)


def _unknown_references(doc: Document, library: Library, forum_ref: str | None) -> list[Diagnostic]:
    """The forum and partners an invalid proposal names that the library does not have (parties it knows)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = [] if forum_ref else [("forum", ("forum",), data.get("forum"))]
    refs += [("partner", ("partner",), data.get("partner"))]
    partners = data.get("partners")
    refs += [("partner", ("partners", i), p) for i, p in enumerate(partners if isinstance(partners, list) else [])]
    problems = []
    for kind, loc, ref in refs:
        if not isinstance(ref, str) or (kind == "partner" and library.vocabulary.parties.resolve(ref) is None):
            continue  # not a name, or an unknown party (reported already)
        try:
            library.lookup(kind, ref, doc, loc)
        except EntenteError as exc:
            problems += exc.diagnostics
    return problems


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
            problems.append(
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "the folder holds no proposal files (*.yaml)",
                    "pass a folder of proposal files, or the files themselves",
                )
            )
        files += found
    raise_if(problems)
    return files
