"""Cross-checks inside vocabulary.yaml: subsets and relations name known terms, terms are snake_case,
labels label known terms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, did_you_mean
from .vocabulary import ASK_CLASSES, V1_CLASS_LISTS, Vocabulary, asks_of, by_term

if TYPE_CHECKING:
    from .vocabulary_file import VocabularyFile


def check_vocabulary(spec: VocabularyFile, locate) -> list[Diagnostic]:
    """Cross-checks inside vocabulary.yaml: subsets and relations name known terms."""
    problems: list[Diagnostic] = []
    issue, sectors = set(by_term(spec.issue_areas)), set(spec.sectors)
    asks = asks_of(spec)

    def need(values, pool, loc, what):
        for i, value in enumerate(values):
            if value not in pool:
                problems.append(
                    locate((*loc, i), f"'{value}' is not a known {what}", did_you_mean(value, pool, f"a {what}"))
                )

    need(spec.security_issue_areas, issue, ("security_issue_areas",), "issue area")
    need(spec.governance_issue_areas, issue, ("governance_issue_areas",), "issue area")
    for key in V1_CLASS_LISTS:
        need(getattr(spec, key), set(asks), (key,), "ask")
    for table, loc in ((spec.issue_areas, "issue_areas"), (spec.measures, "measures")):
        for term, in_sectors in by_term(table).items():
            need(in_sectors, sectors, (loc, term), "sector")
    for term, area in spec.reforms.items():
        if area not in issue:
            problems.append(
                locate(
                    ("reforms", term), f"'{area}' is not a known issue area", did_you_mean(area, issue, "an issue area")
                )
            )
    for term, ask in asks.items():
        if ask.issue is not None and ask.issue not in issue:
            problems.append(
                locate(
                    ("asks", term),
                    f"'{ask.issue}' is not a known issue area",
                    did_you_mean(ask.issue, issue, "an issue area"),
                )
            )
        need(ask.classes, set(ASK_CLASSES), ("asks", term, "classes"), "ask class")
    problems += _check_red_lines(spec, issue, set(asks), sectors, need)
    problems += _check_labels(spec, locate)
    for name in ("tiers", "issue_areas", "asks", "measures", "red_lines", "action_kinds"):
        for term in getattr(spec, name):
            if not _snake(term):
                problems.append(
                    locate(
                        (name,),
                        f"'{term}' is not snake_case",
                        "vocabulary terms use lower-case letters, digits and '_'",
                    )
                )
    return problems


def _check_red_lines(spec: VocabularyFile, issue: set, asks: set, sectors: set, need) -> list[Diagnostic]:
    requirement = issue | asks | set(spec.reforms)
    for name, line in spec.red_lines.items():
        base = ("red_lines", name, "crossed_by")
        need(line.crossed_by.asks, asks, (*base, "asks"), "ask")
        need(line.crossed_by.requires, requirement, (*base, "requires"), "requirement")
        need(line.crossed_by.cooperation_against, issue, (*base, "cooperation_against"), "issue area")
        for key in ("side_taking_against_dependency", "curtailing_against_dependency"):
            need(getattr(line.crossed_by, key), sectors, (*base, key), "sector")
    return []


def _check_labels(spec: VocabularyFile, locate) -> list[Diagnostic]:
    """A label names a term the vocabulary has, in words."""
    known = set(Vocabulary(spec).terms["requirement"]).union(
        *(terms for name, terms in Vocabulary(spec).terms.items() if name != "requirement")
    )
    problems = []
    for term, label in spec.labels.items():
        if term not in known:
            problems.append(
                locate(
                    ("labels", term),
                    f"label for '{term}', which is not a term of the vocabulary",
                    did_you_mean(term, known, "a term"),
                )
            )
        elif not label.strip() or "\n" in label.strip():
            problems.append(
                locate(
                    ("labels", term), f"the label of '{term}' is empty or spans lines", "write the label on one line"
                )
            )
    return problems


def _snake(term: Any) -> bool:
    return isinstance(term, str) and term != "" and all(c.islower() or c.isdigit() or c == "_" for c in term)
