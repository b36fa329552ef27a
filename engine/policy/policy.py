"""A policy file: its doctrine (title, severity, rationale quoting a source), its message and its condition."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from ..errors import Diagnostic, EntenteError, did_you_mean
from ..io.document import Document
from ..io.folders import files_in, is_file
from ..io.inputs import read_text
from ..model.common import Ident, InputModel, Text, term
from ..model.validate import describe, diagnostics_from, id_mismatch
from ..model.vocabulary import Vocabulary
from .language import Condition, ConditionParser, comparisons, condition_from_data, condition_to_data
from .template import check_template, template_facts


class Rationale(InputModel):
    text: Text
    source: Ident
    quote: Text


class PolicyFile(InputModel):
    """The keys of a policy file (the condition is parsed separately)."""

    id: Ident
    title: Text
    severity: term("severity")
    rationale: Rationale
    recommendation: Text
    references: list[Text] = Field(default_factory=list)
    message: Text
    when: Any


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    severity: str
    rationale: Rationale
    recommendation: str
    references: tuple[str, ...]
    message: str
    when: Condition
    path: str

    @functools.cached_property
    def _facts_used(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.fact for t in comparisons(self.when)))

    def facts_used(self) -> tuple[str, ...]:
        """The facts its condition tests, in reading order."""
        return self._facts_used

    def facts_needed(self) -> tuple[str, ...]:
        """The facts its condition tests and its message names: all an assessment must derive for it."""
        return tuple(dict.fromkeys(self._facts_used + template_facts(self.message)))

    def to_data(self) -> dict[str, Any]:
        """The checked policy as plain data (the compiled-pack cache); :meth:`from_data` reads it back."""
        return {"id": self.id, "title": self.title, "severity": self.severity,
                "rationale": self.rationale.model_dump(), "recommendation": self.recommendation,
                "references": list(self.references), "message": self.message,
                "when": condition_to_data(self.when), "path": self.path}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Policy":
        return cls(data["id"], data["title"], data["severity"], Rationale.model_validate(data["rationale"]),
                   data["recommendation"], tuple(data["references"]), data["message"],
                   condition_from_data(data["when"]), data["path"])


def parse_policy(doc: Document, vocabulary: Vocabulary, sources_dir: Path | None) -> tuple[Policy | None, list[Diagnostic]]:
    """Validate one policy document; return the policy (if sound) and every problem found."""
    if not isinstance(doc.data, dict):
        return None, [doc.diagnostic((), f"expected a mapping of keys to values for a policy, got {describe(doc.data)}",
                                     "the file's top level is `key: value` lines")]
    problems: list[Diagnostic] = []
    try:
        head = PolicyFile.model_validate(doc.data, context={"vocabulary": vocabulary})
    except ValidationError as exc:
        problems += diagnostics_from(doc, PolicyFile, exc, "a policy")
        head = None
    parser = ConditionParser(doc, vocabulary)
    when = parser.parse(doc.data["when"], ("when",)) if "when" in doc.data else None
    problems += parser.errors
    if isinstance(doc.data.get("message"), str):
        problems += check_template(doc, doc.data["message"], ("message",))
    if head is not None:
        problems += _check_rationale(doc, head.rationale, sources_dir)
        problems += id_mismatch(doc, head.id, "policy id")
    if problems or head is None or when is None:
        return None, sorted(problems)
    return Policy(head.id, head.title, head.severity, head.rationale, head.recommendation, tuple(head.references),
                  head.message, when, doc.path), []


def _check_rationale(doc: Document, rationale: Rationale, sources_dir: Path | None) -> list[Diagnostic]:
    """The rationale's source must be a document of the pack, and its quote must stand in it."""
    if sources_dir is None:
        return []
    known = [p.stem for p in files_in(sources_dir, ".txt")]
    path = sources_dir / f"{rationale.source}.txt"
    if not is_file(path):
        return [doc.diagnostic(("rationale", "source"), f"unknown source document '{rationale.source}'",
                               did_you_mean(rationale.source, known, "one of", list_all=True))]
    try:
        source = read_text(path)
    except EntenteError as exc:  # not UTF-8, unreadable, not a regular file: reported at the source file
        return list(exc.diagnostics)
    if _squash(rationale.quote) not in _squash(source):
        return [doc.diagnostic(("rationale", "quote"), f"the quote does not appear in source '{rationale.source}'",
                               f"copy the words exactly from {sources_dir.name}/{path.name}")]
    return []


def _squash(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).lower()
