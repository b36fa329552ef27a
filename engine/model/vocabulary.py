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

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from ..errors import Diagnostic, article, did_you_mean
from .severity import SEVERITIES

ASK_CLASSES = ("alliance_type", "side_taking", "curtailing")
V1_CLASS_LISTS = {"alliance_asks": "alliance_type", "side_taking_asks": "side_taking"}


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CrossedBy(_Data):
    """What crosses one red line (see the comments in vocabulary.yaml)."""

    asks: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    requires_reform: StrictBool = False
    names_adversary: StrictBool = False
    side_taking: StrictBool = False
    measures_with_pressure: StrictBool = False
    cooperation_against: tuple[str, ...] = ()
    side_taking_against_dependency: tuple[str, ...] = ()  # v1: any side-taking ask (energy_sovereignty of v1)
    curtailing_against_dependency: tuple[str, ...] = ()


class RedLine(_Data):
    description: str
    crossed_by: CrossedBy = Field(default_factory=CrossedBy)


class AskTerm(_Data):
    issue: str | None = None  # the issue the ask touches by default (None: no natural issue)
    classes: tuple[str, ...] = ()


class DeliverableKinds(_Data):
    substantive: tuple[str, ...] = ("fund", "agreement", "treaty", "programme", "facility", "project")
    not_substantive: tuple[str, ...] = ("process", "statement")


class VocabularyFile(_Data):
    """The shape of vocabulary.yaml (v1 forms accepted where noted)."""

    tiers: tuple[str, ...]
    political_systems: tuple[str, ...]
    hedging_postures: tuple[str, ...]
    stances: tuple[str, ...]
    intensities: tuple[str, ...]
    dependency_levels: tuple[str, ...]
    sectors: tuple[str, ...]
    forum_kinds: tuple[str, ...]
    action_kinds: tuple[str, ...]
    issue_areas: tuple[str, ...] | dict[str, tuple[str, ...]]  # v2: issue area -> its sectors
    security_issue_areas: tuple[str, ...]
    governance_issue_areas: tuple[str, ...]
    reforms: dict[str, str]
    asks: dict[str, str | AskTerm | None]  # v1: ask -> issue; v2: ask -> {issue, classes}
    alliance_asks: tuple[str, ...] = ()  # v1 class lists
    side_taking_asks: tuple[str, ...] = ()
    measures: tuple[str, ...] | dict[str, tuple[str, ...]]  # v2: measure -> its sectors
    deliverable_kinds: DeliverableKinds = Field(default_factory=DeliverableKinds)
    red_lines: dict[str, RedLine]


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


def _by_term(value: tuple[str, ...] | dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return dict(value) if isinstance(value, dict) else dict.fromkeys(value, ())


def _asks(spec: VocabularyFile) -> dict[str, AskTerm]:
    """Every ask with its issue and classes, whichever form the file used."""
    asks = {term: v if isinstance(v, AskTerm) else AskTerm(issue=v) for term, v in spec.asks.items()}
    for key, cls in V1_CLASS_LISTS.items():
        for term in getattr(spec, key):
            if term in asks and cls not in asks[term].classes:
                asks[term] = AskTerm(issue=asks[term].issue, classes=(*asks[term].classes, cls))
    return asks


class Vocabulary:
    """Terms by category, and the relations between them (reform -> issue area, ask -> classes...)."""

    def __init__(self, spec: VocabularyFile, parties=None):
        self.spec = spec
        self.issue_sectors = _by_term(spec.issue_areas)
        self.measure_sectors = _by_term(spec.measures)
        self.asks = _asks(spec)
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
        return Vocabulary(self.spec, parties)

    def knows(self, category: str, value: str) -> bool:
        return value in self._sets[category]

    def suggestion(self, category: str, value: str) -> str:
        return did_you_mean(value, self.terms[category], article(CATEGORY_NAMES[category]))

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


def check_vocabulary(spec: VocabularyFile, locate) -> list[Diagnostic]:
    """Cross-checks inside vocabulary.yaml: subsets and relations name known terms."""
    problems: list[Diagnostic] = []
    issue, sectors = set(_by_term(spec.issue_areas)), set(spec.sectors)
    asks = _asks(spec)

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
        for term, in_sectors in _by_term(table).items():
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


def _snake(term: Any) -> bool:
    return isinstance(term, str) and term != "" and all(c.islower() or c.isdigit() or c == "_" for c in term)
