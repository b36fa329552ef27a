"""Reliability: a crash of durable_rules' C core fails the request it was evaluating (500, a problem document) and
no other; an evaluation past the time limit is 503; requests from many threads are evaluated one at a time."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from engine.service import evaluation
from tests.test_service_api import CONDITIONED, RINGFENCED, YAML

real_assess = evaluation.assess


def crash_the_core() -> None:
    """A real fault of the C core (docs/durable-rules.md): past 1,024 live sessions a ruleset is corrupt, and
    asserting into the session that hit the limit segfaults."""
    import durable_rules_engine as core

    handle = core.create_ruleset("entente_crash_probe", json.dumps({"r": {"all": [{"m": {"t": "x"}}]}}))
    for sid in range(1, 1100):
        try:
            core.assert_fact(handle, json.dumps({"t": "x", "sid": str(sid), "v": sid}))
        except MemoryError:
            break
    for other in range(1, sid):
        core.delete_state(handle, str(other))
    core.assert_fact(handle, json.dumps({"t": "x", "sid": str(sid), "v": 0}))


def assess_or_crash(ctx, sub, suggest=False):
    if "crash-me" in sub.body:
        crash_the_core()
    if "take-your-time" in sub.body:
        time.sleep(30)
    return real_assess(ctx, sub, suggest)


@pytest.fixture
def crashing(monkeypatch):
    """The service's assess, crashing the C core on a proposal that says crash-me (set before the worker forks)."""
    monkeypatch.setattr(evaluation, "assess", assess_or_crash)


CRASH = RINGFENCED.read_text().replace("id: vn-supply-chain-ringfenced", "id: crash-me")
SLOW = RINGFENCED.read_text().replace("id: vn-supply-chain-ringfenced", "id: take-your-time")


def test_a_crash_of_the_core_fails_that_request_only(crashing, client):
    service = client.app.state.service
    first_worker = service.evaluator.worker.pid
    crashed = client.post("/api/v1/assessments", content=CRASH, headers=YAML)
    assert (crashed.status_code, crashed.headers["content-type"]) == (500, "application/problem+json")
    problem = crashed.json()
    signal_name = problem["detail"].removeprefix("the evaluation core crashed (killed by ").split(")")[0]
    assert signal_name in ("SIGSEGV", "SIGABRT")  # the corrupt ruleset's fault is undefined behaviour: either
    assert problem == {
        "type": "urn:entente:problem:evaluation-crashed",
        "title": "The evaluation crashed",
        "status": 500,
        "detail": f"the evaluation core crashed (killed by {signal_name}); this request failed, the service goes on",
        "instance": "/api/v1/assessments",
        "errors": [],
    }
    after = client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML)
    assert after.status_code == 201
    assert service.evaluator.worker.pid != first_worker
    assert client.get("/api/v1/assessments").json()["total"] == 1  # the crashed request recorded nothing


def test_requests_in_flight_beside_a_crash_all_succeed(crashing, client):
    bodies = [CONDITIONED.read_text()] * 6 + [CRASH] + [CONDITIONED.read_text()] * 6

    def post(body):
        return client.post("/api/v1/assessments", content=body.encode(), headers=YAML).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(post, bodies))
    assert statuses == [201] * 6 + [500] + [201] * 6
    assert client.get("/api/v1/assessments").json()["total"] == 12


def test_an_evaluation_past_the_time_limit_is_503_and_the_next_one_runs(crashing, make_client):
    client = make_client(evaluation_timeout=1.0)
    started = time.monotonic()
    slow = client.post("/api/v1/assessments", content=SLOW.encode(), headers=YAML)
    assert (slow.status_code, slow.json()["detail"]) == (503, "the evaluation gave no answer within 1 s")
    assert time.monotonic() - started < 10
    assert client.post("/api/v1/assessments", content=CONDITIONED.read_bytes(), headers=YAML).status_code == 201


def test_a_request_past_the_request_time_limit_is_503(crashing, make_client):
    client = make_client(request_timeout=1.0, evaluation_timeout=5.0)
    slow = client.post("/api/v1/assessments", content=SLOW.encode(), headers=YAML)
    assert (slow.status_code, slow.json()["title"]) == (503, "The request took too long")
