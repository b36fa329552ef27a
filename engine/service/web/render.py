"""The workspace's templates (Jinja2, every value escaped) and the choices its forms offer, in words."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from ...core.library import Library
from ...core.results import data
from ...model.help import FIELDS
from ...output.text import summary_line
from .security import CSRF_FIELD, csrf_token, finish
from .views import VERDICTS, Words

HERE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["help"] = lambda model, field: FIELDS.get(model, {}).get(field, (field, ""))
    env.globals["summary_line"] = summary_line
    env.globals["edits_json"] = lambda s: json.dumps([data(e) for e in s.edits], sort_keys=True)
    env.globals["verdicts"] = VERDICTS
    return env


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page (or a fragment) rendered with what every template reads: the CSRF field, who is signed in."""
    context.setdefault("principal", getattr(request.state, "principal", None))
    html = environment().get_template(template).render(csrf=csrf_token(request), csrf_field=CSRF_FIELD, **context)
    return finish(request, HTMLResponse(html, status_code=status))


def library_of(request: Request) -> Library:
    state = request.app.state.service
    return Library.open(list(state.settings.profiles), state.pack.vocabulary)


def choices(library: Library) -> dict[str, Any]:
    """Every list a control of the editor offers: (value, words), sorted by the words."""
    vocabulary = library.vocabulary
    words = Words(vocabulary, library)  # the why of a finding cites the profile's sources

    def terms(category: str) -> list[tuple[str, str]]:  # the vocabulary's order: grouped by theme
        return [(t, vocabulary.label(t)) for t in vocabulary.terms[category]]

    registry = vocabulary.parties
    parties = sorted(((p, registry.name(p)) for p in registry.parties), key=lambda p: p[1].lower())
    return {
        "words": words,
        "issue_area": terms("issue_area"),
        "requirement": [("Reforms", terms("reform")), ("Issue areas", terms("issue_area")), ("Asks", terms("ask"))],
        "ask": terms("ask"),
        "measure": terms("measure"),
        "measure_status": [(t, vocabulary.label(t)) for t in vocabulary.terms["measure_status"]],
        "deliverable_kind": terms("deliverable_kind"),
        "deliverable_status": [(t, vocabulary.label(t)) for t in vocabulary.terms["deliverable_status"]],
        "dispute_channel": [(t, vocabulary.label(t)) for t in vocabulary.terms["dispute_channel"]],
        "action_kind": [(t, vocabulary.label(t)) for t in vocabulary.terms["action_kind"]],
        "tier": [(t, vocabulary.label(t)) for t in vocabulary.terms["tier"]],
        "partners": [(p, library.partner(p).name) for p in library.partner_ids()],
        "forums": [(f, library.forum(f).name) for f in library.forum_ids()],
        "parties": parties,
        "ask_issue": {a: vocabulary.label(s.issue) if s.issue else "none" for a, s in vocabulary.asks.items()},
        "whatif_fields": [
            "partner.hedging",
            "partner.tier",
            "partner.political_system",
            "partner.accession_candidate",
            "partner.ties",
            "partner.dependencies",
            "partner.disputes",
            "partner.red_lines",
            *(f"partner.stances.{t}" for t in vocabulary.terms["issue_area"]),
        ],
        "whatif_values": sorted(
            {*vocabulary.terms["stance"], *vocabulary.terms["hedging"], *vocabulary.terms["tier"], "true", "false"}
            | set(vocabulary.terms["political_system"])
        ),
    }
