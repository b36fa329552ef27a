"""Plain-text output for a terminal: findings per partner, highest severity first.

Then, when they were computed, what would clear each finding (--suggest) and why each policy
fired or stayed silent (--explain).
"""

from __future__ import annotations

import textwrap

from ..core.results import Assessment, Finding, Result
from ..values import inert, written
from .explain_text import explanation_text

WIDTH = 88
LABEL = 12


def _wrap(label: str, text: str, indent: int = 4) -> list[str]:
    lead = " " * indent + f"{label:<{LABEL}}"
    rest = " " * (indent + LABEL)
    return textwrap.wrap(
        text, WIDTH, initial_indent=lead, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False
    ) or [lead.rstrip()]


def finding_lines(f: Finding) -> list[str]:
    mark = " [WAIVED]" if f.waived else ""
    lines = [f"  {f.severity.upper():<9} {f.id}: {f.title}{mark}"]
    lines += textwrap.wrap(
        f.message,
        WIDTH,
        initial_indent=" " * 4,
        subsequent_indent=" " * 4,
        break_long_words=False,
        break_on_hyphens=False,
    )
    lines += _wrap("why:", f"{f.rationale} \u201c{f.quote}\u201d ({f.source})")
    if f.concerns:
        lines += _wrap("change:", "; ".join(f.concerns))
    lines += _wrap("do:", f.recommendation)
    said = dict.fromkeys(e.text or f"{e.field} = {written(e.value)}" for e in f.evidence)  # each sentence once
    lines += _wrap("evidence:", "; ".join(said) or "none")
    confidence = f.confidence + (f" (missing: {', '.join(f.missing)})" if f.missing else "")
    lines += _wrap("confidence:", confidence)
    if f.waived:
        lines += _wrap("waived:", f"until {f.waived.expires} by {f.waived.owner}: {f.waived.reason}")
    return lines


def assessment_lines(a: Assessment) -> list[str]:
    where = f" in forum {a.forum}" if a.forum else ""
    as_of = f"profile as of {a.profile_as_of}" if a.profile_as_of else "profile has no as_of date"
    stale = " (stale)" if a.profile_stale else ""
    lines = [f"{a.partner_name} ({a.partner}){where} \u00b7 {as_of}{stale}"]
    if not a.findings:
        lines.append("  no findings")
    for f in a.findings:
        lines += finding_lines(f)
        lines.append("")
    if lines[-1] == "":
        lines.pop()
    for u in a.undecided:
        lines += _wrap(
            "undecided:",
            f"{u.id} ({u.severity}) could not be decided; the profile lacks " + ", ".join(u.missing),
            indent=2,
        )
    for note in a.notes:
        lines += _wrap("note:", note, indent=2)
    return lines


def forum_lines(result: Result) -> list[str]:
    """Findings about the forum itself, once, with the members they concern."""
    lines = []
    for f in result.forum_findings:
        lines += [f"Forum {f.forum} · concerns {', '.join(f.members)}", *finding_lines(f), ""]
    return lines


def summary_line(result: Result) -> str:
    counts = [f"{n} {sev}" for sev, n in result.summary.items() if n]
    total = sum(result.summary.values())
    findings = [*result.forum_findings, *(f for a in result.assessments for f in a.findings)]
    waived = sum(1 for f in findings if f.waived)
    return (
        f"{total} finding{'s' if total != 1 else ''}"
        + (": " + ", ".join(counts) if counts else "")
        + (f" ({waived} waived)" if waived else "")
    )


def render_result(result: Result) -> str:
    lines = [
        f"{result.proposal}: {result.title}",
        f"policy pack {result.policy_pack} \u00b7 entente {result.engine_version}",
        "",
        *forum_lines(result),
    ]
    for a in result.assessments:
        lines += assessment_lines(a)
        lines.append("")
    for n in result.not_assessed:
        lines.append(f"not assessed: {n.party} ({n.reason})")
    if result.not_assessed:
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def suggestion_lines(results: list[Result]) -> list[str]:
    lines = ["", "What would clear each finding (edits to the proposal only)"]
    for r in results:
        for a in r.assessments:
            if not a.findings:
                continue
            lines += ["", f"{a.partner_name} ({r.proposal})"]
            for f in a.findings:
                lines.append(f"  {f.id}:")
                lines += [f"    - {x.advice}" for x in f.suggestions or []] or [
                    "    - no edit to the proposal alone clears it"
                ]
    return lines


def explanation_section(results: list[Result]) -> str:
    names = {a.partner: a.partner_name for r in results for a in r.assessments}
    return "".join(explanation_text(names[e.partner], e.policies) + "\n" for r in results for e in r.explanations or [])


def render(results: list[Result]) -> str:
    text = inert("\n".join(render_result(r) for r in results))
    if any(r.suggested for r in results):
        text += inert("\n".join(suggestion_lines(results))) + "\n"
    if any(r.explanations is not None for r in results):
        text += "\nWhy each policy fired or stayed silent\n\n" + inert(explanation_section(results))
    return text


def staleness_warnings(results: list[Result], options) -> list[str]:
    """One line per stale profile used (on stderr, so JSON output stays clean)."""
    out = []
    for r in results:
        for a in r.assessments:
            if a.profile_stale:
                out.append(
                    f"warning: profile '{a.partner}' is stale: as_of {a.profile_as_of} is more than "
                    f"{options.max_age_days} days before {options.today.isoformat()} (confidence lowered; "
                    f"re-check its facts and update as_of)"
                )
    return out


def render_explanations(report) -> str:
    """`entente explain` as text (an :class:`~engine.core.results.ExplanationReport`)."""
    return inert("".join(explanation_text(report.partner_names[e.partner], e.policies) + "\n" for e in report.partners))
