"""Retrieval, asking, serving and refreshing at N chunks (issue #14's scale targets).

    python bench/bench_scale.py --chunks 100000 --json /tmp/scale-100k.json --keep /tmp/scale-100k
    chroma run --path /tmp/chroma-data --host 127.0.0.1 --port 8123 &
    python bench/bench_scale.py --chunks 100000 --chroma-url http://127.0.0.1:8123 --keep /tmp/s100k-server --json OUT

Builds the synthetic corpus of bench/scale_corpus.py (N chunks in about N/10 documents, real
sentences, varied organisation, kind and date) unless --keep already holds that build, then
measures, with the machine's load average beside each step:
- retrieval_ms, retrieval_filtered_ms: HybridRetriever.retrieve (question embedding included),
  unfiltered and with organisation, year-range, document and kind filters;
- ask_ms: AnswerEngine.ask end to end, extractive, as `scoqa ask` runs it with the model loaded;
- keyword_load_s: reading the saved BM25 index;
- serve_rss_mb: a real `scoqa serve` process on the index after a few POST /api/ask;
- noop_refresh_s, one_doc_refresh_s: `scoqa ingest` processes with nothing, then one document, changed.
Targets at 100,000 chunks: retrieval p95 <= 50 ms with and without filters, ask p95 <= 300 ms,
serve RSS <= 2 GB, no-op refresh of 10,000 documents <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.answering.models import Filters
from bench.scale_corpus import build_index
from ingest.settings import Settings

QUESTIONS = (  # written for this bench: generic, not taken from any evaluation set
    "What did the SCO member states agree about terrorism?",
    "When was the collective rapid reaction force created?",
    "Which countries joined the organisation as full members?",
    "What does the charter say about sovereignty and non-interference?",
    "How does the CSTO respond to a crisis in a member state?",
    "What is the role of the Regional Anti-Terrorist Structure?",
    "Which summit adopted a declaration on information security?",
    "What did the heads of state say about drug trafficking?",
    "Who chairs the council of foreign ministers?",
    "What joint military exercises were held?",
    "How is the secretariat organised?",
    "What did the UN General Assembly resolution ask for?",
    "What are observer states and dialogue partners?",
    "Why was the peacekeeping mission sent?",
    "What is protective integration?",
    "How did the SCO describe cooperation on epidemics?",
)


def load_average() -> float:
    """The 1-minute load average: the machine is shared, so every number carries it."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def summary(values_ms: list[float]) -> dict[str, float]:
    ordered = sorted(values_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "n": len(ordered)}


