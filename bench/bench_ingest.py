"""Ingest embedding throughput: today's fp32 encoder against bf16 autocast (and ONNX), on documents/.

    python bench/bench_ingest.py                      # 3 interleaved rounds, prints JSON
    python bench/bench_ingest.py --rounds 5 --variants fp32,bf16,onnx --json /tmp/ingest.json

The texts are exactly what `scoqa ingest` embeds (the chunker's passages with their title
prefix), encoded one document at a time as the refresh does. Variants run in interleaved
rounds so a load spike on this shared machine hits all of them alike; the median round counts.
`cosine_to_fp32` compares each variant's passage vectors with the fp32 ones.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import ingest  # noqa: F401 - offline environment
from ingest.chunking import chunk_document
from ingest.corpus import find_document_paths, load_overrides, read_source
from ingest.embedding import Embedder, MiniLMEmbedder
from ingest.loaders import load_document
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


def encode_all(embedder: Embedder, docs: list[list[str]]) -> tuple[float, np.ndarray]:
    started = time.perf_counter()
    vectors = [embedder.embed_passages(texts) for texts in docs]
    return time.perf_counter() - started, np.concatenate(vectors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=PROJECT_ROOT / "documents")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variants", default="fp32,bf16", help="comma list of fp32, bf16, onnx")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    variants = args.variants.split(",")
    fp32 = MiniLMEmbedder(precision="fp32")
    encoders: dict[str, Embedder] = {"fp32": fp32, "bf16": MiniLMEmbedder(precision="bf16")}
    if "onnx" in variants:
        folder = Path(tempfile.mkdtemp(prefix="bench-ingest-onnx-"))
        encoders["onnx"] = OnnxMiniLMEmbedder(export_minilm(fp32, folder))
    docs = passages(args.docs.resolve(), fp32)
    chunks = sum(len(texts) for texts in docs)
    encode_all(fp32, docs[:2])  # warm-up: first calls allocate
    times: dict[str, list[float]] = {name: [] for name in variants}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name in variants:
            seconds, vectors[name] = encode_all(encoders[name], docs)
            times[name].append(seconds)
    rate = {name: chunks / statistics.median(times[name]) for name in variants}
    result = {
        "chunks": chunks,
        "documents": len(docs),
        "rounds": args.rounds,
        "load_average": os.getloadavg()[0],
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
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
