"""The analyst workspace in a real browser (Playwright on Debian's Chromium) against a live `entente serve`.

Each shipped example is built from an empty form by clicking and typing, and must show exactly the findings
`entente vet` gives for the file; its YAML download is what `entente fmt` prints for the same content. A
suggestion applied clears its finding; the note downloads as PDF and Word; an assessment recorded is found in
the record; no page logs a console error; axe-core finds no serious or critical accessibility violation;
the pages fit a phone's width; the basics work with scripts off. ``ENTENTE_UPDATE_GOLDEN=1`` (make golden)
rewrites the screenshots in docs/.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from engine.io import yaml_file
from engine.output.fmt import format_data
from tests.conftest import ROOT, entente
from tests.test_service_live import Server

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
UPDATE = os.environ.get("ENTENTE_UPDATE_GOLDEN") == "1"
LISTS = {
    "partners": "Partners",
    "cooperation": "Cooperation",
    "adds_to_agenda": "Adds to the agenda",
    "adds_members": "Adds members",
    "against": "Aimed against",
    "names_as_adversary": "Named as adversary",
    "implied_adversary": "Implied adversary",
}
TEXTS = {"id": "Identifier", "title": "Title", "summary": "Summary", "actor": "Actor", "partner": "Partner"}
ADD = {
    "conditions": "Add a condition",
    "asks": "Add an ask",
    "measures": "Add a measure",
    "deliverables": "Add a deliverable",
    "raises_disputes": "Add a disputed issue",
}


@pytest.fixture(scope="module")
def server():
    folder = Path(tempfile.mkdtemp(prefix="entente-workspace-"))
    running = Server(f"sqlite:///{folder / 'record.db'}")
    yield running
    running.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(server.base + "/")
    yield page
    assert page.errors == []  # no console errors, on any page the test opened
    context.close()


def vetted(example: Path) -> tuple[set[str], set[str]]:
    """What `entente vet` says of the file: subject|id|severity|confidence per finding, partner|id undecided."""
    result = json.loads(entente("vet", str(example), "--format", "json", "--fail-on", "none").stdout)
    findings = {f"forum:{f['forum']}|{f['id']}|{f['severity']}|{f['confidence']}" for f in result["forum_findings"]}
    findings |= {
        f"{a['partner']}|{f['id']}|{f['severity']}|{f['confidence']}"
        for a in result["assessments"]
        for f in a["findings"]
    }
    undecided = {f"{a['partner']}|{u['id']}" for a in result["assessments"] for u in a["undecided"]}
    return findings, undecided


def expected_content(example: Path) -> dict:
    """The example's content as the form holds it: no null or empty keys, text without its final line break."""
    data = yaml_file.load(example).data
    return {k: v.strip() if isinstance(v, str) else v for k, v in data.items() if v not in (None, [], "")}


def build(page, data: dict) -> None:
    """Type and click the proposal into the empty form, as an analyst would."""
    for key, label in TEXTS.items():
        if key in data:
            page.get_by_label(label, exact=True).fill(str(data[key]))
    if "forum" in data:
        page.get_by_label("Forum", exact=True).fill(data["forum"])
    if "kind" in data:
        page.get_by_label("Kind of move", exact=True).select_option(data["kind"])
    for key, label in LISTS.items():
        if key in data:
            page.get_by_label(label, exact=True).select_option(data[key])
    for key, button in ADD.items():
        for i, item in enumerate(data.get(key, [])):
            page.get_by_role("button", name=button).click()  # the page comes back with a new, focused row
            fields = item if isinstance(item, dict) else {_main(key): item}
            for name, value in fields.items():
                control = page.locator(f"#{key}-{i}-{name}")
                if name == "text" or name == "from":
                    control.fill(str(value))
                elif isinstance(value, bool):
                    control.set_checked(value)
                else:
                    control.select_option(str(value))
    page.get_by_label("Public", exact=True).set_checked(data.get("public", True))


def _main(key: str) -> str:
    return {"conditions": "at_stake", "asks": "ask", "measures": "measure", "deliverables": "text"}.get(key, "issue")


def shown(page, attribute: str) -> set[str]:
    return set(
        page.locator(f"#assessment [{attribute}]").evaluate_all(f"els => els.map(e => e.dataset.{attribute[5:]})")
    )


def settle(page) -> None:
    """Wait for the live assessment (debounced) to have answered for the form as it stands."""
    page.wait_for_timeout(900)
    page.wait_for_load_state("networkidle")


def in_form_order(page, data: dict) -> dict:
    """The content with each list in the order its control lists the choices (a multiple choice posts them so)."""
    out = dict(data)
    for key, label in LISTS.items():
        if key in data:
            order = page.get_by_label(label, exact=True).evaluate("s => [...s.options].map(o => o.value)")
            out[key] = sorted(data[key], key=order.index)
    return out


