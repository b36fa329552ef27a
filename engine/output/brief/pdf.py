"""Print HTML to PDF with headless Chromium (Debian's `chromium` package, installed by .ci/run).

A note rendered from a custom template is not trusted: the browser that prints it has no
network (every request goes to a proxy that does not exist, loopback included; no host name
resolves), and the printed page carries a Content-Security-Policy that lets it run no script
(JavaScript is off: headless Chromium's own switch for that stops it printing) and load nothing
but its own inline styles and data: images and fonts (no file:// reads, no http://).
``http-equiv`` attributes in the page are disabled, so no meta refresh can navigate away to
another file before the page is printed.
"""

from __future__ import annotations

import os
import re
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
    # no network: a proxy nobody serves (loopback not exempt), no host name resolves
    "--proxy-server=http://127.0.0.1:1",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-remote-fonts",
)
POLICY = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">"
)
_HTTP_EQUIV = re.compile(r"http-equiv", re.IGNORECASE)
_DOCTYPE = re.compile(r"\s*<!doctype[^>]*>", re.IGNORECASE)


def confined(html: str) -> str:
    """The page as it is printed: its ``http-equiv`` attributes disabled (an attribute's name cannot be
    written with character references, so none escapes), then the policy first in the document."""
    html = _HTTP_EQUIV.sub("data-disabled-http-equiv", html)
    doctype = _DOCTYPE.match(html)
    at = doctype.end() if doctype else 0
    return html[:at] + POLICY + html[at:]


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
        page.write_text(confined(html), encoding="utf-8")
        chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
        if not pdf.is_file():
            raise _browser_failed(find_browser(), "it wrote no PDF")
        return pdf.read_bytes()


def html_to_png(html: str, width: int = 1000, height: int = 1400) -> bytes:
    with tempfile.TemporaryDirectory(prefix="entente-png-") as tmp:
        page, png = Path(tmp) / "note.html", Path(tmp) / "note.png"
        page.write_text(confined(html), encoding="utf-8")
        chromium([f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()])
        return png.read_bytes()
