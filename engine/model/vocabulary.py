"""The controlled vocabulary: which terms each field of a file may take, and what each term means.

Loaded from the policy pack's ``vocabulary.yaml``; validated like any other input. Models check
their terms against it through pydantic's validation context (see :func:`engine.model.common.term`).

Besides the lists of terms, the vocabulary says what policies read (Contract v2): each ask's
default issue and its classes (alliance-type, side-taking, curtailing), the sectors each issue
area and measure lies in, which deliverable kinds are substantive, and what crosses each red
line. Policies read classes and sectors, never lists of terms, so an analyst who adds a term with
its classes and sectors changes what fires without touching a policy. The v1 forms of the file
(issue areas and measures as plain lists, asks as ``term: issue``, ``alliance_asks`` and
``side_taking_asks``) are still read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ..errors import article, did_you_mean
from ..io.cache import key_of
from ..values import words
from .severity import SEVERITIES

ASK_CLASSES = ("alliance_type", "side_taking", "curtailing")
V1_CLASS_LISTS = {"alliance_asks": "alliance_type", "side_taking_asks": "side_taking"}

if TYPE_CHECKING:
    from .vocabulary_file import VocabularyFile


class AskDefinition(msgspec.Struct, frozen=True):
    """An ask as the vocabulary defines it, whichever form the file used."""

    issue: str | None = None  # the issue the ask touches by default (None: no natural issue)
    classes: tuple[str, ...] = ()


# Category name -> human description, used in error messages.
CATEGORY_NAMES = {
    "tier": "tier",
    "tier_status": "tier status",
    "political_system": "political system",
    "hedging": "hedging posture",
    "stance": "stance",
    "intensity": "intensity",
    "level": "dependency level",
    "sector": "sector",
    "forum_kind": "forum kind",
    "action_kind": "action kind",
    "issue_area": "issue area",
    "reform": "reform",
    "ask": "ask",
    "ask_class": "ask class",
    "measure": "measure",
    "measure_status": "measure status",
    "deliverable_kind": "deliverable kind",
    "deliverable_status": "deliverable status",
    "dispute_channel": "channel",
    "red_line": "red line",
    "requirement": "requirement (a reform, an issue area or an ask)",
    "severity": "severity",
}

# Fixed by the contract: the engine gives each of these a meaning.
FIXED = {
    "tier_status": ("active", "dormant", "frozen"),
    "measure_status": ("imposed", "threatened", "conditional", "lifted"),
    "deliverable_status": ("agreed", "planned"),
    "dispute_channel": ("same_package", "separate"),
    "ask_class": ASK_CLASSES,
    "severity": SEVERITIES,
}


def by_term(value: tuple[str, ...] | dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return dict(value) if isinstance(value, dict) else dict.fromkeys(value, ())


def asks_of(spec: VocabularyFile) -> dict[str, AskDefinition]:
    """Every ask with its issue and classes, whichever form the file used."""
    asks = {
        term: AskDefinition(issue=v)
        if v is None or isinstance(v, str)
        else AskDefinition(issue=v.issue, classes=v.classes)
        for term, v in spec.asks.items()
    }
    for key, cls in V1_CLASS_LISTS.items():
        for term in getattr(spec, key):
            if term in asks and cls not in asks[term].classes:
                asks[term] = AskDefinition(issue=asks[term].issue, classes=(*asks[term].classes, cls))
    return asks


UNLABELLED = ("requirement", "severity")  # a union of other categories; severities read as they are


class Vocabulary:
    """Terms by category, and the relations between them (reform -> issue area, ask -> classes...)."""

    def __init__(self, spec: VocabularyFile, parties=None, source: str | None = None):
        self.spec = spec
        self.source = source  # the digest of the file it was read from (None: made in memory)
        known = source is not None and (parties is None or parties.fingerprint is not None)
        # what models validated against this vocabulary depend on: its file and the party registry's files
        self.fingerprint = key_of(source, parties.fingerprint if parties else "-") if known else None
        self.issue_sectors = by_term(spec.issue_areas)
        self.measure_sectors = by_term(spec.measures)
        self.asks = asks_of(spec)
        issue = tuple(self.issue_sectors)
        kinds = spec.deliverable_kinds
        self.terms: dict[str, tuple[str, ...]] = {
            "tier": spec.tiers,
            "political_system": spec.political_systems,
            "hedging": spec.hedging_postures,
            "stance": spec.stances,
            "intensity": spec.intensities,
            "level": spec.dependency_levels,
            "sector": spec.sectors,
            "forum_kind": spec.forum_kinds,
            "action_kind": spec.action_kinds,
            "issue_area": issue,
            "reform": tuple(spec.reforms),
            "ask": tuple(self.asks),
            "measure": tuple(self.measure_sectors),
            "deliverable_kind": kinds.substantive + kinds.not_substantive,
            "red_line": tuple(spec.red_lines),
            "requirement": tuple(spec.reforms) + issue + tuple(self.asks),
            **FIXED,
        }
        self._sets = {name: frozenset(values) for name, values in self.terms.items()}
        self.tier_rank = {tier: rank for rank, tier in enumerate(spec.tiers)}
        self.parties = parties  # the party registry (engine.model.parties), attached by the pack and library

    def with_parties(self, parties) -> Vocabulary:
        """The same vocabulary with another party registry (a library's own parties added)."""
        return Vocabulary(self.spec, parties, self.source)

    def label(self, term: str) -> str:
        """How notes and the text output name a term: its label, else its words."""
        return self.spec.labels.get(term) or words(term)

    def labels(self, terms) -> list[str]:
        return [self.label(t) for t in terms]

    def name(self, party: str) -> str:
        """A party's name (the registry's), else its id as words."""
        return self.parties.name(party) if self.parties is not None else words(party)

    def in_sentence(self, party: str) -> str:
        """A party's name inside a sentence ("the United States"), else its id as words."""
        return self.parties.in_sentence(party) if self.parties is not None else words(party)

    def unlabelled(self) -> list[str]:
        """Terms without a display label (they read as their words)."""
        every = dict.fromkeys(t for name, terms in self.terms.items() if name not in UNLABELLED for t in terms)
        return [t for t in every if t not in self.spec.labels]

    def knows(self, category: str, value: str) -> bool:
        return value in self._sets[category]

    def suggestion(self, category: str, value: str) -> str:
        return did_you_mean(value, self.terms[category], article(CATEGORY_NAMES[category]), see="entente vocabulary")

    def issue_of(self, requirement: str) -> str | None:
        """The issue area a condition's requirement touches."""
        if requirement in self.spec.reforms:
            return self.spec.reforms[requirement]
        if requirement in self.asks:
            return self.asks[requirement].issue
        return requirement if requirement in self._sets["issue_area"] else None

    def ask_classes(self, ask: str) -> tuple[str, ...]:
        return self.asks[ask].classes if ask in self.asks else ()

    def in_class(self, ask_class: str) -> frozenset[str]:
        """The asks of one class."""
        return frozenset(term for term, spec in self.asks.items() if ask_class in spec.classes)

    def sectors_of_issue(self, issue: str) -> tuple[str, ...]:
        return self.issue_sectors.get(issue, ())

    def sectors_of_measure(self, measure: str) -> tuple[str, ...]:
        return self.measure_sectors.get(measure, ())

    def substantive(self, kind: str) -> bool:
        return kind in self.spec.deliverable_kinds.substantive

    def is_reform_requirement(self, requirement: str) -> bool:
        """True for a reform, a governance issue area, or the domestic_reform ask."""
        return (
            requirement in self.spec.reforms
            or requirement in self.spec.governance_issue_areas
            or requirement == "domestic_reform"
        )
