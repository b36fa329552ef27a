"""Hardening v2 (issue 13), the environment cases: outputs that must not destroy, inputs that must not
hang, folders that must not be skipped, workers that must not be lost in silence.

Bad input *files* are in the corpus (tests/fixtures/invalid/); what needs a FIFO, a device, a link,
another user or a broken worker is here. The machine and CI run as root, which bypasses file
permissions: the cases that need a permission denied run with the effective uid of `nobody`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
RINGFENCED = EXAMPLES / "vietnam-supply-chain-ringfenced.yaml"
ENTENTE = [sys.executable, "-m", "engine.cli"]  # this checkout's code, in a process of its own


def run(*args: str, policies: Path | None = None, profiles: Path | None = None):
    return CliRunner().invoke(cli, ["--policies", str(policies or ROOT / "policies"),
                                    "--profiles", str(profiles or ROOT / "profiles"), *args])


def entente(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The installed command in its own process (real file descriptors), from the repository root."""
    env = {**os.environ, "ENTENTE_TODAY": "2025-11-24", **kwargs.pop("env", {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([*ENTENTE, *args], cwd=ROOT, env=env, text=True, timeout=timeout, **streams)


def report_of(*args: str) -> str:
    return run(*args).stdout


@contextlib.contextmanager
def as_nobody():
    """Run the block with the effective uid and gid of `nobody`, so that file permissions apply (root
    bypasses them). Everything the block imports must be imported before (/root is private)."""
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def run_as_nobody(*args: str, policies: Path | None = None, profiles: Path | None = None):
    """``run(*args)`` as root first (to import all it needs, and to show it works), then as `nobody`."""
    options = ["--policies", str(policies or ROOT / "policies"), "--profiles", str(profiles or ROOT / "profiles")]
    assert CliRunner().invoke(cli, [*options, *args]).exit_code == 0
    with as_nobody():
        return CliRunner(env={"ENTENTE_NO_CACHE": "1"}).invoke(cli, [*options, *args])


@pytest.fixture
def public_tmp():
    """A folder `nobody` can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="entente-v2-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# -- output: one writer, through devices, pipes and links; never over an input --------------------

def test_output_to_a_character_device_writes_through_it(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    result = run("vet", str(RINGFENCED), "-o", str(device))
    assert (result.exit_code, result.stdout) == (0, "")
    assert stat.S_ISCHR(device.stat().st_mode) and device.stat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left behind


def test_output_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.txt"
    target.write_text("old\n")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    result = run("vet", str(RINGFENCED), "-o", str(link), "--today", "2025-11-24")
    assert result.exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == report_of("vet", str(RINGFENCED), "--today", "2025-11-24")


def test_output_to_a_fifo_with_a_reader_writes_into_the_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = run("vet", str(RINGFENCED), "-o", str(fifo), "--today", "2025-11-24")
    reader.join(timeout=30)
    assert result.exit_code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [report_of("vet", str(RINGFENCED), "--today", "2025-11-24")]


def test_output_to_a_process_substitution():
    """bash's `>(...)` hands entente /dev/fd/N, a link to a pipe: it used to exit 3."""
    script = f'{" ".join(ENTENTE)} vet {RINGFENCED} -o >(cat > /dev/stderr); wait'
    proc = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "ENTENTE_TODAY": "2025-11-24"})
    assert proc.returncode == 0
    assert proc.stderr == report_of("vet", str(RINGFENCED), "--today", "2025-11-24")


def test_output_to_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = entente("vet", str(RINGFENCED), "-o", str(fifo), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"{fifo}: cannot write: nothing is reading from this pipe\n"
                             "  help: start the reader first, or write to a file\n1 error\n")


def test_output_to_a_block_device_is_refused(tmp_path):
    device = tmp_path / "disk"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(240, 0))  # a number no driver serves
    result = run("vet", str(RINGFENCED), "-o", str(device))
    assert result.exit_code == 2 and stat.S_ISBLK(device.stat().st_mode)
    assert result.output == (f"{device}: cannot write: this is a block device\n"
                             "  help: write to a file, a pipe or a terminal\n1 error\n")


