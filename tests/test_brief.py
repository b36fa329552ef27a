"""Briefing notes: golden Markdown, the body and its annexes, HTML structure and escaping, a real browser,
PDF, templates. (Page budgets and the identifier scan over every shipped move: tests/test_note_layout.py;
Word: tests/test_docx.py; house settings: tests/test_house_config.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PROFILES, ROOT, entente
from tests.goldens import matches_golden, scrub

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden"
SECTIONS = ["bottom-line", "proposal", "risks", "partner-context"]
CONDITIONED = str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")


def brief(*args: str):
    return entente("brief", *args, "--today", "2026-11-24")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_note_matches_golden(example, pack):
    result = brief(str(example))
    assert result.exit_code == 0, result.output
    assert matches_golden(GOLDEN / f"brief-{example.stem}.md", result.stdout, pack)


def test_note_leads_with_the_bottom_line_and_keeps_the_context_for_its_annex():
    md = brief(CONDITIONED).stdout
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Bottom line", "## The move", "## Risks", "## Notes", "## Annex A: Partner context"]
    bottom = md[md.index("## Bottom line") : md.index("## The move")]
    assert bottom == (
        "## Bottom line\n\n"
        "**Overall rating: CRITICAL** (1 critical, 3 high)\n\n"
        "The move crosses what Vietnam has declared a red line: no interference in internal affairs.\n\n"
        "**Top risks:**\n\n"
        "- Critical: The move crosses a red line the partner has declared\n"
        "- High: Cooperation made contingent on an issue the partner disputes\n"
        "- High: Pressure on a partner where it depends on the actor\n"
        "- High: Domestic reform demanded of a partner as the price of cooperation\n\n"
        "**Recommended change:** Drop the condition on supply chains requiring democratization and keep any "
        "democracy dialogue in a separate track. It clears every risk found.\n\n"
    )
    stale = entente("brief", CONDITIONED, "--today", "2027-08-01").stdout  # the 2026-06-30 profile, a year on
    assert "**Caveats:** the profile of Vietnam is more than 365 days old: confidence is lowered.\n" in stale


def test_each_risk_names_the_element_that_causes_it_and_reads_its_evidence_as_sentences():
    md = brief(CONDITIONED).stdout
    risk = md[md.index("### 2. ") : md.index("### 3. ")]
    assert risk == (
        "### 2. Cooperation made contingent on an issue the partner disputes\n\n"
        "**High** · Vietnam · confidence high\n\n"
        "Cooperation on supply chains is made contingent on democratization, which Vietnam disputes or opposes: "
        "the ring-fence around the cooperation is broken.\n\n"
        "- *Evidence:* The condition on supply chains requires democratization. Vietnam's stance on democracy is "
        "opposed.\n"
        "- *Mitigation:* The condition on supply chains requiring democratization: Drop the condition and keep the "
        "cooperation on its own track; raise the disputed issue in a separate channel (a dialogue, a report) that "
        "does not put the cooperation at stake.\n\n"
    )


@pytest.mark.parametrize(
    "annexes, headings",
    [
        ("none", []),
        ("context", ["## Annex A: Partner context"]),
        ("full", ["## Annex A: Partner context", "## Annex B: Doctrine", "## Annex C: Record"]),
    ],
)
def test_annexes_flag_chooses_what_follows_the_body(annexes, headings):
    md = brief(CONDITIONED, "--annexes", annexes).stdout
    assert [line for line in md.splitlines() if line.startswith("## Annex")] == headings
    assert md.count("- *Doctrine:* Annex B\n") == (4 if annexes == "full" else 0)
    if annexes == "full":  # the doctrine once per policy, not once per finding
        doctrine = md[md.index("## Annex B") : md.index("## Annex C")]
        assert doctrine.count("### ") == 4 and doctrine.count("> ") == 4
        assert "### The move crosses a red line the partner has declared (risk 1)\n" in doctrine


def test_forum_note_has_every_member_in_the_coalition_table():
    md = brief(str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml")).stdout
    table = md[md.index("## Coalition view") : md.index("## Notes") + len("## Notes\n\n")]
    assert table == (
        "## Coalition view: Indo-Pacific partnership against illegal fishing\n\n"
        "| Member | Status | 1 | 2 |\n| --- | --- | --- | --- |\n"
        "| United States | not assessed: the actor | - | - |\n"
        "| Vietnam | assessed | high | medium |\n"
        "| Indonesia | assessed | high | · |\n"
        "| Philippines | assessed | high | · |\n\n"
        "1: A single-issue forum stretched beyond its founding scope; 2: A forum pursues an issue this member "
        "diverges on\n\n"
        "## Notes\n\n"
    )


def test_members_without_profiles_are_in_the_coalition_table_with_the_reason(tmp_path):
    library = tmp_path / "library"
    shutil.copytree(PROFILES, library)
    (library / "partners" / "india.yaml").unlink()
    proposal = tmp_path / "quad.yaml"
    proposal.write_text(
        "id: q\ntitle: Quad vaccines\nforum: quad\nkind: new_cooperation\ncooperation: [health_security]\n"
    )
    md = entente("brief", str(proposal), "--today", "2026-11-24", profiles=library).stdout
    assert (
        "| United States | not assessed: the actor |\n| Japan | assessed |\n"
        "| India | not assessed: no profile in the library |\n| Australia | assessed |\n"
    ) in md


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


def test_pdf_carries_the_marking_and_page_numbers_on_every_page(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "note.pdf"
    marking = 'OFFICIAL-SENSITIVE "EYES" </style><b>'
    result = brief(CONDITIONED, "-o", str(out), "--annexes", "full", "--marking", marking, "--paper", "Letter")
    assert result.exit_code == 0, result.output
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages]
    assert len(pages) == 5  # two body pages, then annexes A, B and C
    for n, text in enumerate(pages, start=1):
        assert text.count(marking) == 2, text  # header and footer
        assert f"Page {n} of 5" in text
    assert "Risk note: Condition the semiconductor supply-chain initiative" in pages[0]
    assert "Overall rating: CRITICAL" in pages[0] and "Annex A: Partner context" in pages[2]
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, in points


def test_marking_cannot_break_out_of_the_print_header(tmp_path):
    html = brief(CONDITIONED, "--format", "html", "--marking", 'A "B" \\ </style><script>x()</script>').stdout
    assert "<script>" not in html and html.count("</style>") == 1
    assert '@top-center { content: "A \\"B\\" \\\\ \\3C /style\\3E \\3C script\\3E x()\\3C /script\\3E ";' in html


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_pdf_and_docx_need_an_output_file(fmt):
    result = brief(CONDITIONED, "--format", fmt)
    assert result.exit_code == 2
    upper = fmt.upper()
    assert result.output == f"--format {fmt}: a {upper} note needs an output file\n  help: add -o note.{fmt}\n1 error\n"


def test_own_template_and_marking(tmp_path):
    template = tmp_path / "office.md.j2"
    template.write_text(
        "{{ note.marking }} | {{ note.title }} | {{ note.bottom.rating }} | "
        "{% for r in note.risks %}{{ r.number }} {{ r.severity }};{% endfor %} | {{ note.drafter }}\n"
    )
    result = brief(
        CONDITIONED, "--template", str(template), "--marking", "DRAFT - FOR DISCUSSION", "--drafter", "J. Doe"
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "DRAFT - FOR DISCUSSION | Condition the semiconductor supply-chain initiative on "
        "political reform | critical | 1 critical;2 high;3 high;4 high; | J. Doe\n"
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
