"""The keys of a policy file: what validates them (engine.policy.policy parses the conditions and makes the
:class:`~engine.policy.policy.Policy`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..model.common import Ident, InputModel, Text, term


class Rationale(InputModel):
    text: Text
    source: Ident
    quote: Text


class VariantFile(InputModel):
    """A case of the policy that changes its finding: the first variant whose `when` holds applies."""

    when: Any
    severity: term("severity") | None = None
    message: Text | None = None
    confidence: Literal["lower"] | None = None


class PolicyFile(InputModel):
    """The keys of a policy file (the conditions are parsed separately)."""

    id: Ident
    title: Text
    severity: term("severity")
    about: Literal["partner", "forum"] = "partner"  # forum: one finding about the forum, not one per member
    rationale: Rationale
    recommendation: Text
    references: list[Text] = Field(default_factory=list)
    message: Text
    when: Any
    variants: list[VariantFile] = Field(default_factory=list)
