"""`entente brief`: a briefing-ready risk note for one proposal."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.config import ANNEXES
from ..core.settings import Settings
from ..errors import EXIT_OK, flag_error
from .options import emit, forum_option, max_age_option, output_option, parse_today, partner_option, say
from .vet import waivers_for

FORMATS = ("markdown", "html", "pdf", "docx")
FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@click.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@output_option("Write the note here (atomically); needed for PDF and DOCX.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Default: from the output file's extension (.md, .html, .pdf, .docx), else markdown.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Your own Jinja2 template for Markdown or HTML (rendered in a sandbox; see engine/output/brief/templates/).",
)
@click.option("--marking", default=None, help="Handling marking on every page (default: the house's, else DRAFT).")
@click.option("--drafter", default=None, help="Who drafted the note (default: the house's, else not recorded).")
@click.option("--cleared", default=None, help="Who cleared the note (default: not yet cleared).")
@click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    default=None,
    help="Default: the house's, else A4.",
)
@click.option(
    "--annexes",
    type=click.Choice(ANNEXES),
    default=None,
    help="none: the body only; context: add the partner context (the default); full: add the doctrine and the record.",
)
@partner_option
@forum_option
@click.option("--today", metavar="DATE", help="Date of the note and reference for staleness (default: today).")
@max_age_option
@click.option("--waivers", "waivers_path", type=click.Path(path_type=Path), help="Accepted risks: shown as waived.")
@click.pass_obj
def brief(
    settings: Settings, proposal, output, fmt, template, partner_ref, forum_ref, today, max_age, waivers_path, **layout
) -> int:
    """A briefing-ready risk note for PROPOSAL: the bottom line first, then the risks with their
    mitigations, then annexes. Marking, drafter, paper and annexes default to the house configuration."""
    from ..core.engine import Options, engine_for
    from ..core.resolve import load_proposals
    from ..output.brief.note import build_note

    fmt = fmt or FORMAT_OF_SUFFIX.get(output.suffix.lower() if output else "", "markdown")
    if fmt in ("pdf", "docx") and output is None:
        raise flag_error(f"--format {fmt}", f"a {fmt.upper()} note needs an output file", f"add -o note.{fmt}")
    if template is not None and fmt == "docx":
        raise flag_error(
            "--template", "a template shapes Markdown and HTML notes, not DOCX", "drop --template, or use --format html"
        )
    options = Options(today=parse_today(today), max_age_days=settings.setting("max_profile_age", max_age))
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    ((_, resolved),) = load_proposals([proposal], library, list(partner_ref), forum_ref)
    engine = engine_for(pack)
    result = engine.assess(resolved, options)
    report = None
    waivers = waivers_for(waivers_path, False, pack)
    if waivers:
        from ..core.waivers import apply_waivers

        report = apply_waivers([result], waivers, options.today)
        for line in report.warnings():
            say(f"warning: {line}")
    note = build_note(resolved, result, engine, library, options, note_settings(settings, layout), report)
    emit(render_note(note, fmt, template), output)
    if output is not None:
        say(f"wrote {output} ({fmt})")
    return EXIT_OK


def note_settings(settings: Settings, layout: dict):
    """Marking, drafter, cleared, paper and annexes: the flag, else the house configuration, else the default."""
    from ..output.brief.note import NoteSettings

    paper = layout["paper"] and ("A4" if layout["paper"].lower() == "a4" else "Letter")
    return NoteSettings(
        marking=settings.setting("marking", layout["marking"]),
        drafter=settings.setting("drafter", layout["drafter"]),
        cleared=settings.setting("cleared", layout["cleared"]),
        paper=settings.setting("paper", paper),
        annexes=settings.setting("annexes", layout["annexes"]),
    )


def render_note(note, fmt: str, template: Path | None) -> str | bytes:
    """The note in ``fmt``: Markdown or HTML text, PDF or DOCX bytes."""
    from ..output.brief.render import render

    if fmt == "docx":
        from ..output.brief.docx import note_to_docx

        return note_to_docx(note)
    rendered = render(note, fmt, template)
    if fmt == "pdf":
        from ..output.brief.pdf import html_to_pdf

        return html_to_pdf(rendered)
    return rendered


COMMANDS = [brief]
