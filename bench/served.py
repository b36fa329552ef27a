"""The served-load benchmark: N concurrent clients on loopback against a live `entente serve` for a bounded time.

    .venv/bin/python bench/served.py [--clients 16] [--seconds 10] [--workers 1] [--db URL] [--distinct]

Each client keeps one HTTP/1.1 connection and posts the same proposal (its YAML file) to
POST /api/v1/assessments again and again: every request is assessed in the server's isolated worker
and recorded. Prints assessments/s, p50/p99 latency, errors (any answer but 201), and the RSS of the
server's processes (the server and its evaluation workers) before and after the run; and, for the
ratio, the in-process rate of the same work (read, validate, resolve, assess: `evaluation.assess`
called directly, with no HTTP, no record and no isolation). Only loopback is used; the run stops by
itself. Benchmarks are not tests: nothing fails on a timing.

The same text is parsed once (the service keeps the last 256 bodies it parsed, as the CLI keeps a parse
cache of its files); ``--distinct`` gives every request a proposal of its own (a new id), so every one is
parsed, in the server and in the in-process rate alike.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "vietnam-supply-chain-conditioned.yaml"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_kb(pid: int) -> int:
    """The RSS of a process and all its descendants (KB), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total


def distinct_body(body: str, n: int) -> str:
    return body.replace("id: vn-supply-chain-conditioned", f"id: bench-{n}", 1)


def in_process_rate(body: str, seconds: float, distinct: bool) -> float:
    """Assessments per second of the same request's work in this process."""
    from engine.core.engine import engine_for
    from engine.core.pack import load_pack
    from engine.service.evaluation import Context, assess
    from engine.service.inputs import YAML, Submission

    pack = load_pack(ROOT / "policies")
    context = Context(pack, engine_for(pack), [ROOT / "profiles"])  # the library: its layers

    def sub(n: int) -> Submission:
        return Submission(YAML, distinct_body(body, n) if distinct else body, {"today": "2026-11-24"})

    for n in range(50):
        assess(context, sub(-n))
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        assess(context, sub(count))
        count += 1
    return count / (time.perf_counter() - start)


async def client(port: int, bodies, deadline: float, latencies: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    def request(body: bytes) -> bytes:
        return (
            f"POST /api/v1/assessments?today=2026-11-24 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/yaml\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(request(next(bodies)))
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 201:
                errors.append(status)
    finally:
        writer.close()


async def load(port: int, bodies, clients: int, seconds: float) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(client(port, bodies, deadline, latencies, errors) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def start_server(port: int, db: str, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "engine.cli", "serve", "--port", str(port), "--db", db]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("entente serve did not start")


def run(clients: int, seconds: float, workers: int, db: str | None, distinct: bool = False) -> dict:
    text = EXAMPLE.read_text()
    counter = itertools.count()
    bodies = (distinct_body(text, n).encode() if distinct else text.encode() for n in counter)
    db = db or f"sqlite:///{tempfile.mkdtemp(prefix='entente-bench-')}/record.db"
    port = free_port()
    load_before = os.getloadavg()[0]
    server = start_server(port, db, workers)
    try:
        asyncio.run(load(port, bodies, clients, min(3.0, seconds)))  # warm-up: every worker forked and warm
        before = tree_rss_kb(server.pid)
        latencies, errors, elapsed = asyncio.run(load(port, bodies, clients, seconds))
        after = tree_rss_kb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    latencies.sort()
    rate = len(latencies) / elapsed
    local = in_process_rate(text, 3.0, distinct)
    p50, p99 = statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]
    return {
        "clients": clients,
        "distinct_proposals": distinct,
        "seconds": round(elapsed, 1),
        "workers": workers,
        "requests": len(latencies),
        "assessments_per_s": round(rate, 1),
        "per_worker_per_s": round(rate / workers, 1),
        "in_process_per_s": round(local, 1),
        "per_worker_over_in_process": round(rate / workers / local, 3),
        "p50_ms": round(p50 * 1000, 2),
        "p99_ms": round(p99 * 1000, 2),
        "p99_over_p50": round(p99 / p50, 2),
        "errors": len(errors),
        "rss_before_kb": before,
        "rss_after_kb": after,
        "rss_growth_pct": round(100 * (after - before) / before, 1),
        "load_average_before_after": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", help="the record (default: a new SQLite file)")
    parser.add_argument("--distinct", action="store_true", help="a new proposal (id) in every request")
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.seconds, args.workers, args.db, args.distinct), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