def test_output_onto_an_input_of_the_run_is_refused(tmp_path):
    proposal = tmp_path / "proposal.yaml"
    shutil.copyfile(RINGFENCED, proposal)
    for target in (proposal, tmp_path / "link.yaml"):
        if target.name == "link.yaml":
            target.symlink_to(proposal)
        result = run("vet", str(proposal), "-o", str(target))
        assert result.exit_code == 2
        assert result.output == (f"{target}: cannot write: this file is an input of this run\n"
                                 "  help: write the report to another file; entente never replaces its inputs\n"
                                 "1 error\n")
    assert proposal.read_bytes() == RINGFENCED.read_bytes()


def test_output_to_a_folder_or_an_empty_path_is_refused(tmp_path):
    result = run("vet", str(RINGFENCED), "-o", str(tmp_path))
    assert (result.exit_code, result.output) == (2, f"{tmp_path}: cannot write: this is a folder\n"
                                                    "  help: name a file inside it, e.g. -o report.txt\n1 error\n")
    result = run("vet", str(RINGFENCED), "-o", "")
    assert (result.exit_code, result.output) == (2, "-o '': cannot write: the path is empty\n"
                                                    "  help: name the file to write, e.g. -o report.txt\n1 error\n")


@pytest.fixture
def full_disk(tmp_path) -> Path:
    """A private copy of /dev/full (every write: no space left), so that no test can replace the real one."""
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return device


def test_a_full_disk_on_standard_output_is_an_error(full_disk):
    with open(full_disk, "w") as full:
        result = entente("vet", str(RINGFENCED), stdout=full)
    assert result.returncode == 2
    assert result.stderr == ("standard output: cannot write: no space left on the device\n"
                             "  help: free some space, or write to another device\n1 error\n")


def test_a_full_disk_under_dash_o_is_an_error(full_disk):
    result = run("vet", str(RINGFENCED), "-o", str(full_disk))
    assert result.exit_code == 2 and stat.S_ISCHR(full_disk.stat().st_mode)
    assert result.output == (f"{full_disk}: cannot write: no space left on the device\n"
                             "  help: free some space, or write to another device\n1 error\n")


# -- inputs: regular files only, opened without blocking; every failure located ------------------

def test_a_fifo_as_an_input_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "proposal.yaml"
    os.mkfifo(fifo)
    result = entente("vet", str(fifo), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"{fifo}:1:1: this is a FIFO (named pipe), not a regular file\n"
                             "  help: entente reads regular files only; copy the content to a file\n1 error in 1 file\n")


def test_a_fifo_inside_a_batch_folder_is_refused_without_hanging(tmp_path):
    shutil.copyfile(RINGFENCED, tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "b.yaml")
    result = entente("vet", str(tmp_path), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"{tmp_path}/b.yaml:1:1: this is a FIFO (named pipe), not a regular file\n"
                             "  help: entente reads regular files only; remove it or give it another name\n"
                             "1 error in 1 file\n")


def test_a_device_as_an_input_is_refused():
    result = run("vet", "/dev/zero")
    assert result.exit_code == 2
    assert result.output == ("/dev/zero:1:1: this is a character device, not a regular file\n"
                             "  help: entente reads regular files only; copy the content to a file\n1 error in 1 file\n")


def test_a_symlink_loop_as_an_input_is_an_error(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = run("vet", str(loop))
    assert result.exit_code == 2
    assert result.output == (f"{loop}:1:1: the path is a loop of symbolic links\n"
                             "  help: point the link at a real file\n1 error in 1 file\n")


def test_an_over_long_name_is_an_error(tmp_path):
    name = tmp_path / ("p" * 300 + ".yaml")
    result = run("check", str(name))
    assert result.exit_code == 2
    assert result.output == (f"{name}:1:1: the path or a name in it is too long\n"
                             "  help: use a shorter name\n1 error in 1 file\n")


def test_an_unreadable_input_is_an_error(public_tmp):
    proposal = public_tmp / "proposal.yaml"
    shutil.copyfile(RINGFENCED, proposal)
    proposal.chmod(0o600)
    result = run_as_nobody("vet", str(proposal))
    assert result.exit_code == 2
    assert result.output == (f"{proposal}:1:1: permission denied\n"
                             "  help: check the file's permissions\n1 error in 1 file\n")


def _library_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "profiles", tmp_path / "profiles"))


