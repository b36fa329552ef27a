"""Briefing notes: golden Markdown, HTML structure and escaping, a real browser, PDF, templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, entente
from tests.goldens import matches_golden, scrub

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden"
SECTIONS = ["bottom-line", "proposal", "partner-context", "risks", "mitigations", "record"]
CHROMIUM = os.environ.get("ENTENTE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def brief(*args: str):
    return entente("brief", *args, "--today", "2026-11-24")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_note_matches_golden(example, pack):
    result = brief(str(example))
    assert result.exit_code == 0, result.output
    assert matches_golden(GOLDEN / f"brief-{example.stem}.md", result.stdout, pack)


def test_note_leads_with_the_bottom_line_and_holds_every_section():
    md = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")).stdout
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Bottom line",
        "## The proposal",
        "## Partner context",
        "## Risks",
        "## Mitigations",
        "## Record",
    ]
    assert "**Overall rating: CRITICAL** (1 critical, 3 high)" in md
    assert (
        "**Biggest risk:** The move crosses what Vietnam has declared a red line: no_interference_internal_affairs."
    ) in md


def test_forum_note_has_the_coalition_table():
    md = brief(str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml")).stdout
    assert "## Coalition view: Indo-Pacific partnership against illegal fishing" in md
    assert "| Member | minilateral-scope-creep | forum-member-divergence |\n" in md
    # the Philippines' stance on human rights is partial under Marcos (the 2026 library): no divergence
    assert "| Vietnam | high | medium |\n| Indonesia | high | · |\n| Philippines | high | · |\n" in md


def test_members_without_profiles_are_listed_as_not_assessed(tmp_path):
    proposal = tmp_path / "quad.yaml"
    proposal.write_text(
        "id: q\ntitle: Quad vaccines\nforum: quad\nkind: new_cooperation\ncooperation: [health_security]\n"
    )
    md = brief(str(proposal)).stdout
    assert "| Member |" in md
    assert "| Japan |" in md and "| India |" in md and "| Australia |" in md


PAYLOAD = (
    "<script>alert(1)</script> [click](http://evil.example) {{ 7*7 }} {% if true %}x{% endif %} "
    "**bold** \u202eevil\u202c \x1b[31m `tick` | pipe"
)


def evil_proposal(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "evil.yaml"
    path.write_text(
        json.dumps(
            {
                "id": "evil",
                "title": PAYLOAD,
                "summary": PAYLOAD,
                "partner": "vietnam",
                "kind": "conditionality",
                "conditions": [{"at_stake": "trade", "requires": "democratization"}],
            }
        )
    )
    return path


def test_user_text_is_inert_in_markdown(tmp_path):
    md = brief(str(evil_proposal(tmp_path))).stdout
    title = next(line for line in md.splitlines() if line.startswith("# Risk note:"))
    assert title == (
        "# Risk note: &lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](http://evil.example) "
        "{{ 7\\*7 }} {% if true %}x{% endif %} \\*\\*bold\\*\\* \\u202eevil\\u202c \\x1b\\[31m "
        "\\`tick\\` \\| pipe"
    )
    assert "<script>" not in md and "\u202e" not in md and "\x1b" not in md and "49" not in title


def test_user_text_is_inert_in_html(tmp_path):
    out = tmp_path / "evil.html"
    result = brief(str(evil_proposal(tmp_path)), "-o", str(out))
    assert result.exit_code == 0
    html = out.read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](http://evil.example) {{ 7*7 }}" in html
    assert "\u202e" not in html and "\\u202eevil\\u202c" in html and "\x1b" not in html
    import re

    assert re.search(r"<a[\s>]", html) is None  # no link element: the URL stays text


def test_html_is_one_self_contained_file():
    result = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--format", "html")
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    for forbidden in ("<script", "<link", "src=", "url(", "@import"):
        assert forbidden not in html
    for section in SECTIONS:
        assert f'<section id="{section}"' in html


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.mark.parametrize("paper, width_px", [("A4", 794), ("Letter", 816)])
def test_html_in_a_real_browser(browser, tmp_path, paper, width_px):
    out = tmp_path / "note.html"
    assert (
        brief(str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml"), "-o", str(out), "--paper", paper).exit_code
        == 0
    )
    page = browser.new_page(viewport={"width": width_px, "height": 1123})
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(out.as_uri())
    page.emulate_media(media="print")
    for section in SECTIONS + ["coalition"]:
        assert page.locator(f"section#{section}").is_visible(), section
    overflowing = page.evaluate("""() => [...document.querySelectorAll('table')]
        .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length""")
    assert overflowing == 0
    assert page.evaluate("document.body.scrollWidth <= window.innerWidth")
    assert errors == []
    page.close()


def test_pdf_pages_and_text(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "note.pdf"
    result = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert 2 <= len(reader.pages) <= 6  # the 2026 profile cites a source for every fact: a longer sources line
    import unicodedata

    text = unicodedata.normalize(
        "NFKC", " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    )
    for expected in (
        "Bottom line",
        "Overall rating: CRITICAL",
        "red-line-crossing",
        "dispute-linkage",
        "reform-conditionality",
        "leverage-on-dependence",
        "no_interference_internal_affairs",
        "Record",
    ):
        assert expected in text, expected


def test_pdf_needs_an_output_file():
    result = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--format", "pdf")
    assert result.exit_code == 2
    assert result.output == "--format pdf: a PDF needs an output file\n  help: add -o note.pdf\n1 error\n"


def test_own_template_and_marking(tmp_path):
    template = tmp_path / "office.md.j2"
    template.write_text(
        "{{ note.marking }} | {{ note.title }} | {{ note.rating }} | "
        "{% for s, group in note.risks %}{{ group | length }} {{ s }};{% endfor %}\n"
    )
    result = brief(
        str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"),
        "--template",
        str(template),
        "--marking",
        "DRAFT - FOR DISCUSSION",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "DRAFT - FOR DISCUSSION | Condition the semiconductor supply-chain initiative on "
        "political reform | critical | 1 critical;3 high;\n"
    )


def test_broken_template_is_a_located_error(tmp_path):
    template = tmp_path / "bad.md.j2"
    template.write_text("line one\n{% for x in note.risks %}\nno end\n")
    result = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--template", str(template))
    assert result.exit_code == 2
    assert result.output.startswith(f"{template}:2:1: template syntax error: Unexpected end of template.")


def test_template_cannot_reach_python_internals(tmp_path):
    template = tmp_path / "escape.md.j2"
    template.write_text("{{ note.__class__.__mro__[1].__subclasses__() }}\n")
    result = brief(str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"), "--template", str(template))
    assert result.exit_code == 2
    assert "the template failed" in result.output and "Traceback" not in result.output


def test_readme_example_note_is_the_golden_note(pack):
    shown = scrub((ROOT / "docs" / "brief-example.md").read_text(), pack)
    assert shown == (GOLDEN / "brief-iuu-fishing-add-human-rights.md").read_text()
