"""An assessment's notes: what the reader should know that is not a finding (Contract v2, sections 8 to 11).

The relationship's own label, an alliance that is dormant or frozen, disagreements raised in a
separate channel, the name an upgrade gives the relationship, forum policies that do not apply
because the actor is not in the forum, a move made in a dormant or superseded forum, and what
loading the profile found (a membership the registry and the profile disagree on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.forum import forum_actor_member
from ..model.situation import Situation
from ..model.vocabulary import Vocabulary

if TYPE_CHECKING:
    from ..model import Forum

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
    if s.forum is not None and s.forum.status != "active":
        notes.append(forum_status_note(s.forum, s.vocabulary))
    return sorted(set(notes))


def forum_status(forum: Forum, vocabulary: Vocabulary) -> str:
    """'dormant', 'superseded by <its successor's name>', or '' for an active forum."""
    if forum.status == "superseded" and forum.superseded_by:
        return f"superseded by {_successor(forum, vocabulary)}"
    return "" if forum.status == "active" else forum.status


def forum_status_note(forum: Forum, vocabulary: Vocabulary) -> str:
    """What the reader should know about a move made in a dormant or superseded forum."""
    if forum.status == "dormant":
        return (
            f"{forum.name} is dormant (no meeting or activity on record): a move made in it may find no one at "
            "the table; its members and scope are as last recorded"
        )
    return (
        f"{forum.name} is superseded by {_successor(forum, vocabulary)}: a move made in the old format may go "
        "unanswered; consider making it in the successor (its members and scope may differ)"
    )


def _successor(forum: Forum, vocabulary: Vocabulary) -> str:
    """The successor's name when the party registry knows it (forge: FORGE's full name), else its id."""
    party = vocabulary.parties.resolve(forum.superseded_by)
    return vocabulary.parties.name(party) if party else str(forum.superseded_by)


def _actor(s: Situation) -> str:
    return s.vocabulary.in_sentence(s.proposal.actor)
