"""Hypothesis strategies: random valid partner profiles, forums and proposals (as plain dicts)."""

from __future__ import annotations

from hypothesis import strategies as st

from engine.core.pack import load_pack
from tests.conftest import POLICIES

VOCAB = load_pack(POLICIES).vocabulary
T = VOCAB.terms
PARTIES = ["china", "russia", "iran", "testland", "india", "japan"]


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
            st.fixed_dictionaries({"party": st.sampled_from(PARTIES), "tier": st.sampled_from(T["tier"])}), max_size=3
        ),
        "dependencies": st.lists(
            st.fixed_dictionaries(
                {
                    "party": st.sampled_from(PARTIES),
                    "sector": st.sampled_from(T["sector"]),
                    "level": st.sampled_from(T["level"]),
                }
            ),
            max_size=3,
        ),
        "red_lines": terms("red_line", 5),
        "accession_candidate": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            profile[key] = draw(strategy)
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


@st.composite
def proposals(draw) -> dict:
    return {
        "id": "move",
        "title": "A move",
        "partner": "testland",
        "kind": draw(st.sampled_from(T["action_kind"])),
        "cooperation": draw(terms("issue_area")),
        "adds_to_agenda": draw(terms("issue_area", 2)),
        "adds_members": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "conditions": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"at_stake": st.sampled_from(T["issue_area"]), "requires": st.sampled_from(T["requirement"])}
                ),
                max_size=3,
            )
        ),
        "asks": draw(terms("ask", 4)),
        "against": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "names_as_adversary": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "raises_disputes": draw(terms("issue_area", 2)),
        "new_label": draw(st.none() | st.sampled_from(T["tier"])),
        "deliverables": draw(st.lists(st.sampled_from(["a fund", "an agreement"]), max_size=2)),
        "measures": draw(terms("measure", 2)),
        "public": draw(st.booleans()),
    }
