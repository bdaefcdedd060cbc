"""Ingest embedding throughput on documents/: torch fp32 (the encoder before issue #14), the ONNX
export that CPU ingest now uses, and torch with bfloat16 weights (the candidate not taken).

    python bench/bench_ingest.py                      # 5 interleaved rounds, prints JSON
    python bench/bench_ingest.py --rounds 3 --variants fp32,onnx,bf16 --json /tmp/ingest.json
    python bench/bench_ingest.py --end-to-end 3 --baseline-src /path/to/old/checkout
    python bench/bench_ingest.py --rounds 0 --end-to-end 3 --models minilm,minilm-int8 \
        --baseline-src /path/to/checkout/before/issue-14 --also-src before-int8=/path/to/another/checkout@minilm-int8

`--end-to-end N` also times N interleaved `scoqa ingest --rebuild` processes on a tmp index
(model loading, chunking, Chroma and keyword writes included), against the same command run
with another checkout's code on PYTHONPATH when `--baseline-src` (or `--also-src NAME=PATH`) names one,
with the 1-minute load average before each run.

The texts are exactly what `scoqa ingest` embeds (the chunker's passages with their title
prefix), encoded in the refresh's groups of documents (ingest/indexing.py). Variants run in interleaved
rounds so a load spike on this shared machine hits all of them alike; the median round counts.
`cosine_to_fp32` compares each variant's passage vectors with the fp32 ones: ONNX gives the
same vectors, so an index needs no rebuild; bf16 moves them (cosine ~0.998).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import ingest  # noqa: F401 - offline environment
from ingest.chunking import chunk_document
from ingest.corpus import find_document_paths, load_overrides, read_source
from ingest.embedding import Embedder, MiniLMEmbedder
from ingest.indexing import GROUP_CHUNKS
from ingest.loaders import load_document
from ingest.onnx_int8 import Int8MiniLMEmbedder, quantise
from ingest.onnx_model import OnnxMiniLMEmbedder, export_minilm
from ingest.settings import PROJECT_ROOT


def passages(docs_dir: Path, embedder: MiniLMEmbedder) -> list[list[str]]:
    """Each document's embedding texts, as the refresh builds them."""
    paths, _ = find_document_paths(docs_dir)
    overrides = load_overrides(docs_dir)
    found = []
    for path in paths:
        source = read_source(path, docs_dir, overrides, 50_000_000)
        doc = load_document(source.path, docs_dir, source.overrides, source.content)
        found.append([c.embedding_text(doc.title) for c in chunk_document(doc, embedder.token_ids)])
    return found


class Bf16MiniLM(MiniLMEmbedder):
    """MiniLM with bfloat16 weights (measured 2.2x here once; vectors move to cosine ~0.998)."""

    def __post_init__(self) -> None:
        import torch

        super().__post_init__()
        self._model.to(torch.bfloat16)


def refresh_groups(docs: list[list[str]]) -> list[list[str]]:
    """The documents' passages in the groups a refresh embeds them in (ingest/indexing.py)."""
    found: list[list[str]] = [[]]
    for texts in docs:
        if len(found[-1]) >= GROUP_CHUNKS:
            found.append([])
        found[-1] += texts
    return found


def encode_all(embedder: Embedder, docs: list[list[str]]) -> tuple[float, np.ndarray]:
    started = time.perf_counter()
    vectors = [embedder.embed_passages(texts) for texts in refresh_groups(docs)]
    return time.perf_counter() - started, np.concatenate(vectors)


def ingest_process(docs: Path, index: Path, src: Path | None, model: str = "minilm") -> tuple[float, int]:
    """Seconds and chunks of one `scoqa ingest --rebuild` as a fresh process, running `src`'s code.

    It runs in `src` (else this checkout): `python -m` puts the working directory before PYTHONPATH,
    so a run started here would import this checkout's code whatever PYTHONPATH says."""
    folder = (src or PROJECT_ROOT).resolve()
    env = {**os.environ, "PYTHONPATH": str(folder)}
    command = [sys.executable, "-m", "app.cli", "ingest", "--docs", str(docs), "--index", str(index), "--rebuild"]
    command += ["--embed-model", model] if model != "minilm" else []
    started = time.perf_counter()
    done = subprocess.run([*command, "--json"], check=True, capture_output=True, text=True, env=env, cwd=folder)
    return time.perf_counter() - started, int(json.loads(done.stdout.splitlines()[-1])["chunks"])


