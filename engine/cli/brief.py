"""`entente brief`: a briefing-ready risk note for one proposal."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.settings import Settings
from ..errors import EXIT_OK, Diagnostic, EntenteError
from .options import emit, forum_option, max_age_option, output_option, parse_today, partner_option, say
from .vet import apply_waivers, waivers_for


@click.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@output_option("Write the note here (atomically); needed for PDF.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "pdf"]), default=None,
              help="Default: from the output file's extension (.md, .html, .pdf), else markdown.")
@click.option("--template", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Your own Jinja2 template (rendered in a sandbox; see engine/output/brief/templates/).")
@click.option("--marking", default=None, help="Handling marking at the top of the note.")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4", show_default=True)
@partner_option
@forum_option
@click.option("--today", metavar="DATE", help="Date of the note and reference for staleness (default: today).")
@max_age_option
@click.option("--waivers", "waivers_path", type=click.Path(path_type=Path), help="Accepted risks: shown as waived.")
@click.pass_obj
def brief(settings: Settings, proposal, output, fmt, template, marking, paper, partner_ref, forum_ref, today,
          max_age, waivers_path) -> int:
    """A briefing-ready risk note for PROPOSAL: bottom line first, then reasons and mitigations."""
    from ..core.engine import Options, engine_for
    from ..core.resolve import load_proposals
    from ..output.brief.note import DEFAULT_MARKING, build_note
    from ..output.brief.render import render

    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        fmt = {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "markdown")
    if fmt == "pdf" and output is None:
        raise EntenteError([Diagnostic("--format pdf", 0, 0, "a PDF needs an output file", "add -o note.pdf")])
    options = Options(today=parse_today(today), max_age_days=max_age)
    pack = settings.pack()
    library = settings.library(pack.vocabulary)
    (_, resolved), = load_proposals([proposal], pack, library, partner_ref, forum_ref)
    engine = engine_for(pack)
    result = engine.assess(resolved, options)
    for line in apply_waivers([result], waivers_for(waivers_path, False, pack), options):
        say(f"warning: {line}")
    note = build_note(resolved, result, engine, library, options, marking or DEFAULT_MARKING)
    rendered = render(note, fmt, template, paper.upper() if paper.lower() == "a4" else "Letter")
    if output is None:
        emit(rendered, None)
        return EXIT_OK
    if fmt == "pdf":
        from ..output.brief.pdf import html_to_pdf

        emit(html_to_pdf(rendered), output)
    else:
        emit(rendered, output)
    say(f"wrote {output} ({fmt})")
    return EXIT_OK


COMMANDS = [brief]
