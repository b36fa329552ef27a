"""An assessment's notes: what the reader should know that is not a finding (Contract v2, sections 8 to 11).

The relationship's own label, an alliance that is dormant or frozen, disagreements raised in a
separate channel, the name an upgrade gives the relationship, forum policies that do not apply
because the actor is not in the forum, and what loading the profile found (a membership the
registry and the profile disagree on).
"""

from __future__ import annotations

from ..facts.forum import forum_actor_member
from ..model.situation import Situation

STATUS = {"dormant": "in force but unused", "frozen": "participation suspended"}


def notes_on(s: Situation) -> list[str]:
    p, partner = s.proposal, s.partner
    notes = [d.message for d in partner.notes]
    if partner.label:
        notes.append(
            f"{partner.name} and {_actor(s)} call their relationship '{partner.label}' (nearest rung: "
            f"{s.vocabulary.label(partner.tier)})"
        )
    if partner.tier_status != "active":
        notes.append(
            f"the alliance with {partner.name} is {partner.tier_status} ({STATUS[partner.tier_status]}): "
            "policies that stand down for a treaty ally weigh it as a comprehensive strategic partnership "
            "of coordination, and ambiguity-reliance still counts its commitment as binding"
        )
    for r in p.raises_disputes:
        if r.channel == "separate":
            notes.append(
                f"{s.vocabulary.label(r.issue)} is raised in a separate channel, outside the package: it feeds "
                "no policy (cooperate where we can, disagree where we must)"
            )
    if p.new_label_text:
        rung = f" (nearest rung: {s.vocabulary.label(p.new_label)})" if p.new_label else ""
        notes.append(f"the upgrade names the relationship '{p.new_label_text}'{rung}")
    if s.forum is not None and not forum_actor_member(s).value:
        notes.append(
            f"{_actor(s)} is not a member of {s.forum.name}: the forum policies do not apply; the forum "
            "only records what the move is about"
        )
    return sorted(set(notes))


def _actor(s: Situation) -> str:
    return s.vocabulary.parties.name(s.proposal.actor)
