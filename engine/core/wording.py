"""Findings in words: fact values in messages, and the elements of the proposal a finding concerns.

Terms read as their vocabulary labels and parties as their names, so what a principal reads holds no
identifier: ``conditions[0]`` is "the condition on supply chains requiring democratization". Evidence
as sentences builds on this (engine/core/evidence.py).
"""

from __future__ import annotations

import re
from typing import Any

from ..facts.registry import IDS, TERM, TERMS, TIER
from ..model.situation import Situation
from ..values import prose

PATH = re.compile(r"^(?P<head>[a-z_]+)(?:\[(?P<i>\d+)\])?(?:\.(?P<rest>.+))?$")
ARTICLES = ("a ", "an ", "the ", "no ")
# The fields of a proposal that are elements a finding can concern (what an edit would change).
ELEMENTS = (
    "conditions",
    "asks",
    "measures",
    "adds_to_agenda",
    "cooperation",
    "raises_disputes",
    "against",
    "names_as_adversary",
    "implied_adversary",
    "adds_members",
    "deliverables",
    "new_label",
)


def _list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def bare(label: str) -> str:
    """A label without its leading article ("an arms embargo" -> "arms embargo")."""
    return next((label[len(a) :] for a in ARTICLES[:3] if label.startswith(a)), label)


def with_article(label: str) -> str:
    """A label with an indefinite article, unless it has one already (or is a "no ..." label)."""
    if label.startswith(ARTICLES):
        return label
    return ("an " if label[:1].lower() in "aeiou" else "a ") + label


MISSING = {
    "profile.hedging": "its posture between rivals",
    "profile.red_lines": "its red lines",
    "profile.ties": "its ties",
    "profile.dependencies": "its dependencies",
    "profile.disputes": "its disputes",
    "profile.memberships": "its memberships",
    "profile.political_system": "its political system",
    "profile.as_of": "a date (as_of)",
}


def missing_text(field: str, vocabulary) -> str:
    """A field a profile left out, in words ("profile.stances.human_rights": "its stance on human rights")."""
    if field.startswith("profile.stances."):
        return f"its stance on {vocabulary.label(field.removeprefix('profile.stances.'))}"
    return MISSING.get(field) or "its " + field.removeprefix("profile.").replace("_", " ").replace(".", " ")


def say(kind: str, value: Any, situation: Situation, name: str = "") -> str:
    """A fact's value as a message says it: terms as labels, parties as names, lists as 'a, b and c'."""
    v = situation.vocabulary
    if name == "partner.name":
        return Wording(situation).partner
    if name == "proposal.actor":
        return v.in_sentence(situation.proposal.actor)
    if kind in (TIER, TERM, TERMS):
        value = [v.label(t) for t in value] if isinstance(value, (list, tuple)) else v.label(str(value))
    elif kind == IDS:
        value = [v.in_sentence(p) for p in value] if isinstance(value, (list, tuple)) else v.in_sentence(str(value))
    return prose(value)


class Wording:
    """Sentences about one situation: the proposal's elements and the evidence of its findings."""

    def __init__(self, situation: Situation):
        self.s = situation
        self.v = situation.vocabulary
        partner = situation.partner
        known = self.v.parties is not None and partner.id in self.v.parties.parties
        self.partner = self.v.in_sentence(partner.id) if known else partner.name
        self.forum = situation.forum.name if situation.forum else "the forum"

    def label(self, value: Any) -> str:
        return prose([self.v.label(str(t)) for t in _list(value)])

    def name(self, value: Any) -> str:
        return prose([self.v.in_sentence(str(p)) for p in _list(value)])

    def element(self, head: str, i: int | None) -> str | None:
        """The element of the proposal at ``head[i]`` in words, or None for a field that is not one."""
        p = self.s.proposal
        try:
            item = getattr(p, head)[i] if i is not None else getattr(p, head)
        except (AttributeError, IndexError, TypeError):
            return None
        if head == "conditions":
            return f"the condition on {self.label(item.at_stake)} requiring {self.label(item.requires)}"
        if head == "asks":
            return f"the ask for {self.label(item.ask)}"
        if head == "measures":
            status = "" if item.status == "imposed" else f"{self.label(item.status)} "
            return f"the {status}{bare(self.label(item.measure))}"
        if head == "deliverables":
            return f"the deliverable '{' '.join(item.text.split())}'"
        if head == "raises_disputes":
            return f"raising {self.label(item.issue)} in the same package"
        if head == "new_label" and item:
            return f"the upgrade to {with_article(self.label(item))}"
        return self._listed(head, item)

    def _listed(self, head: str, item: Any) -> str | None:
        phrases = {
            "adds_to_agenda": lambda: f"the agenda item on {self.label(item)}",
            "cooperation": lambda: f"the cooperation on {self.label(item)}",
            "against": lambda: f"the aim against {self.name(item)}",
            "names_as_adversary": lambda: f"naming {self.name(item)} as an adversary",
            "implied_adversary": lambda: f"the implied aim against {self.name(item)}",
            "adds_members": lambda: f"bringing {self.name(item)} into {self.forum}",
        }
        return phrases[head]() if head in phrases and item else None

    def concerns(self, fields: list[str]) -> list[str]:
        """The proposal elements that evidence fields point at, each once, in evidence order."""
        found = []
        for f in fields:
            m = PATH.match(f)
            if m and m["head"] in ELEMENTS:
                phrase = self.element(m["head"], int(m["i"]) if m["i"] is not None else None)
                if phrase and phrase not in found:
                    found.append(phrase)
        return found
