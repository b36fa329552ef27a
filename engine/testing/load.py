"""Loading case files: every problem in a file located and reported at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..core.library import Library
from ..core.pack import Pack
from ..errors import Diagnostic, EntenteError, did_you_mean
from ..io import yaml_file
from ..io.document import Document
from ..io.folders import files_in, is_file, is_folder
from ..model import Forum, PartnerProfile, Proposal
from ..model.situation import Situation
from ..model.validate import describe, validate
from ..values import DATE_HELP, iso_date
from .spec import (DEFAULT_TODAY, SHORTHANDS, Case, CaseFile, CaseFileSpec, CaseSpec, Expectation, ExpectedFinding,
                   ExpectSpec)


def _date(value: str | None, doc: Document, loc: tuple, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        return iso_date(value)
    except ValueError as exc:
        raise EntenteError([doc.diagnostic(loc, str(exc), DATE_HELP)]) from None


def load_case_file(path: str | Path, pack: Pack, library: Library) -> CaseFile:
    """Load and check one case file; raise every problem in it at once."""
    doc = yaml_file.load(path)
    head = validate(doc, CaseFileSpec, pack.vocabulary, "a case file")
    problems: list[Diagnostic] = []
    policies = pack.by_id()
    if head.policy is not None and head.policy not in policies:
        problems.append(doc.diagnostic(("policy",), f"unknown policy '{head.policy}'",
                                       did_you_mean(head.policy, policies, "a policy id")))
    file_today = _date(head.today, doc, ("today",), DEFAULT_TODAY)
    out = CaseFile(doc.path, head.policy)
    names: dict[str, int] = {}
    for i in range(len(head.cases)):
        try:
            case = _load_case(doc, i, head.policy, pack, library, file_today)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        if case.name in names:
            problems.append(doc.diagnostic(("cases", i, "name"), f"duplicate case name '{case.name}'",
                                           f"already used at line {names[case.name]}; names must be unique in a file"))
            continue
        names[case.name] = case.line
        out.cases.append(case)
    if problems:
        raise EntenteError(problems)
    return out


def _load_case(doc: Document, i: int, scope: str | None, pack: Pack, library: Library,
               file_today: dt.date) -> Case:
    loc = ("cases", i)
    sub = doc.sub(loc)
    spec = validate(sub, CaseSpec, pack.vocabulary, "a case")
    problems: list[Diagnostic] = []

    def attempt(func, *args):
        try:
            return func(*args)
        except EntenteError as exc:
            problems.extend(exc.diagnostics)
            return None

    partner = attempt(_partner, spec.partner, sub, library)
    forum = attempt(_forum, spec.forum, sub, library) if spec.forum is not None else None
    proposal = attempt(_proposal, spec, sub, pack, partner)
    expect = attempt(_expectation, spec.expect, sub, scope, pack)
    today = attempt(_date, spec.today, sub, ("today",), file_today)
    if problems:
        raise EntenteError(problems)
    line = doc.position(loc).line
    return Case(doc.path, line, i, spec.name, scope, Situation(proposal, partner, forum, pack.vocabulary), expect,
                today, spec.todo, spec.source)


def _partner(value: Any, doc: Document, library: Library) -> PartnerProfile:
    if isinstance(value, str):
        return library.lookup("partner", value, doc, ("partner",))
    if isinstance(value, dict) and "library" in value:
        unknown = [k for k in value if k not in ("library", "with")]
        if unknown:
            raise EntenteError([doc.diagnostic(("partner", unknown[0]), f"unknown key '{unknown[0]}' in partner",
                                               did_you_mean(unknown[0], ["library", "with"], "one of", list_all=True),
                                               key=True)])
        base = library.lookup("partner", value["library"], doc, ("partner", "library"))
        overrides = value.get("with") or {}
        if not isinstance(overrides, dict):
            raise EntenteError([doc.diagnostic(("partner", "with"), f"`with` takes a mapping, got {describe(overrides)}",
                                               "write profile keys under `with:`, e.g. `hedging: aligned`")])
        merged = {**base.model_dump(mode="json", exclude_unset=True), **overrides}
        view = doc.sub(("partner", "with"))
        return validate(Document(doc.path, merged, view.values, view.keys), PartnerProfile, library.vocabulary,
                        "a partner profile")
    if isinstance(value, dict):
        return validate(doc.sub(("partner",)), PartnerProfile, library.vocabulary, "a partner profile")
    raise EntenteError([doc.diagnostic(("partner",), f"partner: expected a library id or a profile, got {describe(value)}",
                                       "write `partner: vietnam`, `partner: {library: vietnam, with: {...}}`, "
                                       "or a whole profile")])


def _forum(value: Any, doc: Document, library: Library) -> Forum:
    if isinstance(value, str):
        return library.lookup("forum", value, doc, ("forum",))
    if isinstance(value, dict):
        return validate(doc.sub(("forum",)), Forum, library.vocabulary, "a forum")
    raise EntenteError([doc.diagnostic(("forum",), f"forum: expected a library id or a forum, got {describe(value)}",
                                       "write `forum: quad` or a whole forum")])


def _proposal(spec: CaseSpec, doc: Document, pack: Pack, partner: PartnerProfile | None) -> Proposal:
    value = spec.proposal
    if isinstance(value, str):
        path = Path(doc.path).parent / value
        if not is_file(path):
            raise EntenteError([doc.diagnostic(("proposal",), f"no proposal file '{value}'",
                                               "give a path relative to this case file, or write the proposal inline")])
        return validate(yaml_file.load(path), Proposal, pack.vocabulary, "a proposal")
    if not isinstance(value, dict):
        raise EntenteError([doc.diagnostic(("proposal",), f"proposal: expected a mapping or a file path, got "
                                           f"{describe(value)}", "write the proposal's keys under `proposal:`")])
    view = doc.sub(("proposal",))
    data = {"id": spec.name, "title": spec.name.replace("-", " "), **value}
    if not any(k in value for k in ("partner", "partners")):
        # the case's partner (its id, or a placeholder when its lookup failed and was reported already)
        data["partner"] = partner.id if partner is not None else "case-partner"
    return validate(Document(doc.path, data, view.values, view.keys), Proposal, pack.vocabulary, "a proposal")


def _expectation(value: Any, doc: Document, scope: str | None, pack: Pack) -> Expectation:
    loc = ("expect",)
    if isinstance(value, str):
        if value not in SHORTHANDS:
            raise EntenteError([doc.diagnostic(loc, f"unknown expectation '{value}'",
                                               did_you_mean(value, SHORTHANDS, "one of", list_all=True))])
        if scope is None:
            raise EntenteError([doc.diagnostic(loc, f"`expect: {value}` needs a per-policy file (`policy:` at the top)",
                                               "in a scenario, list the findings: `expect: {findings: [id, ...]}`")])
        target = (ExpectedFinding(id=scope),)
        return Expectation(target if value == "fires" else (), (), (), (scope,) if value == "undecided" else ())
    if not isinstance(value, dict):
        raise EntenteError([doc.diagnostic(loc, f"expect: expected fires, silent, undecided or a mapping, got "
                                           f"{describe(value)}", "write `expect: fires` or `expect: {findings: [...]}`")])
    spec = validate(doc.sub(loc), ExpectSpec, pack.vocabulary, "an expectation")

    def norm(items):
        return tuple(i if isinstance(i, ExpectedFinding) else ExpectedFinding(id=i) for i in items)

    expect = Expectation(norm(spec.findings) if spec.findings is not None else None, norm(spec.includes),
                         tuple(spec.excludes), tuple(spec.undecided))
    known = pack.by_id()
    problems = [doc.diagnostic(loc, f"unknown policy '{pid}' in the expectation",
                               did_you_mean(pid, known, "a policy id")) for pid in sorted(expect.ids()) if pid not in known]
    if scope is not None:
        problems += [doc.diagnostic(loc, f"this file pins '{scope}'; '{pid}' belongs in its own file or a scenario",
                                    f"expect only '{scope}' here") for pid in sorted(expect.ids())
                     if pid in known and pid != scope]
    if problems:
        raise EntenteError(problems)
    return expect


def case_files(paths: list[Path]) -> list[Path]:
    """Every case file under the given files and folders, sorted, without repeats."""
    found: list[Path] = []
    for p in paths:
        if is_folder(p):
            found += files_in(p, ".yaml", recursive=True)
        else:
            found.append(p)
    return list(dict.fromkeys(found))
