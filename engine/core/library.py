"""The profile library: partner profiles and forums by id, or files by path."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, EntenteError, did_you_mean, gather, raise_if
from ..io import yaml_file
from ..io.document import Document, Loc
from ..io.folders import files_in, is_file, is_folder
from ..model import Forum, PartnerProfile
from ..model.validate import id_mismatch, load_parties, validate
from ..model.vocabulary import Vocabulary

PARTIES_FILE = "parties.yaml"
KINDS = {"partner": ("partners", PartnerProfile, "a partner profile"), "forum": ("forums", Forum, "a forum")}


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


@dataclass(frozen=True)
class Library:
    """A folder of partner profiles (partners/) and forums (forums/), and its own parties (parties.yaml).

    ``vocabulary`` is the pack's, with the library's parties added: every file the library's
    profiles are used with is validated against it."""

    root: Path
    vocabulary: Vocabulary

    @classmethod
    def open(cls, root: Path, vocabulary: Vocabulary) -> Library:
        """The library at ``root``, its parties.yaml (if any) added to the pack's party registry."""
        own = Path(root) / PARTIES_FILE
        if own.is_file():
            vocabulary = vocabulary.with_parties(load_parties(own, vocabulary.parties))
        return cls(Path(root), vocabulary)

    @property
    def partners_dir(self) -> Path:
        return self.root / "partners"

    @property
    def forums_dir(self) -> Path:
        return self.root / "forums"

    def ids(self, kind: str) -> list[str]:
        """The ids of the library's partners or forums, sorted."""
        return _ids_in(self.root / KINDS[kind][0])

    def partner_ids(self) -> list[str]:
        return self.ids("partner")

    def forum_ids(self) -> list[str]:
        return self.ids("forum")

    def path_of(self, kind: str, ref: str) -> Path:
        """The file of a library id."""
        return self.root / KINDS[kind][0] / f"{ref}.yaml"

    def has_partner(self, ref: str) -> bool:
        return is_file(self.partners_dir / f"{ref}.yaml")

    def partner(self, ref: str) -> PartnerProfile:
        return self.load("partner", ref)

    def forum(self, ref: str) -> Forum:
        return self.load("forum", ref)

    def load(self, kind: str, ref: str):
        """A partner or forum by library id, or from a file path."""
        path = self.root / KINDS[kind][0] / f"{ref}.yaml" if not looks_like_path(ref) else Path(ref)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = None
        return _load_cached(self, kind, ref, stamp)

    def lookup(self, kind: str, ref: str, doc: Document | None, loc: Loc, flag: str | None = None):
        """``load``, with an unknown id reported where it was written (``doc`` at ``loc``, or the command-line
        ``flag``) and the nearest known id; a partner named by a party alias is found by its id."""
        known, ref = self.ids(kind), str(ref)
        if kind == "partner" and not looks_like_path(ref) and ref not in known:
            ref = self.vocabulary.parties.resolve(ref) or ref
        if not looks_like_path(ref) and ref not in known:
            message = f"unknown {kind} '{ref}'" + (f" (from --{flag})" if flag else "")
            help = did_you_mean(ref, known, f"a {kind} id") + f" (the library has {len(known)} {kind} profiles)"
            diagnostic = (
                Diagnostic(f"--{flag}", 0, 0, message, help)
                if flag or doc is None
                else doc.diagnostic(loc, message, help)
            )
            raise EntenteError([diagnostic])
        return self.load(kind, ref)

    def _load_uncached(self, kind: str, ref: str):
        folder, model, what = KINDS[kind]
        in_library = not looks_like_path(ref)
        doc = yaml_file.load(self.root / folder / f"{ref}.yaml" if in_library else Path(ref))
        item = validate(doc, model, self.vocabulary, what)
        raise_if(id_mismatch(doc, item.id) if in_library else [])
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
    return tuple(p.stem for p in files_in(folder, ".yaml")) if is_folder(folder) else ()


@functools.lru_cache(maxsize=4096)
def _load_cached(library: Library, kind: str, ref: str, stamp: int | None):
    """A profile loaded once per process and file version (models are immutable, so sharing is safe)."""
    return library._load_uncached(kind, ref)


def load_all(library: Library) -> tuple[list[PartnerProfile], list[Forum]]:
    """Every profile in the library, validated; every problem in every file raised at once."""
    partners, partner_problems = gather(library.partner_ids(), library.partner)
    forums, forum_problems = gather(library.forum_ids(), library.forum)
    raise_if(partner_problems + forum_problems)
    return partners, forums
