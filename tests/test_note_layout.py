"""Every shipped single-partner example and scenario, as the principal gets it.

- Printed to PDF by the real headless Chromium, in A4 and in Letter: the body (everything before the
  first annex) is at most two pages, and every page carries the marking in its header and footer and
  "Page n of N".
- In Markdown, HTML, the PDF's text and the Word document's text: no snake_case identifier outside the
  record annex (terms read as their labels, parties as their names). Addresses of sources are not
  prose and are left out of the scan.
"""

from __future__ import annotations

import functools
import io
import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pytest
from docx import Document
from pypdf import PdfReader

from engine.core.library import Library
from engine.core.pack import load_pack
from engine.output.brief.docx import note_to_docx
from engine.output.brief.note import NoteSettings
from engine.output.brief.pdf import html_to_pdf
from engine.output.brief.render import render
from tests.conftest import POLICIES, PROFILES
from tests.notes import note_of, shipped_moves

MARKING = "OFFICIAL-SENSITIVE"
PAPERS = ("A4", "Letter")
SNAKE = re.compile(r"(?<![\w/@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-])")
URL = re.compile(r"https?://\S+")


@functools.cache
def shipped():
    pack = load_pack(POLICIES)
    library = Library.open(PROFILES, pack.vocabulary)
    return pack, library, {m.name: m for m in shipped_moves(pack, library)}


MOVES = sorted(shipped()[2])


@functools.cache
def note(name: str, paper: str):
    pack, library, moves = shipped()
    return note_of(moves[name], pack, library, NoteSettings(marking=MARKING, paper=paper, annexes="full"))


@pytest.fixture(scope="module")
def printed() -> dict[tuple[str, str], list[str]]:
    """Each move's note, printed in each paper size: the text of each page."""
    jobs = [(name, paper) for name in MOVES for paper in PAPERS]
    htmls = [render(note(name, paper), "html") for name, paper in jobs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(html_to_pdf, htmls))
    return {
        job: [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]
        for job, pdf in zip(jobs, pdfs, strict=True)
    }


def body_pages(pages: list[str]) -> int | None:
    """The pages before the first annex (None when the note has no annex A)."""
    return next((i for i, text in enumerate(pages) if "Annex A: Partner context" in text), None)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", MOVES)
def test_body_fits_two_pages_and_every_page_is_marked_and_numbered(printed, name, paper):
    pages = printed[(name, paper)]
    body = body_pages(pages)
    assert body is not None, f"{name}: no annex A in the {paper} note"
    assert body in (1, 2), f"{name}: the body runs to {body} pages in {paper}"
    for n, text in enumerate(pages, start=1):
        assert text.count(MARKING) == 2, f"page {n}: {text[:200]}"
        assert f"Page {n} of {len(pages)}" in text


def identifiers(text: str) -> list[str]:
    """snake_case words in ``text`` up to the record annex (source addresses left out)."""
    before_record = text.split("Annex C: Record")[0]
    return SNAKE.findall(URL.sub(" ", before_record))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    parts += [p.text for s in doc.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    # tables follow their section's paragraphs in the body; keep the record annex last
    record = next((i for i, p in enumerate(doc.paragraphs) if p.text == "Annex C: Record"), len(doc.paragraphs))
    return " ".join(parts[:record] + parts[len(doc.paragraphs) :])


@pytest.mark.parametrize("name", MOVES)
def test_no_identifier_in_markdown_html_or_word(name):
    n = note(name, "A4")
    assert identifiers(render(n, "markdown")) == []
    assert identifiers(html_text(render(n, "html"))) == []
    assert identifiers(docx_text(note_to_docx(n))) == []


@pytest.mark.parametrize("name", MOVES)
def test_no_identifier_in_the_printed_note(printed, name):
    assert identifiers(" ".join(printed[(name, "A4")])) == []


def test_the_scan_finds_the_identifiers_the_record_annex_holds():
    """The scan can fail: the record of a forum note names the profile field a check lacked."""
    import datetime as dt

    from engine.core.engine import Options
    from engine.core.resolve import load_proposals
    from tests.notes import EXAMPLES, Move

    pack, library, _ = shipped()
    ((_, resolved),) = load_proposals(
        [p for p in EXAMPLES if p.stem == "iuu-fishing-add-human-rights"], library, [], None
    )
    n = note_of(
        Move("forum", resolved, Options(today=dt.date(2026, 11, 24))), pack, library, NoteSettings(annexes="full")
    )
    markdown = render(n, "markdown")
    assert identifiers(markdown) == []
    record = markdown.split("Annex C: Record")[1]
    assert "forum-member-divergence for indonesia: lacks profile.stances.human_rights" in record
    assert SNAKE.findall(record) == ["iuu_fishing_partnership", "human_rights"]  # the forum id, a field
