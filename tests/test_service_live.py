"""`entente serve` as a user runs it: a live server on a free port. The README's curl examples work as shown, the
record survives a restart, and two servers (one with two workers) sharing one PostgreSQL see one record."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import POLICIES, PROFILES, ROOT
from tests.postgres import free_port
from tests.service_fixtures import fresh_sqlite

README_MARK = "<!-- the service's curl examples (tests/test_service_live.py runs them) -->"


class Server:
    """`entente serve` in a process of its own, until ``stop``."""

    def __init__(self, db_url: str, *args: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "engine.cli", "--policies", str(POLICIES), "--profiles", str(PROFILES)]
        command += ["serve", "--port", str(self.port), "--db", db_url, "--log-level", "warning", *args]
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by stop)
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"entente serve exited: {self.log.read()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("entente serve did not answer within 60 s")

    def get(self, path: str):
        with urllib.request.urlopen(self.base + path, timeout=30) as answer:
            return json.loads(answer.read())

    def post_yaml(self, path: Path) -> dict:
        request = urllib.request.Request(
            f"{self.base}/api/v1/assessments",
            data=path.read_bytes(),
            headers={"Content-Type": "application/yaml"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = text[text.index(README_MARK) :].split("```")[1]
    lines = block.splitlines()[1:]  # after the fence's language tag
    commands, current = [], ""
    for line in lines:
        current += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            commands.append(current.split("  #")[0].strip())
            current = ""
    return [c for c in commands if c and not c.startswith("make serve")]


def test_the_readme_curl_examples_work_as_shown(sqlite_template, tmp_path):
    commands = readme_commands()
    assert [c.split()[0] for c in commands] == ["curl", "curl", "id=$(python3", "curl"]
    server = Server(fresh_sqlite(sqlite_template))
    try:
        (tmp_path / "examples").symlink_to(ROOT / "examples")
        script = "\n".join(["set -euo pipefail", *commands]).replace("127.0.0.1:8000", f"127.0.0.1:{server.port}")
        run = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        listed = json.loads(run.stdout)  # the second command prints the record
        created = json.loads((tmp_path / "assessment.json").read_text())
        assert (created["proposal"], created["rating"]) == ("vn-supply-chain-conditioned", "critical")
        assert (tmp_path / "note.pdf").read_bytes()[:5] == b"%PDF-"
        assert [i["id"] for i in listed["items"]] == [created["id"]]
    finally:
        server.stop()


def test_the_record_survives_a_restart_of_the_server(sqlite_template):
    url = fresh_sqlite(sqlite_template)
    first = Server(url)
    try:
        created = first.post_yaml(ROOT / "examples" / "iuu-fishing-add-human-rights.yaml")
    finally:
        first.stop()
    second = Server(url)
    try:
        assert [i["id"] for i in second.get("/api/v1/assessments")["items"]] == [created["id"]]
        assert second.get(f"/api/v1/assessments/{created['id']}")["result"] == created["result"]
    finally:
        second.stop()


@pytest.fixture
def pg_url(postgres, pg_template) -> str:
    return postgres.create_database(pg_template)


def test_two_servers_on_one_postgresql_see_one_record(pg_url):
    one, two = Server(pg_url, "--workers", "2"), Server(pg_url)
    try:
        examples = sorted((ROOT / "examples").glob("*.yaml"))
        made = [(one if i % 2 else two).post_yaml(path)["id"] for i, path in enumerate(examples * 2)]
        for server in (one, two):
            listed = server.get("/api/v1/assessments?limit=200")
            assert [i["id"] for i in listed["items"]] == made[::-1]
            assert listed["total"] == len(made) == 8
    finally:
        one.stop()
        two.stop()
