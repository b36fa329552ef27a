"""The profile library: partner profiles and forums by id, or files by path, from layered folders.

A library is one or more folders (layers), lowest first: the shipped library, then the analyst's
own. Each layer holds ``partners/<id>.yaml``, ``forums/<id>.yaml`` and may hold ``parties.yaml``; a
later layer adds profiles and overrides a lower layer's profile with the same id, and adds parties
(it may not redefine one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from ..errors import Diagnostic, EntenteError, gather, name_help, raise_if
from ..io import yaml_file
from ..io.document import Document, Loc
from ..io.folders import files_in, is_file, is_folder
from ..model.snapshot import FORUM, PARTNER_PROFILE
from ..model.validate import id_mismatch, load_parties, sourced, validate
from ..model.vocabulary import Vocabulary

if TYPE_CHECKING:  # a model, or its record (engine.model.snapshot)
    from ..model import Forum, PartnerProfile

PARTIES_FILE = "parties.yaml"
SHIPPED = "shipped"
KINDS = {"partner": ("partners", PARTNER_PROFILE, "a partner profile"), "forum": ("forums", FORUM, "a forum")}


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


class Layer(msgspec.Struct, frozen=True):
    """One folder of a library, and the name listings give it ('shipped', or the folder as given)."""

    root: Path
    name: str

    @classmethod
    def of(cls, root: Path | str | Layer) -> Layer:
        if isinstance(root, Layer):
            return root
        from .settings import SHIPPED_PROFILES

        same = Path(root).resolve() == SHIPPED_PROFILES.resolve()
        return cls(Path(root), SHIPPED if same else str(root))


class Library(msgspec.Struct, frozen=True):
    """Partners (partners/) and forums (forums/) by id across the layers, and the layers' own parties.

    ``vocabulary`` is the pack's, with every layer's parties added: every file the library's
    profiles are used with is validated against it."""

    layers: tuple[Layer, ...]
    vocabulary: Vocabulary

    def __post_init__(self):
        if isinstance(self.layers, (str, Path)):  # Library(root, vocabulary): a one-folder library, as before layers
            msgspec.structs.force_setattr(self, "layers", (Layer.of(self.layers),))

    @classmethod
    def open(cls, roots: Path | str | Sequence[Path | str | Layer], vocabulary: Vocabulary) -> Library:
        """The library of ``roots`` (one folder, or layers lowest first), each layer's parties.yaml added to the
        pack's party registry in turn."""
        many = isinstance(roots, Sequence) and not isinstance(roots, str)
        layers = tuple(dict.fromkeys(Layer.of(r) for r in (roots if many else [roots])))
        for layer in layers:
            own = layer.root / PARTIES_FILE
            if is_file(own):
                vocabulary = vocabulary.with_parties(load_parties(own, vocabulary.parties))
        return cls(layers, vocabulary)

    @property
    def root(self) -> Path:
        """The top layer's folder."""
        return self.layers[-1].root

    def placed(self, kind: str) -> dict[str, list[Layer]]:
        """Each id of ``kind`` and the layers holding it, lowest first (the last one is used)."""
        found: dict[str, list[Layer]] = {}
        for layer in self.layers:
            for ref in _ids_in(layer.root / KINDS[kind][0]):
                found.setdefault(ref, []).append(layer)
        return dict(sorted(found.items()))

    def layer_of(self, kind: str, ref: str) -> Layer | None:
        """The layer whose file of ``ref`` is used (None: no layer has it)."""
        holders = self.placed(kind).get(ref)
        return holders[-1] if holders else None

    def path_of(self, kind: str, ref: str) -> Path:
        """The file of library id ``ref`` (in the top layer when no layer has it), or ``ref`` itself as a path."""
        if looks_like_path(ref):
            return Path(ref)
        layer = self.layer_of(kind, ref) or self.layers[-1]
        return layer.root / KINDS[kind][0] / f"{ref}.yaml"

    def ids(self, kind: str) -> list[str]:
        """The ids of the library's partners or forums, sorted."""
        return list(self.placed(kind))

    def partner_ids(self) -> list[str]:
        return self.ids("partner")

    def forum_ids(self) -> list[str]:
        return self.ids("forum")

    def has_partner(self, ref: str) -> bool:
        return self.layer_of("partner", ref) is not None

    def partner(self, ref: str) -> PartnerProfile:
        return self.load("partner", ref)

    def forum(self, ref: str) -> Forum:
        return self.load("forum", ref)

    def load(self, kind: str, ref: str):
        """A partner or forum by library id, or from a file path."""
        path = self.path_of(kind, ref)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = None
        return _load_cached(self, kind, str(path), not looks_like_path(ref), stamp)

    def lookup(self, kind: str, ref: str, doc: Document | None, loc: Loc, flag: str | None = None):
        """``load``, with an unknown id reported where it was written (``doc`` at ``loc``, or the command-line
        ``flag``) and the nearest known id; a partner named by a party alias is found by its id."""
        known, ref = self.ids(kind), str(ref)
        if kind == "partner" and not looks_like_path(ref) and ref not in known:
            ref = self.vocabulary.parties.resolve(ref) or ref
        if not looks_like_path(ref) and ref not in known:
            message = f"unknown {kind} '{ref}'" + (f" (from --{flag})" if flag else "")
            help = nearest_profile(ref, known, kind)
            diagnostic = (
                Diagnostic(f"--{flag}", 0, 0, message, help)
                if flag or doc is None
                else doc.diagnostic(loc, message, help)
            )
            raise EntenteError([diagnostic])
        return self.load(kind, ref)

    def _load_uncached(self, kind: str, path: str, in_library: bool):
        _, model, what = KINDS[kind]
        doc = yaml_file.load(Path(path))
        item = validate(doc, model, self.vocabulary, what)
        problems = sourced(doc, item) + (id_mismatch(doc, item.id) if in_library else [])
        if kind == "forum":
            problems += unknown_successor(doc, item, self.forum_ids())
        raise_if(problems)
        return item


