"""Chat latency with five sessions at once against one alone, through Gradio's own event API.

The chat events run with `concurrency_limit` = the `chat_concurrency` tunable (app/web/chat_tab.py);
this measures what that buys: the p50 of a chat request when five sessions ask at the same time,
against the p50 of one session alone (target: at most 1.5 times).

python bench/bench_chat_concurrency.py                 # `scoqa serve` on documents/ in a tmp index
python bench/bench_chat_concurrency.py --limits 1,4    # the same index served with each limit in turn
python bench/bench_chat_concurrency.py --url http://127.0.0.1:7860 --sessions 5 --rounds 3
python bench/bench_chat_concurrency.py --index /tmp/idx --clients http,gradio_client

Each visitor is its own process, so visitors run in parallel as separate browsers would. Two kinds
of visitor (`--clients`): `http` speaks Gradio's queue API over HTTP like a browser tab (about 3 ms of
client CPU per answer); `gradio_client` is the Python client (about 75 ms of CPU per answer, which on a
2-core machine competes with the server it measures). The server's own CPU time per answer is read
from /proc when this script started the server.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_browser import QUESTIONS
from ingest.settings import Settings, default_docs_dir
from tests.live_server import start_server, stop_server

ARGS = ["any", "any", None, None, []]  # the filter bar left as it is


class GradioClientVisitor:
    """A visitor through gradio_client (heavy: ~75 ms of CPU per answer on this machine's cores)."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url + "/", verbose=False, download_files=False)

    def ask(self, question: str) -> str:
        return self.client.predict(question, [], *ARGS, api_name="/ask")[-1]


class HttpVisitor:
    """A visitor as a browser tab talks to the server: one session, Gradio's queue over HTTP and
    server-sent events (https://www.gradio.app/guides/querying-gradio-apps-with-curl), ~3 ms of
    client CPU per answer, so the visitors' own work hardly competes with the server's."""

    def __init__(self, url: str) -> None:
        import httpx

        self.http = httpx.Client(base_url=url + "/gradio_api/call/ask", timeout=600)
        self.session = uuid.uuid4().hex

    def ask(self, question: str) -> str:
        event = self.http.post("", json={"data": [question, [], *ARGS], "session_hash": self.session})
        event.raise_for_status()
        kind, outputs = "", None
        with self.http.stream("GET", "/" + event.json()["event_id"]) as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    outputs = json.loads(line[5:])
                    break
        if kind != "complete" or not outputs:
            raise RuntimeError(f"the server answered {kind or 'nothing'}: {outputs}")
        return outputs[-2]  # the status line (the last output, the inferred filters, is a State)


VISITORS = {"http": HttpVisitor, "gradio_client": GradioClientVisitor}


def ask_all(url: str, questions: list[str], start: Any = None, client: str = "http") -> list[float]:
    """One visitor (its own session): the questions one after another; seconds per answer.

    Files in the outputs (the Markdown export) are not downloaded: a browser fetches them only on a click.
    """
    visitor = VISITORS[client](url)
    visitor.ask("What is the SCO?")  # session warm-up
    if start is not None:
        start.wait()
    latencies = []
    for question in questions:
        began = time.perf_counter()
        status = visitor.ask(question)
        latencies.append(time.perf_counter() - began)
        assert "ready" in status or status.startswith("Not answered"), status
    return latencies


def _visitor(url: str, questions: list[str], start: Any, results: Any, client: str) -> None:
    results.put(ask_all(url, questions, start, client))


def together(url: str, sessions: int, questions: list[str], client: str) -> tuple[list[float], float]:
    """`sessions` visitors asking at the same moment, each in its own process (as separate browsers
    would be, so the client's own work is not serialised by one interpreter lock); latencies, wall time."""
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(sessions + 1), context.Queue()
    visitors = [
        context.Process(target=_visitor, args=(url, questions[i:] + questions[:i], start, results, client))
        for i in range(sessions)
    ]
    for visitor in visitors:
        visitor.start()
    start.wait()
    began = time.perf_counter()
    latencies = [x for _ in visitors for x in results.get(timeout=900)]
    wall = time.perf_counter() - began
    for visitor in visitors:
        visitor.join()
    return latencies, wall


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process and its threads so far (Linux /proc); 0 without a pid."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(url: str, sessions: int, rounds: int, client: str, pid: int | None = None) -> dict[str, Any]:
    """p50 and p90 (ms) of single-session requests and of requests from `sessions` sessions at once,
    and (given the server's pid) its CPU time per request.

    The two phases alternate `rounds` times, so a change in the machine's other load
    (2 shared cores) falls on both alike.
    """
    alone: list[float] = []
    crowd: list[float] = []
    wall = cpu = 0.0
    ask_all(url, QUESTIONS, client=client)  # warm-up: the engine opens, the caches fill
    for _ in range(rounds):
        began = cpu_seconds(pid)
        alone += ask_all(url, QUESTIONS, client=client)
        cpu += cpu_seconds(pid) - began  # includes one warm-up question per phase
        latencies, seconds = together(url, sessions, QUESTIONS, client)
        crowd += latencies
        wall += seconds

    def pct(values: list[float], q: int) -> float:
        return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)

    return {
        "client": client,
        "requests_alone": len(alone),
        "requests_together": len(crowd),
        "sessions": sessions,
        "p50_alone_ms": pct(alone, 50),
        "p90_alone_ms": pct(alone, 90),
        "p50_together_ms": pct(crowd, 50),
        "p90_together_ms": pct(crowd, 90),
        "p50_ratio": round(pct(crowd, 50) / pct(alone, 50), 2),
        "throughput_together_per_s": round(len(crowd) / wall, 2),
        **({"server_cpu_ms_per_request": round(cpu * 1000 / (len(alone) + rounds), 1)} if pid else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running `scoqa serve` (default: start one on documents/)")
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="alternations of the alone and together phases")
    parser.add_argument("--limits", default="", help="chat_concurrency values to serve in turn, e.g. 1,4")
    parser.add_argument("--clients", default="http", help="visitor kinds to measure in turn: http, gradio_client")
    parser.add_argument("--index", type=Path, help="serve this index of documents/ (default: build one in a tmp dir)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    if args.url:
        for client in clients:
            print(json.dumps(run(args.url, args.sessions, args.rounds, client)), flush=True)
        return
    limits = [int(x) for x in args.limits.split(",") if x.strip()] or [None]
    with tempfile.TemporaryDirectory(prefix="scoqa-bench-") as tmp:
        index = args.index or Path(tmp) / "index"
        for limit in limits:  # the first server builds the index, the next ones reuse it
            if limit is not None:
                os.environ["SCOQA_CHAT_CONCURRENCY"] = str(limit)
            proc, url = start_server(Settings(docs_dir=default_docs_dir(), index_dir=index), timeout=900)
            try:
                for client in clients:
                    result = run(url, args.sessions, args.rounds, client, proc.pid)
                    print(json.dumps({"chat_concurrency": limit or "default", **result}), flush=True)
            finally:
                stop_server(proc)


if __name__ == "__main__":
    main()
