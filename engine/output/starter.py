"""`entente new proposal`: a commented starting file, in the canonical form `entente fmt` writes."""

from __future__ import annotations

import textwrap

from ..model.help import FIELDS
from .fmt import format_text

STARTER_FIELDS = (
    ("id", None),
    ("title", None),
    ("summary", None),
    ("actor", None),
    ("partner", None),
    ("forum", None),
    ("kind", "action_kind"),
    ("cooperation", "issue_area"),
    ("conditions", None),
    ("asks", "ask"),
    ("against", None),
    ("deliverables", None),
    ("measures", "measure"),
    ("public", None),
)
EXAMPLES = {
    "conditions": "e.g. - {at_stake: supply_chains, requires: democratization}",
    "asks": "e.g. - {ask: sanctions_alignment, issue: sanctions_policy}",
    "measures": "e.g. - {measure: tariffs, status: threatened}",
    "deliverables": "e.g. - {text: US$1bn supply-chain fund, kind: fund}",
    "against": "party ids from `entente parties`",
}


def starter_proposal(vocabulary, partner=None, actor: str = "united_states") -> str:
    """The text of a new proposal file, for ``partner`` (a PartnerProfile) or for one to fill in."""
    slug = f"new-move-with-{partner.id.replace('_', '-')}" if partner else "new-move"
    values = {
        "id": slug,
        "title": f"What the move does, for {partner.name}" if partner else "What the move does, and for whom",
        "summary": "",
        "actor": partner.actor if partner else actor,
        "partner": partner.id if partner else "null",
        "forum": "null",
        "kind": "new_cooperation",
        "public": "true",
    }
    lines = [
        "# A proposed policy move: fill in what applies, delete the rest, then `entente vet` this file.",
        "# Every field is described in docs/inputs.md; `entente vocabulary` lists the terms.",
    ]
    for key, category in STARTER_FIELDS:
        label, help = FIELDS["Proposal"][key]
        lines += textwrap.wrap(f"{label}: {help}", 98, initial_indent="# ", subsequent_indent="#   ")
        if category:
            terms = f"terms: {', '.join(vocabulary.terms[category])}"
            lines += textwrap.wrap(terms, 98, initial_indent="#   ", subsequent_indent="#     ")
        if key in EXAMPLES:
            lines.append(f"#   {EXAMPLES[key]}")
        if key == "cooperation" and partner is not None:
            aligned = [t for t, s in partner.stances.items() if s == "aligned"]
            if aligned:
                said = f"{partner.name} is aligned with the actor on: {', '.join(aligned)}"
                lines += textwrap.wrap(said, 98, initial_indent="#   ", subsequent_indent="#     ")
        value = values.get(key)
        lines.append(f"{key}: {_quoted(value) if value is not None else '[]'}")
    text = "\n".join(lines) + "\n"
    return format_text("new-proposal.yaml", text, "proposal")


def _quoted(value: str) -> str:
    if value in ("null", "true") or value.replace("-", "").replace("_", "").isalnum():
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
