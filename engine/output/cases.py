"""Reports of a case run: text (pytest-style), JSON and JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from ..analysis.coverage import PolicyCoverage, total_percent
from ..testing.runner import CaseRun
from ..testing.spec import Outcome
from ..values import inert

MARKS = {"passed": ".", "failed": "F", "todo": "t", "todo-passes": "T"}


def counts(outcomes: list[Outcome]) -> Counter:
    return Counter(o.status for o in outcomes)


def summary(outcomes: list[Outcome]) -> str:
    c = counts(outcomes)
    parts = [f"{c['passed']} passed", f"{c['failed']} failed"]
    if c["todo"]:
        parts.append(f"{c['todo']} todo")
    if c["todo-passes"]:
        parts.append(f"{c['todo-passes']} todo passing")
    return ", ".join(parts)


def render_text(run: CaseRun) -> str:
    outcomes, coverage = run.outcomes, run.coverage
    lines: list[str] = []
    by_file: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_file.setdefault(o.case.path, []).append(o)
    for path, group in by_file.items():
        lines.append(f"{path} {''.join(MARKS[o.status] for o in group)}")
    for o in outcomes:
        if o.status == "failed":
            lines += ["", f"FAILED {o.case.path}:{o.case.line} {o.case.name}"] + [f"  {p}" for p in o.problems]
        elif o.status == "todo":
            lines += ["", f"TODO {o.case.path}:{o.case.line} {o.case.name} ({o.case.todo})"] + [
                f"  {p}" for p in o.problems
            ]
        elif o.status == "todo-passes":
            lines += ["", f"TODO PASSES {o.case.path}:{o.case.line} {o.case.name}: remove `todo:` to pin it"]
    if coverage is not None:
        lines += ["", coverage_text(coverage)]
    lines += ["", summary(outcomes)]
    return inert("\n".join(lines) + "\n")  # case names and messages are the user's text


def coverage_text(coverage: list[PolicyCoverage]) -> str:
    width = max(len(c.id) for c in coverage)
    lines = [f"{'policy':<{width}}  fires  silent  covered  gaps"]
    for c in coverage:
        gaps = c.gaps()
        lines.append(
            f"{c.id:<{width}}  {c.fired:>5}  {c.silent:>6}  {c.percent:>6.0f}%  {gaps[0] if gaps else ''}".rstrip()
        )
        lines += [f"{'':<{width}}  {'':>5}  {'':>6}  {'':>7}  {g}" for g in gaps[1:]]
    lines.append(f"total coverage {total_percent(coverage):.1f}%")
    return "\n".join(lines)


def render_json(run: CaseRun) -> str:
    from .json_out import dumps

    return dumps(as_json(run.outcomes, run.coverage))


def as_json(outcomes: list[Outcome], coverage: list[PolicyCoverage] | None = None) -> dict:
    data = {
        "summary": dict(counts(outcomes)),
        "cases": [
            {
                "file": o.case.path,
                "line": o.case.line,
                "name": o.case.name,
                "policy": o.case.policy,
                "status": o.status,
                "problems": list(o.problems),
                "findings": [{"id": f.id, "severity": f.severity} for f in o.assessment.findings],
            }
            for o in outcomes
        ],
    }
    if coverage is not None:
        data["coverage"] = {
            "total": round(total_percent(coverage), 1),
            "policies": [
                {"id": c.id, "fires": c.fired, "silent": c.silent, "percent": round(c.percent, 1), "gaps": c.gaps()}
                for c in coverage
            ],
        }
    return data


def render_junit(run: CaseRun) -> str:
    outcomes = run.outcomes
    c = counts(outcomes)
    suite = ET.Element(
        "testsuite",
        name="entente",
        tests=str(len(outcomes)),
        failures=str(c["failed"]),
        skipped=str(c["todo"] + c["todo-passes"]),
        errors="0",
    )
    for o in outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=o.case.path.replace("/", ".").removesuffix(".yaml"),
            name=o.case.name,
            file=o.case.path,
            line=str(o.case.line),
        )
        if o.status == "failed":
            failure = ET.SubElement(case, "failure", message=o.problems[0])
            failure.text = "\n".join(o.problems)
        elif o.status.startswith("todo"):
            ET.SubElement(case, "skipped", message=f"todo: {o.case.todo}")
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
