"""Record what the v1 engine found on every shipped case and example a v1 file can express.

    python scripts/v1_baseline.py V1_CHECKOUT      # e.g. a worktree of commit 827e5a6 (before Contract v2)

Writes tests/fixtures/calibrations/v1-findings.json: for each case and each example's partner
whose inputs use no v2 construct, the findings (id, severity) the v1 engine and pack gave.
tests/test_calibrations.py compares them with today's findings: every change must be one of the
calibrations Contract v2 lists. Run it again only when the shipped cases or examples change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "tests" / "fixtures" / "calibrations" / "v1-findings.json"

# What v1 did with one situation, run inside the v1 checkout (its own `engine` package).
V1_DRIVER = r"""
import json, sys, datetime as dt
from engine.pack import load_pack
from engine.assess import engine_for, Options
from engine.facts import Situation
from engine.models import Forum, PartnerProfile, Proposal
pack = load_pack(sys.argv[1])
engine = engine_for(pack)
ctx = {"vocabulary": pack.vocabulary}
out = {}
for subject in json.load(sys.stdin):
    try:
        s = Situation(Proposal.model_validate(subject["proposal"], context=ctx),
                      PartnerProfile.model_validate(subject["partner"], context=ctx),
                      Forum.model_validate(subject["forum"], context=ctx) if subject["forum"] else None,
                      pack.vocabulary)
    except Exception:  # a term or a key v1 did not have: not a v1 file
        continue
    a = engine.assess_situation(s, Options(today=dt.date.fromisoformat(subject["today"])))
    out[subject["label"]] = [[f.id, f.severity] for f in a.findings]
print(json.dumps(out))
"""

V1_PROFILE_KEYS = {
    "id",
    "name",
    "actor",
    "as_of",
    "sources",
    "tier",
    "since",
    "political_system",
    "hedging",
    "stances",
    "disputes",
    "ties",
    "dependencies",
    "red_lines",
    "memberships",
    "accession_candidate",
}
V1_PROPOSAL_KEYS = {
    "id",
    "title",
    "summary",
    "actor",
    "partner",
    "partners",
    "forum",
    "kind",
    "cooperation",
    "adds_to_agenda",
    "adds_members",
    "conditions",
    "asks",
    "against",
    "names_as_adversary",
    "raises_disputes",
    "new_label",
    "deliverables",
    "measures",
    "public",
}


def v1_form(situation, v1_terms: dict[str, set[str]]) -> dict | None:
    """The situation as v1 files would write it, or None when it uses a v2 construct or term."""
    partner = situation.partner.model_dump(mode="json", exclude_unset=True)
    proposal = situation.proposal.model_dump(mode="json", exclude_unset=True, by_alias=True)
    # what no policy reads, in its v1 form: a source as its text, no label (a label feeds only the notes)
    partner["sources"] = [s if isinstance(s, str) else s.get("text") or s["url"] for s in partner.get("sources", [])]
    partner.pop("label", None)
    if set(partner) - V1_PROFILE_KEYS or set(proposal) - V1_PROPOSAL_KEYS:
        return None
    for field, key in (
        ("asks", "ask"),
        ("measures", "measure"),
        ("deliverables", "text"),
        ("raises_disputes", "issue"),
    ):
        items = proposal.get(field, [])
        if any(set(item) != {key} for item in items):
            return None  # an item with a v2 key (an issue, a status, a kind, a channel...)
        proposal[field] = [item[key] for item in items]
    if any(set(c) - {"at_stake", "requires"} for c in proposal.get("conditions", [])):
        return None
    used = {("ask", a) for a in proposal.get("asks", [])} | {("measure", m) for m in proposal.get("measures", [])}
    used |= {("action_kind", proposal.get("kind", "new_cooperation"))}
    used |= {("requirement", c["requires"]) for c in proposal.get("conditions", [])}
    used |= {("issue_area", c["at_stake"]) for c in proposal.get("conditions", [])}
    used |= {("red_line", r) for r in partner.get("red_lines", [])}
    if any(term not in v1_terms.get(category, set()) for category, term in used):
        return None
    forum = situation.forum.model_dump(mode="json", exclude_unset=True) if situation.forum else None
    for key in ("sources", "status", "superseded_by"):  # a forum's sources and status feed only the notes
        (forum or {}).pop(key, None)
    return {"partner": partner, "proposal": proposal, "forum": forum}


def subjects(v1_terms: dict[str, set[str]]) -> list[dict]:
    from engine.core.library import Library
    from engine.core.pack import load_pack
    from engine.core.resolve import load_proposals
    from engine.testing.load import case_files, load_case_file

    pack = load_pack(ROOT / "policies")
    library = Library.open(ROOT / "profiles", pack.vocabulary)
    found = []
    for path in case_files([ROOT / "cases"]):
        for case in load_case_file(path, pack, library).cases:
            form = v1_form(case.situation, v1_terms)
            if form is not None:
                label = f"{path.relative_to(ROOT)}::{case.name}"
                found.append({"label": label, "today": case.today.isoformat(), **form})
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        ((_, resolved),) = load_proposals([path], library)
        for situation in resolved.situations():
            form = v1_form(situation, v1_terms)
            if form is not None:
                label = f"{path.relative_to(ROOT)}::{situation.partner.id}"
                found.append({"label": label, "today": "2026-11-24", **form})
    return found


def main(v1_checkout: str) -> int:
    v1 = Path(v1_checkout)
    vocabulary = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import json,sys; from engine.pack import load_pack; "
                "print(json.dumps({k: list(v) for k, v in load_pack(sys.argv[1]).vocabulary.terms.items()}))",
                str(v1 / "policies"),
            ],
            cwd=v1,
            env={**os.environ, "PYTHONPATH": str(v1), "ENTENTE_NO_CACHE": "1"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    chosen = subjects({k: set(v) for k, v in vocabulary.items()})
    run = subprocess.run(
        [sys.executable, "-c", V1_DRIVER, str(v1 / "policies")],
        cwd=v1,
        input=json.dumps(chosen),
        env={**os.environ, "PYTHONPATH": str(v1), "ENTENTE_NO_CACHE": "1"},
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    findings = json.loads(run.stdout)
    OUT.write_text(json.dumps({"engine": "827e5a6", "findings": findings}, indent=1, sort_keys=True) + "\n")
    print(f"recorded the v1 findings of {len(findings)} cases and examples in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
