"""What would clear this warning: the smallest edits to the proposal that answer a finding.

Only the proposal is edited: a partner's red lines and stances are not ours to change. The
candidate edits come from the proposal itself (drop an ask, drop a condition, take an agenda
item out of the forum, drop a named adversary, add deliverables to an upgrade...). The search
tries every set of 1, then 2, then up to ``MAX_EDITS`` edits (at most ``MAX_CANDIDATES``
candidates), in a fixed order, and keeps the smallest sets that clear the finding without
raising a new finding at the same or a higher severity. durable_rules evaluates every variant.
"""

from __future__ import annotations

import itertools
from typing import Any

import msgspec

from ..core.engine import Engine, Options
from ..core.resolve import Resolved
from ..core.results import Result, SuggestedEdit, Suggestion
from ..core.wording import Wording
from ..model import Proposal
from ..model.common import file_data
from ..model.severity import SEVERITY_ORDER
from ..model.situation import Situation
from ..model.snapshot import is_input

MAX_EDITS = 3
MAX_CANDIDATES = 14
PER_FINDING = 3
DELIVERABLE = "a concrete deliverable (a fund, an agreement or a programme): fill in"


class Edit(msgspec.Struct, frozen=True):
    """One candidate edit to the proposal, with the advice that says it in words."""

    op: str  # remove | add | clear
    field: str
    value: Any
    advice: str


def suggestion(edits: tuple[Edit, ...]) -> Suggestion:
    parts = [e.advice for e in edits]
    advice = "; ".join([parts[0]] + [p[:1].lower() + p[1:] for p in parts[1:]]) + "."
    return Suggestion(advice=advice, edits=[SuggestedEdit(op=e.op, field=e.field, value=e.value) for e in edits])


def _remover(situation: Situation):
    p = situation.proposal

    def remove(field: str, i: int, advice: str) -> Edit:
        return Edit("remove", field, as_written(getattr(p, field)[i]), advice)

    return remove


def _demands(situation: Situation) -> list[Edit]:
    """Taking out a condition, an ask or a measure aimed at the partner."""
    p, vocabulary, w, remove = situation.proposal, situation.vocabulary, Wording(situation), _remover(situation)
    edits = []
    for i, c in enumerate(p.conditions):
        issue = vocabulary.label(vocabulary.issue_of(c.requires) or c.requires)
        advice = f"Drop {w.element('conditions', i)} and keep any {issue} dialogue in a separate track"
        edits.append(remove("conditions", i, advice))
    edits += [remove("asks", i, f"Drop {w.element('asks', i)}") for i in range(len(p.asks))]
    aimed = " aimed at the partner"
    edits += [
        remove("measures", i, f"Drop {w.element('measures', i)}" + (aimed if m.status == "imposed" else ""))
        for i, m in enumerate(p.measures)
        if m.status != "lifted"
    ]
    return edits


def _removals(situation: Situation) -> list[Edit]:
    """Taking out what the move aims, asks or adds: each element of the proposal that can cause a finding."""
    p, forum, w, remove = situation.proposal, situation.forum, Wording(situation), _remover(situation)
    where = forum.name if forum else "the forum"
    edits = _demands(situation)
    edits += [
        remove(
            "adds_to_agenda", i, f"Take {w.label(x)} off the agenda of {where} and pursue it in a format built for it"
        )
        for i, x in enumerate(p.adds_to_agenda)
    ]
    if forum is not None:
        edits += [
            remove("cooperation", i, f"Pursue {w.label(x)} outside {where}")
            for i, x in enumerate(p.cooperation)
            if x not in forum.scope
        ]
    frame = "frame the move around the shared problem"
    edits += [
        remove("names_as_adversary", i, f"Do not name {w.name(x)} as the adversary; {frame}")
        for i, x in enumerate(p.names_as_adversary)
    ]
    edits += [
        remove("against", i, f"Do not aim the asks and conditions at {w.name(x)}") for i, x in enumerate(p.against)
    ]
    edits += [
        remove("raises_disputes", i, f"Take {w.label(x.issue)} out of the package and raise it in a separate channel")
        for i, x in enumerate(p.raises_disputes)
        if x.channel == "same_package"
    ]
    return edits


