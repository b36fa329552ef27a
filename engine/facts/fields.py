"""Facts copied from one input field: the proposal's lists, and texts for messages."""

from __future__ import annotations

from collections.abc import Callable

from ..model.situation import Situation
from .reading import read
from .registry import IDS, TERMS, TEXT, TEXTS, Evidence, FactValue, fact
from .support import items


def _listed(attr: str, pick: Callable | None = None) -> Callable[[Situation], FactValue]:  # pragma: no mutate block
    """The values of one proposal list (``pick`` reads the term of a v2 mapping item)."""
    return lambda s: items([pick(x) if pick else x for x in getattr(s.proposal, attr)], attr)


for _name, _attr, _type, _category, _pick, _doc in [
    (
        "proposal.cooperation",
        "cooperation",
        TERMS,
        "issue_area",
        None,
        "Issue areas of cooperation the move offers or pursues.",
    ),
    (
        "proposal.measures",
        "measures",
        TERMS,
        "measure",
        lambda m: m.measure,
        "Measures the move aims at the partner, whatever their status.",
    ),
    ("proposal.against", "against", IDS, None, None, "Third parties the asks and conditions are aimed at."),
    (
        "proposal.names_as_adversary",
        "names_as_adversary",
        IDS,
        None,
        None,
        "Third parties the move's public framing names as the target.",
    ),
    (
        "proposal.implied_adversary",
        "implied_adversary",
        IDS,
        None,
        None,
        "Third parties the move is evidently aimed at though its text never names them.",
    ),
    (
        "proposal.adds_to_agenda",
        "adds_to_agenda",
        TERMS,
        "issue_area",
        None,
        "Issue areas the move adds to the forum's agenda.",
    ),
    ("proposal.adds_members", "adds_members", IDS, None, None, "States the move brings into the forum."),
    (
        "proposal.deliverables",
        "deliverables",
        TEXTS,
        None,
        lambda d: d.text,
        "Everything that comes with an upgrade, substantive or not.",
    ),
]:
    fact(_name, _type, _doc, category=_category, sources=(_attr,))(_listed(_attr, _pick))


@fact(
    "proposal.asks",
    TERMS,
    "Commitments the move asks of the partner, directly or by a condition that requires one.",
    category="ask",
    sources=("asks", "conditions[].requires"),
)
def proposal_asks(s: Situation) -> FactValue:
    made = read(s).asks
    return FactValue(list(dict.fromkeys(a.term for a in made)), tuple(Evidence(a.path, a.term) for a in made))


@fact(
    "proposal.raises_disputes",
    TERMS,
    "Disputed issues put into the same package or statement (those raised in a separate channel feed no policy).",
    category="issue_area",
    sources=("raises_disputes",),
)
def proposal_raises_disputes(s: Situation) -> FactValue:
    raised = [(i, r.issue) for i, r in enumerate(s.proposal.raises_disputes) if r.channel == "same_package"]
    return FactValue(
        list(dict.fromkeys(x for _, x in raised)), tuple(Evidence(f"raises_disputes[{i}]", x) for i, x in raised)
    )


@fact(
    "proposal.substantive_deliverables",
    TEXTS,
    "Deliverables of substance: agreed items of a substantive kind "
    "(vocabulary `deliverable_kinds`), and free-text ones.",
    sources=("deliverables",),
)
def proposal_substantive_deliverables(s: Situation) -> FactValue:
    v = s.vocabulary
    kept = [
        (i, d.text)
        for i, d in enumerate(s.proposal.deliverables)
        if d.status == "agreed" and (d.kind is None or v.substantive(d.kind))
    ]
    return FactValue([t for _, t in kept], tuple(Evidence(f"deliverables[{i}]", t) for i, t in kept))


def _display(where: str, attr: str) -> Callable[[Situation], FactValue]:  # pragma: no mutate block
    return lambda s: FactValue(getattr(getattr(s, where), attr))


for _name, _where, _attr, _doc in [
    ("proposal.id", "proposal", "id", "The proposal's id."),
    ("proposal.title", "proposal", "title", "The proposal's title."),
    ("partner.id", "partner", "id", "The partner profile's id."),
    ("partner.name", "partner", "name", "The partner's name."),
]:
    fact(_name, TEXT, _doc, display_only=True)(_display(_where, _attr))


@fact("proposal.actor", TEXT, "The actor making the move, by name.", display_only=True)
def proposal_actor(s: Situation) -> FactValue:
    return FactValue(s.vocabulary.parties.name(s.proposal.actor))
