"""v1 compatibility: every shipped case and example a v1 file can express, under the v1 engine and today.

The v1 findings were recorded once by scripts/v1_baseline.py (tests/fixtures/calibrations/v1-findings.json,
from a checkout of the engine before Contract v2). Today's findings must differ from them exactly as
tests/fixtures/calibrations/changes.yaml lists, each change one of the calibrations of Contract v2.
"""

from __future__ import annotations

import datetime as dt
import json

from engine.core.engine import Options
from engine.core.library import Library
from engine.core.resolve import load_proposals
from engine.io import yaml_file
from engine.testing.load import case_files, load_case_file
from tests.conftest import CASES, PROFILES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "calibrations"


def today_findings(engine, pack) -> dict[str, dict[str, str]]:
    library = Library.open(PROFILES, pack.vocabulary)
    found = {}
    for path in case_files([CASES]):
        for case in load_case_file(path, pack, library).cases:
            assessment = engine.assess_situation(case.situation, Options(today=case.today))
            found[f"cases/{path.relative_to(CASES)}::{case.name}"] = {f.id: f.severity for f in assessment.findings}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        ((_, resolved),) = load_proposals([path], library)
        for s in resolved.situations():
            assessment = engine.assess_situation(s, Options(today=dt.date(2026, 11, 24)))
            found[f"{path.relative_to(ROOT)}::{s.partner.id}"] = {f.id: f.severity for f in assessment.findings}
    return found


def test_every_change_since_v1_is_a_listed_calibration(engine, pack):
    v1 = json.loads((FIXTURES / "v1-findings.json").read_text())["findings"]
    listed = yaml_file.load(FIXTURES / "changes.yaml").data
    assert len(v1) >= 250, "the v1 baseline covers the corpus"
    now = today_findings(engine, pack)
    changes = []
    for subject, old_list in sorted(v1.items()):
        old, new = dict(old_list), now[subject]
        changes += [(subject, f"+{i} ({s})") for i, s in sorted(new.items()) if i not in old]
        changes += [(subject, f"-{i} ({s})") for i, s in sorted(old.items()) if i not in new]
        changes += [(subject, f"~{i} ({old[i]} -> {new[i]})") for i in sorted(old) if i in new and old[i] != new[i]]
    assert sorted(changes) == sorted((c["subject"], c["change"]) for c in listed["changes"])
    assert {c["calibration"] for c in listed["changes"]} <= set(listed["calibrations"])
