"""The partner's red lines the move crosses, per the vocabulary's red-line table (Contract v2, section 6).

What crosses each red line is data (``red_lines`` in vocabulary.yaml, each with its ``crossed_by``
triggers); this module knows what each trigger means. "Asks X" always includes a condition that
requires X; a threatened measure counts as imposed; a conditional one presses only
``measures_with_pressure``; a lifted one never counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.situation import Situation
from .reading import read

if TYPE_CHECKING:
    from ..model.vocabulary_file import CrossedBy
from .registry import TERMS, Evidence, FactValue, fact

TARGETABLE = ("state", "bloc")  # what `names_adversary` and `side_taking` weigh


@fact(
    "partner.red_lines_crossed",
    TERMS,
    "The partner's red lines that the move crosses, per the vocabulary's red-line table (unknown only when the "
    "profile omits its red lines and the move would cross one in the table).",
    category="red_line",
    may_be_unknown=True,
    grows=True,
    sources=("profile.red_lines", "asks", "conditions", "measures", "against", "names_as_adversary"),
)
def partner_red_lines_crossed(s: Situation) -> FactValue:
    crossed, evidence = [], []
    table = s.vocabulary.spec.red_lines
    for i, line in enumerate(s.partner.red_lines):
        triggers = triggers_of(s, table[line].crossed_by) if line in table else []
        if triggers and line not in crossed:
            crossed.append(line)
            evidence += [Evidence(f"profile.red_lines[{i}]", line), *triggers]
    missing = ()
    if not s.partner.given("red_lines") and any(triggers_of(s, spec.crossed_by) for spec in table.values()):
        missing = ("profile.red_lines",)
    return FactValue(crossed, tuple(dict.fromkeys(evidence)), missing)


def triggers_of(s: Situation, crossed_by: CrossedBy) -> list[Evidence]:
    """The elements of the move that cross a red line defined by ``crossed_by`` (empty: not crossed)."""
    p, v, reading = s.proposal, s.vocabulary, read(s)
    hits = [Evidence(a.path, a.term) for a in reading.asks if a.term in crossed_by.asks]
    hits += [
        Evidence(f"conditions[{i}].requires", c.requires)
        for i, c in enumerate(p.conditions)
        if c.requires in crossed_by.requires or (crossed_by.requires_reform and v.is_reform_requirement(c.requires))
    ]
    if crossed_by.names_adversary:
        hits += [
            e
            for t in reading.targets(p.names_as_adversary, "names_as_adversary")
            if t.party == t.named and t.kind in TARGETABLE
            for e in t.evidence()
        ]
    if crossed_by.side_taking:
        for a in reading.asks:
            named = [t for t in a.against if t.party == t.named and t.kind in TARGETABLE]
            if "side_taking" in a.classes and named:
                hits += [Evidence(a.path, a.term), *(e for t in named for e in t.evidence())]
    pressing = [m for m in reading.measures if m.status != "lifted"]
    if crossed_by.measures_with_pressure and pressing and (p.conditions or p.asks):
        hits += [Evidence(m.path, m.term) for m in pressing]
    targeted = [t for a in reading.asks for t in a.against] + list(reading.against)
    if targeted:
        hits += [
            Evidence(f"cooperation[{i}]", c) for i, c in enumerate(p.cooperation) if c in crossed_by.cooperation_against
        ]
    hits += _against_dependency(s, "curtailing", crossed_by.curtailing_against_dependency)
    hits += _against_dependency(s, "side_taking", crossed_by.side_taking_against_dependency)
    return list(dict.fromkeys(hits))


def _against_dependency(s: Situation, ask_class: str, sectors: tuple[str, ...]) -> list[Evidence]:
    """An ask of ``ask_class`` aimed at a party the partner depends on in one of ``sectors``."""
    if not sectors:
        return []
    depended = {d.party: (i, d) for i, d in enumerate(s.partner.dependencies) if d.sector in sectors}
    hits = []
    for a in read(s).asks:
        if ask_class not in a.classes:
            continue
        for t in a.against:
            if t.party in depended and t.kind != "non_state_group":
                i, d = depended[t.party]
                hits += [
                    Evidence(a.path, a.term),
                    *t.evidence(),
                    Evidence(f"profile.dependencies[{i}].sector", d.sector),
                ]
    return hits
