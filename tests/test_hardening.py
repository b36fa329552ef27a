"""Hardening: crash isolation, atomic writes, unwritable outputs, threads, inert text, no code from data."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from engine.core.engine import Engine, Options
from tests.conftest import ROOT, TODAY, build, entente
from tests.helpers import THREE_PROPOSALS

EXAMPLES = ROOT / "examples"


def run(*args: str):
    return entente(*args)


@pytest.fixture
def crash_on(monkeypatch):
    """Make the evaluation of one proposal kill its process with SIGSEGV (forked workers inherit this)."""

    def arm(proposal_id: str):
        original = Engine.assess_situation

        def assess_situation(self, situation, options):
            if situation.proposal.id == proposal_id:
                import faulthandler

                faulthandler.disable()  # the crash is deliberate: keep pytest's fault report out of the log
                os.kill(os.getpid(), signal.SIGSEGV)
            return original(self, situation, options)

        monkeypatch.setattr(Engine, "assess_situation", assess_situation)

    return arm


def test_a_crash_in_the_core_fails_one_proposal_and_the_batch_goes_on(crash_on):
    crash_on("vn-supply-chain-conditioned")
    paths = THREE_PROPOSALS
    result = run("vet", *paths, "--format", "json", "--today", "2025-11-24", "--jobs", "2")
    assert result.exit_code == 3
    docs = json.loads(result.stdout)
    assert [d["proposal"] for d in docs] == ["india-join-russia-sanctions", "vn-supply-chain-ringfenced"]
    assert result.stderr == (
        f"error: {paths[1]}: the evaluation core crashed (killed by SIGSEGV); the other proposals were assessed\n"
    )


def test_a_crash_fails_one_case_and_the_run_goes_on(crash_on, tmp_path):
    crash_on("crashing-case")
    cases = tmp_path / "c.yaml"
    cases.write_text("""\
policy: dispute-linkage
cases:
  - name: before
    partner: vietnam
    proposal: {conditions: [{at_stake: trade, requires: democratization}]}
    expect: fires
  - name: crashing-case
    partner: vietnam
    proposal: {}
    expect: silent
  - name: after
    partner: india
    proposal: {}
    expect: silent