def timed(calls: list[Callable[[], Any]]) -> list[float]:
    """Milliseconds of each call, one after another."""
    out = []
    for call in calls:
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def scale_filters(settings: Settings) -> list[Filters]:
    """Organisation, year range, both, a kind, and three documents (picked from the index in a fixed way)."""
    from ingest.keyword import KeywordIndex

    index = KeywordIndex.load(settings.keyword_dir)
    assert index is not None, "the build saved no keyword index"
    step = max(1, len(index.fields) // 3)
    docs = sorted({str(index.fields[i]["doc_id"]) for i in range(0, len(index.fields), step)})[:3]
    return [
        Filters(organisation="SCO"),
        Filters(organisation="CSTO"),
        Filters(year_from=2010, year_to=2015),
        Filters(organisation="CSTO", year_from=2005, year_to=2012),
        Filters(kind="declaration", organisation="SCO"),
        Filters(doc_ids=docs),
    ]


def measure_in_process(settings: Settings, rounds: int) -> dict[str, Any]:
    """Keyword load, retrieval with and without filters, and ask, in this process."""
    from app.answering.open import open_engine
    from ingest.keyword import KeywordIndex

    out: dict[str, Any] = {"load_before_queries": load_average()}
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        KeywordIndex.load(settings.keyword_dir)
        loads.append(time.perf_counter() - started)
    out["keyword_load_s"] = round(statistics.median(loads), 3)
    engine = open_engine(settings)
    retriever = engine.retriever
    filters = scale_filters(settings)
    for question in QUESTIONS[:3]:  # warm-up: first calls open sessions and build filter columns
        retriever.retrieve(question)
        engine.ask(question)
    for f in filters:
        retriever.retrieve(QUESTIONS[0], f)
    plain, filtered, asks, parts = [], [], [], {}
    for _ in range(rounds):
        plain += timed([lambda q=q: retriever.retrieve(q) for q in QUESTIONS])
        for f in filters:
            filtered += timed([lambda q=q, f=f: retriever.retrieve(q, f) for q in QUESTIONS])
        asks += timed([lambda q=q: engine.ask(q) for q in QUESTIONS])
    for f in [Filters(), *filters]:
        retrieved = [retriever.retrieve(q, f).timings_ms for q in QUESTIONS]
        parts[json.dumps(f.to_dict())] = {k: round(statistics.median(t[k] for t in retrieved), 1) for k in retrieved[0]}
    out.update(
        retrieval_ms=summary(plain),
        retrieval_filtered_ms=summary(filtered),
        ask_ms=summary(asks),
        retrieval_parts_p50_ms=parts,
        load_after_queries=load_average(),
    )
    return out


def serve_rss(settings: Settings, asks: int = 8) -> dict[str, Any]:
    """Resident memory of a real `scoqa serve` on the index after a few POST /api/ask."""
    from tests.live_server import start_server, stop_server

    extra = ["--no-build"] + (["--chroma-url", settings.chroma_url] if settings.chroma_url else [])
    proc, url = start_server(settings, *extra, timeout=600)
    try:
        for i in range(asks):
            body = json.dumps({"question": QUESTIONS[i % len(QUESTIONS)]}).encode()
            request = urllib.request.Request(url + "/api/ask", body, {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=300) as response:
                assert response.status == 200
        status = Path(f"/proc/{proc.pid}/status").read_text()
        rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
        return {"serve_rss_mb": round(rss_kb / 1024, 1), "serve_asks": asks, "load_serve": load_average()}
    finally:
        stop_server(proc)


def ingest_process(settings: Settings) -> tuple[float, dict[str, Any]]:
    """Wall seconds of a `scoqa ingest` process, and its JSON summary."""
    command = [sys.executable, "-m", "app.cli", "ingest", "--docs", str(settings.docs_dir)]
    command += ["--index", str(settings.index_dir), "--json"]
    command += ["--chroma-url", settings.chroma_url] if settings.chroma_url else []
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"scoqa ingest failed: {done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout)


def measure_refresh(settings: Settings, documents: int) -> dict[str, Any]:
    """No-op refreshes (3, median), then one document changed and changed back (2 refreshes)."""
    noop = []
    for _ in range(3):
        seconds, result = ingest_process(settings)
        assert result["unchanged"] == documents and not (result["added"] or result["updated"]), result
        noop.append(round(seconds, 2))
    path = sorted(settings.docs_dir.rglob("*.md"))[len(noop)]
    original = path.read_bytes()
    one = []
    try:
        path.write_bytes(original + b"\nThe ministers also agreed to meet again next year.\n")
        seconds, result = ingest_process(settings)
        assert result["updated"] == 1 and result["unchanged"] == documents - 1, result
        one.append(round(seconds, 2))
    finally:
        path.write_bytes(original)
    seconds, result = ingest_process(settings)
    assert result["updated"] == 1, result
    one.append(round(seconds, 2))
    return {
        "noop_refresh_s": statistics.median(noop),
        "noop_refresh_runs_s": noop,
        "one_doc_refresh_s": statistics.median(one),
        "one_doc_refresh_runs_s": one,
        "load_refresh": load_average(),
    }


def prepare(args: argparse.Namespace, root: Path) -> tuple[Settings, dict[str, Any]]:
    """The index in root: reused when root's build.json says it is this build, else built afresh."""
    settings = Settings(docs_dir=root / "docs", index_dir=root / "index", chroma_url=args.chroma_url)
    wanted = {"chunks": args.chunks, "unique": args.unique, "seed": args.seed, "chroma_url": args.chroma_url}
    record = root / "build.json"
    if record.exists():
        built = json.loads(record.read_text())
        if {k: built.get(k) for k in wanted} == wanted:
            return settings, {**built, "reused": True}
    if args.chroma_url and not args.replace:
        from ingest.store import ChromaStore

        if ChromaStore(settings).exists():
            raise SystemExit(
                f"the Chroma server at {args.chroma_url} already holds a '{settings.collection}' collection, which "
                "this bench would replace; start an empty one (chroma run --path NEW_DIR) or pass --replace"
            )
    shutil.rmtree(settings.docs_dir, ignore_errors=True)
    settings.docs_dir.mkdir(parents=True)
    load = load_average()
    times = build_index(settings, args.chunks, args.unique, args.seed, Path(args.cache))
    built = {**wanted, **{k: round(v, 1) for k, v in times.items()}, "load_build": [load, load_average()]}
    record.write_text(json.dumps(built))
    return settings, {**built, "reused": False}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, required=True)
    parser.add_argument("--json", required=True, help="where to write the results")
    parser.add_argument("--chroma-url", help="a running `chroma run` server (default: embedded Chroma)")
    parser.add_argument("--keep", help="folder for the corpus and index, reused by the next run with the same build")
    parser.add_argument("--unique", type=int, default=20000, help="different passages (runs of real sentences)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the questions")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "scoqa-bench-scale"))
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: serve, refresh")
    parser.add_argument("--replace", action="store_true", help="with --chroma-url: replace its existing collection")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scoqa-scale-"))
    try:
        settings, built = prepare(args, root)
        result: dict[str, Any] = {"chunks": args.chunks, "chroma_url": args.chroma_url, "build": built}
        result["build_s"] = built["build_s"]
        result.update(measure_in_process(settings, args.rounds))
        if "serve" not in args.skip:
            result.update(serve_rss(settings))
        if "refresh" not in args.skip:
            result.update(measure_refresh(settings, int(built["documents"])))
        Path(args.json).write_text(json.dumps(result, indent=2))
        print(json.dumps(result, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
