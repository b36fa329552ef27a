"""The workspace's pages over HTTP: the form and its YAML, the manners (CSRF, CSP, escaping, access), the record.

(In a real browser: tests/test_workspace_browser.py.) The record runs on SQLite and PostgreSQL (``client``)."""

from __future__ import annotations

import re

import pytest

from engine.io import yaml_file
from engine.output.fmt import format_data
from engine.service.web.forms import MULTI, ROWS, SCALARS, form_state, proposal_data
from tests.conftest import ROOT
from tests.service_fixtures import DATABASES  # noqa: F401 (the client fixture is parametrised over them)

CONDITIONED = {
    "id": ["vn-x"],
    "title": ["Condition the initiative"],
    "partner": ["vietnam"],
    "kind": ["conditionality"],
    "cooperation": ["supply_chains"],
    "conditions-0-at_stake": ["supply_chains"],
    "conditions-0-requires": ["democratization"],
    "public-shown": ["1"],
    "public": ["true"],
}


def csrf_of(client) -> str:
    page = client.get("/")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def flat(form: dict[str, list[str]], **extra) -> dict:
    return {k: v if len(v) > 1 else v[0] for k, v in form.items()} | extra


def fields_of(data: dict) -> dict:
    """The fields a browser posts for a proposal the form shows (the inverse of ``proposal_data``)."""
    state = form_state(data)
    fields = {k: state[k] for k in (*SCALARS, *MULTI) if state[k]}
    for key in ROWS:
        fields |= {f"{key}-{i}-{name}": value for i, row in enumerate(state[key]) for name, value in row.items()}
    return fields | {"public-shown": "1", "public": "true" if state["public"] else ""}


