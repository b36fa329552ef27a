"""Print HTML to PDF with headless Chromium (Debian's `chromium` package, installed by .ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import Diagnostic, EntenteError, flag_error

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--no-default-browser-check",
    "--hide-scrollbars",
)


def find_browser() -> str:
    explicit = os.environ.get("ENTENTE_CHROMIUM")
    found = explicit or next((p for p in map(shutil.which, CANDIDATES) if p), None)
    if not found:
        raise flag_error(
            "--format pdf",
            "no headless browser found to print the PDF",
            "install Chromium (Debian: apt-get install chromium) or set ENTENTE_CHROMIUM "
            "to its path; HTML and Markdown need no browser",
        )
    return found


def _browser_failed(browser: str, what: str) -> EntenteError:
    """A browser that is there but does not work is the environment's problem, not the input's: exit 2."""
    return EntenteError(
        [
            Diagnostic(
                "--format pdf",
                0,
                0,
                f"the headless browser {browser} failed: {what}",
                "check that it starts (`chromium --headless --version`), reinstall it (Debian: "
                "apt-get install --reinstall chromium), or set ENTENTE_CHROMIUM to a working "
                "one; HTML and Markdown need no browser",
            )
        ]
    )


def chromium(args: list[str], timeout: int = 120) -> None:
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="entente-chromium-") as profile:
        try:
            proc = subprocess.run(
                [browser, *FLAGS, f"--user-data-dir={profile}", *args],
                capture_output=True,
                timeout=timeout,
                text=True,
                errors="replace",
            )
        except subprocess.TimeoutExpired:
            raise _browser_failed(browser, f"no answer within {timeout} s") from None
        except OSError as exc:
            raise _browser_failed(browser, exc.strerror or str(exc)) from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1][:300]
        raise _browser_failed(browser, f"exit code {proc.returncode} ({last})")


def html_to_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="entente-pdf-") as tmp:
        page, pdf = Path(tmp) / "note.html", Path(tmp) / "note.pdf"
        page.write_text(html, encoding="utf-8")
        chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
        if not pdf.is_file():
            raise _browser_failed(find_browser(), "it wrote no PDF")
        return pdf.read_bytes()


def html_to_png(html: str, width: int = 1000, height: int = 1400) -> bytes:
    with tempfile.TemporaryDirectory(prefix="entente-png-") as tmp:
        page, png = Path(tmp) / "note.html", Path(tmp) / "note.png"
        page.write_text(html, encoding="utf-8")
        chromium([f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()])
        return png.read_bytes()
