"""The proposal editor: the form, its live assessment, its YAML view, uploads and downloads, the note.

One form holds the workspace's state (the proposal, the what-if assumptions, the note's settings); every
button posts it with an ``action`` and gets the page back, so everything works with scripts off. With
scripts on, htmx posts the form to ``/assess`` as it changes (debounced) and swaps in the assessment panel
and the YAML view.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import EntenteError
from ...io import yaml_file
from ...output.fmt import format_data
from .. import evaluation
from ..inputs import MalformedBody
from .forms import ROWS, add_row, apply_edits, edits_of, empty_rows, form_state, proposal_data
from .panel import NAME, Panel, assess, submission
from .render import choices, library_of, page
from .security import check_csrf, finish, require
from .views import located

router = APIRouter(include_in_schema=False)
NOTE_FORMATS = {
    "markdown": ("md", "text/markdown; charset=utf-8"),
    "html": ("html", "text/html; charset=utf-8"),
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
NOTE_DEFAULTS = {"marking": "DRAFT", "drafter": "", "cleared": "", "annexes": "context", "paper": "A4"}


async def _posted(request: Request, role: str = "analyst") -> dict[str, list[str]]:
    request.state.principal = await require(request, role)
    form = await request.form()
    check_csrf(request, form)
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out.setdefault(key, []).append(value)
    request.state.upload = form.get("file")
    return out


def _assumptions(form: dict[str, list[str]]) -> list[dict[str, str]]:
    rows = []
    for i in sorted({int(k.split("-")[1]) for k in form if k.startswith("whatif-") and k.split("-")[1].isdigit()}):
        field, value = (form.get(f"whatif-{i}-{p}", [""])[-1].strip() for p in ("field", "value"))
        rows.append({"field": field, "value": value})
    return rows


def _note_settings(form: dict[str, list[str]]) -> dict[str, str]:
    return {k: (form.get(f"note-{k}", [""])[-1].strip() or v) for k, v in NOTE_DEFAULTS.items()}


async def _render(
    request: Request,
    data,
    assumptions,
    note,
    *,
    pending=None,
    yaml_text=None,
    yaml_problems=(),
    problems_heading="The YAML was not taken:",
    focus="",
):
    """The editor's page: the form for ``data`` (with ``pending`` empty rows), assessed; ``yaml_problems``
    (under ``problems_heading``) beside the YAML view."""
    state = form_state(data)
    for key, count in (pending or {}).items():
        for _ in range(count):
            add_row(state, key)
    given = [f"{a['field']}={a['value']}" for a in assumptions if a["field"] and a["value"]]
    panel = await assess(request, data, given) if data.get("id") or data.get("title") else Panel(_yaml(data))
    return page(
        request,
        "editor.html.j2",
        state=state,
        assumptions=assumptions,
        note=note,
        panel=panel,
        yaml_text=yaml_text if yaml_text is not None else panel.yaml,
        yaml_problems=list(yaml_problems),
        problems_heading=problems_heading,
        focus=focus,
        **choices(library_of(request)),
    )


def _yaml(data: dict[str, Any]) -> str:
    return format_data(data, "proposal")


@router.get("/")
async def editor(request: Request, from_: str = Query("", alias="from", max_length=32)):
    """The editor: empty, or holding the proposal of a recorded assessment (``?from=ID``)."""
    request.state.principal = await require(request, "viewer")
    data = proposal_data({})
    if from_:
        found = await run_in_threadpool(request.app.state.service.record.get, from_)
        if found is not None:
            data = _given_proposal(found["request"]) or data
    return await _render(request, data, [], dict(NOTE_DEFAULTS))


def _given_proposal(given: dict[str, Any]) -> dict[str, Any] | None:
    """The proposal of a recorded request: its YAML body, or the ``proposal`` of its JSON body."""
    body = given.get("body", "")
    if given.get("media_type") == "application/json":
        proposal = json.loads(body).get("proposal")
        return proposal if isinstance(proposal, dict) else read_yaml(str(proposal))[0]
    return read_yaml(body)[0]


def read_yaml(text: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """A proposal's YAML as data, or its problems by line (the engine validates it when it assesses)."""
    try:
        doc = yaml_file.parse(NAME, text.replace("\r\n", "\n"))
    except EntenteError as exc:
        return None, located(list(exc.diagnostics), None)
    if not isinstance(doc.data, dict):
        return None, [{"line": 1, "col": 1, "field": "", "message": "a proposal is a mapping of keys", "help": ""}]
    return json.loads(json.dumps(doc.data, default=str)), []


