"""Regression cases: YAML files that pin what each policy must and must not say.

A case file under ``cases/`` is either *per policy* (``policy: <id>`` at the top: only that
policy's finding is considered, like a linter's rule cases) or a *scenario* (no ``policy``:
every policy runs and the expectation covers them all). See cases/README.md.

The same loader and runner serve ``entente test`` and the pytest plugin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import Field

from . import source
from .assess import Assessment, Engine, Options
from .errors import Diagnostic, EntenteError, did_you_mean
from .facts import Situation
from .library import Library
from .load import describe, validate
from .models import Forum, PartnerProfile, Proposal
from .models.common import Ident, InputModel, Text, term
from .pack import Pack

SHORTHANDS = ("fires", "silent", "undecided")


class ExpectedFinding(InputModel):
    id: Ident
    severity: term("severity") | None = None
    message_contains: Text | None = None


class ExpectSpec(InputModel):
    findings: list[Ident | ExpectedFinding] | None = None  # the exact set
    includes: list[Ident | ExpectedFinding] = Field(default_factory=list)
    excludes: list[Ident] = Field(default_factory=list)
    undecided: list[Ident] = Field(default_factory=list)


class CaseSpec(InputModel):
    name: Ident
    partner: Any
    forum: Any = None
    proposal: Any
    expect: Any
    todo: Text | None = None
    source: Text | None = None
    today: str | None = None


class CaseFileSpec(InputModel):
    policy: Ident | None = None
    description: Text = ""
    today: str | None = None
    cases: list[Any]


@dataclass(frozen=True)
class Expectation:
    findings: tuple[ExpectedFinding, ...] | None
    includes: tuple[ExpectedFinding, ...]
    excludes: tuple[str, ...]
    undecided: tuple[str, ...]

    def ids(self) -> set[str]:
        found = [e.id for e in (self.findings or ()) + self.includes]
        return set(found) | set(self.excludes) | set(self.undecided)


@dataclass(frozen=True)
class Case:
    path: str
    line: int
    index: int
    name: str
    policy: str | None
    situation: Situation
    expect: Expectation
    today: dt.date
    todo: str | None = None
    source: str | None = None

    @property
    def node_id(self) -> str:
        return f"{self.path}::{self.name}"


@dataclass
class CaseFile:
    path: str
    policy: str | None
    cases: list[Case] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """The result of one case: passed or not, and the lines that say why."""

    case: Case
    assessment: Assessment
    problems: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.case.todo:
            return "todo-passes" if not self.problems else "todo"
        return "failed" if self.problems else "passed"

    @property
    def counts_as_failure(self) -> bool:
        return self.status == "failed"


DEFAULT_TODAY = dt.date(2025, 11, 24)


def _date(value: str | None, doc: source.Document, loc: tuple, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise EntenteError([doc.diagnostic(loc, f"'{value}' is not an ISO date", "write YYYY-MM-DD")]) from None


def load_case_file(path: str | Path, pack: Pack, library: Library) -> CaseFile:
    """Load and check one case file; raise every problem in it at once."""
    doc = source.load(path)
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


def _load_case(doc: source.Document, i: int, scope: str | None, pack: Pack, library: Library,
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


def _partner(value: Any, doc: source.Document, library: Library) -> PartnerProfile:
    if isinstance(value, str):
        return _from_library(value, library.partner, library.partner_ids(), "partner", doc, ("partner",))
    if isinstance(value, dict) and "library" in value:
        unknown = [k for k in value if k not in ("library", "with")]
        if unknown:
            raise EntenteError([doc.diagnostic(("partner", unknown[0]), f"unknown key '{unknown[0]}' in partner",
                                               did_you_mean(unknown[0], ["library", "with"], "one of", list_all=True),
                                               key=True)])
        base = _from_library(value["library"], library.partner, library.partner_ids(), "partner", doc,
                             ("partner", "library"))
        overrides = value.get("with") or {}
        if not isinstance(overrides, dict):
            raise EntenteError([doc.diagnostic(("partner", "with"), f"`with` takes a mapping, got {describe(overrides)}",
                                               "write profile keys under `with:`, e.g. `hedging: aligned`")])
        merged = {**base.model_dump(mode="json", exclude_unset=True), **overrides}
        view = doc.sub(("partner", "with"))
        return validate(source.Document(doc.path, merged, view.values, view.keys), PartnerProfile, library.vocabulary,
                        "a partner profile")
    if isinstance(value, dict):
        return validate(doc.sub(("partner",)), PartnerProfile, library.vocabulary, "a partner profile")
    raise EntenteError([doc.diagnostic(("partner",), f"partner: expected a library id or a profile, got {describe(value)}",
                                       "write `partner: vietnam`, `partner: {library: vietnam, with: {...}}`, "
                                       "or a whole profile")])


def _forum(value: Any, doc: source.Document, library: Library) -> Forum:
    if isinstance(value, str):
        return _from_library(value, library.forum, library.forum_ids(), "forum", doc, ("forum",))
    if isinstance(value, dict):
        return validate(doc.sub(("forum",)), Forum, library.vocabulary, "a forum")
    raise EntenteError([doc.diagnostic(("forum",), f"forum: expected a library id or a forum, got {describe(value)}",
                                       "write `forum: quad` or a whole forum")])


def _from_library(ref, load, known, what, doc, loc):
    if ref not in known:
        raise EntenteError([doc.diagnostic(loc, f"unknown {what} '{ref}'", did_you_mean(str(ref), known, f"a {what} id"))])
    return load(ref)


def _proposal(spec: CaseSpec, doc: source.Document, pack: Pack, partner: PartnerProfile | None) -> Proposal:
    value = spec.proposal
    if isinstance(value, str):
        path = Path(doc.path).parent / value
        if not path.is_file():
            raise EntenteError([doc.diagnostic(("proposal",), f"no proposal file '{value}'",
                                               "give a path relative to this case file, or write the proposal inline")])
        return validate(source.load(path), Proposal, pack.vocabulary, "a proposal")
    if not isinstance(value, dict):
        raise EntenteError([doc.diagnostic(("proposal",), f"proposal: expected a mapping or a file path, got "
                                           f"{describe(value)}", "write the proposal's keys under `proposal:`")])
    view = doc.sub(("proposal",))
    data = {"id": spec.name, "title": spec.name.replace("-", " "), **value}
    if not any(k in value for k in ("partner", "partners")):
        # the case's partner (its id, or a placeholder when its lookup failed and was reported already)
        data["partner"] = partner.id if partner is not None else "case-partner"
    return validate(source.Document(doc.path, data, view.values, view.keys), Proposal, pack.vocabulary, "a proposal")


def _expectation(value: Any, doc: source.Document, scope: str | None, pack: Pack) -> Expectation:
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


def run_case(case: Case, engine: Engine) -> Outcome:
    """Assess the case's situation (durable_rules decides) and compare with the expectation."""
    assessment = engine.assess_situation(case.situation, Options(today=case.today))
    return Outcome(case, assessment, tuple(compare(case, assessment)))


