"""Finding messages: text with ``{fact.name}`` placeholders, filled with the facts' values in prose.

No expressions and no attribute access: a placeholder names a fact of the catalogue, and
``{{``/``}}`` stand for literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .. import facts as F
from ..errors import Diagnostic, did_you_mean
from ..io.document import Document, Loc
from ..values import prose

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _without_escaped_braces(template: str) -> str:
    return template.replace("{{", "").replace("}}", "")


def template_facts(template: str) -> tuple[str, ...]:
    """The names in a message's ``{placeholders}``, in order."""
    return tuple(m.group(1).strip() for m in PLACEHOLDER.finditer(_without_escaped_braces(template)))


def check_template(doc: Document, template: str, loc: Loc) -> list[Diagnostic]:
    """Every `{placeholder}` in a message must name a fact."""
    problems = []
    stripped = _without_escaped_braces(template)
    for name in template_facts(template):
        if name not in F.CATALOGUE:
            problems.append(
                doc.diagnostic(
                    loc, f"message placeholder '{{{name}}}' names no fact", did_you_mean(name, F.CATALOGUE, "a fact")
                )
            )
    if PLACEHOLDER.sub("", stripped).count("{") or PLACEHOLDER.sub("", stripped).count("}"):
        problems.append(
            doc.diagnostic(
                loc,
                "unbalanced '{' or '}' in the message",
                "write placeholders as {fact.name}; a literal brace as {{ or }}",
            )
        )
    return problems


def render_template(
    template: str, values: Mapping[str, Any], say: Callable[[str, Any], str] = lambda _name, value: prose(value)
) -> str:
    """Fill ``{fact.name}`` placeholders (no expressions, no attribute access); ``say(name, value)`` puts
    a fact's value in words (default: as prose, the terms as they are)."""

    def fill(match: re.Match) -> str:
        name = match.group(1).strip()
        return say(name, values[name])

    parts = template.split("{{")
    out = []
    for part in parts:
        pieces = part.split("}}")
        out.append("}".join(PLACEHOLDER.sub(fill, p) for p in pieces))
    return "{".join(out)
