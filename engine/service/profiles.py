"""Where a request's partners and forums come from: its inline profiles first, then the library.

:class:`Profiles` answers what the engine asks a library (``lookup``, ``has_partner``, ``partner``...), so
resolving a proposal and building its note work unchanged. :func:`snapshot` keeps, for the record, every
model an assessment and its note read (the proposal, partners and forum as resolved, the other members of
the forum); :func:`restore` makes them into the same objects again, with no library: a recorded note is
rebuilt from what was used, whatever the library holds today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.library import Library
from ..core.resolve import Resolved
from ..errors import EntenteError, did_you_mean, gather, raise_if
from ..io import yaml_file
from ..io.document import Document
from ..model import Forum, PartnerProfile, Proposal
from ..model.common import file_data
from ..model.parties import build_registry
from ..model.parties_file import PartiesFile
from ..model.validate import validate
from ..model.vocabulary import Vocabulary

KINDS = {"partner": (PartnerProfile, "a partner profile"), "forum": (Forum, "a forum")}


class Profiles:
    """Inline partner profiles and forums by id, before a library's (``library`` None: the inline ones only)."""

    def __init__(self, library: Library | None, vocabulary: Vocabulary, inline: dict[str, dict[str, Any]]):
        self.library = library
        self.vocabulary = vocabulary
        self.inline = inline  # kind -> id -> model

    @classmethod
    def read(cls, library: Library, documents: list[tuple[str, Document]]) -> Profiles:
        """The library with a request's inline profiles, each validated as the file it stands for."""
        inline: dict[str, dict[str, Any]] = {"partner": {}, "forum": {}}

        def one(item: tuple[str, Document]) -> None:
            kind, doc = item
            model, what = KINDS[kind]
            found = validate(doc, model, library.vocabulary, what)
            inline[kind][found.id] = found

        _, problems = gather(documents, one)
        raise_if(problems)
        return cls(library, library.vocabulary, inline)

    def _inline(self, kind: str, ref: str):
        table = self.inline[kind]
        if ref in table:
            return table[ref]
        found = self.vocabulary.parties.resolve(ref) if kind == "partner" else None
        return table.get(found) if found else None

    def ids(self, kind: str) -> list[str]:
        return sorted({*self.inline[kind], *(self.library.ids(kind) if self.library else [])})

    def partner_ids(self) -> list[str]:
        return self.ids("partner")

    def lookup(self, kind: str, ref: str, doc: Document | None, loc, flag: str | None = None):
        found = self._inline(kind, str(ref))
        if found is not None:
            return found
        if self.library is not None:
            return self.library.lookup(kind, ref, doc, loc, flag)
        raise EntenteError([doc.diagnostic(loc, f"unknown {kind} '{ref}'", did_you_mean(ref, self.inline[kind]))])

    def load(self, kind: str, ref: str):
        found = self._inline(kind, ref)
        return found if found is not None else self.library.load(kind, ref)

    def has_partner(self, ref: str) -> bool:
        return self._inline("partner", ref) is not None or (self.library is not None and self.library.has_partner(ref))

    def partner(self, ref: str) -> PartnerProfile:
        return self.load("partner", ref)

    def forum(self, ref: str) -> Forum:
        return self.load("forum", ref)


def dump(model) -> dict[str, Any]:
    return file_data(model)


def snapshot(resolved: Resolved, profiles: Profiles, today: dt.date, max_age: int) -> dict[str, Any]:
    """What the assessment and its note read, as data."""
    members: dict[str, Any] = {}
    if resolved.forum is not None:
        assessed = {p.id for p in resolved.partners}
        for member in resolved.forum.members:
            if member == resolved.proposal.actor or member in assessed or not profiles.has_partner(member):
                continue
            try:
                members[member] = dump(profiles.partner(member))
            except EntenteError:  # a broken profile in the library: the note shows the member as not assessed
                continue
    parties = profiles.library.root / "parties.yaml" if profiles.library is not None else None
    return {
        "proposal": dump(resolved.proposal),
        "partners": [dump(p) for p in resolved.partners],
        "forum": dump(resolved.forum) if resolved.forum is not None else None,
        "members": members,
        "not_assessed": [list(item) for item in resolved.not_assessed],
        "library_parties": parties.read_text(encoding="utf-8") if parties and parties.is_file() else None,
        "today": today.isoformat(),
        "max_age": max_age,
    }


def restore(inputs: dict[str, Any], vocabulary: Vocabulary) -> tuple[Resolved, Profiles]:
    """The resolved proposal and the profiles a snapshot holds, validated against ``vocabulary`` (the pack's)."""
    if inputs.get("library_parties"):
        doc = yaml_file.parse("parties.yaml", inputs["library_parties"])
        spec = validate(doc, PartiesFile, None, "a party registry")
        registry, problems = build_registry(doc, spec, vocabulary.parties)
        raise_if(problems)
        vocabulary = vocabulary.with_parties(registry)
    context = {"vocabulary": vocabulary}
    partners = tuple(PartnerProfile.model_validate(p, context=context) for p in inputs["partners"])
    forum = Forum.model_validate(inputs["forum"], context=context) if inputs["forum"] else None
    members = {m: PartnerProfile.model_validate(p, context=context) for m, p in inputs["members"].items()}
    resolved = Resolved(
        Proposal.model_validate(inputs["proposal"], context=context),
        partners,
        forum,
        tuple(tuple(item) for item in inputs["not_assessed"]),
        vocabulary,
    )
    inline = {"partner": {**members, **{p.id: p for p in partners}}, "forum": {forum.id: forum} if forum else {}}
    return resolved, Profiles(None, vocabulary, inline)
