"""The shape of the policy pack's ``vocabulary.yaml``: what validates it (engine.model.vocabulary reads it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictBool


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use, as InputModel


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
    labels: dict[str, str] = Field(default_factory=dict)  # term -> display label
