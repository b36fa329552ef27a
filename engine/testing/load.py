"""Loading case files: every problem in a file located and reported at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.library import Library
from ..core.pack import Pack
from ..errors import Diagnostic, EntenteError, did_you_mean
from ..io import yaml_file
from ..io.document import Document
from ..io.folders import files_in, is_file, is_folder
from ..model import PartnerProfile, Proposal
from ..model.situation import Situation
from ..model.validate import describe, validate
from ..model.vocabulary import Vocabulary
from ..values import DATE_HELP, iso_date
from .expect import expectation
from .profiles import FIXTURES_SUFFIX, CaseProfiles, case_forum, case_partner, case_profiles
from .spec import (
    DEFAULT_TODAY,
    Case,
    CaseFile,
    CaseFileSpec,
    CaseSpec,
)


def _date(value: str | None, doc: Document, loc: tuple, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        return iso_date(value)
    except ValueError as exc:
        raise doc.error(loc, str(exc), DATE_HELP) from None


def load_case_file(path: str | Path, pack: Pack, library: Library) -> CaseFile:
    """Load and check one case file; raise every problem in it at once."""
    doc = yaml_file.load(path)
    head = validate(doc, CaseFileSpec, pack.vocabulary, "a case file")
    problems: list[Diagnostic] = []
    policies = pack.by_id()
    if head.policy is not None and head.policy not in policies:
        problems.append(
            doc.diagnostic(
                ("policy",),
                f"unknown policy '{head.policy}'",
                did_you_mean(head.policy, policies, "a policy id", see="entente policies list"),
            )
        )
    file_today = _date(head.today, doc, ("today",), DEFAULT_TODAY)
    profiles = case_profiles(head, doc, library)
    out = CaseFile(doc.path, head.policy)
    names: dict[str, int] = {}
    for i in range(len(head.cases)):
        try:
            case = _load_case(doc, i, head.policy, pack, profiles, file_today)
        except EntenteError as exc:
            problems += exc.diagnostics
            continue
        if case.name in names:
            problems.append(
                doc.diagnostic(
                    ("cases", i, "name"),
                    f"duplicate case name '{case.name}'",
                    f"already used at line {names[case.name]}; names must be unique in a file",
                )
            )
            continue
        names[case.name] = case.line
        out.cases.append(case)
    if problems:
        raise EntenteError(problems)
    return out


def _load_case(
    doc: Document, i: int, scope: str | None, pack: Pack, profiles: CaseProfiles, file_today: dt.date
) -> Case:
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

    partner = attempt(case_partner, spec.partner, sub, profiles)
    forum = attempt(case_forum, spec.forum, sub, profiles) if spec.forum is not None else None
    proposal = attempt(_proposal, spec, sub, profiles.vocabulary, partner)
    expect = attempt(expectation, spec.expect, sub, scope, pack)
    today = attempt(_date, spec.today, sub, ("today",), file_today)
    if problems:
        raise EntenteError(problems)
    line = doc.position(loc).line
    return Case(
        doc.path,
        line,
        i,
        spec.name,
        scope,
        Situation(proposal, partner, forum, profiles.vocabulary),
        expect,
        today,
        spec.todo,
        spec.source,
    )


def _proposal(spec: CaseSpec, doc: Document, vocabulary: Vocabulary, partner: PartnerProfile | None) -> Proposal:
    value = spec.proposal
    if isinstance(value, str):
        path = Path(doc.path).parent / value
        if not is_file(path):
            raise doc.error(
                ("proposal",),
                f"no proposal file '{value}'",
                "give a path relative to this case file, or write the proposal inline",
            )
        return validate(yaml_file.load(path), Proposal, vocabulary, "a proposal")
    if not isinstance(value, dict):
        raise doc.error(
            ("proposal",),
            f"proposal: expected a mapping or a file path, got {describe(value)}",
            "write the proposal's keys under `proposal:`",
        )
    view = doc.sub(("proposal",))
    data = {"id": spec.name, "title": spec.name.replace("-", " "), **value}
    if not any(k in value for k in ("partner", "partners")):
        # the case's partner; when its lookup failed (reported already), any known party keeps the proposal's own
        # errors from being drowned by a second report of the same unknown partner
        data["partner"] = partner.id if partner is not None else "united_states"
    return validate(Document(doc.path, data, view.values, view.keys), Proposal, vocabulary, "a proposal")


def case_files(paths: list[Path]) -> list[Path]:
    """Every case file under the given files and folders, sorted, without repeats (fixture files are not cases)."""
    found: list[Path] = []
    for p in paths:
        if is_folder(p):
            found += [q for q in files_in(p, ".yaml", recursive=True) if not q.name.endswith(FIXTURES_SUFFIX)]
        else:
            found.append(p)
    return list(dict.fromkeys(found))
