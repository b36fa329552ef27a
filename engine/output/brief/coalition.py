"""The coalition view of a forum move: every member of the forum, assessed or not (with the reason), against
each policy that fired for any member."""

from __future__ import annotations

import msgspec

from ...core.engine import Engine, Options
from ...core.library import Library
from ...core.notes import forum_status
from ...core.resolve import Resolved
from ...core.results import Result
from ...model.situation import Situation


class CoalitionRow(msgspec.Struct):
    member: str
    status: str  # "assessed", or why not
    cells: list[str]  # per column: the severity found, "" for none, "-" when not assessed


class Coalition(msgspec.Struct):
    forum: str
    columns: list[tuple[int, str]]  # (column number, the policy's title)
    rows: list[CoalitionRow]


def coalition_view(
    resolved: Resolved, result: Result, engine: Engine, library: Library, options: Options
) -> Coalition | None:
    forum = resolved.forum
    if forum is None:
        return None
    v, actor = resolved.vocabulary, resolved.proposal.actor
    reasons = dict(resolved.not_assessed)
    found: dict[str, dict[str, str]] = {}
    rows: list[tuple[str, str, str]] = []  # (member id, name, status)
    for member in forum.members:
        if member == actor:
            rows.append((member, v.name(member), "not assessed: the actor"))
        elif library.has_partner(member):
            profile = library.partner(member)
            assessment = engine.assess_situation(Situation(resolved.proposal, profile, forum, v), options)
            found[member] = {f.id: f.severity for f in assessment.findings}
            rows.append((member, profile.name, "assessed"))
        else:
            rows.append((member, v.name(member), "not assessed: " + reasons.get(member, "no profile in the library")))
    fired = {pid for cells in found.values() for pid in cells}
    policies = [p for p in engine.pack.policies if p.id in fired]
    status = forum_status(forum, v)  # a dormant or superseded forum says so after its name
    return Coalition(
        forum=f"{forum.name}, {status}" if status else forum.name,
        columns=[(n, p.title) for n, p in enumerate(policies, start=1)],
        rows=[
            CoalitionRow(name, status, [found[m].get(p.id, "") if m in found else "-" for p in policies])
            for m, name, status in rows
        ],
    )
