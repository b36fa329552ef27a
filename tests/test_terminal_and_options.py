"""What reaches the terminal and what options reach: JSON Lines stay JSON, escapes never reach stdout or
stderr, a --base is never an option to git, a lost worker is reported, --jobs is capped (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import POLICIES, PROFILES
from tests.helpers import CONDITIONED, EXAMPLES, RINGFENCED, THREE_PROPOSALS, entente, library_copy, pack_copy, run

# -- batches: a lost worker is always reported ---------------------------------------------------


def _kill_the_worker() -> None:
    """SIGKILL the (single) worker process and wait until it is gone: it dies between two chunks."""
    import multiprocessing
    import signal
    import time

    (worker,) = multiprocessing.active_children()
    os.kill(worker.pid, signal.SIGKILL)
    deadline = time.time() + 10
    while time.time() < deadline and Path(f"/proc/{worker.pid}/stat").read_text().split()[2] != "Z":
        time.sleep(0.01)


def test_a_worker_killed_between_two_chunks_costs_one_input_and_is_reported():
    from engine.runtime.batch import Crashed, run_isolated

    done = []

    def progress(n: int) -> None:
        done.append(n)
        if len(done) == 64:  # the whole first chunk is back; the worker waits for its next chunk
            _kill_the_worker()

    results = run_isolated(lambda i: i * i, list(range(300)), 1, progress=progress)
    assert [(r.index, r.reason) for r in results if isinstance(r, Crashed)] == [(64, "killed by SIGKILL")]
    assert [r for r in results if not isinstance(r, Crashed)] == [i * i for i in range(300) if i != 64]
    assert len(done) == 300


def test_a_batch_whose_worker_is_killed_between_inputs_exits_3_with_a_message(monkeypatch):
    import json

    from engine.runtime.progress import Progress

    original = Progress.update

    def update(self, count=1):
        original(self, count)
        if self.done == 1:
            _kill_the_worker()

    monkeypatch.setattr(Progress, "update", update)
    paths = THREE_PROPOSALS
    result = run("vet", *paths, "--format", "json", "--today", "2025-11-24", "--jobs", "1")
    assert result.exit_code == 3
    assert [d["proposal"] for d in json.loads(result.stdout)] == [
        "india-join-russia-sanctions",
        "vn-supply-chain-ringfenced",
    ]
    assert result.stderr == (
        f"error: {paths[1]}: the evaluation core crashed (killed by SIGKILL); the other proposals were assessed\n"
    )


def test_jobs_are_capped_at_four_per_core():
    from engine.runtime.batch import worker_count

    cores = os.cpu_count() or 1
    assert worker_count(100_000) == worker_count(4 * cores) == 4 * cores
    assert worker_count(0) == cores and worker_count(3) == min(3, 4 * cores)


def test_a_batch_with_a_huge_jobs_value_runs_like_one_job(tmp_path):
    """Without the cap, --jobs 300 on 300 inputs started 300 processes (two pipe ends each): past the
    file-descriptor limit of 256 set here, the run failed."""
    import resource

    for i in range(300):
        (tmp_path / f"p{i:03d}.yaml").write_text(RINGFENCED.read_text().replace("vn-supply-chain-ringfenced", f"p{i}"))
    one = run("vet", str(tmp_path), "--format", "jsonl", "--today", "2025-11-24", "--jobs", "1")
    many = entente(
        "vet",
        str(tmp_path),
        "--format",
        "jsonl",
        "--jobs",
        "300",
        timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256)),
    )
    assert (many.returncode, many.stderr) == (0, "")
    assert many.stdout == one.stdout and len(one.stdout.splitlines()) == 300


# -- smaller ------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag, key", [("--explain", "explanation"), ("--suggest", "assessment")])
def test_jsonl_stays_json_lines_under_explain_and_suggest(flag, key):
    import json

    result = run("vet", str(EXAMPLES), "--format", "jsonl", flag, "--today", "2025-11-24")
    plain = run("vet", str(EXAMPLES), "--format", "jsonl", "--today", "2025-11-24")
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # every line one JSON document
    assessments = [line for line in lines if "assessment" in line]
    expected = [json.loads(line) for line in plain.stdout.splitlines()]
    assert len(lines) == len(expected) and len(assessments) == sum("assessment" in line for line in expected) > 1
    assert all(key in line for line in assessments)
    if flag == "--suggest":
        assert all("suggestions" in f for line in assessments for f in line["assessment"]["findings"])


def test_escape_sequences_never_reach_stderr(tmp_path):
    """Errors and warnings quote the user's keys, values and paths: shown as escapes, like stdout."""
    evil = tmp_path / "evil\x1b[2J.yaml"
    evil.write_text('id: evil\ntitle: T\npartner: vietnam\n"\\e[31mkind\\u202e": x\n')
    result = run("vet", str(evil))
    assert result.exit_code == 2 and "\x1b" not in result.output and "\u202e" not in result.output
    assert result.output.startswith(
        f"{tmp_path}/evil\\x1b[2J.yaml:4:1: unknown key '\\x1b[31mkind\\u202e' in a "
        "proposal\n  help: expected one of: actor, "
    )


