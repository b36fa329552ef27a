"""Every shipped single-partner example and scenario as a note: what the note-layout tests render.

Examples are resolved as `entente brief` resolves them; each scenario case is its situation (the
proposal, the partner and forum the case gives), assessed on the case's date.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.core.engine import Options, engine_for
from engine.core.library import Library
from engine.core.pack import Pack
from engine.core.resolve import Resolved, load_proposals
from engine.output.brief.note import Note, NoteSettings, build_note
from engine.testing.load import case_files, load_case_file
from tests.conftest import CASES, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
EXAMPLE_DAY = "2026-11-24"


@dataclass(frozen=True)
class Move:
    name: str
    resolved: Resolved
    options: Options


def shipped_moves(pack: Pack, library: Library) -> list[Move]:
    """The single-partner examples, then every scenario case (each has one partner)."""
    import datetime as dt

    moves = []
    for path in EXAMPLES:
        ((_, resolved),) = load_proposals([path], library, [], None)
        if len(resolved.partners) == 1:
            moves.append(Move(f"examples/{path.stem}", resolved, Options(today=dt.date.fromisoformat(EXAMPLE_DAY))))
    for path in case_files([CASES / "scenarios"]):
        for case in load_case_file(path, pack, library).cases:
            s = case.situation
            resolved = Resolved(s.proposal, (s.partner,), s.forum, (), s.vocabulary)
            moves.append(Move(f"{path.stem}/{case.name}", resolved, Options(today=case.today)))
    return moves


def note_of(move: Move, pack: Pack, library: Library, settings: NoteSettings | None = None) -> Note:
    engine = engine_for(pack)
    result = engine.assess(move.resolved, move.options)
    return build_note(move.resolved, result, engine, library, move.options, settings or NoteSettings())
