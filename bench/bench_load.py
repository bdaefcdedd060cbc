"""Many clients at once against `scoqa serve`'s POST /api/ask: errors, throughput and latency.

    python bench/bench_load.py --clients 20 --seconds 60 --json /tmp/load.json
    python bench/bench_load.py --url http://127.0.0.1:7860 --pid 1234 --clients 20 --seconds 60 --json OUT
    python bench/bench_load.py --index /tmp/scale-10k/index --docs /tmp/scale-10k/docs --json OUT
    python bench/bench_load.py --workers 1 2 --json OUT    # `scoqa serve --workers 1`, then 2, back to back

Without --url it starts a real `scoqa serve` (tests/live_server.py) on documents/ (or --docs and
--index), building the index if need be. First one client asks for --single-seconds, then
--clients clients (threads with their own keep-alive connection) ask as fast as answers come for
--seconds. Questions and filters vary (organisation, years, kind, none). Targets (issue #14): no
error, throughput at least 1.7 times one client's, p95 at most twice the mean latency. Memory is the
server's with its answer workers and fork server: RSS summed (shared pages counted in each process)
and PSS summed (shared pages split between the processes that share them).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_scale import QUESTIONS, load_average
from ingest.settings import Settings, default_docs_dir

FILTERS: tuple[dict[str, Any], ...] = (
    {},
    {"organisation": "SCO"},
    {"organisation": "CSTO"},
    {"year_from": 2005, "year_to": 2015},
    {"organisation": "CSTO", "year_from": 2000},
    {"kind": "declaration"},
    {},
)


def bodies() -> list[bytes]:
    """Every question with every filter, in an order that mixes both."""
    pairs = [(q, f) for i, q in enumerate(QUESTIONS) for f in FILTERS[i % 3 :] + FILTERS[: i % 3]]
    return [json.dumps({"question": q, "filters": f}).encode() for q, f in pairs]


class Client(threading.Thread):
    """One user: its own connection, asking one request after another until `stop` is set."""

    def __init__(self, url: str, requests: list[bytes], offset: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.url, self.requests, self.offset, self.stop = urlparse(url), requests, offset, stop
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=300)
        number = self.offset
        while not self.stop.is_set():
            body = self.requests[number % len(self.requests)]
            number += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                payload = response.read()
                if response.status != 200 or "answer" not in json.loads(payload):
                    self.errors.append(f"{response.status}: {payload[:200]!r}")
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=300)
                continue
            if not self.stop.is_set():  # a request still running at the end is not counted
                self.latencies.append(time.perf_counter() - started)
        connection.close()


def phase(url: str, clients: int, seconds: float) -> dict[str, Any]:
    """`clients` clients asking for `seconds`; counts and latencies."""
    stop = threading.Event()
    requests = bodies()
    crowd = [Client(url, requests, i * 7, stop) for i in range(clients)]
    started = time.perf_counter()
    for client in crowd:
        client.start()
    time.sleep(seconds)
    stop.set()
    wall = time.perf_counter() - started
    for client in crowd:
        client.join(timeout=300)
    latencies = sorted(x for c in crowd for x in c.latencies)
    errors = [e for c in crowd for e in c.errors]
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "throughput_rps": round(len(latencies) / wall, 2),
        "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 1) if ms else None,
        "load": load_average(),
    }


def memory_mb(pid: int | None) -> dict[str, float | int | None]:
    """The server's memory with every process below it (answer workers, their fork server)."""
    if pid is None:
        return {"rss_mb": None, "pss_mb": None, "server_rss_mb": None, "processes": None}
    from tests.live_server import process_tree

    tree = process_tree(pid)
    return {
        "rss_mb": round(sum(_field_kb(f"/proc/{p}/status", "VmRSS:") for p in tree) / 1024, 1),
        "pss_mb": round(sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in tree) / 1024, 1),
        "server_rss_mb": round(_field_kb(f"/proc/{pid}/status", "VmRSS:") / 1024, 1),
        "processes": len(tree),
    }


def _field_kb(path: str, name: str) -> int:
    """A "Name:  123 kB" line of a /proc file; 0 when the process is gone."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return 0
    return int(next((ln.split()[1] for ln in lines if ln.startswith(name)), 0))


def run(url: str, pid: int | None, clients: int, seconds: float, single_seconds: float) -> dict[str, Any]:
    """Warm-up, one client alone, then the crowd."""
    phase(url, 2, 5)  # warm-up: the engine (or the workers' engines) opens, caches fill
    before = memory_mb(pid)
    alone = phase(url, 1, single_seconds)
    crowd = phase(url, clients, seconds)
    result = {
        "clients": clients,
        "seconds": seconds,
        **{k: crowd[k] for k in ("requests", "errors", "throughput_rps", "mean_ms", "p50_ms", "p95_ms")},
        "single_client_rps": alone["throughput_rps"],
        "single_client_mean_ms": alone["mean_ms"],
        "single_client_errors": alone["errors"],
        "memory_before": before,
        "memory_after": memory_mb(pid),
        "load_single": alone["load"],
        "load_crowd": crowd["load"],
        "first_errors": crowd["first_errors"] + alone["first_errors"],
    }
    result["throughput_ratio"] = round(crowd["throughput_rps"] / max(alone["throughput_rps"], 1e-9), 2)
    result["p95_over_mean"] = round(crowd["p95_ms"] / crowd["mean_ms"], 2) if crowd["mean_ms"] else None
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--single-seconds", type=float, default=30, help="how long one client asks alone")
    parser.add_argument("--json", required=True, help="where to write the results")
    parser.add_argument("--url", help="a running `scoqa serve` (default: start one)")
    parser.add_argument("--pid", type=int, help="the running server's process id, for its memory")
    parser.add_argument("--docs", help="documents for the server started here (default: documents/)")
    parser.add_argument("--index", help="index for the server started here (default: a temporary one)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1], help="`scoqa serve --workers N` for each N given, in turn"
    )
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.url:
        runs = [run(args.url, args.pid, args.clients, args.seconds, args.single_seconds)]
    else:
        with tempfile.TemporaryDirectory(prefix="scoqa-load-") as tmp:
            index = Path(args.index) if args.index else Path(tmp) / "index"
            settings = Settings(docs_dir=Path(args.docs) if args.docs else default_docs_dir(), index_dir=index)
            runs = [served(settings, workers, args) for workers in args.workers]
    result = runs[0] if len(runs) == 1 else {"runs": runs}
    Path(args.json).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def served(settings: Settings, workers: int, args: argparse.Namespace) -> dict[str, Any]:
    """The bench against a `scoqa serve --workers N` started for it (and stopped after)."""
    from tests.live_server import start_server, stop_server

    proc, url = start_server(settings, "--workers", str(workers), timeout=900)
    try:
        return {"workers": workers, **run(url, proc.pid, args.clients, args.seconds, args.single_seconds)}
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