def test_profiles_show_refuses_a_path(tmp_path):
    result = run("profiles", "show", "../../../etc/passwd")
    assert result.exit_code == 2
    assert result.output == ("profiles show: '../../../etc/passwd' is not a profile id\n"
                             "  help: ids use letters, digits, '_' and '-'; `entente profiles list` shows them\n"
                             "1 error\n")


def test_profiles_show_of_a_file_that_is_not_utf8_is_located(tmp_path):
    library = _library_copy(tmp_path)
    path = library / "partners" / "vietnam.yaml"
    path.write_bytes(path.read_bytes().replace(b"Vietnam", b"Vi\xeatnam", 1))
    result = run("profiles", "show", "vietnam", profiles=library)
    assert result.exit_code == 2
    assert result.output == (f"{path}:1:5: the file is not valid UTF-8 (byte 0xea)\n"
                             "  help: save the file as UTF-8\n1 error in 1 file\n")


def test_profiles_show_of_an_unreadable_file_is_an_error(public_tmp):
    library = _library_copy(public_tmp)
    path = library / "partners" / "vietnam.yaml"
    path.chmod(0o600)
    result = run_as_nobody("profiles", "show", "vietnam", profiles=library)
    assert result.exit_code == 2
    assert result.output == f"{path}:1:1: permission denied\n  help: check the file's permissions\n1 error in 1 file\n"


def _pack_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "policies", tmp_path / "pack"))


def test_a_source_document_that_is_not_utf8_is_located(tmp_path):
    pack = _pack_copy(tmp_path)
    source = pack / "sources" / "gvosdev-2024.txt"
    source.write_bytes(b"caf\xe9\n" + source.read_bytes())
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (f"{source}:1:4: the file is not valid UTF-8 (byte 0xe9)\n"
                             "  help: save the file as UTF-8\n1 error in 1 file\n")


# -- discovery: links followed, nothing skipped -------------------------------------------------

def _policy_count(pack: Path) -> str:
    return run("check", str(pack)).output


def test_a_symlinked_policy_folder_is_part_of_the_pack(tmp_path):
    pack = _pack_copy(tmp_path)
    expected = _policy_count(pack)
    assert expected.startswith("ok: 14 policies")
    shutil.move(pack / "ring-fence", tmp_path / "ring-fence")
    (pack / "ring-fence").symlink_to(tmp_path / "ring-fence")
    assert _policy_count(pack) == expected


def test_a_symlink_loop_in_the_pack_is_an_error(tmp_path):
    pack = _pack_copy(tmp_path)
    (pack / "risk" / "again").symlink_to(pack)
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (f"{pack}/risk/again:1:1: the symbolic link leads back into a folder that holds it (a loop)\n"
                             "  help: remove the link, or point it elsewhere\n1 error in 1 file\n")


