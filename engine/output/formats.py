"""Output formats by name: for each kind of report, what ``--format`` offers and the renderer of each.

A renderer takes the report model and returns the text; modules are imported only when used
(a cold ``vet`` imports only the renderer it prints with). To add a format, add its renderer to
an ``output/`` module and one entry here: the command's ``--format`` choice reads the names.
"""

from __future__ import annotations

import importlib
from typing import Any


class Formats:
    """Renderers of one kind of report, by format name: ``render(fmt, report) -> str``."""

    def __init__(self, renderers: dict[str, str]):
        self._renderers = renderers  # name -> "module:function" under engine.output

    @property
    def names(self) -> list[str]:
        return list(self._renderers)

    def render(self, fmt: str, report: Any) -> str:
        module, _, function = self._renderers[fmt].partition(":")
        return getattr(importlib.import_module(f"engine.output.{module}"), function)(report)


RESULTS = Formats({"text": "text:render", "json": "json_out:render", "jsonl": "json_out:render_lines"})
EXPLANATIONS = Formats({"text": "text:render_explanations", "json": "json_out:render_explanations"})
WHATIF = Formats({"text": "whatif:render_text", "json": "whatif:render_json"})
IMPACT = Formats({"text": "impact:render_text", "json": "impact:render_json", "markdown": "impact:render_markdown"})
CASES = Formats({"text": "cases:render_text", "json": "cases:render_json", "junit": "cases:render_junit"})
FACTS = Formats(
    {"text": "catalogue:facts_text", "json": "catalogue:facts_json", "markdown": "catalogue:facts_markdown"}
)
PROFILES = Formats({"text": "library:render_text", "json": "library:render_json"})
PROFILE_FACTS = Formats(
    {"text": "provenance:show_text", "json": "provenance:show_json", "yaml": "provenance:show_yaml"}
)
REVIEW = Formats({"text": "provenance:review_text", "json": "provenance:review_json"})
LIBRARY_DIFF = Formats(
    {"text": "library_diff:render_text", "json": "library_diff:render_json", "markdown": "library_diff:render_markdown"}
)
NOTES = Formats({"markdown": "brief.render:markdown", "html": "brief.render:html"})
