"""Waivers: accepted risks, with a reason, an owner and an expiry date.

A waived finding stays in the output, marked waived with its reason, and no longer counts
toward --fail-on. An expired waiver stops waiving and is reported; a waiver that matches
nothing is reported as unused; a waiver naming an unknown policy is an error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import EntenteError, did_you_mean
from ..io import yaml_file
from ..io.document import Document
from ..model.common import Ident, InputModel, IsoDate, Text
from ..model.validate import validate
from .pack import Pack
from .results import Result, WaiverNote


class WaiverSpec(InputModel):
    policy: Ident
    partner: Ident | None = None
    proposal: Ident | None = None
    reason: Text = Field(min_length=3)
    owner: Text = Field(min_length=2)
    expires: IsoDate

    @model_validator(mode="after")
    def _scoped(self) -> WaiverSpec:
        if self.partner is None and self.proposal is None:
            raise PydanticCustomError(
                "unscoped_waiver",
                "the waiver names neither a partner nor a proposal",
                {
                    "help": "add `partner: <id>` and/or `proposal: <id>`: a waiver accepts one risk, "
                    "not a policy everywhere"
                },
            )
        return self


class WaiverFile(InputModel):
    waivers: list[WaiverSpec]


class Waiver(msgspec.Struct, frozen=True):
    spec: WaiverSpec
    path: str
    line: int

    @property
    def label(self) -> str:
        scope = " ".join(f"{k} {v}" for k, v in (("partner", self.spec.partner), ("proposal", self.spec.proposal)) if v)
        where = f"{self.path}:{self.line}" if self.line else self.path  # line 0: a JSON Pointer (the API)
        return (
            f"{where}: {self.spec.policy} for {scope} (owner {self.spec.owner}, expires "
            f"{self.spec.expires.isoformat()})"
        )

    def matches(self, policy: str, partner: str, proposal: str) -> bool:
        s = self.spec
        return s.policy == policy and s.partner in (None, partner) and s.proposal in (None, proposal)


def load_waivers(path: str | Path, pack: Pack) -> list[Waiver]:
    return waivers_from(yaml_file.load(path), pack)


def waivers_from(doc: Document, pack: Pack) -> list[Waiver]:
    """The waivers of a parsed waiver file (or a request's `waivers`: engine/service), checked against the pack."""
    spec = validate(doc, WaiverFile, pack.vocabulary, "a waiver file")
    known = pack.by_id()
    problems = [
        doc.diagnostic(
            ("waivers", i, "policy"),
            f"unknown policy '{w.policy}' in a waiver",
            did_you_mean(w.policy, known, "a policy id", see="entente policies list"),
        )
        for i, w in enumerate(spec.waivers)
        if w.policy not in known
    ]
    if problems:
        raise EntenteError(problems)
    return [Waiver(w, doc.path, doc.position(("waivers", i)).line) for i, w in enumerate(spec.waivers)]


class WaiverReport(msgspec.Struct, frozen=True):
    """What applying waivers found: the waivers that waived a finding, those expired, those unused."""

    used: tuple[Waiver, ...] = ()
    expired: tuple[Waiver, ...] = ()
    unused: tuple[Waiver, ...] = ()

    def warnings(self) -> list[str]:
        """The warnings on expired, then on unused waivers."""
        return [f"expired waiver (no longer waives): {w.label}" for w in self.expired] + [
            f"unused waiver (matches no finding): {w.label}" for w in self.unused
        ]


def apply_waivers(results: list[Result], waivers: list[Waiver], today: dt.date) -> WaiverReport:
    """Mark waived findings in place; report which waivers waived, expired or matched nothing."""
    active = [w for w in waivers if w.spec.expires >= today]
    used: set[int] = set()
    for result in results:
        scoped = [(f, f.members) for f in result.forum_findings]  # (finding, the partners it concerns)
        scoped += [(f, [a.partner]) for a in result.assessments for f in a.findings]
        for finding, partners in scoped:
            for i, w in enumerate(active):
                if any(w.matches(finding.id, partner, result.proposal) for partner in partners):
                    used.add(i)
                    finding.waived = WaiverNote(
                        reason=w.spec.reason, owner=w.spec.owner, expires=w.spec.expires.isoformat()
                    )
                    break
    return WaiverReport(
        used=tuple(w for i, w in enumerate(active) if i in used),
        expired=tuple(w for w in waivers if w.spec.expires < today),
        unused=tuple(w for i, w in enumerate(active) if i not in used),
    )
