"""Errors as data: RFC 9457 problem documents with the command line's diagnostics, located by line:col in YAML and
by JSON Pointer in JSON; 400, 413, 415, 422 as documented; never a stack trace."""

from __future__ import annotations

import json

import pytest

from engine.io import yaml_file
from tests.conftest import PROFILES, ROOT
from tests.test_service_api import CONDITIONED, TODAY, YAML

CORPUS = sorted((ROOT / "tests" / "fixtures" / "invalid" / "proposals").glob("*.yaml"))
# the corpus files a request body can carry (a loop of symbolic links is about the file system, not a body)
REFUSED = [p for p in CORPUS if p.with_suffix(".err").read_text().startswith("exit: 2\n") and not p.is_symlink()]
FORUMS = len(list((PROFILES / "forums").glob("*.yaml")))
PROBLEM = "application/problem+json"


def cli_diagnostics(path) -> str:
    """What `entente vet FILE` printed for the file (tests/fixtures/invalid), without its summary line."""
    lines = path.with_suffix(".err").read_text().splitlines()[1:-1]
    return "\n".join(lines).replace(f"{path.relative_to(ROOT)}:", "body:")


def test_the_corpus_of_refused_proposals_is_large():
    assert len(REFUSED) >= 20


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_a_refused_yaml_proposal_carries_the_cli_diagnostics_by_line_and_column(client, path):
    response = client.post(
        "/api/v1/assessments", params={"today": "2025-11-24"}, content=path.read_bytes(), headers=YAML
    )
    assert (response.status_code, response.headers["content-type"]) == (422, PROBLEM)
    problem = response.json()
    assert "\n".join(e["text"] for e in problem["errors"]) == cli_diagnostics(path)
    assert all(e["source"] == "body" and e["line"] >= 1 and e["column"] >= 1 for e in problem["errors"])
    count = len(problem["errors"])
    assert (problem["type"], problem["status"], problem["detail"]) == (
        "urn:entente:problem:invalid-input",
        422,
        f"{count} error{'s' if count != 1 else ''}",
    )


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_the_same_proposal_as_json_carries_the_same_messages_by_json_pointer(client, path):
    data = yaml_file.load(path).data
    response = client.post("/api/v1/assessments", json={"proposal": data, "today": "2025-11-24"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    expected = client.post("/api/v1/assessments", content=path.read_bytes(), headers=YAML).json()["errors"]
    assert sorted((e["message"], e["help"]) for e in errors) == sorted((e["message"], e["help"]) for e in expected)
    assert all(e["pointer"] == "/proposal" or e["pointer"].startswith("/proposal/") for e in errors)


def test_a_json_pointer_names_the_member_and_the_cli_text_names_it_too(client):
    proposal = {"id": "x", "title": "t", "partner": "vietnam", "kind": "conditionality"}
    bad = {**proposal, "conditions": [{"at_stake": "supply_chains", "requires": "democratisation"}]}
    errors = client.post("/api/v1/assessments", json={"proposal": bad}).json()["errors"]
    assert errors == [
        {
            "pointer": "/proposal/conditions/0/requires",
            "message": "unknown requirement (a reform, an issue area or an ask) 'democratisation'",
            "help": "did you mean 'democratization'?",
            "text": "/proposal/conditions/0/requires: unknown requirement (a reform, an issue area or an ask) "
            "'democratisation'\n  help: did you mean 'democratization'?",
        }
    ]
    errors = client.post("/api/v1/assessments", json={"proposal": proposal, "forum": "quadd"}).json()["errors"]
    assert errors == [
        {
            "pointer": "/forum",
            "message": "unknown forum 'quadd'",
            "help": f"did you mean 'quad'? (the library has {FORUMS} forum profiles)",
            "text": f"/forum: unknown forum 'quadd'\n  help: did you mean 'quad'? (the library has {FORUMS} forum profiles)",
        }
    ]


def test_unknown_keys_of_the_request_are_located_with_the_nearest(client):
    errors = client.post("/api/v1/assessments", json={"proposal": {}, "todya": TODAY}).json()["errors"]
    assert [(e["pointer"], e["message"], e["help"]) for e in errors] == [
        ("/todya", "unknown key 'todya' in the request", "did you mean 'today'?")
    ]


def test_a_yaml_text_inside_a_json_request_is_located_by_line_and_column(client):
    text = "id: x\ntitle: t\npartner: vietnam\nkind: bogus\n"
    errors = client.post("/api/v1/assessments", json={"proposal": text}).json()["errors"]
    assert [(e["source"], e["line"], e["column"], e["message"]) for e in errors] == [
        ("/proposal", 4, 7, "unknown action kind 'bogus'")
    ]


def test_query_options_are_checked_and_named(client):
    response = client.post(
        "/api/v1/assessments", params={"partners": "nowhere"}, content=CONDITIONED.read_bytes(), headers=YAML
    )
    assert [(e["parameter"], e["message"]) for e in response.json()["errors"]] == [
        ("partners", "unknown partner 'nowhere'")
    ]
    bad_type = client.get("/api/v1/assessments", params={"limit": "lots"})
    assert bad_type.status_code == 422
    assert [(e["parameter"], e["message"]) for e in bad_type.json()["errors"]] == [
        ("limit", "limit: Input should be a valid integer, unable to parse string as an integer")
    ]
    with_json = client.post("/api/v1/assessments", params={"today": TODAY}, json={"proposal": {}})
    assert [e["text"] for e in with_json.json()["errors"]] == [
        "today: query parameter 'today' with a JSON body\n  help: with a JSON body, the options go in the body"
    ]


@pytest.mark.parametrize(
    ("body", "media", "where", "message"),
    [
        (b'{"proposal": ', "application/json", (1, 14), "the body is not valid JSON: Expecting value"),
        (b"id: [unclosed\n", "application/yaml", (2, 1), None),
        (b"id: caf\xe9\n", "application/yaml", (1, 8), "the file is not valid UTF-8 (byte 0xe9)"),
        (b"  \n", "application/yaml", None, "the body is empty"),
    ],
    ids=["json", "yaml", "utf-8", "empty"],
)
def test_a_body_that_cannot_be_read_is_400(client, body, media, where, message):
    response = client.post("/api/v1/assessments", content=body, headers={"content-type": media})
    assert (response.status_code, response.headers["content-type"]) == (400, PROBLEM)
    problem = response.json()
    assert (problem["type"], problem["title"]) == ("urn:entente:problem:malformed-body", "The body cannot be read")
    (error,) = problem["errors"]
    assert (error.get("line"), error.get("column")) == (where or (None, None))
    if message is not None:
        assert error["message"] == message


def test_a_body_past_the_limit_is_413_before_it_is_read(make_client):
    client = make_client(max_body=2048)
    big = b"id: x\n" + b"# padding\n" * 500
    response = client.post("/api/v1/assessments", content=big, headers=YAML)
    assert (response.status_code, response.headers["content-type"]) == (413, PROBLEM)
    assert response.json()["detail"] == "the body is larger than the 2,048-byte limit"

    def chunks():
        yield from [b"id: x\n" + b"#" * 1000 + b"\n"] * 4  # no Content-Length: counted as it arrives

    chunked = client.post("/api/v1/assessments", content=chunks(), headers=YAML)
    assert chunked.status_code == 413


def test_other_media_types_are_415(client):
    response = client.post("/api/v1/assessments", content=b"id=x", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["detail"] == "bodies are YAML (application/yaml) or JSON (application/json), not text/plain"


def test_a_wrong_method_is_405_as_a_problem(client):
    response = client.delete("/api/v1/assessments")
    assert (response.status_code, response.headers["content-type"]) == (405, PROBLEM)
    assert response.json()["title"] == "Method Not Allowed"


def test_an_internal_error_is_a_500_problem_with_no_stack_trace(client, monkeypatch):
    from engine.service.routes import catalogue

    def broken(_pack):
        raise RuntimeError("a bug, with a secret path /etc/entente")

    monkeypatch.setattr("engine.output.catalogue.policy_rows", broken)
    assert catalogue.policies  # the route reads policy_rows when it runs
    response = client.get("/api/v1/policies")
    assert (response.status_code, response.headers["content-type"]) == (500, PROBLEM)
    assert response.json() == {
        "type": "urn:entente:problem:internal-error",
        "title": "Internal error",
        "status": 500,
        "detail": "internal error (RuntimeError); the server's log has the details",
        "instance": "/api/v1/policies",
        "errors": [],
    }
    assert "Traceback" not in response.text and "/etc/entente" not in response.text
    assert json.loads(response.text)["status"] == 500