def candidate_edits(situation: Situation) -> list[Edit]:
    """The edits the search tries, in a fixed order, at most MAX_CANDIDATES."""
    p = situation.proposal
    edits = _removals(situation)
    substantive = [
        d
        for d in p.deliverables
        if d.status == "agreed" and (d.kind is None or situation.vocabulary.substantive(d.kind))
    ]
    if (p.kind == "relationship_upgrade" or p.new_label) and not substantive:
        advice = "Attach concrete deliverables to the upgrade (a fund, an agreement or a programme)"
        edits.append(Edit("add", "deliverables", DELIVERABLE, advice))
    if p.new_label:
        edits.append(Edit("clear", "new_label", p.new_label, "Keep the current label until there are deliverables"))
    return edits[:MAX_CANDIDATES]


def as_written(item: Any) -> Any:
    """A list item as a file writes it: the bare term of a v2 mapping that sets only its term, else the mapping."""
    data = file_data(item) if is_input(item) else item
    return next(iter(data.values())) if isinstance(data, dict) and len(data) == 1 else data


def apply_edits(proposal: Proposal, edits: tuple[Edit, ...], vocabulary) -> Proposal:
    data = file_data(proposal)
    for e in edits:
        if e.op == "remove":
            data[e.field] = [x for x in data.get(e.field, []) if as_written(x) != e.value]
        elif e.op == "add":
            data[e.field] = list(data.get(e.field, [])) + [e.value]
        else:
            data[e.field] = None
    return Proposal.model_validate(data, context={"vocabulary": vocabulary})


class Variants:
    """The situation with sets of candidate edits applied, each assessed once (durable_rules decides)."""

    def __init__(self, engine: Engine, situation: Situation, options: Options):
        self.engine, self.situation, self.options = engine, situation, options
        self.baseline = {f.id: f.severity for f in engine.assess_situation(situation, options).findings}
        self.candidates = candidate_edits(situation)
        self._outcomes: dict[tuple[int, ...], dict[str, str]] = {}

    def outcome(self, combo: tuple[int, ...]) -> dict[str, str]:
        """The findings (id -> severity) once the candidate edits ``combo`` are applied."""
        if combo not in self._outcomes:
            s = self.situation
            proposal = apply_edits(s.proposal, tuple(self.candidates[i] for i in combo), s.vocabulary)
            variant = Situation(proposal, s.partner, s.forum, s.vocabulary)
            self._outcomes[combo] = {
                f.id: f.severity for f in self.engine.assess_situation(variant, self.options).findings
            }
        return self._outcomes[combo]

    def clearing(self, fid: str) -> list[tuple[int, ...]]:
        """The smallest sets of edits that clear ``fid`` without raising a new finding at its severity or above."""
        severity = SEVERITY_ORDER[self.baseline[fid]]
        for size in range(1, MAX_EDITS + 1):
            found = []
            for combo in itertools.combinations(range(len(self.candidates)), size):
                after = self.outcome(combo)
                raised = [i for i, s in after.items() if i not in self.baseline and SEVERITY_ORDER[s] >= severity]
                if fid not in after and not raised:
                    found.append(combo)
            if found:
                return found
        return []

    def suggestion(self, combo: tuple[int, ...]) -> Suggestion:
        return suggestion(tuple(self.candidates[i] for i in combo))


def suggest(engine: Engine, situation: Situation, options: Options) -> dict[str, list[Suggestion]]:
    """For each finding of the situation: the smallest edit sets that clear it (at most PER_FINDING)."""
    variants = Variants(engine, situation, options)
    return {fid: [variants.suggestion(c) for c in variants.clearing(fid)[:PER_FINDING]] for fid in variants.baseline}


def best_edit(
    engine: Engine, situation: Situation, options: Options, fid: str
) -> tuple[Suggestion, dict[str, str]] | None:
    """The smallest edit that clears ``fid``, and the findings (id -> severity) left after it; None if none does."""
    variants = Variants(engine, situation, options)
    combos = variants.clearing(fid) if fid in variants.baseline else []
    return (variants.suggestion(combos[0]), variants.outcome(combos[0])) if combos else None


def attach_suggestions(engine: Engine, resolved: Resolved, result: Result, options: Options) -> None:
    """Set every finding's ``suggestions`` in ``result`` (the assessment of ``resolved``)."""
    result.suggested = True
    for situation, assessment in zip(resolved.situations(), result.assessments, strict=True):
        found = suggest(engine, situation, options)
        for finding in assessment.findings:
            finding.suggestions = found[finding.id]  # suggest() answers for every finding of the situation