def test_a_dangling_link_in_the_pack_is_an_error(tmp_path):
    pack = _pack_copy(tmp_path)
    (pack / "risk" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (f"{pack}/risk/gone.yaml:1:1: the symbolic link points to nothing\n"
                             "  help: fix or remove the link\n1 error in 1 file\n")


def test_an_unreadable_policy_folder_is_an_error_not_a_smaller_pack(public_tmp):
    pack = _pack_copy(public_tmp)
    (pack / "ring-fence").chmod(0o700)
    result = run_as_nobody("check", str(pack), policies=pack)
    assert result.exit_code == 2
    assert result.output == (f"{pack}/ring-fence:1:1: cannot list the folder: Permission denied\n"
                             "  help: check the folder's permissions, or move what should be read elsewhere\n"
                             "1 error in 1 file\n")


def test_a_folder_with_no_proposal_is_an_error(tmp_path):
    result = run("vet", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (f"{tmp_path}:1:1: the folder holds no proposal files (*.yaml)\n"
                             "  help: pass a folder of proposal files, or the files themselves\n1 error in 1 file\n")


# -- batches: a lost worker is always reported ---------------------------------------------------

def _kill_the_worker() -> None:
    """SIGKILL the (single) worker process and wait until it is gone: it dies between two chunks."""
    import multiprocessing
    import signal
    import time

    (worker,) = multiprocessing.active_children()
    os.kill(worker.pid, signal.SIGKILL)
    deadline = time.time() + 10
    while time.time() < deadline and open(f"/proc/{worker.pid}/stat").read().split()[2] != "Z":
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
    paths = [str(EXAMPLES / n) for n in ("india-russia-sanctions.yaml", "vietnam-supply-chain-conditioned.yaml",
                                         "vietnam-supply-chain-ringfenced.yaml")]
    result = run("vet", *paths, "--format", "json", "--today", "2025-11-24", "--jobs", "1")
    assert result.exit_code == 3
    assert [d["proposal"] for d in json.loads(result.stdout)] == ["india-join-russia-sanctions",
                                                                  "vn-supply-chain-ringfenced"]
    assert result.stderr == (f"error: {paths[1]}: the evaluation core crashed (killed by SIGKILL); "
                             "the other proposals were assessed\n")


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
    many = entente("vet", str(tmp_path), "--format", "jsonl", "--jobs", "300", timeout=120,
                   preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256)))
    assert (many.returncode, many.stderr) == (0, "")
    assert many.stdout == one.stdout and len(one.stdout.splitlines()) == 300


# -- the cache: private, marked, signed ----------------------------------------------------------

CONDITIONED = EXAMPLES / "vietnam-supply-chain-conditioned.yaml"


def _vet_with_cache(cache: Path, *args: str):
    return CliRunner(env={"ENTENTE_CACHE_DIR": str(cache), "ENTENTE_NO_CACHE": None}).invoke(
        cli, ["--policies", str(ROOT / "policies"), "--profiles", str(ROOT / "profiles"), "vet", *args,
              "--today", "2025-11-24"])


def _modes(cache: Path) -> set[tuple[str, int]]:
    return {("folder" if p.is_dir() else "file", stat.S_IMODE(p.lstat().st_mode)) for p in [cache, *cache.rglob("*")]}


def test_the_cache_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        assert _vet_with_cache(tmp_path / "cache", str(CONDITIONED)).exit_code == 1
    finally:
        os.umask(old)
    assert _modes(tmp_path / "cache") == {("folder", 0o700), ("file", 0o600)}
    assert len(list((tmp_path / "cache").rglob("*.json"))) >= 2  # parsed files and the pack
    assert len((tmp_path / "cache" / "key").read_bytes()) == 32


REFUSED_HELP = ("  help: set ENTENTE_CACHE_DIR to a folder of your own that only you can write "
                "(or ENTENTE_NO_CACHE=1)\n")


@pytest.mark.parametrize("setup, reason", [
    (lambda d: os.chown(d, 65534, 65534), "it belongs to another user (uid 65534)"),
    (lambda d: d.chmod(0o777), "others can write to it (mode 0777)"),
    (lambda d: (d / "notes.txt").write_text("mine"), "it holds files that are not entente's, and no entente cache tag"),
])
def test_a_cache_folder_that_is_not_safe_is_not_used(tmp_path, setup, reason):
    cache = tmp_path / "home"
    cache.mkdir(mode=0o700)
    setup(cache)
    before = sorted(p.name for p in cache.iterdir())
    result = _vet_with_cache(cache, str(CONDITIONED))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"warning: the cache is off for this run: {cache}: {reason}\n" + REFUSED_HELP)
    assert sorted(p.name for p in cache.iterdir()) == before  # nothing written


def test_a_users_folder_as_the_cache_loses_nothing(tmp_path):
    """ENTENTE_CACHE_DIR=$HOME: folders named like the caches' are the user's own; nothing is removed."""
    home = tmp_path / "home"
    for name in ("pack-notes", "parsed-photos"):
        (home / name).mkdir(parents=True)
        (home / name / "keep.json").write_text("{}")
    (home / "thesis.txt").write_text("years of work")
    home.chmod(0o700)
    result = _vet_with_cache(home, str(CONDITIONED))
    assert result.exit_code == 1 and "warning: the cache is off for this run" in result.stderr
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == [
        "pack-notes", "pack-notes/keep.json", "parsed-photos", "parsed-photos/keep.json", "thesis.txt"]


