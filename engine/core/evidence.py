"""Evidence as sentences: each field and value a finding's facts came from, said about the situation.

``conditions[0].requires = democratization`` reads "the condition on supply chains requires
democratization"; ``profile.stances.democracy = opposed`` reads "Vietnam's stance on democracy is
opposed". A field without a sentence of its own still reads as words ("profile label is ...").
"""

from __future__ import annotations

import re
from typing import Any

from ..values import words
from .wording import ELEMENTS, PATH, Wording, bare, with_article

_SCALARS = (str, bool, int, float, type(None))  # evidence values whose (type, value) names them exactly


class Sentences(Wording):
    """The evidence of one situation's findings, in sentences. Each sentence is worked out once per situation
    (the findings of one assessment share their evidence: with many policies, many times over)."""

    def __init__(self, situation):
        super().__init__(situation)
        self._said: dict[tuple, str] = {}
        self._concerns: dict[tuple[str, ...], list[str]] = {}
        self.messages: dict[str, str] = {}  # message template -> filled in with the situation's facts

    def evidence(self, field: str, value: Any) -> str:
        """One piece of evidence as a sentence."""
        if value.__class__ not in _SCALARS:
            return self._evidence(field, value)
        key = (field, value.__class__, value)  # the type too: True and 1 are equal, but not said alike
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = self._evidence(field, value)
        return said

    def concerns(self, fields: list[str]) -> list[str]:
        key = tuple(fields)
        if key not in self._concerns:
            self._concerns[key] = super().concerns(fields)
        return list(self._concerns[key])

    def _evidence(self, field: str, value: Any) -> str:
        m = PATH.match(field)
        if m is not None:
            i = int(m["i"]) if m["i"] is not None else None
            said = self._about_profile(m["head"], m["rest"], i, value) if m["head"] == "profile" else None
            said = said or self._about_move(m["head"], m["rest"], i, value)
            if said:
                return said
        plain = re.sub(r"\[\d+\]", "", field).replace(".", " ")
        return f"{words(plain)} is {self.label(value)}"

    def _about_profile(self, head: str, rest: str | None, i: int | None, value: Any) -> str | None:
        m = PATH.match(rest or "")
        if m is None:
            return None
        key, j, sub = m["head"], int(m["i"]) if m["i"] is not None else None, m["rest"]
        P, actor = self.partner, self.name(self.s.proposal.actor)
        profile = self.s.partner
        simple = {
            "tier": lambda: f"{P} holds {with_article(self.label(value))} with {actor}",
            "tier_status": lambda: f"the alliance with {P} is {self.label(value)}",
            "accession_candidate": lambda: f"{P} is {'' if value else 'not '}seeking to join an alliance",
            "hedging": lambda: f"{P}'s posture is {self.label(value)}",
            "political_system": lambda: f"{P} is {with_article(self.label(value))}",
            "red_lines": lambda: f"{P} has declared a red line: {self.label(value)}",
            "stances": lambda: f"{P}'s stance on {self.label(sub)} is {self.label(value)}",
            "memberships": lambda: f"{P} is a member of {self.name(value)}",
            "disputes": lambda: f"{P} and {actor} disagree on {self.label(profile.disputes[j].issue)}",
            "dependencies": lambda: self._dependency(profile.dependencies[j]),
            "ties": lambda: self._tie(P, profile.ties[j]),
        }
        try:
            return simple[key]() if key in simple else None
        except (IndexError, TypeError):
            return None

    def _dependency(self, d) -> str:
        return f"{self.partner} depends on {self.name(d.party)} for {self.label(d.sector)} ({self.label(d.level)})"

    def _tie(self, partner: str, tie) -> str:
        return f"{partner} holds {with_article(self.label(tie.tier))} with {self.name(tie.party)}"

    def _about_move(self, head: str, rest: str | None, i: int | None, value: Any) -> str | None:
        if head == "parties" and rest and rest.endswith(".members"):
            return f"{self.name(value)} is a member of {self.name(rest[: -len('.members')])}"
        if head == "forum":
            return self._about_forum(rest, value)
        if head == "conditions" and i is not None:
            return self._condition(i, rest, value)
        element = self.element(head, i) if head in ELEMENTS else None
        if rest == "member" and element:
            return f"{self.name(value)} is a member of {self.name(getattr(self.s.proposal, head)[i])}"
        if head == "asks" and rest and rest.startswith("against"):
            return f"{element} is aimed at {self.name(value)}"
        if head == "measures" and i is not None:
            return self._measure(self.s.proposal.measures[i])
        moves = {
            "asks": lambda: f"the move asks for {self.label(value)}",
            "cooperation": lambda: f"the move offers cooperation on {self.label(value)}",
            "adds_to_agenda": lambda: f"the move adds {self.label(value)} to the agenda of {self.forum}",
            "raises_disputes": lambda: f"the move raises {self.label(value)} in the same package",
            "against": lambda: f"the move is aimed at {self.name(value)}",
            "names_as_adversary": lambda: f"the move names {self.name(value)} as an adversary",
            "implied_adversary": lambda: f"the move is aimed at {self.name(value)} without naming it",
            "adds_members": lambda: f"the move brings {self.name(value)} into {self.forum}",
            "kind": lambda: f"the kind of move is {self.label(value)}",
            "new_label": lambda: f"the upgrade proposes {with_article(self.label(value))}",
        }
        return moves[head]() if head in moves and rest is None else None

    def _condition(self, i: int, rest: str | None, value: Any) -> str | None:
        try:
            c = self.s.proposal.conditions[i]
        except IndexError:
            return None
        if rest == "offered":
            return f"the condition on {self.label(c.at_stake)} is attached to cooperation newly offered"
        return f"the condition on {self.label(c.at_stake)} requires {self.label(c.requires)}"

    def _measure(self, m) -> str:
        what = bare(self.label(m.measure))
        return {
            "imposed": f"the move imposes {what} on {self.partner}",
            "threatened": f"the move threatens {self.partner} with {what}",
            "conditional": f"the move makes {what} on {self.partner} conditional on its answer",
            "lifted": f"the move lifts {what} on {self.partner}",
        }[m.status]

    def _about_forum(self, rest: str | None, value: Any) -> str:
        f = self.forum
        return {
            None: f"the move is made in {f}",
            "kind": f"{f} is {with_article(self.label(value))} forum",
            "scope": f"{f} was set up for {self.label(value)}",
            "members": f"{f}'s members include {self.name(value)}",
            "binding": f"{f} {'binds' if value else 'does not bind'} its members",
        }.get(rest, f"{f}: {self.label(value)}")