""")
    result = run("test", str(cases))
    assert result.exit_code == 1
    assert (
        f"FAILED {cases}:7 crashing-case\n  error: the evaluation core crashed (killed by SIGSEGV)\n" in result.stdout
    )
    assert result.stdout.endswith("2 passed, 1 failed\n")


def test_batch_output_is_the_same_for_one_and_two_jobs():
    paths = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    one = run("vet", *paths, "--format", "json", "--today", "2025-11-24", "--jobs", "1")
    two = run("vet", *paths, "--format", "json", "--today", "2025-11-24", "--jobs", "2")
    assert one.stdout == two.stdout and len(json.loads(one.stdout)) == 4


def test_killed_during_a_write_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "report.xml"
    target.write_text("the old report\n")
    script = (
        "import os, sys, time\n"
        "os.fsync = lambda fd: (open(sys.argv[2], 'w').close(), time.sleep(60))\n"
        "from engine.io.files import write_atomic\n"
        "write_atomic(sys.argv[1], 'the new report ' * 100000)\n"
    )
    flag = tmp_path / "writing"
    proc = subprocess.Popen([sys.executable, "-c", script, str(target), str(flag)], cwd=ROOT)
    deadline = time.time() + 30
    while not flag.exists() and time.time() < deadline:
        time.sleep(0.02)
    assert flag.exists(), "the writer never reached the middle of its write"
    proc.kill()
    proc.wait()
    assert target.read_text() == "the old report\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.xml.")]
    assert len(leftovers) == 1  # the half-written temporary file, never the target


def test_atomic_write_replaces_and_keeps_permissions(tmp_path):
    from engine.io.files import write_atomic

    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_output_to_a_missing_folder_is_a_clear_error(tmp_path):
    result = run("vet", str(EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"), "-o", str(tmp_path / "no" / "x.txt"))
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/no/x.txt: cannot write: no folder '{tmp_path}/no'\n"
        "  help: create the folder first, or choose another path\n1 error\n"
    )


def test_output_to_a_read_only_folder_via_permission_error(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("vet", str(EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"), "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/x.txt: cannot write: permission denied in '{tmp_path}'\n"
        "  help: choose a folder you can write to\n1 error\n"
    )


def test_assessments_from_eight_threads_match_sequential(engine, pack):
    situations = [
        build(
            pack,
            proposal={"asks": ["basing_access", "sanctions_alignment"], "against": ["china"]},
            partner={"ties": [{"party": "china", "tier": "strategic_partnership"}], "red_lines": ["no_foreign_bases"]},
        ),
        build(
            pack,
            proposal={"kind": "conditionality", "conditions": [{"at_stake": "trade", "requires": "democratization"}]},
            partner={"stances": {"democracy": "opposed"}},
        ),
        build(pack, proposal={"kind": "relationship_upgrade", "new_label": "alliance"}, drop=("hedging",)),
        build(pack, proposal={"cooperation": ["supply_chains"]}),
    ]
    options = Options(today=TODAY)
    expected = [engine.assess_situation(s, options) for s in situations]
    errors, mismatches = [], []

    def work(offset: int):
        try:
            for i in range(125):
                k = (i + offset) % len(situations)
                if engine.assess_situation(situations[k], options) != expected[k]:
                    mismatches.append(k)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and mismatches == []


def test_user_text_is_inert_in_terminal_output(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text('id: evil\ntitle: "Offer \\e[31mRED\\e[0m \\u202Eevil\\u202C \\u200B."\npartner: vietnam\n')
    result = run("vet", str(evil), "--today", "2025-11-24")
    first = result.stdout.splitlines()[0]
    assert first == "evil: Offer \\x1b[31mRED\\x1b[0m \\u202eevil\\u202c \\u200b."
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_no_code_from_data_is_reachable():
    """No eval/exec/pickle or unsafe YAML loading anywhere in the package. ``marshal.dumps`` (the memo of
    verdicts' key: bytes out, nothing ever loaded from them) is the one marshal call allowed."""
    pattern = re.compile(r"(^|[^_.\w])(eval|exec|compile)\(|pickle\.|yaml\.load\(|marshal\.(?!dumps\()|__import__\(")
    offenders = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line.split("#")[0]):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [['true']]",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!omap [a: 1]",
    ],
)
def test_yaml_tags_never_construct_objects(tmp_path, tag):
    from engine.errors import EntenteError
    from engine.io import yaml_file as source

    path = tmp_path / "f.yaml"
    path.write_text(f"id: x\nname: {tag}\n")
    with pytest.raises(EntenteError) as exc:
        source.load(path)
    assert "is not allowed" in exc.value.diagnostics[0].message


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_a_crash_inside_a_chunk_costs_that_input_alone(jobs):
    """Workers get chunks of inputs; a worker that dies mid-chunk loses only the input it was on, the
    rest of its chunk is done by a new worker, and results keep the order of the inputs."""
    from engine.runtime.batch import Crashed, Raised, run_isolated

    def work(i: int) -> int:
        if i in (5, 150, 299):
            import faulthandler

            faulthandler.disable()  # in the dying worker only: pytest's crash report would be noise
            os.kill(os.getpid(), signal.SIGSEGV)
        if i == 7:
            raise ValueError("seven")
        return i * i

    done = []
    results = run_isolated(work, list(range(300)), jobs, progress=done.append)
    assert [type(r).__name__ for r in results if not isinstance(r, int)] == ["Crashed", "Raised", "Crashed", "Crashed"]
    assert [r.index for r in results if isinstance(r, Crashed)] == [5, 150, 299]
    assert results[5].reason == "killed by SIGSEGV"
    assert isinstance(results[7], Raised) and str(results[7].error) == "seven"
    assert [r for r in results if isinstance(r, int)] == [i * i for i in range(300) if i not in (5, 7, 150, 299)]
    assert len(done) == 300
