"""Hardening v2 (issue 13), the environment cases: outputs that must not destroy, inputs that must not
hang, folders that must not be skipped, large files refused quickly. (The cache, custom templates, and
the terminal and options are in test_cache_private.py, test_templates_confined.py and
test_terminal_and_options.py.)

Bad input *files* are in the corpus (tests/fixtures/invalid/); what needs a FIFO, a device, a link,
another user or a broken worker is here. The machine and CI run as root, which bypasses file
permissions: the cases that need a permission denied run with the effective uid of `nobody`.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from engine.core.pack import load_pack
from tests.conftest import ROOT
from tests.helpers import ENTENTE, RINGFENCED, entente, library_copy, pack_copy, report_of, run, run_as_nobody

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
    script = f"{' '.join(ENTENTE)} vet {RINGFENCED} -o >(cat > /dev/stderr); wait"
    proc = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ENTENTE_TODAY": "2025-11-24"},
    )
    assert proc.returncode == 0
    assert proc.stderr == report_of("vet", str(RINGFENCED), "--today", "2025-11-24")


def test_output_to_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = entente("vet", str(RINGFENCED), "-o", str(fifo), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"{fifo}: cannot write: nothing is reading from this pipe\n"
        "  help: start the reader first, or write to a file\n1 error\n"
    )


def test_output_to_a_block_device_is_refused(tmp_path):
    device = tmp_path / "disk"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(240, 0))  # a number no driver serves
    result = run("vet", str(RINGFENCED), "-o", str(device))
    assert result.exit_code == 2 and stat.S_ISBLK(device.stat().st_mode)
    assert result.output == (
        f"{device}: cannot write: this is a block device\n  help: write to a file, a pipe or a terminal\n1 error\n"
    )


def test_output_onto_an_input_of_the_run_is_refused(tmp_path):
    proposal = tmp_path / "proposal.yaml"
    shutil.copyfile(RINGFENCED, proposal)
    for target in (proposal, tmp_path / "link.yaml"):
        if target.name == "link.yaml":
            target.symlink_to(proposal)
        result = run("vet", str(proposal), "-o", str(target))
        assert result.exit_code == 2
        assert result.output == (
            f"{target}: cannot write: this file is an input of this run\n"
            "  help: write the report to another file; entente never replaces its inputs\n"
            "1 error\n"
        )
    assert proposal.read_bytes() == RINGFENCED.read_bytes()


def test_output_to_a_folder_or_an_empty_path_is_refused(tmp_path):
    result = run("vet", str(RINGFENCED), "-o", str(tmp_path))
    assert (result.exit_code, result.output) == (
        2,
        f"{tmp_path}: cannot write: this is a folder\n  help: name a file inside it, e.g. -o report.txt\n1 error\n",
    )
    result = run("vet", str(RINGFENCED), "-o", "")
    assert (result.exit_code, result.output) == (
        2,
        "-o '': cannot write: the path is empty\n  help: name the file to write, e.g. -o report.txt\n1 error\n",
    )


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
    assert result.stderr == (
        "standard output: cannot write: no space left on the device\n"
        "  help: free some space, or write to another device\n1 error\n"
    )


def test_a_full_disk_under_dash_o_is_an_error(full_disk):
    result = run("vet", str(RINGFENCED), "-o", str(full_disk))
    assert result.exit_code == 2 and stat.S_ISCHR(full_disk.stat().st_mode)
    assert result.output == (
        f"{full_disk}: cannot write: no space left on the device\n"
        "  help: free some space, or write to another device\n1 error\n"
    )


# -- inputs: regular files only, opened without blocking; every failure located ------------------


def test_a_fifo_as_an_input_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "proposal.yaml"
    os.mkfifo(fifo)
    result = entente("vet", str(fifo), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"{fifo}:1:1: this is a FIFO (named pipe), not a regular file\n"
        "  help: entente reads regular files only; copy the content to a file\n1 error in 1 file\n"
    )


def test_a_fifo_inside_a_batch_folder_is_refused_without_hanging(tmp_path):
    shutil.copyfile(RINGFENCED, tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "b.yaml")
    result = entente("vet", str(tmp_path), timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"{tmp_path}/b.yaml:1:1: this is a FIFO (named pipe), not a regular file\n"
        "  help: entente reads regular files only; remove it or give it another name\n"
        "1 error in 1 file\n"
    )


def test_a_device_as_an_input_is_refused():
    result = run("vet", "/dev/zero")
    assert result.exit_code == 2
    assert result.output == (
        "/dev/zero:1:1: this is a character device, not a regular file\n"
        "  help: entente reads regular files only; copy the content to a file\n1 error in 1 file\n"
    )


def test_a_symlink_loop_as_an_input_is_an_error(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = run("vet", str(loop))
    assert result.exit_code == 2
    assert result.output == (
        f"{loop}:1:1: the path is a loop of symbolic links\n  help: point the link at a real file\n1 error in 1 file\n"
    )


def test_an_over_long_name_is_an_error(tmp_path):
    name = tmp_path / ("p" * 300 + ".yaml")
    result = run("check", str(name))
    assert result.exit_code == 2
    assert result.output == (
        f"{name}:1:1: the path or a name in it is too long\n  help: use a shorter name\n1 error in 1 file\n"
    )


def test_an_unreadable_input_is_an_error(public_tmp):
    proposal = public_tmp / "proposal.yaml"
    shutil.copyfile(RINGFENCED, proposal)
    proposal.chmod(0o600)
    result = run_as_nobody("vet", str(proposal))
    assert result.exit_code == 2
    assert result.output == (
        f"{proposal}:1:1: permission denied\n  help: check the file's permissions\n1 error in 1 file\n"
    )


def test_profiles_show_refuses_a_path(tmp_path):
    result = run("profiles", "show", "../../../etc/passwd")
    assert result.exit_code == 2
    assert result.output == (
        "profiles show: '../../../etc/passwd' is not a profile id\n"
        "  help: ids use letters, digits, '_' and '-'; `entente profiles list` shows them\n"
        "1 error\n"
    )


def test_profiles_show_of_a_file_that_is_not_utf8_is_located(tmp_path):
    library = library_copy(tmp_path)
    path = library / "partners" / "vietnam.yaml"
    path.write_bytes(path.read_bytes().replace(b"Vietnam", b"Vi\xeatnam", 1))
    result = run("profiles", "show", "vietnam", profiles=library)
    assert result.exit_code == 2
    assert result.output == (
        f"{path}:1:5: the file is not valid UTF-8 (byte 0xea)\n  help: save the file as UTF-8\n1 error in 1 file\n"
    )


def test_profiles_show_of_an_unreadable_file_is_an_error(public_tmp):
    library = library_copy(public_tmp)
    path = library / "partners" / "vietnam.yaml"
    path.chmod(0o600)
    result = run_as_nobody("profiles", "show", "vietnam", profiles=library)
    assert result.exit_code == 2
    assert result.output == f"{path}:1:1: permission denied\n  help: check the file's permissions\n1 error in 1 file\n"


def test_a_source_document_that_is_not_utf8_is_located(tmp_path):
    pack = pack_copy(tmp_path)
    source = pack / "sources" / "gvosdev-2024.txt"
    source.write_bytes(b"caf\xe9\n" + source.read_bytes())
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (
        f"{source}:1:4: the file is not valid UTF-8 (byte 0xe9)\n  help: save the file as UTF-8\n1 error in 1 file\n"
    )


# -- discovery: links followed, nothing skipped -------------------------------------------------


def _policy_count(pack: Path) -> str:
    return run("check", str(pack)).output


def test_a_symlinked_policy_folder_is_part_of_the_pack(tmp_path):
    pack = pack_copy(tmp_path)
    expected = _policy_count(pack)
    assert expected.startswith(f"ok: {len(load_pack(pack).policies)} policies")
    shutil.move(pack / "ring-fence", tmp_path / "ring-fence")
    (pack / "ring-fence").symlink_to(tmp_path / "ring-fence")
    assert _policy_count(pack) == expected


def test_a_symlink_loop_in_the_pack_is_an_error(tmp_path):
    pack = pack_copy(tmp_path)
    (pack / "risk" / "again").symlink_to(pack)
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (
        f"{pack}/risk/again:1:1: the symbolic link leads back into a folder that holds it (a loop)\n"
        "  help: remove the link, or point it elsewhere\n1 error in 1 file\n"
    )


def test_a_dangling_link_in_the_pack_is_an_error(tmp_path):
    pack = pack_copy(tmp_path)
    (pack / "risk" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert result.output == (
        f"{pack}/risk/gone.yaml:1:1: the symbolic link points to nothing\n"
        "  help: fix or remove the link\n1 error in 1 file\n"
    )


def test_an_unreadable_policy_folder_is_an_error_not_a_smaller_pack(public_tmp):
    pack = pack_copy(public_tmp)
    (pack / "ring-fence").chmod(0o700)
    result = run_as_nobody("check", str(pack), policies=pack)
    assert result.exit_code == 2
    assert result.output == (
        f"{pack}/ring-fence:1:1: cannot list the folder: Permission denied\n"
        "  help: check the folder's permissions, or move what should be read elsewhere\n"
        "1 error in 1 file\n"
    )


def test_a_folder_with_no_proposal_is_an_error(tmp_path):
    result = run("vet", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output == (
        f"{tmp_path}:1:1: the folder holds no proposal files (*.yaml)\n"
        "  help: pass a folder of proposal files, or the files themselves\n1 error in 1 file\n"
    )


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
    assert (result.exit_code, result.output) == (
        2,
        f"{path}:1001:1: a mapping holds more than 1,000 keys\n"
        "  help: split the file; no entente mapping needs this many keys\n"
        "1 error in 1 file\n",
    )
