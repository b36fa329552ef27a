"""A case's expectation: `fires`/`silent`/`undecided`, or a mapping of findings pinned in detail."""

from __future__ import annotations

from typing import Any

from ..core.pack import Pack
from ..errors import EntenteError, did_you_mean
from ..io.document import Document
from ..model.snapshot import is_input
from ..model.validate import describe, validate
from .spec import SHORTHANDS, Expectation, ExpectedFinding, ExpectedUndecided, ExpectSpec


def expectation(value: Any, doc: Document, scope: str | None, pack: Pack) -> Expectation:
    loc = ("expect",)
    if isinstance(value, str):
        if value not in SHORTHANDS:
            raise doc.error(
                loc, f"unknown expectation '{value}'", did_you_mean(value, SHORTHANDS, "one of", list_all=True)
            )
        if scope is None:
            raise doc.error(
                loc,
                f"`expect: {value}` needs a per-policy file (`policy:` at the top)",
                "in a scenario, list the findings: `expect: {findings: [id, ...]}`",
            )
        target = (ExpectedFinding(id=scope),)
        return Expectation(
            target if value == "fires" else (),
            (),
            (),
            {"fires": None, "silent": (), "undecided": (ExpectedUndecided(id=scope),)}[value],
        )
    if not isinstance(value, dict):
        raise doc.error(
            loc,
            f"expect: expected fires, silent, undecided or a mapping, got {describe(value)}",
            "write `expect: fires` or `expect: {findings: [...]}`",
        )
    return _checked(
        _from_mapping(validate(doc.sub(loc), ExpectSpec, pack.vocabulary, "an expectation"), doc, scope),
        doc,
        scope,
        pack,
    )


def _from_mapping(spec: ExpectSpec, doc: Document, scope: str | None) -> Expectation:
    loc = ("expect",)
    if spec.finding is not None and scope is None:
        raise doc.error(
            loc + ("finding",),
            "`finding:` needs a per-policy file (`policy:` at the top)",
            "in a scenario, list the findings: `expect: {findings: [{id: ..., ...}]}`",
        )
    anonymous = [e for e in (spec.findings or []) + spec.includes if is_input(e) and e.id is None]
    if anonymous:
        raise doc.error(loc, "an expected finding needs its `id`", "add `id: <policy id>`")

    def norm(items):
        return tuple(items)

    includes = norm(spec.includes)
    if spec.finding is not None:
        includes += (spec.finding.model_copy(update={"id": spec.finding.id or scope}),)
    return Expectation(
        norm(spec.findings) if spec.findings is not None else None,
        includes,
        tuple(spec.excludes),
        None
        if spec.undecided is None
        else tuple(u if is_input(u) else ExpectedUndecided(id=u) for u in spec.undecided),
    )


def _checked(expect: Expectation, doc: Document, scope: str | None, pack: Pack) -> Expectation:
    """Every policy an expectation names exists, and a per-policy file names only its policy."""
    loc = ("expect",)
    known = pack.by_id()
    problems = [
        doc.diagnostic(
            loc,
            f"unknown policy '{pid}' in the expectation",
            did_you_mean(pid, known, "a policy id", see="entente policies list"),
        )
        for pid in sorted(expect.ids())
        if pid not in known
    ]
    if scope is not None:
        problems += [
            doc.diagnostic(
                loc,
                f"this file pins '{scope}'; '{pid}' belongs in its own file or a scenario",
                f"expect only '{scope}' here",
            )
            for pid in sorted(expect.ids())
            if pid in known and pid != scope
        ]
    if problems:
        raise EntenteError(problems)
    return expect
