"""The note as titled sections of plain blocks, for writers that build a document piece by piece (DOCX).

A block is ``("p", text)``, ``("strong", text)``, ``("h2", text)``, ``("bullets", [text])`` or
``("table", header or None, rows)``. The sections and their order are those of the HTML template.
"""

from __future__ import annotations

from .note import Note


def _or_none(items: list[str], sep: str = "; ") -> str:
    return sep.join(items) if items else "none recorded"


def _bottom(note: Note) -> list[tuple]:
    b = note.bottom
    blocks: list[tuple] = [
        ("strong", f"Overall rating: {b.rating.upper()}" + (f" ({b.counts})" if b.counts else "")),
        ("p", b.verdict),
    ]
    if b.top:
        blocks += [("strong", "Top risks:"), ("bullets", b.top + ([f"and {b.more} more, below"] if b.more else []))]
    blocks.append(("p", f"Recommended change: {b.change}" + (f" {b.effect}" if b.effect else "")))
    if b.waived:
        blocks += [("strong", "Waived:"), ("bullets", b.waived)]
    if b.caveats:
        blocks.append(("p", f"Caveats: {'; '.join(b.caveats)}."))
    return blocks


def _risks(note: Note) -> list[tuple]:
    blocks: list[tuple] = []
    for r in note.risks:
        why = f" ({r.confidence_note})" if r.confidence_note else ""
        blocks += [
            ("h2", f"{r.number}. {r.title}"),
            ("p", f"{r.severity.capitalize()} · {r.partner} · confidence {r.confidence}{why}"),
            ("p", r.message),
            ("p", f"Evidence: {'. '.join(r.evidence)}."),
            ("p", f"Mitigation: {r.mitigation}"),
        ]
        blocks += [("p", f"Waived: {r.waived}")] if r.waived else []
        blocks += [("p", f"Doctrine: Annex {note.annexes.doctrine}")] if note.annexes.doctrine else []
    return blocks or [("p", "No risk found at any severity.")]


def body_sections(note: Note) -> list[tuple[str, list[tuple]]]:
    sections = [
        ("Bottom line", _bottom(note)),
        ("The move", [("table", None, note.proposal)] + ([("p", note.summary)] if note.summary else [])),
        ("Risks", _risks(note)),
    ]
    c = note.coalition
    if c:
        header = ["Member", "Status"] + [str(n) for n, _ in c.columns]
        rows = [[row.member, row.status] + [cell or "·" for cell in row.cells] for row in c.rows]
        legend = "; ".join(f"{n}: {title}" for n, title in c.columns)
        sections.append((f"Coalition view: {c.forum}", [("table", header, rows)] + ([("p", legend)] if legend else [])))
    if note.notes:
        sections.append(("Notes", [("bullets", note.notes)]))
    return sections


def _context(note: Note) -> list[tuple]:
    blocks: list[tuple] = []
    for p in note.partners:
        rows = [["Relationship", p.relationship]] + ([["Its own name", p.label]] if p.label else [])
        rows += [
            ["Political system", p.political_system],
            ["Posture", p.hedging],
            ["Ties", _or_none(p.ties)],
            ["Live disputes", _or_none(p.disputes)],
            ["Declared red lines", _or_none(p.red_lines)],
            ["Profile as of", p.as_of + (" (stale)" if p.stale else "")],
        ]
        blocks += [("h2", p.name), ("table", None, rows)]
        if p.stances:
            blocks.append(("table", ["Issue the move touches", "Stance"], [list(s) for s in p.stances]))
        blocks.append(("p", f"Sources: {_or_none(p.sources)}"))
    return blocks


def _doctrine(note: Note) -> list[tuple]:
    blocks: list[tuple] = []
    for d in note.doctrine:
        which = f"risk{'s' if len(d.risks) > 1 else ''} {', '.join(map(str, d.risks))}"
        blocks += [
            ("h2", f"{d.title} ({which})"),
            ("p", d.rationale),
            ("p", f"\u201c{d.quote}\u201d ({d.source})"),
            ("p", f"References: {'; '.join(d.references)}"),
        ]
    return blocks


def _record(note: Note) -> list[tuple]:
    r = note.record
    ages = "; ".join(f"{who} as of {as_of}" for who, as_of in r.profile_ages)
    items = [
        f"Inputs digest: {r.inputs_digest}; proposal {note.proposal_id}",
        f"Engine: entente {r.engine_version}; policy pack {r.policy_pack}",
        f"Policies evaluated: {', '.join(r.policies)}",
        f"Findings: {'; '.join(r.findings) or 'none'}",
        f"Profile ages: {ages}",
        f"Undecided: {'; '.join(r.undecided) or 'none'}",
        f"Not assessed: {'; '.join(r.not_assessed) or 'none'}",
        f"Waivers applied: {'; '.join(r.waivers_used) or 'none'}",
        f"Waivers expired: {'; '.join(r.waivers_expired) or 'none'}",
        f"Waivers unused: {'; '.join(r.waivers_unused) or 'none'}",
    ]
    return [("bullets", items)]


def annex_sections(note: Note) -> list[tuple[str, list[tuple]]]:
    builders = {
        "context": ("Partner context", _context),
        "doctrine": ("Doctrine", _doctrine),
        "record": ("Record", _record),
    }
    return [
        (f"Annex {letter}: {builders[section][0]}", builders[section][1](note))
        for section, letter in note.annexes.included()
    ]
