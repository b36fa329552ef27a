"""Briefing-ready risk notes: what a principal reads, built from an assessment.

:func:`build_note` turns a resolved proposal and its result into a :class:`Note`: plain data that
every format renders the same way. The body is what the principal reads (at most two pages for one
partner): the bottom line first (the rating with what is waived, the top risks one line each, the
recommended change), then the move in brief, then each risk with its specific mitigation, and for a
forum move the coalition table. Annexes hold the partner context, the doctrine and the record, as
``annexes`` says (``none``, ``context`` or ``full``). Everything is in words: terms read as their
vocabulary labels, parties as their names; identifiers appear only in the record annex.

Templates (Jinja2, sandboxed) render the note as Markdown or HTML (``render.py``), the HTML prints to
PDF (``pdf.py``), and ``docx.py`` writes it for Word.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from ...core.config import DEFAULTS
from ...core.engine import Engine, Options
from ...core.library import Library
from ...core.resolve import Resolved
from ...core.results import Result
from ...core.waivers import WaiverReport
from .bottom import BottomLine, bottom_line
from .coalition import Coalition, coalition_view
from .context import PartnerContext, partner_context, proposal_rows
from .record import Doctrine, Record, doctrine_of, record_of
from .risks import Risk, risks_of

TEMPLATES = Path(__file__).parent / "templates"


class NoteSettings(msgspec.Struct, frozen=True):
    """How the note is marked and laid out (flags, then the house configuration, then these defaults)."""

    marking: str = DEFAULTS["marking"]
    drafter: str | None = None
    cleared: str | None = None
    paper: str = DEFAULTS["paper"]
    annexes: str = DEFAULTS["annexes"]


class Note(msgspec.Struct):
    title: str
    proposal_id: str
    date: str
    marking: str
    drafter: str
    cleared: str
    paper: str
    engine_version: str
    policy_pack: str
    bottom: BottomLine
    proposal: list[tuple[str, str]]  # (what, in words), only what the move has
    summary: str
    risks: list[Risk]
    coalition: Coalition | None
    notes: list[str]  # what the reader should know that is not a risk (the assessments' notes)
    partners: list[PartnerContext]  # annex: partner context (annexes context or full)
    doctrine: list[Doctrine]  # annex: doctrine (annexes full)
    record: Record  # annex: the record (annexes full)
    annexes: Annexes = msgspec.field(default_factory=lambda: Annexes())

    @property
    def single_partner(self) -> bool:
        return len(self.partners) == 1


class Annexes(msgspec.Struct, frozen=True):
    """The letter of each annex the note carries ("" for one it leaves out)."""

    context: str = ""
    doctrine: str = ""
    record: str = ""

    def included(self) -> list[tuple[str, str]]:
        """(section, letter) of the annexes carried, in order."""
        return [(s, letter) for s in ("context", "doctrine", "record") if (letter := getattr(self, s))]


def annex_letters(annexes: str) -> Annexes:
    """Which annexes the note carries, lettered in order."""
    sections = {"none": [], "context": ["context"], "full": ["context", "doctrine", "record"]}[annexes]
    return Annexes(**{section: "ABC"[i] for i, section in enumerate(sections)})


def notes_of(result: Result) -> list[str]:
    several = len(result.assessments) > 1
    notes = [(f"{a.partner_name}: " if several else "") + n for a in result.assessments for n in a.notes]
    return [n[:1].upper() + n[1:] for n in dict.fromkeys(notes)]


def build_note(
    resolved: Resolved,
    result: Result,
    engine: Engine,
    library: Library,
    options: Options,
    settings: NoteSettings | None = None,
    waivers: WaiverReport | None = None,
) -> Note:
    settings = settings or NoteSettings()
    risks = risks_of(result, resolved.vocabulary)
    return Note(
        title=resolved.proposal.title,
        proposal_id=resolved.proposal.id,
        date=options.today.isoformat(),
        marking=settings.marking,
        drafter=settings.drafter or "not recorded",
        cleared=settings.cleared or "not yet cleared",
        paper=settings.paper,
        engine_version=result.engine_version,
        policy_pack=result.policy_pack,
        bottom=bottom_line(resolved, result, risks, engine, options),
        proposal=proposal_rows(resolved),
        summary=" ".join(resolved.proposal.summary.split()),
        risks=risks,
        coalition=coalition_view(resolved, result, engine, library, options),
        notes=notes_of(result),
        partners=[partner_context(p, resolved, options) for p in resolved.partners],
        doctrine=doctrine_of(risks, engine),
        record=record_of(resolved, result, engine, waivers or WaiverReport()),
        annexes=annex_letters(settings.annexes),
    )
