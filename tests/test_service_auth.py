"""Access: no token needed only on a loopback address; elsewhere tokens, stored hashed, with roles enforced, and the
token's name recorded as "who"; `entente serve` refuses a non-loopback address with no token."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from engine.service import tokens
from tests.conftest import entente
from tests.test_service_api import CONDITIONED, YAML


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def test_off_loopback_every_request_needs_a_token_and_roles_decide(make_client, db_url):
    viewer = tokens.create(db_url, "vera", "viewer")
    analyst = tokens.create(db_url, "anna", "analyst")
    client = make_client(host="0.0.0.0")
    anonymous = client.get("/api/v1/assessments")
    assert (anonymous.status_code, anonymous.headers["www-authenticate"]) == (401, "Bearer")
    assert anonymous.json()["detail"] == "a token is needed (entente tokens create)"
    assert client.get("/api/v1/health").status_code == 200  # health, version and the docs stay open
    assert client.get("/api/v1/assessments", headers=bearer(viewer)).json()["total"] == 0
    refused = client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML | bearer(viewer))
    assert (refused.status_code, refused.json()["detail"]) == (403, "the token 'vera' is a viewer's: it may only read")
    made = client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML | bearer(analyst))
    assert (made.status_code, made.json()["who"]) == (201, "anna")
    listed = client.get("/api/v1/assessments", params={"who": "anna"}, headers=bearer(viewer)).json()
    assert [i["id"] for i in listed["items"]] == [made.json()["id"]]
    assert client.get(f"/api/v1/assessments/{made.json()['id']}/rerun", headers=bearer(viewer)).status_code == 405
    rerun = client.post(f"/api/v1/assessments/{made.json()['id']}/rerun", headers=bearer(viewer))
    assert rerun.status_code == 403


def test_unknown_revoked_and_malformed_credentials_are_401(make_client, db_url):
    secret = tokens.create(db_url, "temp", "analyst")
    client = make_client(host="0.0.0.0")
    assert client.get("/api/v1/policies", headers=bearer(secret)).status_code == 200
    tokens.revoke(db_url, "temp")
    for headers, detail in [
        (bearer(secret), "unknown or revoked token"),
        (bearer("ent_not-a-token"), "unknown or revoked token"),
        ({"authorization": "Basic dXNlcjpwYXNz"}, "use `Authorization: Bearer <token>`"),
    ]:
        response = client.get("/api/v1/policies", headers=headers)
        assert (response.status_code, response.json()["detail"]) == (401, detail)


def test_on_loopback_no_token_is_needed_and_a_token_still_names_who(client, db_url):
    secret = tokens.create(db_url, "desk-officer", "analyst")
    anonymous = client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML)
    named = client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML | bearer(secret))
    assert (anonymous.json()["who"], named.json()["who"]) == ("local", "desk-officer")
    assert client.get("/api/v1/policies", headers=bearer("ent_wrong")).status_code == 401


def test_tokens_are_stored_hashed(db_url):
    secret = tokens.create(db_url, "hashed", "viewer")
    assert secret.startswith("ent_") and len(secret) == 47
    with tokens.engine_for(db_url).connect() as connection:
        rows = [tuple(r) for r in connection.execute(sa.text("SELECT * FROM tokens"))]
    assert len(rows) == 1
    assert hashlib.sha256(secret.encode()).hexdigest() in rows[0]
    assert not any(secret in str(value) for value in rows[0])


def test_the_token_commands_and_serve_refusing_a_public_address_with_no_token(db_url):
    refused = entente("serve", "--host", "0.0.0.0", "--port", "0", "--db", db_url)
    assert refused.exit_code == 2
    assert refused.output.splitlines()[:2] == [
        "--host: refusing to listen on 0.0.0.0, which is not a loopback address, with no token to check",
        "  help: create one first: entente tokens create --name NAME --role analyst (with the same --db), or "
        "listen on 127.0.0.1",
    ]
    made = entente("tokens", "create", "--name", "ops", "--role", "analyst", "--db", db_url)
    secret = made.stdout.strip()
    assert made.exit_code == 0 and tokens.verify(db_url, secret) == tokens.Principal("ops", "analyst")
    again = entente("tokens", "create", "--name", "ops", "--role", "viewer", "--db", db_url)
    assert (again.exit_code, again.output.splitlines()[0]) == (2, "--name: a token named 'ops' exists already")
    listed = entente("tokens", "list", "--db", db_url).stdout
    assert listed.startswith("ops   analyst  created ") and "revoked" not in listed
    assert entente("tokens", "revoke", "ops", "--db", db_url).exit_code == 0
    assert tokens.verify(db_url, secret) is None
    assert " revoked " in entente("tokens", "list", "--db", db_url).stdout
