"""What the engine reads of an input beyond its fields: the methods its model and its record share.

An input reaches the engine as its pydantic model (validated now) or as its record (rebuilt from the validated
cache, engine.model.snapshot). Both inherit the class here that belongs to the model, so a method is written
once and means the same on either; nothing here imports pydantic.
"""

from __future__ import annotations


class ProfileReading:
    __slots__ = ()

    def given(self, name: str) -> bool:
        """Whether the profile states ``name`` (an omitted field is unknown, not empty)."""
        return name in self.model_fields_set

    @property
    def effective_tier(self) -> str:
        """The tier rules compare: a dormant or frozen alliance counts as the rung below alliance."""
        if self.tier == "alliance" and self.tier_status != "active":
            return "comprehensive_strategic_partnership_of_coordination"
        return self.tier

    @property
    def notes(self) -> tuple:
        """What loading the profile found worth saying (Diagnostics): the assessment's notes, stderr warnings."""
        return self._notes


class ProposalReading:
    __slots__ = ()

    def partner_ids(self) -> list[str]:
        """The partners named explicitly, in order, without repeats."""
        named = ([self.partner] if self.partner else []) + list(self.partners)
        return list(dict.fromkeys(named))


class SourceReading:
    __slots__ = ()

    @property
    def free(self) -> bool:
        """Free text: no id, url, date or supports (it supports nothing in particular)."""
        return self.model_fields_set <= {"text"}

    @property
    def cited(self) -> str:
        """The source as a reader cites it: its text, and its address."""
        return " \u2014 ".join(part for part in (self.text, self.url) if part)

    def ref(self, i: int) -> str:
        """How listings name the source: its id, else its place (``sources[3]``)."""
        return self.id or f"sources[{i}]"


READINGS = {
    "engine.model.profile:PartnerProfile": ProfileReading,
    "engine.model.proposal:Proposal": ProposalReading,
    "engine.model.source_entry:Source": SourceReading,
}
"""Each model's reading class, by the model's name (what a record of it inherits; a test checks the models)."""
