"""The record: append-only in the database itself, kept across a restart, shared with `entente vet --record`
and `entente history`, and every note rebuilt exactly as it was, whatever the library and the pack become."""

from __future__ import annotations

import json
import shutil

import pytest
import sqlalchemy as sa

from engine.service import db
from tests.conftest import POLICIES, PROFILES, entente
from tests.service_fixtures import open_client, settings_for
from tests.test_service_api import CONDITIONED, FORUM, TODAY, post_yaml


def test_the_database_refuses_to_change_or_delete_an_assessment(client, db_url):
    created = post_yaml(client, CONDITIONED).json()
    engine = db.engine_for(db_url)
    for statement in (
        "UPDATE assessments SET rating = 'none'",
        "DELETE FROM assessments",
        "UPDATE assessment_partners SET partner = 'india'",
        "DELETE FROM assessment_partners",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="the record is append-only"), engine.begin() as connection:
            connection.execute(sa.text(statement))
    assert client.get(f"/api/v1/assessments/{created['id']}").json()["rating"] == "critical"


def test_the_record_survives_a_restart(db_url):
    from engine.service.app import create_app

    with open_client(create_app(settings_for(db_url))) as first:
        created = post_yaml(first, FORUM).json()
        note = first.get(f"/api/v1/assessments/{created['id']}/note").text
    with open_client(create_app(settings_for(db_url))) as second:
        assert [i["id"] for i in second.get("/api/v1/assessments").json()["items"]] == [created["id"]]
        assert second.get(f"/api/v1/assessments/{created['id']}").json()["result"] == created["result"]
        assert second.get(f"/api/v1/assessments/{created['id']}/note").text == note


WAIVERS = """\
waivers:
  - policy: reform-conditionality
    partner: vietnam
    reason: accepted by the desk for this round
    owner: desk
    expires: 2030-01-01
"""


def test_vet_record_feeds_the_same_record_and_history_reads_it(client, db_url, tmp_path):
    waivers = str(tmp_path / "waivers.yaml")
    (tmp_path / "waivers.yaml").write_text(WAIVERS)
    args = ("vet", str(CONDITIONED), str(FORUM), "--today", TODAY, "--record", "--db", db_url, "--waivers", waivers)
    run = entente(*args)
    assert run.exit_code == 1  # findings at or above high, as without --record
    recorded = [line.split()[1] for line in run.stderr.splitlines() if line.startswith("recorded ")]
    listed = client.get("/api/v1/assessments").json()["items"]
    assert [i["id"] for i in listed] == recorded[::-1]
    assert {(i["source"], i["who"] != "") for i in listed} == {("cli", True)}
    entry = client.get(f"/api/v1/assessments/{recorded[0]}").json()
    vetted = json.loads(
        entente("vet", str(CONDITIONED), "--today", TODAY, "--waivers", waivers, "--format", "json").stdout
    )
    assert entry["result"] == vetted
    request = json.loads(entry["request"]["body"])
    assert (entry["request"]["media_type"], request["proposal"]) == ("application/json", CONDITIONED.read_text())
    assert [w["policy"] for w in request["waivers"]] == ["reform-conditionality"]
    rerun = client.post(f"/api/v1/assessments/{recorded[0]}/rerun").json()
    assert rerun["changed"] is False
    history = entente("history", "list", "--db", db_url).stdout.splitlines()
    newest_first = [rerun["after"]["id"], recorded[1], recorded[0]]
    assert [line.split()[2] for line in history[:-1]] == [i[:12] for i in newest_first]
    assert history[-1] == "3 of 3 assessments"
    shown = entente("history", "show", recorded[0][:8], "--db", db_url).stdout
    assert shown.startswith(f"assessment {recorded[0]}\nmade ")
    assert "vn-supply-chain-conditioned: Condition the semiconductor" in shown
    as_json = json.loads(entente("history", "show", recorded[0], "--format", "json", "--db", db_url).stdout)
    assert as_json == entry


def test_a_note_is_rebuilt_as_it_was_after_the_library_changes_and_a_rerun_says_what_changed(db_url, tmp_path):
    from engine.service.app import create_app

    library = tmp_path / "profiles"
    shutil.copytree(PROFILES, library)
    with open_client(create_app(settings_for(db_url, profiles=library))) as client:
        created = post_yaml(client, CONDITIONED).json()
        url = f"/api/v1/assessments/{created['id']}/note"
        note = client.get(url).text
        vietnam = library / "partners" / "vietnam.yaml"
        vietnam.write_text(vietnam.read_text().replace("no_interference_internal_affairs", "no_use_of_force"))
        assert client.get(url).text == note
        rerun = client.post(f"/api/v1/assessments/{created['id']}/rerun").json()
        assert (rerun["changed"], rerun["library_changed"], rerun["pack_changed"]) == (True, True, False)
        assert rerun["changes"] == [
            {
                "subject": "vietnam",
                "added": [],
                "removed": [{"id": "red-line-crossing", "severity": "critical"}],
                "severity": [],
                "message": [],
            }
        ]
        assert client.get(f"/api/v1/assessments/{rerun['after']['id']}/note").text != note


def test_a_note_is_rebuilt_with_the_pack_it_was_made_with(db_url, tmp_path):
    from engine.service.app import create_app

    pack = tmp_path / "policies"
    shutil.copytree(POLICIES, pack)
    with open_client(create_app(settings_for(db_url, policies=pack))) as client:
        created = post_yaml(client, FORUM).json()
        note = client.get(f"/api/v1/assessments/{created['id']}/note").text
    policy = pack / "forums" / "minilateral-scope-creep.yaml"
    policy.write_text(policy.read_text().replace("severity: high", "severity: medium", 1))
    with open_client(create_app(settings_for(db_url, policies=pack))) as client:
        assert client.get(f"/api/v1/assessments/{created['id']}/note").text == note
        rerun = client.post(f"/api/v1/assessments/{created['id']}/rerun").json()
        assert (rerun["pack_changed"], rerun["library_changed"]) == (True, False)
        assert rerun["changes"][-1] == {
            "subject": "(forum)",
            "added": [],
            "removed": [],
            "severity": [{"id": "minilateral-scope-creep", "before": "high", "after": "medium"}],
            "message": [],
        }