def test_the_form_makes_the_proposal_fmt_prints_and_back():
    example = yaml_file.load(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml").data
    assert proposal_data({k: v if isinstance(v, list) else [v] for k, v in fields_of(example).items()}) == {
        k: v.strip() if isinstance(v, str) else v for k, v in example.items()
    }

    data = proposal_data(CONDITIONED)
    assert format_data(data, "proposal") == (
        "id: vn-x\ntitle: Condition the initiative\nactor: united_states\npartner: vietnam\nkind: conditionality\n"
        "cooperation: [supply_chains]\nconditions:\n  - {at_stake: supply_chains, requires: democratization}\n"
        "public: true\n"
    )
    state = form_state(data | {"asks": ["sanctions_alignment", {"ask": "basing_access", "against": ["china"]}]})
    assert state["asks"][0] == {"ask": "sanctions_alignment", "issue": "", "more": ""}
    assert state["asks"][1]["more"] == '{"against": ["china"]}'  # kept, though the form has no control for it
    back = {f"asks-{i}-{k}": [v] for i, row in enumerate(state["asks"]) for k, v in row.items()}
    assert proposal_data(back)["asks"] == ["sanctions_alignment", {"ask": "basing_access", "against": ["china"]}]


def test_every_page_carries_a_strict_content_security_policy(client):
    for path in ("/", "/library", "/record"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in answer.text and " style=" not in answer.text and " on" + "click=" not in answer.text


def test_a_post_without_the_csrf_token_is_refused(client):
    csrf_of(client)
    made = client.post("/api/v1/assessments", json={"proposal": format_data(proposal_data(CONDITIONED), "proposal")})
    assert made.status_code == 201
    rerun = f"/record/{made.json()['id']}/rerun"
    for path in ("/", "/assess", "/note", "/record", rerun, "/signin"):  # every form the workspace has
        for forged in ({"csrf": "forged"}, {}):
            answer = client.post(path, data=flat(CONDITIONED, **forged))
            assert answer.status_code == 403, path
            assert "security token is missing or stale" in answer.text
    assert client.get("/api/v1/assessments").json()["total"] == 1  # nothing recorded or re-run


def test_user_text_is_escaped(client):
    csrf = csrf_of(client)
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    answer = client.post("/assess", data=flat(CONDITIONED, csrf=csrf, title=hostile, summary="{{ 7*7 }}"))
    assert answer.status_code == 200
    assert "<script>alert(1)" not in answer.text and "<img src=x" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text  # in the YAML view, inert
    assert "49" not in answer.text
    settings = {"note-drafter": hostile, "note-marking": hostile}
    note = client.post("/note", data=flat(CONDITIONED, csrf=csrf, format="preview", title=hostile, **settings))
    recorded = client.post("/record", data=flat(CONDITIONED, csrf=csrf, title=hostile), follow_redirects=True)
    for shown in (note, recorded, client.get("/record")):  # the note, the assessment recorded, the record's list
        assert shown.status_code == 200
        assert "<script>alert(1)" not in shown.text and "<img src=x" not in shown.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.text


def test_live_assessment_and_problems_located_at_their_field(client):
    csrf = csrf_of(client)
    live = client.post("/assess", data=flat(CONDITIONED, csrf=csrf))
    found = re.findall(r'data-finding="([^"]+)"', live.text)
    assert found == [
        "vietnam|red-line-crossing|critical|high",
        "vietnam|dispute-linkage|high|high",
        "vietnam|leverage-on-dependence|high|high",
        "vietnam|reform-conditionality|high|high",
    ]
    typo = client.post("/assess", data=flat(CONDITIONED, csrf=csrf, partner="vietnm"))
    assert "<strong>Partner</strong>: unknown party &#39;vietnm&#39;" in typo.text
    assert "did you mean &#39;vietnam&#39;?" in typo.text


def test_yaml_errors_are_shown_at_their_line_and_the_form_is_kept(client):
    csrf = csrf_of(client)
    answer = client.post("/", data={"csrf": csrf, "action": "yaml", "yaml": "id: x\ntitle: t\ntitle: u\n"})
    assert answer.status_code == 200
    assert "line 3, column 1: duplicate key &#39;title&#39;" in answer.text
    taken = client.post("/", data={"csrf": csrf, "action": "yaml", "yaml": "id: x\ntitle: t\npartner: india\n"})
    assert 'value="india"' in taken.text


def test_an_upload_shows_in_the_form_and_as_the_canonical_file(client):
    csrf = csrf_of(client)
    text = "partner: vietnam\ntitle: Offer\nid: up\ncooperation:\n  - supply_chains\n"
    loaded = client.post("/", data={"csrf": csrf, "action": "upload"}, files={"file": ("p.yaml", text.encode())})
    assert 'value="up"' in loaded.text
    state = re.search(r'<textarea id="yaml"[^>]*>([^<]*)</textarea>', loaded.text).group(1)
    assert state == "id: up\ntitle: Offer\npartner: vietnam\ncooperation: [supply_chains]\n"  # the file, canonical


def test_rows_are_added_and_removed_without_scripts(client):
    csrf = csrf_of(client)
    added = client.post("/", data=flat(CONDITIONED, csrf=csrf, action="add:conditions"))
    assert (
        'id="conditions-1-at_stake"' in added.text
        and 'id="conditions-1-at_stake" name="conditions-1-at_stake" autofocus' in added.text
    )
    removed = client.post("/", data=flat(CONDITIONED, csrf=csrf, action="remove:conditions:0"))
    assert 'id="conditions-0-at_stake"' not in removed.text


@pytest.mark.parametrize(
    "fmt, media, start",
    [
        ("markdown", "text/markdown", b"**DRAFT**\n\n# Risk note: Condition the initiative"),
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("pdf", "application/pdf", b"%PDF"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ],
)
def test_the_note_downloads(client, fmt, media, start):
    csrf = csrf_of(client)
    answer = client.post("/note", data=flat(CONDITIONED, csrf=csrf, format=fmt))
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert (
        answer.headers["content-disposition"]
        == f'attachment; filename="vn-x-note.{"md" if fmt == "markdown" else fmt}"'
    )
    assert answer.content.startswith(start)


def test_record_from_the_form_lists_and_opens(client):
    csrf = csrf_of(client)
    made = client.post("/record", data=flat(CONDITIONED, csrf=csrf), follow_redirects=False)
    assert made.status_code == 303
    assessment = made.headers["location"].rsplit("/", 1)[1]
    assert client.get("/api/v1/assessments").json()["items"][0]["id"] == assessment
    listed = client.get("/record", params={"proposal": "vn-x"})
    assert f'data-assessment="{assessment}"' in listed.text
    assert 'data-assessment="' not in client.get("/record", params={"proposal": "other"}).text
    opened = client.get(f"/?from={assessment}")
    assert 'value="vn-x"' in opened.text


def test_off_loopback_the_workspace_needs_a_token_and_a_viewer_only_reads(make_client, db_url):
    from engine.service import tokens

    viewer = tokens.create(db_url, "vera", "viewer")
    client = make_client(host="0.0.0.0")
    assert client.get("/").status_code == 401
    assert "Sign in with a token" in client.get("/library").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/signin").text).group(1)
    wrong = client.post("/signin", data={"csrf": csrf, "token": "nope"})
    assert wrong.status_code == 401
    signed = client.post("/signin", data={"csrf": csrf, "token": viewer}, follow_redirects=False)
    assert signed.status_code == 303
    assert client.get("/library").status_code == 200
    editor = client.get("/").text
    assert "data-viewer>Your token is a viewer's" in editor
    assert "hx-post" not in editor  # no live assessment the server would refuse
    refused = client.post("/assess", data=flat(CONDITIONED, csrf=csrf))
    assert refused.status_code == 403
    assert "a viewer&#39;s" in refused.text


def test_the_preview_shows_the_html_note_in_the_browser_under_its_own_policy(client):
    csrf = csrf_of(client)
    answer = client.post("/note", data=flat(CONDITIONED, csrf=csrf, format="preview"))
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == "inline"
    assert answer.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "<h1>Risk note: Condition the initiative</h1>" in answer.text


def test_a_rerun_of_an_unknown_assessment_says_so(client):
    csrf = csrf_of(client)
    answer = client.post("/record/0123456789abcdef/rerun", data={"csrf": csrf})
    assert answer.status_code == 404
    assert "no assessment &#39;0123456789abcdef&#39; in the record" in answer.text


def test_hand_made_posts_get_the_page_back_with_the_problem_never_an_error(client):
    csrf = csrf_of(client)

    def problems(**extra) -> list[str]:
        answer = client.post("/", data=flat(CONDITIONED, csrf=csrf, **extra))
        assert answer.status_code == 200, extra
        found = re.findall(r'<div class="problems"[^>]*>(.*?)</div>', answer.text, re.S)
        return [re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", p)).strip() for p in found]

    refused = "The suggestion was not applied: the suggestion could not be applied"
    assert problems(action="apply:not json") == [refused]
    assert problems(action="apply:[1]") == [refused]
    assert problems(action='apply:[{"op": "drop", "field": "asks"}]') == [refused]
    assert problems(action="assess", **{"conditions-0-more": "[1]"}) == []  # a row's extra keys are a mapping or none
    lone = problems(action="yaml", yaml="id: x\ntitle: t\nconditions: 5\n")
    assert lone == [
        "Not assessed yet: the proposal needs attention. Conditions : conditions: expected a list, got the number 5 "
        "— write a list, e.g. `[a, b]` or one `- item` per line (YAML line 3)"
    ]


def test_a_rerun_on_a_changed_library_shows_the_differences(client, db_url, tmp_path):
    """Recorded on the shipped library, re-run after India's posture was revised: the finding that moved is shown."""
    from engine.service.app import create_app
    from engine.service.settings import ServiceSettings
    from tests.conftest import POLICIES, PROFILES
    from tests.service_fixtures import open_client

    csrf = csrf_of(client)
    proposal = yaml_file.load(ROOT / "examples" / "india-russia-sanctions.yaml").data
    made = client.post("/record", data=fields_of(proposal) | {"csrf": csrf}, follow_redirects=False)
    assert made.status_code == 303
    recorded = made.headers["location"].rsplit("/", 1)[1]

    (tmp_path / "partners").mkdir()
    india = (PROFILES / "partners" / "india.yaml").read_text()
    (tmp_path / "partners" / "india.yaml").write_text(india.replace("\nhedging: nonaligned", "\nhedging: aligned"))
    with open_client(create_app(ServiceSettings(db_url, POLICIES, (PROFILES, tmp_path)))) as revised:
        csrf = csrf_of(revised)
        answer = revised.post(f"/record/{recorded}/rerun", data={"csrf": csrf})
    assert answer.status_code == 200
    assert 'data-rerun="changed"' in answer.text
    changes = re.search(r'<section class="rerun".*?</section>', answer.text, re.S).group(0)
    assert "the library changed" in changes and "The policy pack is the same" in changes
    assert re.findall(r"<li>([^<]+)</li>", changes) == ["india: forced-binary-choice (high) is gone"]
    assert f'<a href="/record/{recorded}">The assessment as it was</a>' in changes


@pytest.mark.parametrize(
    "annexes, last",
    [("none", "## Notes"), ("context", "## Annex A: Partner context"), ("full", "## Annex C: Record")],
)
def test_the_note_takes_its_marking_drafter_and_annexes_from_the_form(client, annexes, last):
    csrf = csrf_of(client)
    settings = {"note-marking": "OFFICIAL", "note-drafter": "A. Analyst", "note-annexes": annexes}
    answer = client.post("/note", data=flat(CONDITIONED, csrf=csrf, format="markdown", **settings))
    assert answer.status_code == 200
    assert answer.text.startswith("**OFFICIAL**\n\n# Risk note: Condition the initiative")
    assert "A. Analyst" in answer.text
    assert [h for h in answer.text.splitlines() if h.startswith("## ")][-1] == last


def test_a_findings_why_gives_the_facts_with_the_profiles_sources_and_the_decision_in_words(client):
    csrf = csrf_of(client)
    live = client.post("/assess", data=flat(CONDITIONED, csrf=csrf)).text
    finding = re.search(r'<article[^>]*data-finding="vietnam\|dispute-linkage\|high\|high".*?</article>', live, re.S)
    why = re.search(r'<details class="why">.*?</details>', finding.group(0), re.S).group(0)
    facts = re.search(r"<p>The facts:</p><ul>(.*?)</ul>    <p>", why, re.S).group(1)
    assert "Vietnam&#39;s stance on democracy is opposed" in facts
    assert re.findall(r"<li data-source>([^<]+)</li>", facts) == [
        "Background knowledge (K) in the project&#39;s domain notes (B1 Vietnam), carried over by the 2026 refresh "
        "without re-checking (2025-11-20)"
    ]  # the profile's source for stances.democracy, with its date
    assert "How the policy decided:" in why
    assert '<span class="verdict">holds</span>: Any of these:' in why
    assert "(here: democratization)" in why and "(from conditions[0].at_stake = supply_chains;" in why


def test_the_library_shows_partners_and_forums_as_cards_and_searches(client):
    import datetime as dt

    from tests.conftest import PROFILES

    everything = client.get("/library").text
    assert len(re.findall(r'<li class="card" data-partner="', everything)) == len(
        list((PROFILES / "partners").glob("*.yaml"))
    )
    assert len(re.findall(r'<li class="card" data-forum="', everything)) == len(
        list((PROFILES / "forums").glob("*.yaml"))
    )
    found = client.get("/library", params={"q": "viet"}).text
    assert re.findall(r'data-(partner|forum)="([^"]+)"', found) == [("partner", "vietnam")]
    card = re.search(r'<li class="card" data-partner="vietnam">.*?</li>\n', found, re.S).group(0)
    age = (dt.date.today() - dt.date(2026, 6, 30)).days
    assert "<dt>Tier</dt><dd>comprehensive strategic partnership: “Comprehensive Strategic Partnership" in card
    assert f"<dt>As of</dt><dd>2026-06-30 ({age} days ago" in card
    assert "<dt>Posture</dt><dd>hedging</dd>" in card
    assert re.search(r"<summary>Sources \(\d+\)<span", card)
    quad = client.get("/library", params={"q": "quad"}).text
    assert re.findall(r'data-forum="([^"]+)"', quad) == ["quad", "squad"]
    assert "<dt>Status</dt><dd>active</dd>" in quad
    assert "data-partner=" not in quad


def test_what_if_on_a_stance_a_tie_and_a_dependency_for_this_page_only(client):
    csrf = csrf_of(client)
    proposal = yaml_file.load(ROOT / "examples" / "india-russia-sanctions.yaml").data
    before = client.get("/api/v1/partners/india").json()

    def moved(field: str, value: str) -> list[str]:
        assumption = {"whatif-0-field": field, "whatif-0-value": value}
        answer = client.post("/assess", data=fields_of(proposal) | assumption | {"csrf": csrf})
        assert answer.status_code == 200
        return re.findall(r'data-whatif="([^"]+)"', answer.text)

    assert moved("partner.ties", "[]") == ["removed|india|forced-binary-choice"]  # no tie to Russia: no choice forced
    assert moved("partner.ties", "[{party: russia, tier: strategic_partnership}]") == ["none"]
    assert moved("partner.stances.trade", "aligned") == ["none"]
    # as `entente whatif --set` says: no longer exposed where it depended on another
    assert moved("partner.dependencies", "[{party: united_states, sector: trade, level: high}]") == [
        "removed|india|dependency-exposure"
    ]
    wrong = client.post(
        "/assess",
        data=fields_of(proposal)
        | {"csrf": csrf, "whatif-0-field": "partner.dependencies", "whatif-0-value": "[{party: russia, sector: arm}]"},
    )
    assert "The what-if could not be made:" in wrong.text and "did you mean &#39;arms&#39;?" in wrong.text
    assert client.get("/api/v1/partners/india").json() == before  # the library is as it was


def test_a_page_asked_for_with_a_bad_address_says_so_in_a_page(client):
    answer = client.get("/record", params={"page": "x"})
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")
    assert "<h1>The address is not valid</h1>" in answer.text
    assert "page: Input should be a valid integer, unable to parse string as an integer" in answer.text
    api = client.get("/api/v1/assessments", params={"limit": "x"})  # the API keeps its problem document
    assert api.status_code == 422 and api.headers["content-type"] == "application/problem+json"
