"""The policy pack: a folder of policy files, its vocabulary and its source documents.

A pack that loads without a problem is stored, checked and compiled, in the compiled-pack
cache (engine/io/cache.py), keyed by its content hash and the folder it was read from: the next
run reads the policies and their durable_rules rulesets from there instead of validating and
compiling every file again. A pack with any problem is never stored, so every run reports it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import msgspec

from ..errors import Diagnostic, EntenteError, fail, raise_if
from ..io import cache, yaml_file
from ..io.folders import files_in, is_file, is_folder
from ..io.inputs import read_bytes
from ..model.severity import SEVERITY_ORDER
from ..model.validate import load_parties, load_vocabulary
from ..model.vocabulary import Vocabulary
from ..policy.policy import Policy, parse_policy
from ..rules.compile import compile_pack
from ..rules.limits import oversized_lists
from .settings import PACKAGE_ROOT

VOCABULARY_FILE = "vocabulary.yaml"
PARTIES_FILE = "parties.yaml"
SOURCES_DIR = "sources"
DATA_FILES = (VOCABULARY_FILE, PARTIES_FILE)


class Pack(msgspec.Struct, frozen=True):
    root: Path
    vocabulary: Vocabulary
    policies: tuple[Policy, ...]
    digest: str
    rulesets: list[dict[str, dict[str, Any]]]  # compiled for durable_rules: made from the rest, not compared

    def _compared(self) -> tuple:
        return (self.root, self.vocabulary, self.policies, self.digest)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._compared() == other._compared()

    def by_id(self) -> dict[str, Policy]:
        return {p.id: p for p in self.policies}

    @property
    def short_digest(self) -> str:
        return self.digest[:12]


def policy_files(root: Path) -> list[Path]:
    """The policy files of a pack: every .yaml below it but the vocabulary and the party registry, sorted."""
    return [
        p
        for p in files_in(root, ".yaml", recursive=True, skip_folders=(SOURCES_DIR,))
        if p.relative_to(root).as_posix() not in DATA_FILES
    ]


def source_files(root: Path) -> list[Path]:
    """The pack's source documents (``sources/*.txt``)."""
    return files_in(root / SOURCES_DIR, ".txt") if is_folder(root / SOURCES_DIR) else []


def pack_digest(root: Path, policies: list[Path]) -> str:
    """sha256 over the pack's vocabulary, party registry, sources and ``policies`` files (names and bytes)."""
    h = hashlib.sha256()
    data = [parties_file(root), root / VOCABULARY_FILE, *source_files(root)]
    for path in data + policies:
        if is_file(path):
            h.update((path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name).encode() + b"\0")
            h.update(read_bytes(path) + b"\0")
    return h.hexdigest()


def parties_file(root: Path) -> Path:
    """The pack's party registry: its own parties.yaml, else the one shipped with entente (a v1 pack has none)."""
    own = root / PARTIES_FILE
    return own if is_file(own) else PACKAGE_ROOT / "policies" / PARTIES_FILE


def load_pack(root: str | Path) -> Pack:
    """Load and check a whole pack; raise every problem in every file at once."""
    root = Path(root)
    if not is_folder(root):
        raise fail(
            str(root),
            "no such policy folder",
            "pass the folder holding the policy files and vocabulary.yaml (--policies)",
        )
    vocab_path = root / VOCABULARY_FILE
    if not is_file(vocab_path):
        raise fail(
            str(vocab_path),
            "the policy folder has no vocabulary.yaml",
            "copy policies/vocabulary.yaml from entente into this folder",
        )
    vocabulary = load_vocabulary(vocab_path, load_parties(parties_file(root)))
    files = policy_files(root)
    if not files:
        raise fail(str(root), "the policy folder holds no policy files", "add one <id>.yaml file per policy")
    digest = pack_digest(root, files)
    cache_key = hashlib.sha256(f"{digest}\0{root}".encode()).hexdigest()
    cached = _from_cache(root, vocabulary, digest, cache_key, files)
    if cached is not None:
        return cached
    policies = _checked_policies(files, vocabulary, root / SOURCES_DIR)
    policies.sort(key=lambda p: (-SEVERITY_ORDER[p.severity], p.id))
    pack = Pack(root, vocabulary, tuple(policies), digest, compile_pack(tuple(policies), vocabulary))
    cache.PACKS.put(cache_key, {"policies": [p.to_data() for p in pack.policies], "rulesets": pack.rulesets})
    return pack


def _checked_policies(files: list[Path], vocabulary: Vocabulary, sources_dir: Path) -> list[Policy]:
    """Every policy file parsed and checked (ids unique); every problem in every file raised at once."""
    sources = sources_dir if is_folder(sources_dir) else None
    problems: list[Diagnostic] = []
    policies: list[Policy] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            doc = yaml_file.load(path)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        policy, errors = parse_policy(doc, vocabulary, sources)
        if policy is not None:  # and what no rule of durable_rules' core could hold, at its position
            conditions = [policy.when, *(v.when for v in policy.variants)]
            errors = [doc.diagnostic(*found) for when in conditions for found in oversized_lists(when)]
        problems += errors
        if policy is None or errors:
            continue
        if policy.id in seen:
            problems.append(
                doc.diagnostic(
                    ("id",),
                    f"duplicate policy id '{policy.id}'",
                    f"'{policy.id}' is already defined in {seen[policy.id]}; ids must be unique",
                )
            )
            continue
        seen[policy.id] = doc.path
        policies.append(policy)
    raise_if(list(dict.fromkeys(problems)))  # a source document's problem once, not once per policy
    return policies


def _from_cache(root: Path, vocabulary: Vocabulary, digest: str, cache_key: str, files: list[Path]) -> Pack | None:
    """The pack as a previous run stored it, or None (no entry, or one that cannot be read back)."""
    entry = cache.PACKS.get(cache_key)
    if entry is None:
        return None
    try:
        policies = tuple(Policy.from_data(data) for data in entry["policies"])
        rulesets = entry["rulesets"]
        if not isinstance(rulesets, list) or not all(isinstance(r, dict) for r in rulesets):
            return None
        if sorted(p.path for p in policies) != sorted(str(path) for path in files):
            return None  # an entry that does not hold exactly this pack's policies
    except (KeyError, TypeError, ValueError):  # a corrupt entry: load the pack again and rewrite it
        return None
    return Pack(root, vocabulary, policies, digest, rulesets)
