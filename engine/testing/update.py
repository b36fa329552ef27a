"""`entente test --update`: rewrite failing cases' expectations from current results.

Only the ``expect`` of failing cases changes; comments, order and formatting of the rest
of the file are kept (ruamel.yaml round trip), and the file is written atomically. A file
whose cases all pass is never touched.
"""

from __future__ import annotations

import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..io.files import rewrite
from ..io.inputs import read_text
from .spec import Outcome


def new_expectation(outcome: Outcome):
    case = outcome.case
    if case.policy is not None:
        if any(f.id == case.policy for f in outcome.assessment.findings):
            return "fires"
        if any(u.id == case.policy for u in outcome.assessment.undecided):
            return "undecided"
        return "silent"
    findings = CommentedSeq()
    for f in outcome.assessment.findings:
        item = CommentedMap()
        item["id"] = f.id
        item["severity"] = f.severity
        item.fa.set_flow_style()
        findings.append(item)
    expect = CommentedMap()
    expect["findings"] = findings
    return expect


def update_files(outcomes: list[Outcome]) -> list[str]:
    """Rewrite the files with failing (non-todo) cases; return the paths rewritten."""
    failing: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.status == "failed":
            failing.setdefault(o.case.path, []).append(o)
    written = []
    for path, group in failing.items():
        # The file already passed engine.io.yaml_file (no tags, no duplicate keys) when its cases were
        # loaded; ruamel's round-trip mode builds only comment-keeping maps, lists and scalars.
        round_trip = YAML(typ="rt")
        round_trip.preserve_quotes = True
        round_trip.width = 4096
        round_trip.indent(mapping=2, sequence=4, offset=2)
        text = read_text(path)
        data = round_trip.load(text)
        for o in group:
            data["cases"][o.case.index]["expect"] = new_expectation(o)
        buffer = io.StringIO()
        round_trip.dump(data, buffer)
        rewrite(path, buffer.getvalue())
        written.append(path)
    return written
