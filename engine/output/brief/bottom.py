"""The bottom line of a note: the rating with what is waived, the top risks one line each, and the
recommended change: the smallest edit to the proposal that clears the highest risk (the search of
``--suggest``), with what it leaves.
"""

from __future__ import annotations

import msgspec
from msgspec.structs import replace

from ...analysis.suggest import Edit, apply_edits, best_edit
from ...core.engine import Engine, Options
from ...core.resolve import Resolved
from ...core.results import Result
from ...core.wording import missing_text
from ...model.severity import SEVERITIES
from ...values import prose
from .risks import Risk, capital

TOP = 4  # risks named one line each on page 1
PROCEED = "Proceed; keep the cooperation ring-fenced from disagreements elsewhere."


class BottomLine(msgspec.Struct):
    rating: str  # the highest severity not waived, or "none"
    counts: str  # "1 critical, 2 high; 1 medium waived"
    verdict: str  # one sentence: the biggest risk, or that there is none
    top: list[str]  # the highest risks, one line each
    more: int  # risks not named in `top`
    change: str  # the recommended change
    effect: str  # what the change clears and leaves
    waived: list[str] = msgspec.field(default_factory=list)  # each waived risk: who, why, until when
    caveats: list[str] = msgspec.field(default_factory=list)


def _counts(risks: list[Risk]) -> str:
    def count(group: list[Risk]) -> str:
        return ", ".join(f"{n} {s}" for s in reversed(SEVERITIES) if (n := sum(r.severity == s for r in group)))

    live, waived = [r for r in risks if not r.waived], [r for r in risks if r.waived]
    parts = [count(live)] if live else []
    parts += [count(waived) + " waived"] if waived else []
    return "; ".join(parts)


def _top_line(r: Risk, several: bool) -> str:
    who = f" ({r.partner})" if several else ""
    return f"{capital(r.severity)}{who}: {r.title}"


def _change(resolved: Resolved, top: Risk, risks: list[Risk], engine: Engine, options: Options) -> tuple[str, str]:
    """The smallest edit that clears the top risk (found on its partner's situation), and what it leaves of
    every risk of the note once applied to the whole move."""
    situation = next(s for s in resolved.situations() if s.partner.id == top.party)
    found = best_edit(engine, situation, options, top.id)
    if found is None:
        return top.mitigation, "No edit to the proposal alone clears this risk."
    edit, _ = found
    edits = tuple(Edit(e.op, e.field, e.value, "") for e in edit.edits)
    proposal = apply_edits(resolved.proposal, edits, resolved.vocabulary)
    after = engine.assess(replace(resolved, proposal=proposal), options)
    left = {(f.id, a.partner) for a in after.assessments for f in a.findings}
    left |= {(f.id, m) for f in after.forum_findings for m in f.members}
    live = [r for r in risks if not r.waived]
    remaining = [r for r in live if (r.id, r.party) in left]
    if not remaining:
        return edit.advice, "It clears every risk found." if len(live) > 1 else "It clears the risk."
    titles = prose(list(dict.fromkeys(r.title[:1].lower() + r.title[1:] for r in remaining)))
    return edit.advice, f"It clears {len(live) - len(remaining)} of the {len(live)} risks; still to address: {titles}."


def _caveats(result: Result, vocabulary, options: Options) -> list[str]:
    out = []
    stale = [a for a in result.assessments if a.profile_stale]
    if stale:
        whose = prose([a.partner_name for a in stale])
        out.append(
            f"the profile{'s' if len(stale) > 1 else ''} of {whose} {'are' if len(stale) > 1 else 'is'} more than "
            f"{options.max_age_days} days old: confidence is lowered"
        )
    for a in result.assessments:
        if a.undecided:
            lacks = prose(sorted({missing_text(m, vocabulary) for u in a.undecided for m in u.missing}))
            checks = f"{len(a.undecided)} check{'s' if len(a.undecided) > 1 else ''}"
            out.append(f"{checks} could not be made for {a.partner_name}: the profile lacks {lacks}")
    return out


def bottom_line(resolved: Resolved, result: Result, risks: list[Risk], engine: Engine, options: Options) -> BottomLine:
    live = [r for r in risks if not r.waived]
    several = len(result.assessments) > 1
    waived = [f"{r.title} ({r.partner}): {r.waived}" for r in risks if r.waived]
    if not live:
        names = prose([a.partner_name for a in result.assessments])
        verdict = f"No risk found at any severity: the move is consistent with the guidance for {names}."
        if waived:
            verdict = f"Every risk found for {names} is waived."
        return BottomLine(
            "none", _counts(risks), verdict, [], 0, PROCEED, "", waived, _caveats(result, resolved.vocabulary, options)
        )
    top = live[0]
    change, effect = _change(resolved, top, risks, engine, options)
    return BottomLine(
        rating=top.severity,
        counts=_counts(risks),
        verdict=top.message,
        top=[_top_line(r, several) for r in live[:TOP]],
        more=max(len(live) - TOP, 0),
        change=change,
        effect=effect,
        waived=waived,
        caveats=_caveats(result, resolved.vocabulary, options),
    )
