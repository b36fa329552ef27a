"""Custom templates reach nothing outside the note and run within a budget; a PDF is printed with no
script, no network and no file but the note (issue 13)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.helpers import CONDITIONED, run


def brief_with(template: Path, *args: str):
    return run("brief", str(CONDITIONED), "--template", str(template), "--today", "2025-11-24", *args)


@pytest.mark.parametrize(
    "tag, verb",
    [
        ("{% include 'other.j2' %}", "include"),
        ("{% import 'm.j2' as m %}", "import"),
        ("{% from 'm.j2' import x %}", "import from"),
        ("{% extends 'base.j2' %}", "extend"),
    ],
)
def test_a_template_cannot_load_another(tmp_path, tag, verb):
    template = tmp_path / "t.md.j2"
    template.write_text(f"{{{{ note.title }}}}\n{tag}\n")
    result = brief_with(template)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (
        f"{template}:2:1: a template cannot {verb} another template\n"
        "  help: copy what you need into this template: it is rendered alone, in a sandbox\n"
        "1 error in 1 file\n"
    )


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
            "the template recursed too deeply (a macro that calls itself without end?)",
        ),
        ("{{ 'x' * 4000000000 }}", "the template needed more than 512 MiB of memory"),
        (
            "{% for i in range(100000) %}{{ 'x' * 200 }}{% endfor %}",
            "the template produced more than 10,000,000 characters",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "the template ran for more than 1 seconds",
        ),
    ],
)
def test_a_template_runs_within_a_budget(tmp_path, monkeypatch, body, message):
    monkeypatch.setattr("engine.output.brief.sandbox.SECONDS", 1)
    template = tmp_path / "t.md.j2"
    template.write_text(body + "\n")
    result = brief_with(template)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (
        f"{template}: {message}\n"
        "  help: a note is a few pages: look for a loop, a macro or a repetition that does not "
        "end\n1 error\n"
    )


def test_a_template_that_is_not_utf8_is_located(tmp_path):
    template = tmp_path / "t.md.j2"
    template.write_bytes(b"{{ note.title }}\ncaf\xe9\n")
    result = brief_with(template)
    assert result.exit_code == 2
    assert result.output == (
        f"{template}:2:4: the file is not valid UTF-8 (byte 0xe9)\n  help: save the file as UTF-8\n1 error in 1 file\n"
    )


def test_a_printed_template_reaches_no_file_and_no_network(tmp_path):
    """A template that tries file:// and http:// loads, scripts and a meta refresh: Chromium fetches nothing,
    the PDF holds the note and none of the file, and no script ran."""
    import http.server

    from pypdf import PdfReader

    fetched = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>FETCHED OVER HTTP</p>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("CONTENT OF A LOCAL FILE\n")
    web, local = f"http://127.0.0.1:{server.server_address[1]}", secret.as_uri()
    template = tmp_path / "t.html.j2"
    template.write_text(f"""<!DOCTYPE html><html><head><link rel="stylesheet" href="{web}/css">
<meta http-equiv="refresh" content="1;url={local}"><style>body {{ background: url({web}/bg); }}</style></head>
<body><p>THE NOTE: {{{{ note.title }}}}</p><img src="{web}/img"><img src="{local}">
<iframe src="{local}"></iframe><iframe src="{web}/frame"></iframe><object data="{local}"></object>
<script>fetch("{web}/fetch"); document.write("SCRIPT RAN");</script></body></html>
""")
    out = tmp_path / "note.pdf"
    try:
        result = brief_with(template, "-o", str(out))
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert text == "THE NOTE: Condition the semiconductor supply-chain initiative on political reform"
    assert fetched == []
