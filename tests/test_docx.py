"""Word notes, read back with python-docx: Word's own heading styles, tables, the marking in every header
and footer, page fields, the paper, and the same bytes for the same note."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from tests.conftest import ROOT, entente

CONDITIONED = str(ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml")
FORUM = str(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml")


def docx_note(tmp_path, *args: str, proposal: str = CONDITIONED, name: str = "note.docx"):
    out = tmp_path / name
    result = entente("brief", proposal, "-o", str(out), "--today", "2026-11-24", *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out} (docx)\n"
    return out


def headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_sections_are_word_headings_in_the_order_of_the_note(tmp_path):
    doc = Document(docx_note(tmp_path, "--annexes", "full"))
    assert headings(doc) == [
        ("Title", "Risk note: Condition the semiconductor supply-chain initiative on political reform"),
        ("Heading 1", "Bottom line"),
        ("Heading 1", "The move"),
        ("Heading 1", "Risks"),
        ("Heading 2", "1. The move crosses a red line the partner has declared"),
        ("Heading 2", "2. Cooperation made contingent on an issue the partner disputes"),
        ("Heading 2", "3. Pressure on a partner where it depends on the actor"),
        ("Heading 2", "4. Domestic reform demanded of a partner as the price of cooperation"),
        ("Heading 1", "Notes"),
        ("Heading 1", "Annex A: Partner context"),
        ("Heading 2", "Vietnam"),
        ("Heading 1", "Annex B: Doctrine"),
        ("Heading 2", "The move crosses a red line the partner has declared (risk 1)"),
        ("Heading 2", "Cooperation made contingent on an issue the partner disputes (risk 2)"),
        ("Heading 2", "Pressure on a partner where it depends on the actor (risk 3)"),
        ("Heading 2", "Domestic reform demanded of a partner as the price of cooperation (risk 4)"),
        ("Heading 1", "Annex C: Record"),
    ]
    annexes = [p for p in doc.paragraphs if p.text.startswith("Annex ")]
    assert all(p.paragraph_format.page_break_before for p in annexes)
    texts = [p.text for p in doc.paragraphs]
    assert "Overall rating: CRITICAL (1 critical, 3 high)" in texts
    assert texts[1] == "2026-11-24 · Drafted by: not recorded · Cleared by: not yet cleared"
    assert (
        "Recommended change: Drop the condition on supply chains requiring democratization and keep any democracy "
        "dialogue in a separate track. It clears every risk found."
    ) in texts
    assert (
        "Mitigation: The condition on supply chains requiring democratization: Drop the reform condition from the "
        "cooperation; if the reform matters, pursue it in a separate rights or governance dialogue that does not put "
        "the cooperation at stake." in texts
    )


def test_tables_hold_the_move_and_the_coalition(tmp_path):
    doc = Document(docx_note(tmp_path, proposal=FORUM))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[:2] == [["Actor", "United States"], ["Partners", "Vietnam, Indonesia and Philippines"]]
    coalition = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert coalition == [
        ["Member", "Status", "1", "2"],
        ["United States", "not assessed: the actor", "-", "-"],
        ["Vietnam", "assessed", "high", "medium"],
        ["Indonesia", "assessed", "high", "·"],
        ["Philippines", "assessed", "high", "·"],
    ]
    assert all(t.style.name == "Table Grid" for t in doc.tables)


@pytest.mark.parametrize("paper, width, height", [("A4", 210, 297), ("Letter", 215.9, 279.4)])
def test_marking_page_numbers_and_paper(tmp_path, paper, width, height):
    path = docx_note(tmp_path, "--marking", "OFFICIAL-SENSITIVE", "--paper", paper)
    section = Document(path).sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (width, height)
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL-SENSITIVE"]
    assert [p.text for p in section.footer.paragraphs] == ["OFFICIAL-SENSITIVE", "2026-11-24 · Page  of "]
    footer = zipfile.ZipFile(path).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_the_same_note_gives_the_same_bytes(tmp_path):
    first = docx_note(tmp_path, name="a.docx").read_bytes()
    second = docx_note(tmp_path, name="b.docx").read_bytes()
    assert first == second
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = Document(io.BytesIO(first)).core_properties
    assert props.created.date().isoformat() == "2026-11-24" and props.author == "entente"


def test_a_template_does_not_shape_a_docx_note(tmp_path):
    template = tmp_path / "t.md.j2"
    template.write_text("x")
    result = entente("brief", CONDITIONED, "-o", str(tmp_path / "n.docx"), "--template", str(template))
    assert result.exit_code == 2
    assert result.output == (
        "--template: a template shapes Markdown and HTML notes, not DOCX\n"
        "  help: drop --template, or use --format html\n1 error\n"
    )
    assert not (tmp_path / "n.docx").exists()
