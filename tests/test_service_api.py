"""The API through the ASGI app (FastAPI's TestClient), on SQLite and on PostgreSQL: assessments and the record,
notes, re-runs, the analyses and the catalogues answer what the command line prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import POLICIES, PROFILES, ROOT, entente

TODAY = "2026-11-24"
EXAMPLES = ROOT / "examples"
CONDITIONED = EXAMPLES / "vietnam-supply-chain-conditioned.yaml"
RINGFENCED = EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"
FORUM = EXAMPLES / "iuu-fishing-add-human-rights.yaml"
YAML = {"content-type": "application/yaml"}


def cli_json(*args: str):
    result = entente(*args, "--format", "json", catch_exceptions=False)
    return json.loads(result.stdout)


def post_yaml(client, path: Path, **query):
    query = {"today": TODAY, **query}
    return client.post("/api/v1/assessments", params=query, content=path.read_bytes(), headers=YAML)


def test_a_yaml_proposal_is_assessed_as_vet_assesses_it_and_recorded(client):
    response = post_yaml(client, CONDITIONED)
    assert response.status_code == 201
    created = response.json()
    assert response.headers["location"] == f"/api/v1/assessments/{created['id']}"
    assert created["result"] == cli_json("vet", str(CONDITIONED), "--today", TODAY)
    summary = {k: created[k] for k in ("who", "source", "proposal", "partners", "rating", "findings", "rerun_of")}
    assert summary["findings"] == 4  # the red line, dispute linkage, leverage on dependence, reform conditionality
    assert summary == {
        "who": "local",
        "source": "api",
        "proposal": "vn-supply-chain-conditioned",
        "partners": ["vietnam"],
        "rating": "critical",
        "findings": len(created["result"]["assessments"][0]["findings"]),
        "rerun_of": None,
    }
    assert created["warnings"] == []  # a stale profile is in the result (profile_stale), as in vet's JSON
    fetched = client.get(response.headers["location"]).json()
    assert fetched["request"] == {
        "media_type": "application/yaml",
        "body": CONDITIONED.read_text(),
        "query": {"today": TODAY},
    }
    assert fetched["result"] == created["result"]
    assert fetched["pack_digest"] == client.app.state.service.pack.digest
    assert fetched["policy_pack"] == fetched["pack_digest"][:12] == created["result"]["policy_pack"]
    assert len(fetched["inputs_digest"]) == len(fetched["library_digest"]) == 64


def test_a_json_request_takes_inline_profiles_partners_and_waivers(client):
    vietnam = client.get("/api/v1/partners/vietnam").json()
    vietnam["red_lines"] = []
    proposal = {
        "id": "inline-move",
        "title": "Conditioned cooperation",
        "partner": "vietnam",
        "kind": "conditionality",
        "cooperation": ["supply_chains"],
        "conditions": [{"at_stake": "supply_chains", "requires": "democratization"}],
    }
    waiver = {
        "policy": "dispute-linkage",
        "partner": "vietnam",
        "reason": "accepted by the desk",
        "owner": "desk",
        "expires": "2030-01-01",
    }
    unused = {**waiver, "policy": "label-inflation"}
    body = {"proposal": proposal, "profiles": {"partners": [vietnam]}, "today": TODAY, "waivers": [waiver, unused]}
    created = client.post("/api/v1/assessments", json=body).json()
    findings = [(f["id"], f["waived"] is not None) for f in created["result"]["assessments"][0]["findings"]]
    assert findings == [  # no red line crossed
        ("dispute-linkage", True),
        ("leverage-on-dependence", False),
        ("reform-conditionality", False),
    ]
    assert created["rating"] == "high"
    assert created["warnings"] == [
        "unused waiver (matches no finding): /waivers/1: label-inflation for partner vietnam (owner desk, "
        "expires 2030-01-01)"
    ]


def test_partners_and_forum_options_as_query_parameters_of_a_yaml_body(client):
    created = post_yaml(client, FORUM, partners=["vietnam", "india"]).json()
    assert created["partners"] == ["vietnam", "india"]
    expected = cli_json("vet", str(FORUM), "--today", TODAY, "--partner", "vietnam", "--partner", "india")
    assert created["result"] == expected
    every = post_yaml(client, RINGFENCED, partners="all").json()
    assert every["partners"] == sorted(p.stem for p in (PROFILES / "partners").glob("*.yaml"))


def test_the_record_lists_newest_first_with_filters_and_pages(client):
    ids = [post_yaml(client, path).json()["id"] for path in (CONDITIONED, RINGFENCED, FORUM)]

    def listed(**query):
        page = client.get("/api/v1/assessments", params=query).json()
        return [item["id"] for item in page["items"]], page["total"], page["next"]

    assert listed() == (ids[::-1], 3, None)
    assert listed(partner="indonesia") == ([ids[2]], 1, None)
    assert listed(rating="none") == ([ids[1]], 1, None)
    assert listed(at_least="high") == ([ids[2], ids[0]], 2, None)
    assert listed(proposal="vn-supply-chain-conditioned") == ([ids[0]], 1, None)
    assert listed(who="local") == (ids[::-1], 3, None)
    assert listed(who="someone") == ([], 0, None)
    today = client.get(f"/api/v1/assessments/{ids[0]}").json()["created"][:10]
    assert listed(since=today, until=today) == (ids[::-1], 3, None)
    assert listed(until="2000-01-01") == ([], 0, None)
    first = listed(limit=2)
    assert first == (ids[:0:-1], 3, "/api/v1/assessments?limit=2&offset=2")
    assert client.get(first[2]).json()["items"][0]["id"] == ids[0]


def test_the_note_in_every_format_is_the_brief_of_the_same_inputs(client, tmp_path):
    created = post_yaml(client, FORUM).json()
    url = f"/api/v1/assessments/{created['id']}/note"
    markdown = client.get(url)
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.text == entente("brief", str(FORUM), "--today", TODAY, catch_exceptions=False).stdout
    html = client.get(url, params={"format": "html", "marking": "DRAFT", "paper": "Letter"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    args = ("brief", str(FORUM), "--today", TODAY, "--format", "html", "--marking", "DRAFT", "--paper", "Letter")
    assert html.text == entente(*args, catch_exceptions=False).stdout
    pdf = client.get(url, params={"format": "pdf"})
    assert (pdf.status_code, pdf.headers["content-type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")


def test_a_rerun_on_the_same_pack_and_library_changes_nothing_and_is_recorded(client):
    created = post_yaml(client, CONDITIONED).json()
    rerun = client.post(f"/api/v1/assessments/{created['id']}/rerun")
    assert rerun.status_code == 201
    body = rerun.json()
    assert (body["changed"], body["pack_changed"], body["library_changed"]) == (False, False, False)
    assert body["changes"] == [{"subject": "vietnam", "added": [], "removed": [], "severity": [], "message": []}]
    assert body["before"]["id"] == created["id"]
    assert body["after"]["rerun_of"] == created["id"]
    assert rerun.headers["location"] == f"/api/v1/assessments/{body['after']['id']}"
    assert client.get("/api/v1/assessments").json()["total"] == 2


def test_explain_whatif_and_suggestions_answer_what_the_command_line_prints(client):
    text = CONDITIONED.read_bytes()
    explained = client.post("/api/v1/explain", content=text, headers=YAML, params={"policies": ["dispute-linkage"]})
    assert explained.json() == cli_json("explain", str(CONDITIONED), "--policy", "dispute-linkage")
    body = {"proposal": CONDITIONED.read_text(), "set": ["partner.stances.democracy=aligned"], "sweep": "partner.tier"}
    whatif = client.post("/api/v1/whatif", json=body)
    args = ("whatif", str(CONDITIONED), "--set", "partner.stances.democracy=aligned", "--sweep", "partner.tier")
    assert whatif.json() == cli_json(*args)
    suggested = client.post("/api/v1/suggestions", content=text, headers=YAML, params={"today": TODAY})
    assert suggested.json() == cli_json("vet", str(CONDITIONED), "--today", TODAY, "--suggest")
    assert client.get("/api/v1/assessments").json()["total"] == 0  # analyses are not recorded


def test_the_catalogues_answer_what_the_command_line_lists(client):
    assert client.get("/api/v1/policies").json() == cli_json("policies", "list")
    profiles = client.get("/api/v1/profiles", params={"today": TODAY, "max_age": 30}).json()
    assert profiles == cli_json("profiles", "list", "--today", TODAY, "--max-age", "30")
    assert client.get("/api/v1/parties", params={"name": "asean", "today": TODAY}).json() == cli_json(
        "parties", "asean", "--today", TODAY
    )
    assert client.get("/api/v1/facts").json() == cli_json("facts")
    vocabulary = client.get("/api/v1/vocabulary").json()
    assert vocabulary["hedging"] == ["aligned", "hedging", "nonaligned", "aligned_with_rival"]
    policy = client.get("/api/v1/policies/dispute-linkage").json()
    assert policy["file"] == (POLICIES / "ring-fence" / "dispute-linkage.yaml").read_text()
    assert (policy["severity"], policy["about"]) == ("high", "partner")
    assert client.get("/api/v1/partners/vietnam").json()["tier"] == "comprehensive_strategic_partnership"
    assert client.get("/api/v1/forums/quad").json()["members"] == ["united_states", "japan", "india", "australia"]


def test_the_schemas_of_every_input_file_kind(client):
    from tests.conftest import entente

    kinds = client.get("/api/v1/schemas").json()
    assert list(kinds) == [
        "proposal",
        "partner",
        "forum",
        "waivers",
        "parties",
        "vocabulary",
        "policy",
        "cases",
        "fixtures",
    ]
    assert kinds["proposal"] == "/api/v1/schemas/proposal"
    schema = client.get("/api/v1/schemas/proposal").json()
    assert schema == json.loads(entente("schema", "proposal").stdout)  # the command line's, vocabulary and all
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "human_rights" in schema["$defs"]["Condition"]["properties"]["at_stake"]["enum"]


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/v1/partners/vietnm", "unknown partner 'vietnm': did you mean 'vietnam'?"),
        ("/api/v1/forums/qaud", "unknown forum 'qaud': did you mean 'quad'?"),
        ("/api/v1/policies/dispute-linkag", "unknown policy 'dispute-linkag': did you mean 'dispute-linkage'?"),
        ("/api/v1/schemas/proposals", "unknown kind 'proposals': did you mean 'proposal'?"),
        ("/api/v1/assessments/0123456789abcdef", "no assessment '0123456789abcdef' in the record"),
    ],
)
def test_unknown_things_are_404_problems_with_the_nearest(client, path, detail):
    response = client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (404, "application/problem+json")
    assert response.json() == {
        "type": "urn:entente:problem:not-found",
        "title": "Not Found",
        "status": 404,
        "detail": detail,
        "instance": path,
        "errors": [],
    }


def test_health_version_openapi_and_docs(client):
    from engine import __version__

    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "ok"}
    pack = client.app.state.service.pack
    assert client.get("/api/v1/version").json() == {
        "engine_version": __version__,
        "api_version": "1",
        "schema_version": 2,
        "policy_pack": pack.short_digest,
        "pack_digest": pack.digest,
        "record_revision": "0001",
    }
    document = client.get("/api/v1/openapi.json").json()
    assert sorted(document["paths"]) == [
        "/api/v1/assessments",
        "/api/v1/assessments/{assessment_id}",
        "/api/v1/assessments/{assessment_id}/note",
        "/api/v1/assessments/{assessment_id}/rerun",
        "/api/v1/explain",
        "/api/v1/facts",
        "/api/v1/forums/{forum_id}",
        "/api/v1/health",
        "/api/v1/parties",
        "/api/v1/partners/{partner_id}",
        "/api/v1/policies",
        "/api/v1/policies/{policy_id}",
        "/api/v1/profiles",
        "/api/v1/schemas",
        "/api/v1/schemas/{kind}",
        "/api/v1/suggestions",
        "/api/v1/version",
        "/api/v1/vocabulary",
        "/api/v1/whatif",
    ]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/v1/openapi.json" in docs.text


@pytest.mark.parametrize("name", ["Assessment", "ForumFinding", "NotAssessed", "Finding", "Undecided"])
def test_the_document_describes_each_result_class_by_its_own_fields(name):
    """The API documents a result (a msgspec Struct) by a pydantic model made from it: every field it writes, in
    order, the required ones required, a default as the Struct's, the class's docstring."""
    import msgspec

    from engine.core import results
    from engine.service.schemas import described

    cls = getattr(results, name)
    schema = described(cls).model_json_schema()
    fields = [f for f in msgspec.structs.fields(cls) if f.name not in cls.HIDDEN]
    assert list(schema["properties"]) == [f.name for f in fields]
    assert schema.get("required", []) == [f.name for f in fields if f.required]
    assert schema["title"] == name and schema.get("description") == cls.__doc__
    for f in fields:
        if not f.required:
            default = f.default_factory() if f.default is msgspec.NODEFAULT else f.default
            assert schema["properties"][f.name]["default"] == default, f.name
    assert "suggested" not in schema["properties"]  # hidden: never written


def test_a_result_class_that_writes_its_own_json_is_not_described_by_its_fields():
    from engine.core import results
    from engine.service.schemas import described

    with pytest.raises(TypeError, match="Explanation writes its own JSON"):
        described(results.Result)  # its explanations hold Explanations, whose JSON is not their fields
    with pytest.raises(TypeError, match="ConditionNode writes its own JSON"):
        described(results.ConditionNode)
