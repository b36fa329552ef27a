"""The partners and forums a case names: the case file's fixtures first, then the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.library import Library
from ..errors import EntenteError, did_you_mean, raise_if
from ..io import yaml_file
from ..io.document import Document
from ..model import Forum, PartnerProfile
from ..model.common import file_data
from ..model.parties import build_registry
from ..model.validate import describe, validate
from ..model.vocabulary import Vocabulary
from .spec import CaseFileSpec, FixturesFile, FixturesSpec

PARTNER_FORMS = ("library", "with", "without")


class CaseProfiles:
    """Where a case file's `partner:` and `forum:` ids are found: the file's fixtures, then the library."""

    def __init__(
        self, library: Library, vocabulary: Vocabulary, partners: dict[str, PartnerProfile], forums: dict[str, Forum]
    ):
        self.library = library
        self.vocabulary = vocabulary  # the library's, with the fixtures' parties
        self.fixtures = {"partner": partners, "forum": forums}

    def lookup(self, kind: str, ref: Any, doc: Document, loc: tuple):
        found = self.fixtures[kind].get(ref) if isinstance(ref, str) else None
        return found if found is not None else self.library.lookup(kind, ref, doc, loc)


FIXTURES_SUFFIX = ".fixtures.yaml"


def case_profiles(head: CaseFileSpec, doc: Document, library: Library) -> CaseProfiles:
    """The profiles a case file's cases may name: its included fixture files, then its own fixtures."""
    partners, forums, problems = {}, {}, []
    spec = head.fixtures or FixturesSpec()
    sources = []
    for i, name in enumerate(spec.include):
        try:
            sources.append(_fixture_file(doc, i, name, library))
        except EntenteError as exc:
            problems += exc.diagnostics
    sources.append((doc, ("fixtures",), spec))
    registry = library.vocabulary.parties
    for source_doc, base, fixtures in sources:
        if fixtures.parties:
            view = source_doc.sub(base)
            added, errors = build_registry(view, fixtures, registry)  # what it reads: `parties`
            problems += errors
            registry = added
    raise_if(problems)
    vocabulary = library.vocabulary.with_parties(registry)
    for source_doc, base, fixtures in sources:
        for kind, items, model, what, table in (
            ("partners", fixtures.partners, PartnerProfile, "a partner profile", partners),
            ("forums", fixtures.forums, Forum, "a forum", forums),
        ):
            for i in range(len(items)):
                try:
                    item = validate(source_doc.sub((*base, kind, i)), model, vocabulary, what)
                except EntenteError as exc:
                    problems += exc.diagnostics
                    continue
                table[item.id] = item
    raise_if(problems)
    return CaseProfiles(library, vocabulary, partners, forums)


def _fixture_file(doc: Document, i: int, name: str, library: Library) -> tuple[Document, tuple, FixturesFile]:
    path = Path(doc.path).parent / name
    if not name.endswith(FIXTURES_SUFFIX):
        help = f"name shared fixtures `<name>{FIXTURES_SUFFIX}` (entente test does not run them as cases)"
        raise doc.error(("fixtures", "include", i), f"'{name}' is not a fixture file", help)
    if not path.is_file():
        raise doc.error(
            ("fixtures", "include", i), f"no fixture file '{name}'", "give a path relative to this case file"
        )
    included = yaml_file.load(path)
    return included, (), validate(included, FixturesFile, library.vocabulary, "a fixture file")


def case_partner(value: Any, doc: Document, profiles: CaseProfiles) -> PartnerProfile:
    if isinstance(value, str):
        return profiles.lookup("partner", value, doc, ("partner",))
    if isinstance(value, dict) and "library" in value:
        return _changed_partner(value, doc, profiles)
    if isinstance(value, dict):
        return validate(doc.sub(("partner",)), PartnerProfile, profiles.vocabulary, "a partner profile")
    raise doc.error(
        ("partner",),
        f"partner: expected a library id or a profile, got {describe(value)}",
        "write `partner: vietnam`, `partner: {library: vietnam, with: {...}}`, or a whole profile",
    )


def _changed_partner(value: dict, doc: Document, profiles: CaseProfiles) -> PartnerProfile:
    """`{library: ID, with: {...}, without: [...]}`: a library or fixture profile with keys set or removed."""
    unknown = [k for k in value if k not in PARTNER_FORMS]
    if unknown:
        raise doc.error(
            ("partner", unknown[0]),
            f"unknown key '{unknown[0]}' in partner",
            did_you_mean(unknown[0], PARTNER_FORMS, "one of", list_all=True),
            key=True,
        )
    base = profiles.lookup("partner", value["library"], doc, ("partner", "library"))
    overrides, dropped = value.get("with") or {}, value.get("without") or []
    if not isinstance(overrides, dict):
        raise doc.error(
            ("partner", "with"),
            f"`with` takes a mapping, got {describe(overrides)}",
            "write profile keys under `with:`, e.g. `hedging: aligned`",
        )
    if not isinstance(dropped, list) or not all(isinstance(k, str) for k in dropped):
        raise doc.error(
            ("partner", "without"),
            f"`without` takes a list of keys, got {describe(dropped)}",
            "write the profile keys to leave out, e.g. `without: [red_lines]`",
        )
    merged = {**file_data(base), **overrides}
    for key in dropped:
        merged.pop(key, None)
    view = doc.sub(("partner", "with") if "with" in value else ("partner",))
    return validate(
        Document(doc.path, merged, view.values, view.keys), PartnerProfile, profiles.vocabulary, "a partner profile"
    )


def case_forum(value: Any, doc: Document, profiles: CaseProfiles) -> Forum:
    if isinstance(value, str):
        return profiles.lookup("forum", value, doc, ("forum",))
    if isinstance(value, dict):
        return validate(doc.sub(("forum",)), Forum, profiles.vocabulary, "a forum")
    raise doc.error(
        ("forum",),
        f"forum: expected a library id or a forum, got {describe(value)}",
        "write `forum: quad` or a whole forum",
    )
