"""Render a :class:`~engine.output.brief.note.Note` as Markdown or HTML with Jinja2 templates.

Templates run in Jinja2's sandbox with undefined names as errors. Every value printed passes
through ``inert`` (control and bidi characters shown as escapes); HTML autoescapes, Markdown
escapes its own syntax with the ``md`` filter, so user text (titles, summaries, profile fields)
renders as text: no tags, no links, no template syntax, no reordering.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...errors import Diagnostic, EntenteError, flag_error
from ...io.inputs import read_text
from ...values import inert
from .note import TEMPLATES, Note

_MD_INLINE = re.compile(r"[\\`*\[\]<>|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_MD_LINE_START = re.compile(r"^(#|>|[-+]\s|\d+[.)])")


def md(value) -> str:
    """Escape what Markdown would interpret (emphasis, links, inline HTML, tables, line-start
    markers), so user text renders literally; intraword underscores stay as they are."""
    text = " ".join(str(value).split()).replace("&", "&amp;")
    text = _MD_INLINE.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(0), "\\" + m.group(0)), text)

    def line_start(m: re.Match) -> str:
        marker = m.group(0)
        return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker

    return _MD_LINE_START.sub(line_start, text)


def code(value) -> str:
    return str(value).replace("`", "'")


def css_string(value) -> Markup:
    """A value as a quoted CSS string (for the print header and footer): inert, with quotes, backslashes
    and '<' escaped, so it cannot end the string or the style element."""
    text = " ".join(inert(str(value)).split())
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace(">", "\\3E ")
    return Markup(f'"{escaped}"')


def _finalize(value):
    if isinstance(value, Markup):
        return value
    return inert(value) if isinstance(value, str) else value


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])  # evaluated when rendering (within the budget), never folded
    # into constants when the template is compiled


def environment(html: bool) -> SandboxedEnvironment:
    env = _Sandbox(
        autoescape=html,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=html,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["code"] = code
    env.filters["css_string"] = css_string
    return env


def render(note: Note, fmt: str, template: Path | None = None) -> str:
    """The note as Markdown or HTML, from a shipped template or the user's own (``template``: rendered in
    a child process with a time, memory and size budget, see sandbox.py)."""
    paper = note.paper
    html = fmt in ("html", "pdf")
    env = environment(html)
    path = template or TEMPLATES / ("brief.html.j2" if html else "brief.md.j2")
    source = read_text(path)
    if template is None:
        out = _run(_compile(env, path, source), path, note, paper)
    else:  # compiled in the child too: Jinja folds constant expressions (`'x' * 4000000000`) as it compiles
        from .sandbox import render_confined

        out = render_confined(str(path), lambda: _run(_compile(env, path, source), path, note, paper))
    return re.sub(r"\n{3,}", "\n\n", out) if not html else out


def _compile(env: SandboxedEnvironment, path: Path, source: str):
    """The template, compiled; its syntax errors, and every tag that would load another template, located."""
    try:
        tree = env.parse(source)
        compiled = env.from_string(tree)  # also refuses unknown filters and tests
    except TemplateSyntaxError as exc:
        raise EntenteError(
            [
                Diagnostic(
                    str(path),
                    exc.lineno or 1,
                    1,
                    f"template syntax error: {exc.message}",
                    "see the Jinja2 template documentation; the shipped templates are in "
                    "engine/output/brief/templates/",
                )
            ]
        ) from None
    loading = sorted(
        tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)), key=lambda node: node.lineno
    )
    if loading:
        raise EntenteError(
            [
                Diagnostic(
                    str(path),
                    node.lineno,
                    1,
                    f"a template cannot {_LOADS[type(node)]} another template",
                    "copy what you need into this template: it is rendered alone, in a sandbox",
                )
                for node in loading
            ]
        )
    return compiled


_LOADS = {nodes.Extends: "extend", nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import from"}


def _run(compiled, path: Path, note: Note, paper: str) -> str:
    try:
        return compiled.render(note=note, paper=paper)
    except TemplateError as exc:
        raise flag_error(
            str(path),
            f"the template failed: {exc}",
            "use only the names the shipped templates use (`note`, `paper`), and no unsafe operations",
        ) from None