@router.post("/")
async def act(request: Request):
    """Every button of the editor: add or remove a row, apply a suggestion, take the YAML or an upload..."""
    form = await _posted(request)
    action = form.get("action", ["assess"])[-1]
    verb, _, rest = action.partition(":")
    key, _, index = rest.partition(":")
    if verb == "remove" and key in ROWS:
        form = {k: v for k, v in form.items() if not k.startswith(f"{key}-{index}-")}
    data, assumptions, note = proposal_data(form), _assumptions(form), _note_settings(form)
    pending = {k: empty_rows(form, k) + (verb == "add" and k == rest) for k in ROWS}
    focus = f"{rest}-{len(form_state(data)[rest]) + pending[rest] - 1}" if verb == "add" and rest in ROWS else ""
    if verb in ("yaml", "upload"):
        text = form.get("yaml", [""])[-1] if verb == "yaml" else await _upload_text(request)
        found, problems = read_yaml(text)
        if found is None:
            return await _render(request, data, assumptions, note, yaml_text=text, yaml_problems=problems)
        data, pending = found, {}
    elif verb == "download":
        response = Response(_yaml(data), media_type="application/yaml; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{_stem(data)}.yaml"'
        return finish(request, response)
    elif verb == "apply":
        try:
            data = apply_edits(data, edits_of(rest))
        except ValueError:  # only a hand-made post carries other edits than a suggestion's
            problem = {"line": 0, "col": 0, "field": "", "message": "the suggestion could not be applied", "help": ""}
            return await _render(
                request,
                data,
                assumptions,
                note,
                pending=pending,
                yaml_problems=[problem],
                problems_heading="The suggestion was not applied:",
            )
    elif verb in ("whatif-add", "whatif-remove"):
        assumptions = _edited(assumptions, verb, rest, {"field": "", "value": ""})
    return await _render(request, data, assumptions, note, pending=pending, focus=focus)


def _edited(rows: list[dict[str, str]], verb: str, rest: str, empty: dict[str, str]) -> list[dict[str, str]]:
    if verb.endswith("add"):
        return [*rows, dict(empty)]
    return [r for i, r in enumerate(rows) if str(i) != rest]


async def _upload_text(request: Request) -> str:
    upload = request.state.upload
    if upload is None or isinstance(upload, str):
        return ""
    raw = await upload.read()
    try:
        return yaml_file.decode(upload.filename or NAME, raw)
    except EntenteError:
        return raw.decode("utf-8", "replace")


def _stem(data: dict[str, Any]) -> str:
    stem = str(data.get("id") or "proposal")
    return stem if stem.replace("-", "").replace("_", "").isalnum() else "proposal"


@router.post("/assess")
async def live(request: Request):
    """The assessment panel and the YAML view for the form as it stands (htmx, debounced)."""
    form = await _posted(request)
    data = proposal_data(form)
    given = [f"{a['field']}={a['value']}" for a in _assumptions(form) if a["field"] and a["value"]]
    panel = await assess(request, data, given) if data.get("id") or data.get("title") else Panel(_yaml(data))
    return page(request, "_live.html.j2", panel=panel, **choices(library_of(request)))


@router.post("/note")
async def note_file(request: Request):
    """The briefing note of the proposal as it stands: preview (HTML) or download (Markdown, HTML, PDF, Word)."""
    from ...output.brief.note import NoteSettings

    form = await _posted(request)
    data, settings = proposal_data(form), _note_settings(form)
    asked = form.get("format", ["html"])[-1]
    fmt = asked if asked in NOTE_FORMATS else "html"  # "preview": the HTML note, shown in the browser
    layout = NoteSettings(
        marking=settings["marking"][:200],
        drafter=settings["drafter"][:200] or None,
        cleared=settings["cleared"][:200] or None,
        paper="Letter" if settings["paper"] == "Letter" else "A4",
        annexes=settings["annexes"] if settings["annexes"] in ("none", "context", "full") else "context",
    )
    evaluator = request.app.state.service.evaluator
    sub = submission(data)
    try:
        body = await run_in_threadpool(evaluator.call, evaluation.note_of, sub, "pdf" if fmt == "pdf" else fmt, layout)
    except (EntenteError, MalformedBody) as exc:
        return await _render(
            request,
            data,
            _assumptions(form),
            settings,
            yaml_problems=located(exc.diagnostics, None),
            problems_heading="The note could not be made:",
        )
    if fmt == "pdf":
        from ...output.brief.pdf import html_to_pdf

        body = await run_in_threadpool(html_to_pdf, body)
    suffix, media = NOTE_FORMATS[fmt]
    response = Response(body, media_type=media)
    inline = asked == "preview"
    response.headers["Content-Disposition"] = (
        "inline" if inline else f'attachment; filename="{_stem(data)}-note.{suffix}"'
    )
    finish(request, response)
    if fmt == "html":  # the note's own styles are inline: its own policy (still no script, no network)
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@router.post("/record")
async def record(request: Request):
    """Record the assessment of the proposal as it stands (as `POST /api/v1/assessments` does), then open it."""
    from ..routes.assessments import record_assessment

    form = await _posted(request)
    data = proposal_data(form)
    try:
        created = await run_in_threadpool(record_assessment, request, submission(data), request.state.principal)
    except EntenteError:
        return await _render(request, data, _assumptions(form), _note_settings(form))
    return finish(request, RedirectResponse(f"/record/{created['id']}", status_code=303))
