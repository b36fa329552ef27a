"""The note as a Word document (python-docx): the sections of the HTML note, headings as Word's own
styles (Title, Heading 1, Heading 2) so an office template restyles them, tables in the Table Grid
style, the marking in every page's header and footer, and "Page X of Y" from Word's PAGE and NUMPAGES
fields. The same note gives the same bytes: the document's dates are the note's, and the zip entries
carry a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ...values import inert
from .note import Note
from .sections import annex_sections, body_sections

PAPER = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of the paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_setup(doc, note: Note) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAPER[note.paper]
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(16)
    header = section.header.paragraphs[0]
    header.text, header.alignment = inert(note.marking), WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    footer.text, footer.alignment = inert(note.marking), WD_ALIGN_PARAGRAPH.CENTER
    footer.runs[0].bold = True
    pages = section.footer.add_paragraph(f"{note.date} · Page ", style=None)
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(pages, "PAGE")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES")
    style = doc.styles["Normal"]
    style.font.size = Pt(10)


def _block(doc, block: tuple) -> None:
    """One block of a section: ("p", text), ("bullets", [text]), ("table", header, rows), ("h2", text)."""
    kind = block[0]
    if kind == "p":
        doc.add_paragraph(inert(block[1]))
    elif kind == "strong":
        doc.add_paragraph().add_run(inert(block[1])).bold = True
    elif kind == "h2":
        doc.add_heading(inert(block[1]), level=2)
    elif kind == "bullets":
        for item in block[1]:
            doc.add_paragraph(inert(item), style="List Bullet")
    elif kind == "table":
        header, rows = block[1], block[2]
        table = doc.add_table(rows=0, cols=len(header or rows[0]))
        table.style = "Table Grid"
        for i, row in enumerate(([header] if header else []) + rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = inert(str(value))
                if header and i == 0:
                    cell.paragraphs[0].runs[0].bold = True


def _deterministic(data: bytes) -> bytes:
    """The same zip with a fixed timestamp on every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def note_to_docx(note: Note) -> bytes:
    doc = Document()
    _page_setup(doc, note)
    props = doc.core_properties
    when = dt.datetime.combine(dt.date.fromisoformat(note.date), dt.time())
    props.created = props.modified = when
    props.last_printed = when
    props.title, props.author, props.last_modified_by = inert(note.title), "entente", "entente"
    props.revision, props.comments = 1, f"entente {note.engine_version}, policy pack {note.policy_pack}"
    doc.add_heading(inert(f"Risk note: {note.title}"), level=0)
    doc.add_paragraph(inert(f"{note.date} · Drafted by: {note.drafter} · Cleared by: {note.cleared}"))
    for title, blocks in body_sections(note):
        doc.add_heading(inert(title), level=1)
        for block in blocks:
            _block(doc, block)
    for title, blocks in annex_sections(note):
        heading = doc.add_heading(inert(title), level=1)
        heading.paragraph_format.page_break_before = True
        for block in blocks:
            _block(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _deterministic(buffer.getvalue())
