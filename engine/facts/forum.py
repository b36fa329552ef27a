"""Facts about the forum a move is made in or about."""

from __future__ import annotations

from ..model.situation import Situation
from .registry import BOOL, TERM, TERMS, TEXT, Evidence, FactValue, fact
from .support import pursued


@fact("forum.present", BOOL, "The move is made in or about a forum.", sources=("forum",))
def forum_present(s: Situation) -> FactValue:
    return FactValue(s.forum is not None, (Evidence("forum", s.forum.id),) if s.forum else ())


@fact("forum.id", TEXT, "The forum's id (empty without a forum).", display_only=True)
def forum_id(s: Situation) -> FactValue:
    return FactValue(s.forum.id if s.forum else "")


@fact("forum.name", TEXT, "The forum's name (empty without a forum).", display_only=True)
def forum_name(s: Situation) -> FactValue:
    return FactValue(s.forum.name if s.forum else "")


@fact("forum.kind", TERM, "The forum's kind (`none` without a forum).", category="forum_kind", sources=("forum.kind",))
def forum_kind(s: Situation) -> FactValue:
    return FactValue(s.forum.kind, (Evidence("forum.kind", s.forum.kind),)) if s.forum else FactValue("none")


@fact("forum.binding", BOOL, "The forum was founded by a treaty with obligations.", sources=("forum.binding",))
def forum_binding(s: Situation) -> FactValue:
    return FactValue(s.forum.binding, (Evidence("forum.binding", s.forum.binding),)) if s.forum else FactValue(False)


@fact(
    "forum.outside_scope",
    TERMS,
    "Issue areas the move adds to or pursues in the forum that lie outside the scope it was set up for.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("adds_to_agenda", "cooperation", "forum.scope"),
)
def forum_outside_scope(s: Situation) -> FactValue:
    f = s.forum
    if f is None:
        return FactValue([])
    if "scope" not in f.model_fields_set:
        return FactValue([], (), ("forum.scope",))
    scope = set(f.scope)
    pairs = [(field, issue) for field, issue in pursued(s) if issue not in scope]
    evidence = tuple(Evidence(field, issue) for field, issue in pairs)
    if pairs:
        evidence += (Evidence("forum.scope", tuple(f.scope)),)
    return FactValue(list(dict.fromkeys(i for _, i in pairs)), evidence)


@fact(
    "forum.member_diverging",
    TERMS,
    "Issue areas the move pursues in the forum on which this partner's stance is divergent or opposed.",
    category="issue_area",
    may_be_unknown=True,
    grows=True,
    sources=("cooperation", "adds_to_agenda", "profile.stances"),
)
def forum_member_diverging(s: Situation) -> FactValue:
    if s.forum is None:
        return FactValue([])
    chosen, evidence, missing = [], [], []
    for field_name, issue in pursued(s):
        stance = s.partner.stances.get(issue)
        if stance in ("divergent", "opposed"):
            chosen.append(issue)
            evidence += [Evidence(field_name, issue), Evidence(f"profile.stances.{issue}", stance)]
        elif stance is None:
            missing.append(f"profile.stances.{issue}")
    return FactValue(list(dict.fromkeys(chosen)), tuple(evidence), tuple(dict.fromkeys(missing)))


@fact(
    "forum.actor_member",
    BOOL,
    "The actor, or a bloc it belongs to, is among the forum's members (forum policies "
    "apply only then; otherwise the forum only records what the move is about).",
    sources=("forum.members", "actor"),
)
def forum_actor_member(s: Situation) -> FactValue:
    f, actor = s.forum, s.proposal.actor
    if f is None:
        return FactValue(False)
    if actor in f.members:
        return FactValue(True, (Evidence("forum.members", actor),))
    blocs = [b for b in s.vocabulary.parties.blocs_of(actor, s.partner.as_of) if b in f.members]
    if blocs:
        return FactValue(True, (Evidence("forum.members", blocs[0]), Evidence(f"parties.{blocs[0]}.members", actor)))
    return FactValue(False, (Evidence("forum.members", tuple(f.members)),))