def code_of(src: Path | None) -> Path:
    """Where `app` is imported from in a process started as ingest_process starts one (checked before timing)."""
    folder = (src or PROJECT_ROOT).resolve()
    env = {**os.environ, "PYTHONPATH": str(folder)}
    command = [sys.executable, "-c", "import app; print(app.__file__)"]
    found = Path(
        subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=folder).stdout.strip()
    )
    if not found.is_relative_to(folder):
        raise SystemExit(f"a process meant to run {folder} imports {found}: fix the bench before timing")
    return found


def end_to_end(docs: Path, runs: int, others: dict[str, tuple[Path, str]], models: list[str]) -> dict[str, object]:
    """Interleaved whole-process rebuilds: this code with each embedding model, and each other
    checkout's code with its model. Each keeps its index, so only the first run exports."""
    sources: dict[str, tuple[Path | None, str]] = {
        ("current" if m == "minilm" else f"current-{m}"): (None, m) for m in models
    }
    sources.update(others)
    for src, _ in sources.values():
        code_of(src)
    times: dict[str, list[float]] = {name: [] for name in sources}
    loads: list[float] = []
    chunks = 0
    with tempfile.TemporaryDirectory(prefix="bench-ingest-e2e-") as folder:
        for _ in range(runs):
            for name, (src, model) in sources.items():
                loads.append(os.getloadavg()[0])
                seconds, chunks = ingest_process(docs, Path(folder) / name, src, model)
                times[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "chunks": chunks,
        "seconds": {name: [round(t, 1) for t in values] for name, values in times.items()},
        "chunks_per_s": {name: round(chunks / value, 1) for name, value in medians.items()},
        "load_average_before_each_run": [round(load, 2) for load in loads],
    }


def in_process(docs_dir: Path, variants: list[str], rounds: int) -> dict[str, object]:
    """Each variant encodes every document's passages, `rounds` times, interleaved."""
    fp32 = MiniLMEmbedder()
    encoders: dict[str, Embedder] = {"fp32": fp32}
    if "bf16" in variants:
        encoders["bf16"] = Bf16MiniLM()
    if "onnx" in variants or "int8" in variants:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-onnx-") as folder:  # the session keeps what it read
            encoders["onnx"] = OnnxMiniLMEmbedder(export_minilm(fp32, Path(folder)))
            if "int8" in variants:
                encoders["int8"] = Int8MiniLMEmbedder(quantise(Path(folder)))
    docs = passages(docs_dir, fp32)
    chunks = sum(len(texts) for texts in docs)
    encode_all(fp32, docs[:2])  # warm-up: first calls allocate
    times: dict[str, list[float]] = {name: [] for name in variants}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name in variants:
            seconds, vectors[name] = encode_all(encoders[name], docs)
            times[name].append(seconds)
    rate = {name: chunks / statistics.median(times[name]) for name in variants}
    return {
        "chunks": chunks,
        "documents": len(docs),
        "rounds": rounds,
        "chunks_per_s": {name: round(value, 1) for name, value in rate.items()},
        "seconds": {name: [round(t, 2) for t in times[name]] for name in variants},
        "speedup_vs_fp32": {name: round(rate[name] / rate["fp32"], 2) for name in variants if "fp32" in rate},
        "cosine_to_fp32": {
            name: {"min": round(float(cos.min()), 5), "mean": round(float(cos.mean()), 5)}
            for name in variants
            if "fp32" in vectors
            for cos in [(vectors[name] * vectors["fp32"]).sum(axis=1)]
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=PROJECT_ROOT / "documents")
    parser.add_argument("--rounds", type=int, default=5, help="in-process rounds (0: skip)")
    parser.add_argument("--variants", default="fp32,onnx,bf16", help="comma list of fp32, onnx, int8, bf16")
    parser.add_argument("--models", default="minilm", help="--end-to-end: embedding models to rebuild with")
    parser.add_argument("--end-to-end", type=int, default=0, metavar="N", help="also time N whole ingests")
    parser.add_argument("--baseline-src", type=Path, help="checkout whose code the end-to-end baseline runs")
    parser.add_argument(
        "--also-src",
        action="append",
        default=[],
        metavar="NAME=PATH[@MODEL]",
        help="--end-to-end: another checkout to time (with MODEL, default minilm)",
    )
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    result: dict[str, object] = {"load_average_at_start": os.getloadavg()[0]}
    if args.rounds:
        result["in_process"] = in_process(args.docs.resolve(), args.variants.split(","), args.rounds)
    if args.end_to_end:
        others = {"baseline": (args.baseline_src, "minilm")} if args.baseline_src else {}
        for item in args.also_src:
            name, _, where = item.partition("=")
            path, _, model = where.partition("@")
            others[name] = (Path(path), model or "minilm")
        result["end_to_end"] = end_to_end(args.docs.resolve(), args.end_to_end, others, args.models.split(","))
    result["load_average_at_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
