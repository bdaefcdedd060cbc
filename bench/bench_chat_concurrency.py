"""Chat latency with five sessions at once against one alone, through Gradio's own event API.

The chat events run with `concurrency_limit` = the `chat_concurrency` tunable (app/web/chat_tab.py);
this measures what that buys: the p50 of a chat request when five sessions ask at the same time,
against the p50 of one session alone (target: at most 1.5 times).

python bench/bench_chat_concurrency.py                 # `scoqa serve` on documents/ in a tmp index
python bench/bench_chat_concurrency.py --limits 1,4    # the same index served with each limit in turn
python bench/bench_chat_concurrency.py --url http://127.0.0.1:7860 --sessions 5 --rounds 3
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_browser import QUESTIONS
from ingest.settings import Settings, default_docs_dir
from tests.live_server import start_server, stop_server


def ask_all(url: str, questions: list[str], start: Any = None) -> list[float]:
    """One visitor (its own gradio_client session): the questions one after another; seconds per answer.

    Files in the outputs (the Markdown export) are not downloaded: a browser fetches them only on a click.
    """
    from gradio_client import Client

    client = Client(url + "/", verbose=False, download_files=False)
    client.predict("What is the SCO?", [], "any", "any", None, None, [], api_name="/ask")  # session warm-up
    if start is not None:
        start.wait()
    latencies = []
    for question in questions:
        began = time.perf_counter()
        *_, status = client.predict(question, [], "any", "any", None, None, [], api_name="/ask")
        latencies.append(time.perf_counter() - began)
        assert "ready" in status or status.startswith("Not answered"), status
    return latencies


def _visitor(url: str, questions: list[str], start: Any, results: Any) -> None:
    results.put(ask_all(url, questions, start))


def together(url: str, sessions: int, questions: list[str]) -> tuple[list[float], float]:
    """`sessions` visitors asking at the same moment, each in its own process (as separate browsers
    would be, so the client's own work is not serialised by one interpreter lock); latencies, wall time."""
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(sessions + 1), context.Queue()
    visitors = [
        context.Process(target=_visitor, args=(url, questions[i:] + questions[:i], start, results))
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


def run(url: str, sessions: int, rounds: int) -> dict[str, float]:
    """p50 and p90 (ms) of single-session requests and of requests from `sessions` sessions at once.

    The two phases alternate `rounds` times, so a change in the machine's other load
    (2 shared cores) falls on both alike.
    """
    alone: list[float] = []
    crowd: list[float] = []
    wall = 0.0
    for _ in range(rounds):
        alone += ask_all(url, QUESTIONS)
        latencies, seconds = together(url, sessions, QUESTIONS)
        crowd += latencies
        wall += seconds

    def pct(values: list[float], q: int) -> float:
        return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)

    return {
        "requests_alone": len(alone),
        "requests_together": len(crowd),
        "sessions": sessions,
        "p50_alone_ms": pct(alone, 50),
        "p90_alone_ms": pct(alone, 90),
        "p50_together_ms": pct(crowd, 50),
        "p90_together_ms": pct(crowd, 90),
        "p50_ratio": round(pct(crowd, 50) / pct(alone, 50), 2),
        "throughput_together_per_s": round(len(crowd) / wall, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running `scoqa serve` (default: start one on documents/)")
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="alternations of the alone and together phases")
    parser.add_argument("--limits", default="", help="chat_concurrency values to serve in turn, e.g. 1,4")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.url:
        print(json.dumps(run(args.url, args.sessions, args.rounds)))
        return
    limits = [int(x) for x in args.limits.split(",") if x.strip()] or [None]
    with tempfile.TemporaryDirectory(prefix="scoqa-bench-") as tmp:
        for limit in limits:  # the first server builds the index, the next ones reuse it
            if limit is not None:
                os.environ["SCOQA_CHAT_CONCURRENCY"] = str(limit)
            proc, url = start_server(Settings(docs_dir=default_docs_dir(), index_dir=Path(tmp) / "index"), timeout=900)
            try:
                result = run(url, args.sessions, args.rounds)
                print(json.dumps({"chat_concurrency": limit or "default", **result}), flush=True)
            finally:
                stop_server(proc)


if __name__ == "__main__":
    main()
