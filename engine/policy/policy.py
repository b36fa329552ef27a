"""A policy file: its doctrine (title, severity, rationale quoting a source), its message and its condition."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ..errors import Diagnostic, EntenteError, did_you_mean
from ..io.document import Document
from ..io.folders import files_in, is_file
from ..io.inputs import read_text
from ..model import snapshot
from ..model.validate import describe, diagnostics_from, id_mismatch
from .language import Condition, ConditionParser, comparisons, condition_from_data, condition_to_data
from .template import check_template, template_facts

if TYPE_CHECKING:
    from ..model.vocabulary import Vocabulary
    from .policy_file import Rationale


class Variant(msgspec.Struct, frozen=True):
    when: Condition
    severity: str | None = None
    message: str | None = None
    lower_confidence: bool = False

    def to_data(self) -> dict[str, Any]:
        return {
            "when": condition_to_data(self.when),
            "severity": self.severity,
            "message": self.message,
            "lower_confidence": self.lower_confidence,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Variant:
        return cls(condition_from_data(data["when"]), data["severity"], data["message"], data["lower_confidence"])


class Policy(msgspec.Struct, frozen=True, dict=True):
    id: str
    title: str
    severity: str
    rationale: Rationale
    recommendation: str
    references: tuple[str, ...]
    message: str
    when: Condition
    path: str
    about: str = "partner"
    variants: tuple[Variant, ...] = ()

    @functools.cached_property
    def _facts_used(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.fact for t in self.comparisons()))

    def comparisons(self) -> list:
        """Every comparison of its condition, then of its variants', in reading order."""
        return comparisons(self.when) + [t for v in self.variants for t in comparisons(v.when)]

    def facts_used(self) -> tuple[str, ...]:
        """The facts its conditions test, in reading order."""
        return self._facts_used

    def facts_needed(self) -> tuple[str, ...]:
        """The facts its conditions test and its messages name: all an assessment must derive for it."""
        messages = [self.message] + [v.message for v in self.variants if v.message]
        return tuple(dict.fromkeys(self._facts_used + tuple(f for m in messages for f in template_facts(m))))

    def to_data(self) -> dict[str, Any]:
        """The checked policy as plain data (the compiled-pack cache); :meth:`from_data` reads it back."""
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "rationale": snapshot.dump(self.rationale),
            "recommendation": self.recommendation,
            "references": list(self.references),
            "message": self.message,
            "when": condition_to_data(self.when),
            "path": self.path,
            "about": self.about,
            "variants": [v.to_data() for v in self.variants],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Policy:
        return cls(
            data["id"],
            data["title"],
            data["severity"],
            snapshot.load(data["rationale"]),  # validated when the pack was checked: no validator built
            data["recommendation"],
            tuple(data["references"]),
            data["message"],
            condition_from_data(data["when"]),
            data["path"],
            data["about"],
            tuple(Variant.from_data(v) for v in data["variants"]),
        )


def parse_policy(
    doc: Document, vocabulary: Vocabulary, sources_dir: Path | None
) -> tuple[Policy | None, list[Diagnostic]]:
    """Validate one policy document; return the policy (if sound) and every problem found."""
    if not isinstance(doc.data, dict):
        return None, [
            doc.diagnostic(
                (),
                f"expected a mapping of keys to values for a policy, got {describe(doc.data)}",
                "the file's top level is `key: value` lines",
            )
        ]
    from pydantic import ValidationError

    from .policy_file import PolicyFile

    problems: list[Diagnostic] = []
    try:
        head = PolicyFile.model_validate(doc.data, context={"vocabulary": vocabulary})
    except ValidationError as exc:
        problems += diagnostics_from(doc, PolicyFile, exc, "a policy")
        head = None
    parser = ConditionParser(doc, vocabulary)
    when = parser.parse(doc.data["when"], ("when",)) if "when" in doc.data else None
    variants = _variants(doc, parser)
    problems += parser.errors
    for loc, message in _messages(doc.data):
        problems += check_template(doc, message, loc)
    if head is not None:
        problems += _check_rationale(doc, head.rationale, sources_dir)
        problems += id_mismatch(doc, head.id, "policy id")
    if problems or head is None or when is None or variants is None:
        return None, sorted(problems)
    made = [
        Variant(w, v.severity, v.message, v.confidence == "lower") for w, v in zip(variants, head.variants, strict=True)
    ]
    return Policy(
        head.id,
        head.title,
        head.severity,
        snapshot.record_of(head.rationale),  # its record, as a policy read from the cache holds
        head.recommendation,
        tuple(head.references),
        head.message,
        when,
        doc.path,
        head.about,
        tuple(made),
    ), []


def _variants(doc: Document, parser: ConditionParser) -> list[Condition] | None:
    """Each variant's condition (None when one does not parse: the parser has the errors)."""
    raw = doc.data.get("variants")
    if not isinstance(raw, list):
        return []
    conditions = [
        parser.parse(v["when"], ("variants", i, "when")) if isinstance(v, dict) and "when" in v else None
        for i, v in enumerate(raw)
    ]
    return None if any(c is None for c in conditions) else conditions


def _messages(data: dict) -> list[tuple[tuple, str]]:
    found = [(("message",), data["message"])] if isinstance(data.get("message"), str) else []
    for i, v in enumerate(data.get("variants") or []):
        if isinstance(v, dict) and isinstance(v.get("message"), str):
            found.append((("variants", i, "message"), v["message"]))
    return found


def _check_rationale(doc: Document, rationale: Rationale, sources_dir: Path | None) -> list[Diagnostic]:
    """The rationale's source must be a document of the pack, and its quote must stand in it."""
    if sources_dir is None:
        return []
    known = [p.stem for p in files_in(sources_dir, ".txt")]
    path = sources_dir / f"{rationale.source}.txt"
    if not is_file(path):
        return [
            doc.diagnostic(
                ("rationale", "source"),
                f"unknown source document '{rationale.source}'",
                did_you_mean(rationale.source, known, "one of", list_all=True),
            )
        ]
    try:
        source = read_text(path)
    except EntenteError as exc:  # not UTF-8, unreadable, not a regular file: reported at the source file
        return list(exc.diagnostics)
    if _squash(rationale.quote) not in _squash(source):
        return [
            doc.diagnostic(
                ("rationale", "quote"),
                f"the quote does not appear in source '{rationale.source}'",
                f"copy the words exactly from {sources_dir.name}/{path.name}",
            )
        ]
    return []


def _squash(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).lower()