def test_only_folders_the_cache_marked_are_swept(tmp_path, monkeypatch):
    """An older engine's folders are removed when a new one is made, but only those a Store made."""
    from engine.io import cache

    root = tmp_path / "cache"
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(root))
    cache.PACKS.put("k", {"v": 1})
    older = cache.PACKS.folder()
    unmarked = root / "pack-0.0.1-0123456789abcdef-1"  # the same name pattern, no marker: not ours
    unmarked.mkdir()
    (unmarked / "data.json").write_text("{}")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "fedcba9876543210")
    cache.PACKS.put("k", {"v": 2})
    assert not older.exists() and unmarked.exists() and cache.PACKS.get("k") == {"format": 2, "v": 2}


def _entry_of(root: Path, kind: str, name: str | None = None) -> Path:
    entries = sorted(root.glob(f"{kind}-*/**/*.json"))
    return next(p for p in entries if name is None or p.stem == name)


def test_a_tampered_pack_entry_is_rebuilt_not_trusted(tmp_path):
    import json

    cache = tmp_path / "cache"
    first = _vet_with_cache(cache, str(CONDITIONED), "--format", "json")
    assert json.loads(first.stdout)["summary"]["critical"] == 1
    entry = _entry_of(cache, "pack")
    signature, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    for ruleset in data["rulesets"]:  # every rule made to test a field no record has: nothing would fire
        for name, rule in ruleset.items():
            if name != "__sentinel__":
                rule["all"] = [{"m": {"$and": [{"t": "assessment"}, {"never": True}]}}]
    entry.write_bytes(signature + b"\n" + json.dumps(data, separators=(",", ":")).encode())
    again = _vet_with_cache(cache, str(CONDITIONED), "--format", "json")
    assert again.stdout == first.stdout  # three findings, not none
    assert entry.read_bytes().split(b"\n", 1)[1] == body  # rebuilt and rewritten


def test_a_tampered_parse_entry_is_rebuilt_not_trusted(tmp_path):
    import hashlib
    import json

    cache = tmp_path / "cache"
    first = _vet_with_cache(cache, str(CONDITIONED))
    entry = _entry_of(cache, "parsed", hashlib.sha256(CONDITIONED.read_bytes()).hexdigest())
    signature, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["data"]["conditions"] = []  # the condition that makes the findings, gone
    entry.write_bytes(signature + b"\n" + json.dumps(data).encode())
    assert _vet_with_cache(cache, str(CONDITIONED)).stdout == first.stdout


def test_a_key_file_others_can_read_turns_the_cache_off(tmp_path):
    cache = tmp_path / "cache"
    _vet_with_cache(cache, str(CONDITIONED))
    (cache / "key").chmod(0o644)
    result = _vet_with_cache(cache, str(CONDITIONED))
    assert result.stderr.endswith(f"warning: the cache is off for this run: {cache}: its key file is not private\n"
                                  + REFUSED_HELP)


def test_the_parse_cache_spreads_entries_over_sub_folders(tmp_path):
    cache = tmp_path / "cache"
    _vet_with_cache(cache, str(EXAMPLES))
    parsed = sorted(cache.glob("parsed-*/*/*.json"))
    assert len(parsed) >= 4 and all(p.parent.name == p.stem[:2] for p in parsed)


# -- YAML: large files are refused quickly --------------------------------------------------------

def test_a_one_mebibyte_file_of_90000_keys_is_refused_within_seconds(tmp_path):
    """It took 30 s to compose and reject; the composer now stops at the 1,001st key of a mapping."""
    import time

    path = tmp_path / "many-keys.yaml"
    path.write_text("id: many-keys\nname: X\n" + "".join(f"k{i:06d}: v\n" for i in range(90_000)))
    assert 950_000 < path.stat().st_size <= 1_048_576  # just under the size limit
    start = time.perf_counter()
    result = run("check", str(path))
    assert time.perf_counter() - start < 3
    assert (result.exit_code, result.output) == (2, f"{path}:1001:1: a mapping holds more than 1,000 keys\n"
                                                    "  help: split the file; no entente mapping needs this many keys\n"
                                                    "1 error in 1 file\n")


