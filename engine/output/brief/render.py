"""Render a :class:`~engine.output.brief.note.Note` as Markdown or HTML with Jinja2 templates.

Templates run in Jinja2's sandbox with undefined names as errors. Every value printed passes
through ``inert`` (control and bidi characters shown as escapes); HTML autoescapes, Markdown
escapes its own syntax with the ``md`` filter, so user text (titles, summaries, profile fields)
renders as text: no tags, no links, no template syntax, no reordering.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...errors import Diagnostic, EntenteError, flag_error
from ..inert import inert
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


def environment(html: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
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
    html = fmt in ("html", "pdf")
    env = environment(html)
    name = "brief.html.j2" if html else "brief.md.j2"
    path = template or TEMPLATES / name
    source = path.read_text(encoding="utf-8")
    try:
        compiled = env.from_string(source)
        out = compiled.render(note=note, paper=note.paper)
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
    except TemplateError as exc:
        raise flag_error(
            str(path),
            f"the template failed: {exc}",
            "use only the names the shipped templates use (`note`, `paper`), and no unsafe operations",
        ) from None
    return re.sub(r"\n{3,}", "\n\n", out) if not html else out