def test_escape_sequences_in_a_warning_are_shown_as_escapes(tmp_path):
    waivers = tmp_path / "w\x1b]0;pwned\x07.yaml"
    waivers.write_text(
        "waivers:\n  - policy: dispute-linkage\n    partner: india\n    reason: accepted\n"
        '    owner: "\\e[31mdesk"\n    expires: 2030-01-01\n'
    )
    result = run("vet", str(CONDITIONED), "--waivers", str(waivers), "--today", "2025-11-24")
    assert result.exit_code == 1
    assert result.stderr == (
        f"warning: unused waiver (matches no finding): {tmp_path}/w\\x1b]0;pwned\\x07.yaml:2: "
        "dispute-linkage for partner india (owner \\x1b[31mdesk, expires 2030-01-01)\n"
    )


def test_a_diff_base_is_never_read_as_a_git_option(tmp_path):
    target = tmp_path / "written-by-git.tar"
    result = run("diff", "--base", f"--output={target}")
    assert result.exit_code == 2 and not target.exists()
    assert result.output == (
        f"--base: '--output={target}' is neither a folder nor a git revision of the policy pack "
        "(a revision does not start with '-')\n"
        "  help: pass a folder holding a policy pack, or a revision such as HEAD~1\n1 error\n"
    )


def test_a_missing_browser_is_an_error_not_a_crash(tmp_path):
    result = CliRunner(env={"PATH": str(tmp_path), "ENTENTE_CHROMIUM": None}).invoke(
        cli,
        [
            "--policies",
            str(POLICIES),
            "--profiles",
            str(PROFILES),
            "brief",
            str(CONDITIONED),
            "-o",
            str(tmp_path / "note.pdf"),
        ],
    )
    assert result.exit_code == 2 and not (tmp_path / "note.pdf").exists()
    assert result.output == (
        "--format pdf: no headless browser found to print the PDF\n"
        "  help: install Chromium (Debian: apt-get install chromium) or set ENTENTE_CHROMIUM to its "
        "path; HTML and Markdown need no browser\n1 error\n"
    )


def test_files_shown_as_stored_cannot_steer_the_terminal(tmp_path):
    library = library_copy(tmp_path)
    path = library / "partners" / "vietnam.yaml"
    # a file must load before it is shown (a control character is a YAML error); bidi overrides load
    path.write_text(path.read_text().replace("# Vietnam", "# \u202eVietnam\u202c\t(tab kept)", 1))
    result = run("profiles", "show", "vietnam", "--format", "yaml", profiles=library)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# \\u202eVietnam\\u202c\t(tab kept) as seen by the United States")
    assert "\u202e" not in result.stdout


def test_policy_titles_in_the_catalogue_cannot_steer_the_terminal(tmp_path):
    pack = pack_copy(tmp_path)
    path = pack / "risk" / "label-inflation.yaml"
    path.write_text(
        path.read_text().replace(
            "title: A relationship upgrade with no substantive deliverables", 'title: "\\e[2JA relationship upgrade"', 1
        )
    )
    result = run("policies", "list", policies=pack)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


def test_case_files_in_the_test_report_cannot_steer_the_terminal(tmp_path):
    cases = tmp_path / "c\x1b[2J.yaml"
    cases.write_text(
        "policy: dispute-linkage\ncases:\n  - name: wiped\n    partner: vietnam\n    proposal: {}\n    expect: fires\n"
    )
    result = run("test", str(cases))
    assert result.exit_code == 1 and "\x1b" not in result.stdout
    assert f"FAILED {tmp_path}/c\\x1b[2J.yaml:3 wiped\n" in result.stdout