# -- custom templates: no reach outside, a budget --------------------------------------------------

def brief_with(template: Path, *args: str):
    return run("brief", str(CONDITIONED), "--template", str(template), "--today", "2025-11-24", *args)


@pytest.mark.parametrize("tag, verb", [("{% include 'other.j2' %}", "include"), ("{% import 'm.j2' as m %}", "import"),
                                       ("{% from 'm.j2' import x %}", "import from"),
                                       ("{% extends 'base.j2' %}", "extend")])
def test_a_template_cannot_load_another(tmp_path, tag, verb):
    template = tmp_path / "t.md.j2"
    template.write_text(f"{{{{ note.title }}}}\n{tag}\n")
    result = brief_with(template)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (f"{template}:2:1: a template cannot {verb} another template\n"
                             "  help: copy what you need into this template: it is rendered alone, in a sandbox\n"
                             "1 error in 1 file\n")


@pytest.mark.parametrize("body, message", [
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
     "the template recursed too deeply (a macro that calls itself without end?)"),
    ("{{ 'x' * 4000000000 }}", "the template needed more than 512 MiB of memory"),
    ("{% for i in range(100000) %}{{ 'x' * 200 }}{% endfor %}", "the template produced more than 10,000,000 characters"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "the template ran for more than 1 seconds"),
])
def test_a_template_runs_within_a_budget(tmp_path, monkeypatch, body, message):
    monkeypatch.setattr("engine.output.brief.sandbox.SECONDS", 1)
    template = tmp_path / "t.md.j2"
    template.write_text(body + "\n")
    result = brief_with(template)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (f"{template}: {message}\n"
                             "  help: a note is a few pages: look for a loop, a macro or a repetition that does not "
                             "end\n1 error\n")


def test_a_template_that_is_not_utf8_is_located(tmp_path):
    template = tmp_path / "t.md.j2"
    template.write_bytes(b"{{ note.title }}\ncaf\xe9\n")
    result = brief_with(template)
    assert result.exit_code == 2
    assert result.output == (f"{template}:2:4: the file is not valid UTF-8 (byte 0xe9)\n"
                             "  help: save the file as UTF-8\n1 error in 1 file\n")


def test_a_printed_template_reaches_no_file_and_no_network(tmp_path):
    """A template that tries file:// and http:// loads, scripts and a meta refresh: Chromium fetches nothing,
    the PDF holds the note and none of the file, and no script ran."""
    import http.server

    from pypdf import PdfReader

    fetched = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>FETCHED OVER HTTP</p>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("CONTENT OF A LOCAL FILE\n")
    web, local = f"http://127.0.0.1:{server.server_address[1]}", secret.as_uri()
    template = tmp_path / "t.html.j2"
    template.write_text(f"""<!DOCTYPE html><html><head><link rel="stylesheet" href="{web}/css">
<meta http-equiv="refresh" content="1;url={local}"><style>body {{ background: url({web}/bg); }}</style></head>
<body><p>THE NOTE: {{{{ note.title }}}}</p><img src="{web}/img"><img src="{local}">
<iframe src="{local}"></iframe><iframe src="{web}/frame"></iframe><object data="{local}"></object>
<script>fetch("{web}/fetch"); document.write("SCRIPT RAN");</script></body></html>
""")
    out = tmp_path / "note.pdf"
    try:
        result = brief_with(template, "-o", str(out))
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert text == "THE NOTE: Condition the semiconductor supply-chain initiative on political reform"
    assert fetched == []


# -- smaller ------------------------------------------------------------------------------------

@pytest.mark.parametrize("flag, key", [("--explain", "explanation"), ("--suggest", "assessment")])
def test_jsonl_stays_json_lines_under_explain_and_suggest(flag, key):
    import json

    result = run("vet", str(EXAMPLES), "--format", "jsonl", flag, "--today", "2025-11-24")
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and all(key in json.loads(line) for line in lines)
    if flag == "--suggest":
        assert all("suggestions" in f for line in lines for f in json.loads(line)["assessment"]["findings"])


