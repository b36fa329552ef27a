"""Facts copied from one input field: the proposal's lists, and texts for messages."""

from __future__ import annotations

from collections.abc import Callable

from ..model.situation import Situation
from .registry import IDS, TERMS, TEXT, TEXTS, FactValue, fact
from .support import items

# (fact, proposal field, type, vocabulary category, meaning)
_PROPOSAL_LISTS = [
    (
        "proposal.cooperation",
        "cooperation",
        TERMS,
        "issue_area",
        "Issue areas of cooperation the move offers or pursues.",
    ),
    ("proposal.asks", "asks", TERMS, "ask", "Commitments the move asks of the partner."),
    ("proposal.measures", "measures", TERMS, "measure", "Coercive measures the move aims at the partner."),
    ("proposal.against", "against", IDS, None, "Third parties the asks and conditions are aimed at."),
    (
        "proposal.names_as_adversary",
        "names_as_adversary",
        IDS,
        None,
        "Third parties the move's public framing names as the target.",
    ),
    (
        "proposal.raises_disputes",
        "raises_disputes",
        TERMS,
        "issue_area",
        "Disputed issues put into the same package or statement.",
    ),
    (
        "proposal.adds_to_agenda",
        "adds_to_agenda",
        TERMS,
        "issue_area",
        "Issue areas the move adds to the forum's agenda.",
    ),
    ("proposal.adds_members", "adds_members", IDS, None, "States the move brings into the forum."),
    ("proposal.deliverables", "deliverables", TEXTS, None, "Substantive commitments that come with an upgrade."),
]

# (fact, where, attribute, meaning): text for messages only
_DISPLAY = [
    ("proposal.id", "proposal", "id", "The proposal's id."),
    ("proposal.title", "proposal", "title", "The proposal's title."),
    ("partner.id", "partner", "id", "The partner profile's id."),
    ("partner.name", "partner", "name", "The partner's name."),
]


def _list_field(attr: str) -> Callable[[Situation], FactValue]:
    return lambda s: items(getattr(s.proposal, attr), attr)


def _display_field(where: str, attr: str) -> Callable[[Situation], FactValue]:
    return lambda s: FactValue(getattr(getattr(s, where), attr))


for _name, _attr, _type, _category, _doc in _PROPOSAL_LISTS:
    fact(_name, _type, _doc, category=_category, sources=(_attr,))(_list_field(_attr))
for _name, _where, _attr, _doc in _DISPLAY:
    fact(_name, TEXT, _doc, display_only=True)(_display_field(_where, _attr))