def vet_messages(example: Path) -> list[str]:
    """Every finding `entente vet` gives, in its order: subject|id|severity|confidence|message."""
    result = json.loads(entente("vet", str(example), "--format", "json", "--fail-on", "none").stdout)
    subjects = [(f"forum:{f['forum']}", f) for f in result["forum_findings"]]
    subjects += [(a["partner"], f) for a in result["assessments"] for f in a["findings"]]
    return [f"{s}|{f['id']}|{f['severity']}|{f['confidence']}|{f['message']}" for s, f in subjects]


def shown_messages(page) -> list[str]:
    """The findings the panel shows, in its order, each with the message it prints."""
    return page.locator("#assessment article[data-finding]").evaluate_all(
        "els => els.map(e => e.dataset.finding + '|' + e.querySelector(':scope > p').textContent)"
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_built_in_the_form_gets_the_findings_vet_gives(page, example, tmp_path):
    data = in_form_order(page, expected_content(example))
    build(page, data)
    settle(page)
    findings, undecided = vetted(example)
    assert shown(page, "data-finding") == findings
    assert shown_messages(page) == vet_messages(example)  # the same findings, in vet's order, word for word
    assert shown(page, "data-undecided") == undecided
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the YAML").click()
    saved = tmp_path / f"{example.stem}.yaml"
    download.value.save_as(saved)
    assert saved.read_text() == format_data(data, "proposal")  # byte for byte what `entente fmt` prints
    assert entente("fmt", "--check", str(saved)).exit_code == 0
    assert vetted(saved) == (findings, undecided)


def test_a_suggestion_applied_clears_its_finding(page):
    build(page, expected_content(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"))
    settle(page)
    finding = page.locator('#assessment [data-finding^="vietnam|dispute-linkage|"]')
    finding.get_by_text("What would clear it").click()
    finding.locator("[data-apply]").first.click()
    page.wait_for_load_state("networkidle")
    assert not any(s.startswith("vietnam|dispute-linkage|") for s in shown(page, "data-finding"))
    assert "conditions" not in page.locator("#yaml").input_value()


def test_the_note_downloads_as_pdf_and_word(page, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    build(page, expected_content(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml"))
    page.get_by_label("Marking").fill("OFFICIAL-SENSITIVE")
    page.get_by_label("Drafter").fill("A. Analyst")
    for name, suffix in (("Download PDF", "pdf"), ("Download Word", "docx")):
        with page.expect_download() as download:
            page.get_by_role("button", name=name).click()
        path = tmp_path / f"note.{suffix}"
        download.value.save_as(path)
        assert download.value.suggested_filename == f"iuu-add-human-rights-note.{suffix}"
        if suffix == "pdf":
            text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).replace("\ufb01", "fi").split())
        else:
            text = "\n".join(p.text for p in Document(path).paragraphs)
        assert "Add human rights to the illegal-fishing partnership's agenda" in text
        assert "OFFICIAL-SENSITIVE" in text or suffix == "docx"
        assert "A. Analyst" in text
    with page.expect_popup() as popup:  # the preview: the HTML note in a tab of its own, under its own policy
        page.get_by_role("button", name="Preview the note").click()
    preview = popup.value
    preview.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    preview.wait_for_load_state()
    assert (
        preview.locator("h1").inner_text() == "Risk note: Add human rights to the illegal-fishing partnership's agenda"
    )
    assert "A. Analyst" in preview.locator("body").inner_text()
    assert preview.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        '"DejaVu Sans"'
    )  # its styles apply


def test_an_assessment_recorded_is_found_in_the_record_and_reruns(page, server):
    build(page, expected_content(ROOT / "examples" / "india-russia-sanctions.yaml"))
    page.get_by_role("button", name="Record this assessment").click()
    page.wait_for_url("**/record/*")
    recorded_id = page.url.rsplit("/", 1)[1]
    assert shown(page, "data-finding") == vetted(ROOT / "examples" / "india-russia-sanctions.yaml")[0]
    page.get_by_role("link", name="Record", exact=True).click()
    page.get_by_label("Proposal id").fill("india-join-russia-sanctions")
    page.get_by_role("button", name="Search").click()
    assert page.locator(f'tr[data-assessment="{recorded_id}"]').count() == 1
    page.locator(f'tr[data-assessment="{recorded_id}"] a').click()
    page.get_by_role("button", name="Re-run on today's doctrine and profiles").click()
    assert page.locator("[data-rerun]").get_attribute("data-rerun") == "unchanged"


def test_what_if_moves_findings_for_the_page_only(page, server):
    build(page, expected_content(ROOT / "examples" / "india-russia-sanctions.yaml"))
    page.get_by_role("button", name="Add an assumption").click()
    page.get_by_label("Assumption 1: field").fill("partner.hedging")
    page.get_by_label("Assumption 1: value").fill("aligned")
    page.get_by_role("button", name="Assess", exact=True).click()
    moved = page.locator("[data-whatif]").evaluate_all("els => els.map(e => e.dataset.whatif)")
    assert "removed|india|forced-binary-choice" in moved
    assert server.get("/api/v1/partners/india")["hedging"] == "nonaligned"  # the library is as it was


def test_the_basics_work_with_scripts_off(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.base + "/")
    build(page, expected_content(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"))
    page.get_by_role("button", name="Assess", exact=True).click()
    assert shown(page, "data-finding") == vetted(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")[0]
    context.close()


@pytest.mark.parametrize("width, height, name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_no_serious_accessibility_violation_and_readable_at_each_width(browser, server, width, height, name):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(server.base + "/")
    build(page, expected_content(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"))
    page.get_by_role("button", name="Assess", exact=True).click()
    for details in page.locator("#assessment details").all()[:2]:
        details.locator("summary").click()
    page.locator("#assessment").evaluate("e => { e.scrollTop = 0; }")
    if name == "phone":  # the form comes first on a phone: show where the assessment begins
        page.locator("#assessment-heading").scroll_into_view_if_needed()
    if UPDATE:
        page.screenshot(path=str(ROOT / "docs" / f"workspace-{name}.png"))
    for path in ("/", "recorded", "/library", "/record"):  # the editor, a recorded assessment, the lists
        if path == "recorded":
            page.get_by_role("button", name="Record this assessment").click()
            page.wait_for_url("**/record/*")
            page.get_by_role("button", name="Re-run on today's doctrine and profiles").click()
            page.wait_for_load_state()
        elif path != "/":
            page.goto(server.base + path)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("async () => (await axe.run(document)).violations.map(v => [v.id, v.impact])")
        assert [v for v in found if v[1] in ("serious", "critical")] == [], path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()


def test_every_control_is_reached_by_keyboard_and_labelled(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)"""
    )
    assert unlabelled == []
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
    assert {"id", "title", "summary", "kind", "partner"} <= seen


def test_edits_in_the_yaml_box_are_kept_while_the_form_changes(page):
    build(page, expected_content(ROOT / "examples" / "vietnam-supply-chain-ringfenced.yaml"))
    settle(page)
    assert page.locator("#yaml-kept").is_hidden()
    edited = page.locator("#yaml").input_value().replace("partner: vietnam", "partner: india")
    page.locator("#yaml").fill(edited)
    with page.expect_response("**/assess") as answered:  # the live assessment answers, its YAML box with it
        page.get_by_label("Title", exact=True).fill("A title changed in the form")
    assert "A title changed in the form" in answered.value.text()
    settle(page)
    assert page.locator("#yaml").input_value() == edited  # not replaced by the form's YAML
    assert page.locator("#yaml-kept").is_visible()
    page.get_by_role("button", name="Use this YAML").click()
    assert page.get_by_label("Partner", exact=True).input_value() == "india"
    assert page.get_by_label("Title", exact=True).input_value() != "A title changed in the form"
    page.get_by_label("Title", exact=True).fill("After the YAML was used")
    settle(page)  # the box follows the form again
    assert "title: After the YAML was used" in page.locator("#yaml").input_value()
    assert page.errors == []


def test_the_yaml_view_and_an_upload_fill_the_form(page):
    example = ROOT / "examples" / "vietnam-supply-chain-ringfenced.yaml"
    page.locator("#file").set_input_files(str(example))
    page.get_by_role("button", name="Upload", exact=True).click()
    data = expected_content(example)
    assert page.get_by_label("Identifier", exact=True).input_value() == data["id"]
    assert page.locator("#yaml").input_value() == format_data(yaml_file.load(example).data, "proposal")  # the file's
    assert shown(page, "data-finding") == vetted(example)[0]
    page.locator("#yaml").fill(format_data(data, "proposal").replace("partner: vietnam", "partner: vietnm"))
    page.get_by_role("button", name="Use this YAML").click()
    assert page.get_by_label("Partner", exact=True).input_value() == "vietnm"
    problem = page.locator("#assessment [data-problem]").inner_text()
    assert problem.startswith("Partner: unknown party 'vietnm'") and "did you mean 'vietnam'?" in problem
    page.locator("#yaml").fill("id: x\ntitle: [unclosed\n")
    page.get_by_role("button", name="Use this YAML").click()
    assert page.locator("#yaml-form .problems li").inner_text().startswith("line 3, column 1: invalid YAML")
    assert page.locator("#yaml").input_value() == "id: x\ntitle: [unclosed\n"  # kept, to be fixed
