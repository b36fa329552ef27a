"""Hypothesis strategies: random valid partner profiles, forums and proposals (as plain dicts)."""

from __future__ import annotations

from hypothesis import strategies as st

from engine.core.pack import load_pack
from tests.conftest import POLICIES, with_testland

VOCAB = with_testland(load_pack(POLICIES).vocabulary)
T = VOCAB.terms
# third parties: states, a bloc (with members), an organisation, a non-state group (never the partner itself)
PARTIES = ["china", "russia", "iran", "india", "japan", "brics", "asean", "united_nations", "hamas"]
TIE_PARTIES = [p for p in PARTIES if p != "hamas"]  # a non-state group is never a tie


def terms(category: str, max_size: int = 3):
    return st.lists(st.sampled_from(T[category]), max_size=max_size, unique=True)


@st.composite
def partners(draw) -> dict:
    profile = {"id": "testland", "name": "Testland", "tier": draw(st.sampled_from(T["tier"]))}
    optional = {
        "as_of": st.sampled_from(["2025-10-01", "2023-01-01"]),
        "political_system": st.sampled_from(T["political_system"]),
        "hedging": st.sampled_from(T["hedging"]),
        "stances": st.dictionaries(st.sampled_from(T["issue_area"]), st.sampled_from(T["stance"]), max_size=6),
        "disputes": st.lists(
            st.fixed_dictionaries(
                {"issue": st.sampled_from(T["issue_area"]), "intensity": st.sampled_from(T["intensity"])}
            ),
            max_size=3,
        ),
        "ties": st.lists(
            st.fixed_dictionaries({"party": st.sampled_from(TIE_PARTIES), "tier": st.sampled_from(T["tier"])}),
            max_size=3,
        ),
        "dependencies": st.lists(
            st.fixed_dictionaries(
                {
                    "party": st.sampled_from([*TIE_PARTIES, "united_states"]),  # the actor too (v2)
                    "sector": st.sampled_from(T["sector"]),
                    "level": st.sampled_from(T["level"]),
                }
            ),
            max_size=3,
        ),
        "red_lines": terms("red_line", 5),
        "memberships": st.lists(st.sampled_from(["brics", "asean", "quad", "g20"]), max_size=2, unique=True),
        "label": st.just("a bespoke partnership"),
        "accession_candidate": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            profile[key] = draw(strategy)
    if profile["tier"] == "alliance" and draw(st.booleans()):
        profile["tier_status"] = draw(st.sampled_from(["active", "dormant", "frozen"]))
    return profile


@st.composite
def forums(draw) -> dict | None:
    if draw(st.booleans()):
        return None
    forum = {
        "id": "forum1",
        "name": "Forum",
        "kind": draw(st.sampled_from(T["forum_kind"])),
        "members": ["united_states", "testland"],
        "binding": draw(st.booleans()),
    }
    if draw(st.integers(0, 3)):
        forum["scope"] = draw(terms("issue_area", 4))
    return forum


def _either(term, mapping):
    """A v1 bare term or a v2 mapping item."""
    return term | mapping


ASK = _either(
    st.sampled_from(T["ask"]),
    st.fixed_dictionaries(
        {"ask": st.sampled_from(T["ask"])},
        optional={
            "issue": st.sampled_from(T["issue_area"]),
            "against": st.lists(st.sampled_from(PARTIES), max_size=2, unique=True),
        },
    ),
)
MEASURE = _either(
    st.sampled_from(T["measure"]),
    st.fixed_dictionaries(
        {
            "measure": st.sampled_from(T["measure"]),
            "status": st.sampled_from(["imposed", "threatened", "conditional", "lifted"]),
        },
        optional={
            "from": st.just("2026-02-01"),
            "sector": st.lists(st.sampled_from(T["sector"]), max_size=2, unique=True),
        },
    ),
)
CONDITION = st.fixed_dictionaries(
    {"at_stake": st.sampled_from(T["issue_area"]), "requires": st.sampled_from(T["requirement"])},
    optional={
        "issue": st.sampled_from(T["issue_area"]),
        "offered": st.booleans(),
        "sector": st.lists(st.sampled_from(T["sector"]), max_size=2, unique=True),
    },
)
DISPUTE = _either(
    st.sampled_from(T["issue_area"]),
    st.fixed_dictionaries(
        {"issue": st.sampled_from(T["issue_area"]), "channel": st.sampled_from(["same_package", "separate"])}
    ),
)
DELIVERABLE = _either(
    st.sampled_from(["a fund", "an agreement"]),
    st.fixed_dictionaries(
        {"text": st.just("a memorandum"), "kind": st.sampled_from(T["deliverable_kind"])},
        optional={"status": st.sampled_from(["agreed", "planned"])},
    ),
)


@st.composite
def proposals(draw) -> dict:
    named = draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True))
    return {
        "id": "move",
        "title": "A move",
        "partner": "testland",
        "kind": draw(st.sampled_from([k for k in T["action_kind"] if k != "de_escalation"])),
        "cooperation": draw(terms("issue_area")),
        "adds_to_agenda": draw(terms("issue_area", 2)),
        "adds_members": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "conditions": draw(st.lists(CONDITION, max_size=3)),
        "asks": draw(st.lists(ASK, max_size=4)),
        "against": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "names_as_adversary": named,
        "implied_adversary": draw(st.lists(st.sampled_from([p for p in PARTIES if p not in named]), max_size=1)),
        "raises_disputes": draw(st.lists(DISPUTE, max_size=2)),
        "new_label": draw(st.none() | st.sampled_from(T["tier"])),
        "deliverables": draw(st.lists(DELIVERABLE, max_size=2)),
        "measures": draw(st.lists(MEASURE, max_size=2)),
        "public": draw(st.booleans()),
    }
