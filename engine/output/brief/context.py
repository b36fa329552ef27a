"""The move in brief (body) and each partner's context (annex), in words: labels for terms, names for parties."""

from __future__ import annotations

import msgspec

from ...core.engine import Options
from ...core.resolve import Resolved
from ...core.wording import bare, with_article
from ...model import PartnerProfile
from ...values import prose


class PartnerContext(msgspec.Struct):
    id: str
    name: str
    relationship: str  # "comprehensive strategic partnership (since 2023), rung 4 of 6"
    label: str  # the relationship's own name, when it has one
    political_system: str
    hedging: str
    ties: list[str]
    stances: list[tuple[str, str]]  # (issue the move touches, stance)
    disputes: list[str]
    red_lines: list[str]
    as_of: str
    age_days: int | None
    stale: bool
    sources: list[str]


def _touched_issues(resolved: Resolved) -> list[str]:
    p, v = resolved.proposal, resolved.vocabulary
    issues = list(p.cooperation) + list(p.adds_to_agenda) + [r.issue for r in p.raises_disputes]
    issues += [c.at_stake for c in p.conditions] + [i for c in p.conditions if (i := v.issue_of(c.requires))]
    issues += [i for a in p.asks if (i := a.issue or v.issue_of(a.ask))]
    return list(dict.fromkeys(issues))


def partner_context(profile: PartnerProfile, resolved: Resolved, options: Options) -> PartnerContext:
    v = resolved.vocabulary
    tiers = v.terms["tier"]
    since = f" (since {profile.since})" if profile.since else ""
    age = (options.today - profile.as_of).days if profile.as_of else None
    return PartnerContext(
        id=profile.id,
        name=profile.name,
        relationship=f"{v.label(profile.tier)}{since}, rung {tiers.index(profile.tier) + 1} of {len(tiers)} "
        f"on the ladder from {v.label(tiers[0])} to {v.label(tiers[-1])}",
        label=profile.label or "",
        political_system=v.label(profile.political_system) if profile.political_system else "not stated",
        hedging=v.label(profile.hedging) if profile.hedging else "not stated",
        ties=[f"{v.name(t.party)} ({v.label(t.tier)})" for t in profile.ties],
        stances=[
            (v.label(i), v.label(profile.stances[i]) if i in profile.stances else "not stated")
            for i in _touched_issues(resolved)
        ],
        disputes=[
            f"{v.label(d.issue)} ({v.label(d.intensity)} intensity)" + (f": {d.summary}" if d.summary else "")
            for d in profile.disputes
        ],
        red_lines=[v.label(r) for r in profile.red_lines],
        as_of=profile.as_of.isoformat() if profile.as_of else "not stated",
        age_days=age,
        stale=age is None or age > options.max_age_days,
        sources=[s.cited for s in profile.sources],
    )


def proposal_rows(resolved: Resolved) -> list[tuple[str, str]]:
    """The move in brief: one row per thing it does, only those it does."""
    p, v = resolved.proposal, resolved.vocabulary
    partners = prose([x.name for x in resolved.partners] + [v.name(n) for n, _ in resolved.not_assessed])
    rows = [
        ("Actor", v.name(p.actor)),
        ("Partner" if len(resolved.partners) == 1 else "Partners", partners),
        ("Forum", resolved.forum.name if resolved.forum else ""),
        ("Kind of move", v.label(p.kind)),
        ("Offers cooperation on", prose(v.labels(p.cooperation)) if p.cooperation else ""),
        (
            "Asks for",
            prose(
                [
                    v.label(a.ask) + (f" (against {prose([v.name(x) for x in a.against])})" if a.against else "")
                    for a in p.asks
                ]
            ),
        ),
        (
            "Conditions",
            prose([f"cooperation on {v.label(c.at_stake)} depends on {v.label(c.requires)}" for c in p.conditions]),
        ),
        (
            "Measures",
            prose(
                [
                    bare(v.label(m.measure)) + ("" if m.status == "imposed" else f" ({v.label(m.status)})")
                    for m in p.measures
                ]
            ),
        ),
        ("Adds to the agenda", prose(v.labels(p.adds_to_agenda)) if p.adds_to_agenda else ""),
        ("Aimed at", prose([v.name(x) for x in dict.fromkeys([*p.against, *p.names_as_adversary])])),
        ("Proposed label", with_article(v.label(p.new_label)) if p.new_label else ""),
    ]
    return [(what, said) for what, said in rows if said and said != "none"]
