"""How the move reads against the partner and the party registry: asks, targets, measures, ties.

The facts share one reading of each situation (built once, kept on the situation):

- every ask the move makes, directly or through a condition that requires it, with its issues,
  its classes and the parties it is aimed at (its own ``against``, else the proposal's);
- every party named as a target, a bloc standing for itself and for each of its members other than
  the partner and the actor (membership on the partner profile's ``as_of``);
- the partner's ties (any tier, ``none`` included) and the ties derived from its memberships of blocs;
- every measure with its status and the sectors it presses.
"""

from __future__ import annotations

import msgspec

from ..model.situation import Situation
from .registry import Evidence

STRATEGIC = "strategic_partnership"
MEMBERSHIP = "membership"  # the kind of tie a bloc membership gives: it meets every tier threshold


class Target(msgspec.Struct, frozen=True):
    """A party a move aims at: the party itself, or a member of a bloc named (``named`` is the bloc)."""

    party: str
    path: str  # where it was named: against[0], asks[1].against[0], names_as_adversary[0]...
    named: str
    kind: str

    def evidence(self) -> tuple[Evidence, ...]:
        first = Evidence(self.path, self.named)
        return (first,) if self.party == self.named else (first, Evidence(f"{self.path}.member", self.party))


class AskMade(msgspec.Struct, frozen=True):
    path: str  # asks[0], or conditions[1].requires when a condition requires the ask
    term: str
    issues: tuple[str, ...]  # a direct ask's; none for a condition's (relations.condition_issue)
    classes: frozenset[str]
    against: tuple[Target, ...]
    via_condition: bool


class MeasureAimed(msgspec.Struct, frozen=True):
    path: str
    term: str
    status: str  # imposed | threatened | conditional | lifted
    dated: bool  # a threat announced with a start date (counts as imposed)
    sectors: tuple[str, ...]

    @property
    def coercive(self) -> bool:
        """Imposed or threatened: what coercion and pressure on a sector count."""
        return self.status in ("imposed", "threatened")

    @property
    def as_imposed(self) -> bool:
        return self.status == "imposed" or (self.status == "threatened" and self.dated)


class Tie(msgspec.Struct, frozen=True):
    party: str
    tier: str  # a tier, or MEMBERSHIP
    evidence: tuple[Evidence, ...]


class Reading:
    def __init__(self, s: Situation):
        self.s = s
        self.registry = s.vocabulary.parties
        self.day = s.partner.as_of
        self.against = self.targets(s.proposal.against, "against")
        self.asks = self._asks()
        self.measures = self._measures()
        self.ties = self._ties()

    def targets(self, names: list[str], path: str) -> tuple[Target, ...]:
        """The parties ``names`` stand for: each party, and each member of a bloc but the partner and actor."""
        out = []
        excluded = {self.s.partner.id, self.s.proposal.actor}
        for i, name in enumerate(names):
            out.append(Target(name, f"{path}[{i}]", name, self.registry.kind(name)))
            for member in self.registry.members_on(name, self.day):
                if member not in excluded:
                    out.append(Target(member, f"{path}[{i}]", name, self.registry.kind(member)))
        return tuple(out)

    def _asks(self) -> tuple[AskMade, ...]:
        p, v = self.s.proposal, self.s.vocabulary
        made = []
        for i, a in enumerate(p.asks):
            against = self.targets(a.against, f"asks[{i}].against") if a.against is not None else self.against
            issues = (a.issue,) if a.issue else tuple(x for x in (v.asks[a.ask].issue,) if x)
            made.append(AskMade(f"asks[{i}]", a.ask, issues, frozenset(v.ask_classes(a.ask)), against, False))
        for i, c in enumerate(p.conditions):
            if c.requires not in v.asks:
                continue
            classes = frozenset(v.ask_classes(c.requires))
            made.append(AskMade(f"conditions[{i}].requires", c.requires, (), classes, self.against, True))
        return tuple(made)

    def _measures(self) -> tuple[MeasureAimed, ...]:
        v = self.s.vocabulary
        return tuple(
            MeasureAimed(
                f"measures[{i}]",
                m.measure,
                m.status,
                m.from_ is not None,
                tuple(m.sector) if m.sector is not None else v.sectors_of_measure(m.measure),
            )
            for i, m in enumerate(self.s.proposal.measures)
        )

    def _ties(self) -> dict[str, Tie]:
        """The partner's ties by party: written ties, then the blocs it belongs to (registry, else its profile)."""
        partner = self.s.partner
        ties = {
            t.party: Tie(t.party, t.tier, (Evidence(f"profile.ties[{i}].tier", t.tier),))
            for i, t in enumerate(partner.ties)
        }
        for bloc in self.registry.blocs_of(partner.id, self.day):
            ties.setdefault(bloc, Tie(bloc, MEMBERSHIP, (Evidence(f"parties.{bloc}.members", partner.id),)))
        for i, party in enumerate(partner.memberships):
            if self.registry.kind(party) == "bloc" and not self.registry.knows_members(party):
                ties.setdefault(party, Tie(party, MEMBERSHIP, (Evidence(f"profile.memberships[{i}]", party),)))
        return ties

    def tie_at_least(self, party: str, tier: str) -> Tie | None:
        """The partner's tie with ``party`` at ``tier`` or above (a membership meets every threshold)."""
        tie = self.ties.get(party)
        if tie is None or self.registry.kind(party) == "non_state_group":
            return None
        if tie.tier == MEMBERSHIP:
            return tie
        rank = self.s.vocabulary.tier_rank
        return tie if rank[tie.tier] >= rank.get(tier, -1) else None

    def disputes(self, issue: str) -> tuple[bool | None, list[Evidence], list[str]]:
        """Whether the partner disputes ``issue`` (in its disputes, or its stance opposed): True, False or None."""
        p = self.s.partner
        evidence = [
            Evidence(f"profile.disputes[{i}].issue", d.issue) for i, d in enumerate(p.disputes) if d.issue == issue
        ]
        if p.stances.get(issue) == "opposed":
            evidence.append(Evidence(f"profile.stances.{issue}", "opposed"))
        if evidence:
            return True, evidence, []
        missing = [
            f
            for f, given in (
                (f"profile.stances.{issue}", issue in p.stances),
                ("profile.disputes", p.given("disputes")),
            )
            if not given
        ]
        return (None if missing else False), [], missing


def read(s: Situation) -> Reading:
    """The situation's reading, built once (kept in the situation's own attributes)."""
    found = s.__dict__.get("_reading")
    if found is None:
        found = Reading(s)
        s.__dict__["_reading"] = found
    return found
