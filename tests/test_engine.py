"""The engine's assessment record (engine/core/engine.py), apart from what any policy decides."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "as_of, stale",
    [
        pytest.param("2024-01-01", True, id="older-than-365-days"),
        pytest.param("2024-11-23", True, id="366-days-old"),
        pytest.param("2024-11-24", False, id="exactly-365-days-old"),
        pytest.param("2025-10-01", False, id="fresh"),
    ],
)
def test_a_profile_is_stale_more_than_365_days_before_today(assess, as_of, stale):
    # today is 2025-11-24; the confidence this gives each finding is pinned in cases/scenarios/contract.yaml
    a = assess(partner={"as_of": as_of}, proposal={"kind": "coercive_measure", "measures": ["tariffs"]})
    assert a.profile_stale is stale
