"""The controlled vocabulary: which terms each field of a file may take.

Loaded from the policy pack's ``vocabulary.yaml``; validated like any other input.
Models check their terms against it through pydantic's validation context
(see :func:`engine.model.common.term`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from ..errors import Diagnostic, article, did_you_mean
from .severity import SEVERITIES


class CrossedBy(BaseModel):
    """What crosses one red line (see the comments in vocabulary.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    asks: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    requires_reform: StrictBool = False
    names_adversary: StrictBool = False
    side_taking: StrictBool = False
    measures_with_pressure: StrictBool = False
    cooperation_against: tuple[str, ...] = ()
    side_taking_against_dependency: tuple[str, ...] = ()


class RedLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    crossed_by: CrossedBy = Field(default_factory=CrossedBy)


class VocabularyFile(BaseModel):
    """The shape of vocabulary.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tiers: tuple[str, ...]
    political_systems: tuple[str, ...]
    hedging_postures: tuple[str, ...]
    stances: tuple[str, ...]
    intensities: tuple[str, ...]
    dependency_levels: tuple[str, ...]
    sectors: tuple[str, ...]
    forum_kinds: tuple[str, ...]
    action_kinds: tuple[str, ...]
    issue_areas: tuple[str, ...]
    security_issue_areas: tuple[str, ...]
    governance_issue_areas: tuple[str, ...]
    reforms: dict[str, str]
    asks: dict[str, str]
    alliance_asks: tuple[str, ...]
    side_taking_asks: tuple[str, ...]
    measures: tuple[str, ...]
    red_lines: dict[str, RedLine]


# Category name -> human description, used in error messages.
CATEGORY_NAMES = {
    "tier": "tier",
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
    "measure": "measure",
    "red_line": "red line",
    "requirement": "requirement (a reform, an issue area or an ask)",
    "severity": "severity",
}


class Vocabulary:
    """Terms by category, and the relations between them (reform -> issue area...)."""

    def __init__(self, spec: VocabularyFile):
        self.spec = spec
        issue = spec.issue_areas
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
            "ask": tuple(spec.asks),
            "measure": spec.measures,
            "red_line": tuple(spec.red_lines),
            "requirement": tuple(spec.reforms) + issue + tuple(spec.asks),
            "severity": SEVERITIES,
        }
        self._sets = {name: frozenset(values) for name, values in self.terms.items()}
        self.tier_rank = {tier: rank for rank, tier in enumerate(spec.tiers)}

    def knows(self, category: str, value: str) -> bool:
        return value in self._sets[category]

    def suggestion(self, category: str, value: str) -> str:
        return did_you_mean(value, self.terms[category], article(CATEGORY_NAMES[category]))

    def issue_of(self, requirement: str) -> str | None:
        """The issue area a condition's requirement touches."""
        if requirement in self.spec.reforms:
            return self.spec.reforms[requirement]
        if requirement in self.spec.asks:
            return self.spec.asks[requirement]
        return requirement if requirement in self._sets["issue_area"] else None

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
    issue = set(spec.issue_areas)
    asks = set(spec.asks)

    def need(values, pool, loc, what):
        for i, value in enumerate(values):
            if value not in pool:
                problems.append(
                    locate(loc + (i,), f"'{value}' is not a known {what}", did_you_mean(value, pool, f"a {what}"))
                )

    need(spec.security_issue_areas, issue, ("security_issue_areas",), "issue area")
    need(spec.governance_issue_areas, issue, ("governance_issue_areas",), "issue area")
    need(spec.alliance_asks, asks, ("alliance_asks",), "ask")
    need(spec.side_taking_asks, asks, ("side_taking_asks",), "ask")
    for table, loc in ((spec.reforms, "reforms"), (spec.asks, "asks")):
        for term, area in table.items():
            if area not in issue:
                problems.append(
                    locate(
                        (loc, term), f"'{area}' is not a known issue area", did_you_mean(area, issue, "an issue area")
                    )
                )
    requirement = issue | asks | set(spec.reforms)
    for name, line in spec.red_lines.items():
        base = ("red_lines", name, "crossed_by")
        need(line.crossed_by.asks, asks, base + ("asks",), "ask")
        need(line.crossed_by.requires, requirement, base + ("requires",), "requirement")
        need(line.crossed_by.cooperation_against, issue, base + ("cooperation_against",), "issue area")
        need(
            line.crossed_by.side_taking_against_dependency,
            set(spec.sectors),
            base + ("side_taking_against_dependency",),
            "sector",
        )
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


def _snake(term: Any) -> bool:
    return isinstance(term, str) and term != "" and all(c.islower() or c.isdigit() or c == "_" for c in term)
