"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl on a temporary folder and a free port.

Debian's `postgresql` package (installed by .ci/run) puts the server programs in
/usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so as root the server runs as the
`postgres` user the package creates (through `runuser`). Nothing is mocked: the tests talk to a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path is None:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: apt-get install postgresql (.ci/run does)")
    return on_path


class ThrowawayPostgres:
    """A PostgreSQL server of its own, on 127.0.0.1 and a free port, removed by ``stop``."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="entente-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True, cwd=self.root)

    def start(self) -> ThrowawayPostgres:
        if self.user:
            shutil.chown(self.root, self.user)
        self._run(server_bin("initdb"), "-D", str(self.data), "-U", "entente", "-A", "trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run(
            server_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start"
        )
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://entente@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=entente dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(server_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
