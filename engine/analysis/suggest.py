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
from dataclasses import dataclass
from typing import Any

from ..core.engine import Engine, Options
from ..core.resolve import Resolved
from ..core.results import Result, SuggestedEdit, Suggestion
from ..model import Proposal
from ..model.severity import SEVERITY_ORDER
from ..model.situation import Situation
from ..values import words

MAX_EDITS = 3
MAX_CANDIDATES = 14
PER_FINDING = 3
DELIVERABLE = "a concrete deliverable (a fund, an agreement or a programme): fill in"


@dataclass(frozen=True)
class Edit:
    """One candidate edit to the proposal, with the advice that says it in words."""

    op: str  # remove | add | clear
    field: str
    value: Any
    advice: str


def suggestion(edits: tuple[Edit, ...]) -> Suggestion:
    parts = [e.advice for e in edits]
    advice = "; ".join([parts[0]] + [p[:1].lower() + p[1:] for p in parts[1:]]) + "."
    return Suggestion(advice=advice, edits=[SuggestedEdit(op=e.op, field=e.field, value=e.value) for e in edits])


def _removals(situation: Situation) -> list[Edit]:
    """Taking out what the move aims, asks or adds: each element of the proposal that can cause a finding."""
    p, forum, vocabulary = situation.proposal, situation.forum, situation.vocabulary
    where = forum.name if forum else "the forum"

    def remove(field: str, value: Any, advice: str) -> Edit:
        return Edit("remove", field, value, advice)

    edits = []
    for c in p.conditions:
        issue = words(vocabulary.issue_of(c.requires) or c.requires)
        advice = f"Drop the condition on {words(c.requires)} from the {words(c.at_stake)} offer and keep any "
        edits.append(remove("conditions", as_written(c), advice + f"{issue} dialogue in a separate track"))
    edits += [remove("asks", as_written(a), f"Drop the ask for {words(a.ask)}") for a in p.asks]
    edits += [
        remove(
            "measures",
            as_written(m),
            f"Drop the {words(m.measure)} aimed at the partner"
            if m.status == "imposed"
            else f"Drop the {m.status} {words(m.measure)}",
        )
        for m in p.measures
        if m.status != "lifted"
    ]
    edits += [
        remove("adds_to_agenda", x, f"Take {words(x)} off the agenda of {where} and pursue it in a format built for it")
        for x in p.adds_to_agenda
    ]
    if forum is not None:
        outside = [x for x in p.cooperation if x not in forum.scope]
        edits += [remove("cooperation", x, f"Pursue {words(x)} outside {where}") for x in outside]
    edits += [
        remove("names_as_adversary", x, f"Do not name {x} as the adversary; frame the move around the shared problem")
        for x in p.names_as_adversary
    ]
    edits += [remove("against", x, f"Do not aim the asks and conditions at {x}") for x in p.against]
    edits += [
        remove(
            "raises_disputes",
            as_written(x),
            f"Take {words(x.issue)} out of the package and raise it in a separate channel",
        )
        for x in p.raises_disputes
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
    data = item.model_dump(mode="json", exclude_unset=True, by_alias=True) if hasattr(item, "model_dump") else item
    return next(iter(data.values())) if isinstance(data, dict) and len(data) == 1 else data


def apply_edits(proposal: Proposal, edits: tuple[Edit, ...], vocabulary) -> Proposal:
    data = proposal.model_dump(mode="json", exclude_unset=True, by_alias=True)
    for e in edits:
        if e.op == "remove":
            data[e.field] = [x for x in data.get(e.field, []) if as_written(x) != e.value]
        elif e.op == "add":
            data[e.field] = list(data.get(e.field, [])) + [e.value]
        else:
            data[e.field] = None
    return Proposal.model_validate(data, context={"vocabulary": vocabulary})


def suggest(engine: Engine, situation: Situation, options: Options) -> dict[str, list[Suggestion]]:
    """For each finding of the situation: the smallest edit sets that clear it (at most PER_FINDING)."""
    vocabulary = situation.vocabulary
    baseline = {f.id: f.severity for f in engine.assess_situation(situation, options).findings}
    candidates = candidate_edits(situation)
    outcomes: dict[tuple[int, ...], dict[str, str]] = {}

    def outcome(combo: tuple[int, ...]) -> dict[str, str]:
        if combo not in outcomes:
            proposal = apply_edits(situation.proposal, tuple(candidates[i] for i in combo), vocabulary)
            variant = Situation(proposal, situation.partner, situation.forum, vocabulary)
            outcomes[combo] = {f.id: f.severity for f in engine.assess_situation(variant, options).findings}
        return outcomes[combo]

    result: dict[str, list[Suggestion]] = {}
    for fid, severity in baseline.items():
        found: list[Suggestion] = []
        for size in range(1, MAX_EDITS + 1):
            for combo in itertools.combinations(range(len(candidates)), size):
                after = outcome(combo)
                raised = [
                    i for i, s in after.items() if i not in baseline and SEVERITY_ORDER[s] >= SEVERITY_ORDER[severity]
                ]
                if fid not in after and not raised:
                    found.append(suggestion(tuple(candidates[i] for i in combo)))
            if found:
                break
        result[fid] = found[:PER_FINDING]
    return result


def attach_suggestions(engine: Engine, resolved: Resolved, result: Result, options: Options) -> None:
    """Set every finding's ``suggestions`` in ``result`` (the assessment of ``resolved``)."""
    result.suggested = True
    for situation, assessment in zip(resolved.situations(), result.assessments, strict=True):
        found = suggest(engine, situation, options)
        for finding in assessment.findings:
            finding.suggestions = found.get(finding.id, [])
