"""Render the first page of a PDF as a PNG (pypdfium2): the README's picture of a note.

Usage: python scripts/first_page.py NOTE.pdf OUT.png
"""

from __future__ import annotations

import sys

import pypdfium2 as pdfium


def main(pdf_path: str, png_path: str) -> None:
    page = pdfium.PdfDocument(pdf_path)[0]
    page.render(scale=1.5).to_pil().save(png_path, optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
