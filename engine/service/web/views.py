"""What the workspace's pages show, in words: an explanation tree in plain language, problems by field.

Terms read as their labels (`Vocabulary.label`), parties as their names, facts as their meaning (the
fact catalogue's docs): identifiers appear only where a user typed them.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ...core.results import ConditionNode, Explanation
from ...core.wording import missing_text
from ...errors import Diagnostic, EntenteError
from ...facts import CATALOGUE
from ...model.help import label as field_label
from ...model.sources import covers

OPS = {
    "is": "is",
    "equals": "is",
    "not_equals": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "at_least": "is at least",
    "at_most": "is at most",
    "above": "is above",
    "below": "is below",
    "contains": "includes",
    "contains_any": "includes any of",
    "contains_none": "includes none of",
    "empty": "is empty",
}
VERDICTS = {"true": "holds", "false": "does not hold", "unknown": "cannot be told (data missing)"}
JOINS = {"all": "All of these:", "any": "Any of these:", "not": "Not this:"}


class Line(msgspec.Struct):
    depth: int
    verdict: str  # true | false | unknown
    text: str
    sources: list[str]
    missing: list[str]


class Words:
    """Terms and parties in words, for one vocabulary (with its party registry); with a library, the sources
    of a profile's facts."""

    def __init__(self, vocabulary, library=None):
        self.vocabulary, self.library = vocabulary, library

    def sources(self, subject: str, field: str) -> list[str]:
        """The sources of the partner profile that support the fact behind an evidence ``field``
        (``profile.stances.trade``): how each is cited, with its date. None for a proposal's own fields."""
        if self.library is None or not field.startswith("profile.") or subject.startswith("forum:"):
            return []
        try:
            partner = self.library.partner(subject)
        except EntenteError:
            return []
        path = field.removeprefix("profile.")
        return [
            s.cited + (f" ({s.date})" if s.date else "")
            for s in partner.sources
            if any(covers(p, path) or covers(path, p) for p in s.supports)
        ]

    def term(self, value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (list, tuple)):
            return ", ".join(self.term(v) for v in value) if value else "nothing"
        text = str(value)
        registry = self.vocabulary.parties
        if registry is not None and text in registry.parties:
            return registry.name(text)
        return self.vocabulary.label(text)

    def terms(self, values, sep: str = ", ") -> str:
        return sep.join(self.term(v) for v in values)

    def lines(self, explanation: Explanation) -> list[Line]:
        """The condition tree as indented sentences: what each test asks, whether it holds, from which facts."""
        out: list[Line] = []
        self._walk(explanation.condition, 0, out)
        return out

    def _walk(self, node: ConditionNode, depth: int, out: list[Line]) -> None:
        if node.kind != "test":
            out.append(Line(depth, node.value, JOINS.get(node.kind, node.kind), [], []))
            for child in node.children:
                self._walk(child, depth + 1, out)
            return
        spec = CATALOGUE.get(node.fact or "")
        meaning = spec.doc.rstrip(".") if spec else (node.fact or "")
        op = OPS.get(node.op or "", node.op or "")
        expected = " " + self.term(node.expected)
        if node.op == "empty":
            op, expected = ("is empty" if node.expected is not False else "is not empty"), ""
        text = f"{meaning} {op}{expected} (here: {self.term(node.actual)})"
        missing = [missing_text(m, self.vocabulary) for m in node.missing]
        out.append(Line(depth, node.value, text, list(node.evidence), missing))

    def explained(self, result, partner: str, policy: str) -> list[Line]:
        """The explanation of ``policy`` for ``partner`` in the result (the first partner's for a forum's)."""
        for group in result.explanations or []:
            if group.partner == partner:
                found = next((e for e in group.policies if e.policy == policy), None)
                return self.lines(found) if found else []
        return []

    def missing(self, fields: list[str]) -> list[str]:
        return [missing_text(m, self.vocabulary) for m in fields]


def located(diagnostics: list[Diagnostic], doc) -> list[dict[str, Any]]:
    """Problems with a YAML text, each with its line and, when it can be told, the form field it is about."""
    out = []
    for d in diagnostics:
        where = _field_at(doc, d.line) if doc is not None and d.line else None
        field = ""
        if where:
            field = field_label("Proposal", str(where[0]))
            if len(where) > 1 and isinstance(where[1], int):
                field += f", row {where[1] + 1}"
        out.append({"line": d.line, "col": d.col, "field": field, "message": d.message, "help": d.help})
    return out


def _field_at(doc, line: int) -> tuple | None:
    """The deepest key or value the document places on ``line``."""
    found = [loc for table in (doc.keys, doc.values) for loc, pos in table.items() if pos.line == line and loc]
    return max(found, key=len) if found else None