def compare(case: Case, assessment: Assessment) -> list[str]:
    scope = case.policy
    actual = {f.id: f for f in assessment.findings if scope is None or f.id == scope}
    undecided = {u.id: u for u in assessment.undecided if scope is None or u.id == scope}
    lines: list[str] = []
    expect = case.expect

    def check(e: ExpectedFinding) -> None:
        found = actual.get(e.id)
        if found is None:
            why = f" (undecided: the profile lacks {', '.join(undecided[e.id].missing)})" if e.id in undecided else ""
            lines.append(f"missing: {e.id}{why}")
            return
        if e.severity and found.severity != e.severity:
            lines.append(f"severity: {e.id} is {found.severity}, expected {e.severity}")
        if e.message_contains and e.message_contains not in found.message:
            lines.append(f"message: {e.id} does not say \u201c{e.message_contains}\u201d: {found.message}")

    for e in expect.findings or ():
        check(e)
    if expect.findings is not None:
        wanted = {e.id for e in expect.findings}
        for fid, f in actual.items():
            if fid not in wanted:
                lines.append(f"unexpected: {fid} ({f.severity}): {f.message}")
    for e in expect.includes:
        check(e)
    for fid in expect.excludes:
        if fid in actual:
            lines.append(f"unexpected: {fid} ({actual[fid].severity}): {actual[fid].message}")
    for uid in expect.undecided:
        if uid not in undecided:
            state = "fired" if uid in actual else "was decided silent"
            lines.append(f"missing: {uid} as undecided ({state})")
    return lines


def case_files(paths: list[Path]) -> list[Path]:
    """Every case file under the given files and folders, sorted, without repeats."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(q for q in p.rglob("*.yaml"))
        else:
            found.append(p)
    return list(dict.fromkeys(found))


def run_cases(cases: list[Case], engine: Engine, jobs: int = 1,
              progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """Run cases in worker processes; a case that crashes the evaluation core fails alone."""
    from .batch import Crashed, Raised, run_isolated

    def work(case: Case) -> tuple[Assessment, tuple[str, ...]]:
        outcome = run_case(case, engine)
        return outcome.assessment, outcome.problems  # the parent has the case: send back only the verdict

    outcomes = []
    for case, result in zip(cases, run_isolated(work, cases, jobs, progress=progress)):
        if isinstance(result, Raised):
            raise result.error
        if isinstance(result, Crashed):
            empty = Assessment(partner=case.situation.partner.id, partner_name=case.situation.partner.name,
                               forum=None, profile_as_of=None, profile_stale=False, findings=[], undecided=[])
            outcomes.append(Outcome(case, empty, (f"error: the evaluation core crashed ({result.reason})",)))
        else:
            outcomes.append(Outcome(case, *result))
    return outcomes