def test_escape_sequences_never_reach_stderr(tmp_path):
    """Errors and warnings quote the user's keys, values and paths: shown as escapes, like stdout."""
    evil = tmp_path / "evil\x1b[2J.yaml"
    evil.write_text('id: evil\ntitle: T\npartner: vietnam\n"\\e[31mkind\\u202e": x\n')
    result = run("vet", str(evil))
    assert result.exit_code == 2 and "\x1b" not in result.output and "\u202e" not in result.output
    assert result.output.startswith(f"{tmp_path}/evil\\x1b[2J.yaml:4:1: unknown key '\\x1b[31mkind\\u202e' in a "
                                    "proposal\n  help: expected one of: actor, ")


def test_escape_sequences_in_a_warning_are_shown_as_escapes(tmp_path):
    waivers = tmp_path / "w\x1b]0;pwned\x07.yaml"
    waivers.write_text('waivers:\n  - policy: dispute-linkage\n    partner: india\n    reason: accepted\n'
                       '    owner: "\\e[31mdesk"\n    expires: 2030-01-01\n')
    result = run("vet", str(CONDITIONED), "--waivers", str(waivers), "--today", "2025-11-24")
    assert result.exit_code == 1
    assert result.stderr == (f"warning: unused waiver (matches no finding): {tmp_path}/w\\x1b]0;pwned\\x07.yaml:2: "
                             "dispute-linkage for partner india (owner \\x1b[31mdesk, expires 2030-01-01)\n")


def test_a_diff_base_is_never_read_as_a_git_option(tmp_path):
    target = tmp_path / "written-by-git.tar"
    result = run("diff", "--base", f"--output={target}")
    assert result.exit_code == 2 and not target.exists()
    assert result.output == (f"--base: '--output={target}' is neither a folder nor a git revision of the policy pack "
                             "(a revision does not start with '-')\n"
                             "  help: pass a folder holding a policy pack, or a revision such as HEAD~1\n1 error\n")


def test_a_missing_browser_is_an_error_not_a_crash(tmp_path):
    result = CliRunner(env={"PATH": str(tmp_path), "ENTENTE_CHROMIUM": None}).invoke(
        cli, ["--policies", str(ROOT / "policies"), "--profiles", str(ROOT / "profiles"), "brief", str(CONDITIONED),
              "-o", str(tmp_path / "note.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "note.pdf").exists()
    assert result.output == ("--format pdf: no headless browser found to print the PDF\n"
                             "  help: install Chromium (Debian: apt-get install chromium) or set ENTENTE_CHROMIUM to its "
                             "path; HTML and Markdown need no browser\n1 error\n")


def test_files_shown_as_stored_cannot_steer_the_terminal(tmp_path):
    library = _library_copy(tmp_path)
    path = library / "partners" / "vietnam.yaml"
    path.write_text(path.read_text().replace("# Vietnam", "# \x1b]0;pwned\x07Vietnam\t(tab kept)", 1))
    result = run("profiles", "show", "vietnam", profiles=library)
    assert result.exit_code == 0
    assert result.stdout.startswith("# \\x1b]0;pwned\\x07Vietnam\t(tab kept) as seen by the United States.")


def test_policy_titles_in_the_catalogue_cannot_steer_the_terminal(tmp_path):
    pack = _pack_copy(tmp_path)
    path = pack / "risk" / "label-inflation.yaml"
    path.write_text(path.read_text().replace("title: A relationship upgrade with no substantive deliverables",
                                             'title: "\\e[2JA relationship upgrade"', 1))
    result = run("policies", "list", policies=pack)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


def test_case_files_in_the_test_report_cannot_steer_the_terminal(tmp_path):
    cases = tmp_path / "c\x1b[2J.yaml"
    cases.write_text("policy: dispute-linkage\ncases:\n  - name: wiped\n    partner: vietnam\n"
                     "    proposal: {}\n    expect: fires\n")
    result = run("test", str(cases))
    assert result.exit_code == 1 and "\x1b" not in result.stdout
    assert f"FAILED {tmp_path}/c\\x1b[2J.yaml:3 wiped\n" in result.stdout