def nearest_profile(ref: str, known: Iterable[str], kind: str) -> str:
    """The ``help:`` for an unknown partner or forum id: the nearest id and the library's size, or (none close
    among many) where they are listed."""
    known = tuple(known)
    help = name_help(ref, known, f"a {kind} id", see="entente profiles list")
    return help.text + f" (the library has {len(known)} {kind} profiles)" if help.named else help.text


def unknown_successor(doc: Document, forum: Forum, known: list[str]) -> list[Diagnostic]:
    """A superseded forum's successor must be a forum of the library: the problem, if any."""
    if forum.superseded_by is None or forum.superseded_by in known:
        return []
    return [
        doc.diagnostic(
            ("superseded_by",),
            f"unknown forum '{forum.superseded_by}' in superseded_by",
            nearest_profile(forum.superseded_by, known, "forum"),
        )
    ]


def _ids_in(folder: Path) -> tuple[str, ...]:
    """The ids (file stems) of a library folder, listed once per process and folder version."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _ids_listed(folder, stamp)


@functools.lru_cache(maxsize=64)
def _ids_listed(folder: Path, stamp: int | None) -> tuple[str, ...]:
    return tuple(p.stem for p in files_in(folder, ".yaml")) if is_folder(folder) else ()


@functools.lru_cache(maxsize=4096)
def _load_cached(library: Library, kind: str, path: str, in_library: bool, stamp: int | None):
    """A profile loaded once per process and file version (models are immutable, so sharing is safe)."""
    return library._load_uncached(kind, path, in_library)


def load_all(library: Library) -> tuple[list[PartnerProfile], list[Forum]]:
    """Every profile in the library (the top layer's file of each id), validated; every problem in every file
    raised at once."""
    partners, partner_problems = gather(library.partner_ids(), library.partner)
    forums, forum_problems = gather(library.forum_ids(), library.forum)
    raise_if(partner_problems + forum_problems)
    return partners, forums
