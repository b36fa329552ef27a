"""The same proposal gives the same result through the API as through `entente vet --format json`: every example,
and every scenario case (its proposal, partner and forum given inline to the API and as files to the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.core.library import Library
from engine.core.pack import load_pack
from engine.model.common import file_data
from engine.testing.load import case_files, load_case_file
from engine.testing.profiles import FIXTURES_SUFFIX
from tests.conftest import CASES, POLICIES, PROFILES, entente
from tests.service_fixtures import fresh_sqlite, open_client, settings_for
from tests.test_service_api import EXAMPLES, TODAY, YAML

SCENARIOS = case_files([CASES / "scenarios"])


def dump(model) -> dict:
    """A model as the file that states it. A case's partner may replace facts (`with:`) that its sources say they
    support; sources feed no policy, so what they support is left out rather than checked against the file."""
    data = file_data(model)
    for source in data.get("sources", []):
        if isinstance(source, dict):
            source.pop("supports", None)
    return data


def scenario_cases() -> list:
    pack = load_pack(POLICIES)
    library = Library.open(PROFILES, pack.vocabulary)
    return [case for path in SCENARIOS for case in load_case_file(path, pack, library).cases]


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The shipped library with the parties the cases' fixture files add (Testland), as a user's own library."""
    import shutil

    from engine.io import yaml_file

    root = tmp_path_factory.mktemp("library") / "profiles"
    shutil.copytree(PROFILES, root)
    parties = {}
    for fixtures in sorted(CASES.rglob(f"*{FIXTURES_SUFFIX}")):
        parties |= yaml_file.load(fixtures).data.get("parties") or {}
    (root / "parties.yaml").write_text(json.dumps({"parties": parties}))
    return root


@pytest.fixture(scope="module")
def api(library, sqlite_template):
    from engine.service.app import create_app

    with open_client(create_app(settings_for(fresh_sqlite(sqlite_template), profiles=library))) as client:
        yield client


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_gives_the_vet_result(api, library, path):
    created = api.post("/api/v1/assessments", params={"today": TODAY}, content=path.read_bytes(), headers=YAML)
    vetted = entente("vet", str(path), "--today", TODAY, "--format", "json", profiles=library).stdout
    assert created.json()["result"] == json.loads(vetted)


@pytest.mark.parametrize("case", scenario_cases(), ids=lambda c: f"{Path(c.path).stem}::{c.name}")
def test_every_scenario_case_gives_the_vet_result(api, library, case, tmp_path):
    situation, today = case.situation, case.today.isoformat()
    files = {"proposal": dump(situation.proposal), "partner": dump(situation.partner)}
    args = ["vet", str(tmp_path / "proposal.yaml"), "--partner", str(tmp_path / "partner.yaml"), "--today", today]
    body = {
        "proposal": files["proposal"],
        "partners": [situation.partner.id],
        "profiles": {"partners": [files["partner"]]},
        "today": today,
    }
    if situation.forum is not None:
        files["forum"] = dump(situation.forum)
        args += ["--forum", str(tmp_path / "forum.yaml")]
        body |= {"forum": situation.forum.id, "profiles": {**body["profiles"], "forums": [files["forum"]]}}
    for name, data in files.items():
        (tmp_path / f"{name}.yaml").write_text(json.dumps(data))
    vetted = entente(*args, "--format", "json", profiles=library)
    assert vetted.exit_code in (0, 1), vetted.output
    created = api.post("/api/v1/assessments", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["result"] == json.loads(vetted.stdout)
