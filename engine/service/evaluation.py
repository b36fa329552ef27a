"""What the evaluation worker runs: every call that touches durable_rules' C core, one at a time.

Each function takes the worker's :class:`Context` (the pack and its compiled engine, inherited when the
worker was forked) and plain data, and returns plain data or models (they travel back through a pipe).
The server never evaluates in its own process (engine/service/evaluator.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec

from ..analysis.vetting import vet
from ..core.engine import Engine, Options, engine_for
from ..core.pack import Pack
from ..core.results import ExplanationReport, Result, data, stored_result
from ..errors import Diagnostic, EntenteError
from .digests import inputs_digest, library_digest, rebuilt_pack
from .inputs import Submission, relocated
from .profiles import restore, snapshot
from .reading import prepare


class Context(msgspec.Struct):
    """The worker's state: the pack it serves, its engine, the library's folder, and older packs' engines."""

    pack: Pack
    engine: Engine
    profiles: Path
    others: dict[str, Engine] = msgspec.field(default_factory=dict)

    def engine_of(self, digest: str, files: dict[str, str] | None) -> Engine:
        """The engine of the pack with this digest: the served one, or one rebuilt from its stored files."""
        if digest == self.pack.digest:
            return self.engine
        if digest not in self.others:
            if files is None:
                raise EntenteError([Diagnostic("record", 0, 0, f"the policy pack {digest[:12]} is not in the record")])
            self.others[digest] = engine_for(rebuilt_pack(files))
        return self.others[digest]


class Assessed(msgspec.Struct):
    """An assessment as the record keeps it, and the warnings to show with it."""

    result: Result
    inputs: dict[str, Any]
    inputs_digest: str
    library_digest: str
    warnings: list[str]


def assess(ctx: Context, sub: Submission, suggest: bool = False) -> Assessed:
    """Assess a request as `entente vet` would (waivers, suggestions and explanations when asked)."""
    prepared = prepare(ctx.pack, ctx.profiles, sub, "assess")
    body = prepared.body
    run = vet(
        ctx.engine,
        [(Path("body"), prepared.resolved)],
        prepared.options,
        waivers=prepared.waivers,
        suggest=body.suggest or suggest,
        explain=body.explain,
    )
    inputs = snapshot(prepared.resolved, prepared.profiles, prepared.options.today, prepared.options.max_age_days)
    notes = dict.fromkeys(d.render() for p in prepared.resolved.partners for d in p.notes)
    return Assessed(
        run.results[0],
        inputs,
        inputs_digest(inputs),
        library_digest(ctx.profiles),
        [*notes, *run.waiver_warnings],
    )


def explain(ctx: Context, sub: Submission) -> dict[str, Any]:
    """`entente explain --format json` for a request."""
    from ..analysis.explain import check_policy_ids, explain_resolved

    prepared = prepare(ctx.pack, ctx.profiles, sub, "explain")
    policies = prepared.body.policies
    try:
        check_policy_ids(ctx.pack, policies, "--policies")
    except EntenteError as exc:
        raise EntenteError(relocated(exc.diagnostics, sub.kind)) from None
    resolved = prepared.resolved
    report = ExplanationReport(
        proposal=resolved.proposal.id,
        partners=explain_resolved(ctx.engine, resolved, list(policies) or None),
        partner_names={p.id: p.name for p in resolved.partners},
    )
    return data(report)


def whatif(ctx: Context, sub: Submission) -> dict[str, Any]:
    """`entente whatif --format json` for a request."""
    from ..analysis.whatif import what_if
    from ..output.whatif import as_data

    prepared = prepare(ctx.pack, ctx.profiles, sub, "whatif")
    body = prepared.body
    try:
        report = what_if(ctx.engine, prepared.resolved, list(body.set), body.sweep, prepared.options)
    except EntenteError as exc:
        named = [Diagnostic("--set", 0, 0, d.message, d.help) if d.path == "whatif" else d for d in exc.diagnostics]
        raise EntenteError(relocated(named, sub.kind)) from None
    return as_data(report)


def note(ctx: Context, recorded: dict[str, Any], files: dict[str, str] | None, fmt: str, layout) -> str | bytes:
    """The note of a recorded assessment, rebuilt from what it used (its inputs, its result, its pack):
    Markdown, Word, or the HTML a PDF is printed from; ``layout`` is its NoteSettings (marking, paper...)."""
    from ..output.brief.docx import note_to_docx
    from ..output.brief.note import build_note
    from ..output.brief.render import render

    engine = ctx.engine_of(recorded["pack_digest"], files)
    inputs = recorded["inputs"]
    resolved, profiles = restore(inputs, engine.pack.vocabulary)
    result = stored_result(recorded["result"])
    options = Options(today=_date(inputs["today"]), max_age_days=inputs["max_age"])
    built = build_note(resolved, result, engine, profiles, options, layout)
    return note_to_docx(built) if fmt == "docx" else render(built, "html" if fmt == "pdf" else fmt)


def _date(text: str):
    return dt.date.fromisoformat(text)


def note_of(ctx: Context, sub: Submission, fmt: str, layout) -> str | bytes:
    """The note of a proposal not recorded (the workspace's preview and downloads): assessed, then built exactly
    as a recorded assessment's note is rebuilt."""
    assessed = assess(ctx, sub)
    recorded = {"pack_digest": ctx.pack.digest, "inputs": assessed.inputs, "result": data(assessed.result)}
    return note(ctx, recorded, None, fmt, layout)
