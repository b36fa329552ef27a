"""The party registry: states, blocs, organisations and non-state groups, with names and memberships.

Every field that names a party takes a party id or an alias (Contract v2, section 1). A name is
normalised (NFKD with marks dropped, case folded, every run of characters other than ``a-z0-9``
turned into one ``_``, trimmed) and accepted when it then equals an id or an alias; the models
store the id. The project's registry is ``policies/parties.yaml``; a profile library folder may
add its own ``parties.yaml`` (it may not redefine a project id).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

import msgspec

from ..errors import Diagnostic, nearest
from ..io.cache import key_of
from ..io.document import Document

if TYPE_CHECKING:
    from .parties_file import PartiesFile

KINDS = ("state", "bloc", "organisation", "non_state_group")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """'People's Republic of China' -> 'people_s_republic_of_china'; 'Türkiye' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("_", bare).strip("_")


class Membership(msgspec.Struct, frozen=True):
    party: str
    since: dt.date | None = None
    until: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """A member on ``day`` (undated: a member for as long as the registry says)."""
        if day is None:
            return self.until is None
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Party(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    members: tuple[Membership, ...] = ()
    origin: str = ""  # the file that defines it
    article: str | None = None

    def members_on(self, day: dt.date | None) -> list[str]:
        return [m.party for m in self.members if m.holds_on(day)]


class PartyRegistry(msgspec.Struct, frozen=True):
    parties: dict[str, Party] = msgspec.field(default_factory=dict)
    names: dict[str, str] = msgspec.field(default_factory=dict)  # normalised id or alias -> id
    fingerprint: str | None = None  # its files' digests (None: made in memory)

    def __eq__(self, other: object) -> bool:  # what it holds, whichever files it came from
        return type(other) is type(self) and (self.parties, self.names) == (other.parties, other.names)

    def resolve(self, name: str) -> str | None:
        return self.names.get(normalise(name)) if isinstance(name, str) else None

    def suggestion(self, name: str) -> str:
        near = nearest(normalise(str(name)), list(self.names))
        if near is not None:
            return f"did you mean '{self.names[near]}'?"
        return (
            "no party has a name like it: `entente parties` lists them; add your own in a parties.yaml at the "
            "top of your profile folder"
        )

    def kind(self, party: str) -> str:
        return self.parties[party].kind if party in self.parties else "state"

    def name(self, party: str) -> str:
        return self.parties[party].name if party in self.parties else party.replace("_", " ")

    def in_sentence(self, party: str) -> str:
        """A party's name as a sentence says it ("the United States")."""
        found = self.parties.get(party)
        return f"{found.article} {found.name}" if found and found.article else self.name(party)

    def members_on(self, bloc: str, day: dt.date | None) -> list[str]:
        party = self.parties.get(bloc)
        return party.members_on(day) if party is not None and party.kind == "bloc" else []

    def blocs_of(self, party: str, day: dt.date | None) -> list[str]:
        """The blocs ``party`` belongs to on ``day``, in registry order."""
        return [b.id for b in self.parties.values() if b.kind == "bloc" and party in b.members_on(day)]

    def knows_members(self, bloc: str) -> bool:
        return bool(self.parties.get(bloc) and self.parties[bloc].members)


def build_registry(
    doc: Document, spec: PartiesFile, base: PartyRegistry | None = None
) -> tuple[PartyRegistry, list[Diagnostic]]:
    """The registry of ``spec`` added to ``base``; the problems (clashing names, unknown members, redefined ids)."""
    parties = dict(base.parties) if base else {}
    names = dict(base.names) if base else {}
    problems: list[Diagnostic] = []
    for pid, party in spec.parties.items():
        loc = ("parties", pid)
        if pid in parties:
            problems.append(
                doc.diagnostic(
                    loc,
                    f"party '{pid}' is already defined in {parties[pid].origin}",
                    "choose another id; a library may add parties, not redefine them",
                    key=True,
                )
            )
            continue
        if normalise(pid) != pid:
            problems.append(
                doc.diagnostic(
                    loc, f"party id '{pid}' is not a normalised name", f"write it as '{normalise(pid)}'", key=True
                )
            )
            continue
        problems += _claim(names, pid, pid, doc, loc, parties)
        for i, alias in enumerate(party.aliases):
            problems += _claim(names, normalise(alias), pid, doc, (*loc, "aliases", i), parties)
        members = tuple(
            Membership(m) if isinstance(m, str) else Membership(m.party, m.since, m.until) for m in party.members
        )
        parties[pid] = Party(pid, party.name, party.kind, tuple(party.aliases), members, doc.path, party.article)
    known = doc.digest is not None and (base is None or base.fingerprint is not None)
    fingerprint = key_of(base.fingerprint if base else "-", doc.digest) if known else None
    registry = PartyRegistry(parties, names, fingerprint)
    problems += _check_members(spec, registry, doc)
    return registry, problems


def _claim(names: dict, key: str, pid: str, doc: Document, loc: tuple, parties: dict) -> list[Diagnostic]:
    if key in names and names[key] != pid:
        other = names[key]
        where = parties[other].origin if other in parties else doc.path
        return [
            doc.diagnostic(
                loc,
                f"'{key}' names both '{other}' ({where}) and '{pid}'",
                "an alias must name one party: remove or change one of them",
            )
        ]
    names[key] = pid
    return []


def _check_members(spec: PartiesFile, registry: PartyRegistry, doc: Document) -> list[Diagnostic]:
    problems = []
    for pid, party in spec.parties.items():
        for i, member in enumerate(party.members):
            ref = member if isinstance(member, str) else member.party
            loc = ("parties", pid, "members", i) + (() if isinstance(member, str) else ("party",))
            if party.kind != "bloc":
                problems.append(
                    doc.diagnostic(
                        ("parties", pid, "members"),
                        f"'{pid}' is a {party.kind} and has no members",
                        "only a bloc lists members; set `kind: bloc`",
                    )
                )
                break
            if registry.resolve(ref) != ref:
                problems.append(
                    doc.diagnostic(loc, f"unknown party '{ref}' among the members of '{pid}'", registry.suggestion(ref))
                )
    return problems
