"""Chroma's HNSW search against the exact search the product runs, on a scale-corpus build.

    python bench/scale_corpus.py --chunks 100000 --out /tmp/s100k     # or bench_scale.py --keep
    python bench/bench_dense_exact.py /tmp/s100k [--question "food security" ...]

For each of bench_scale.py's questions (or the ones given): recall@20 of `store.query` (HNSW, unfiltered) against
`dense_ranking` (exact, numpy, as app/answering/filtering.py searches), the best distance each
found, and both searches' times in one process (3 passes). Why the product searches exactly:
docs/performance.md, "Unfiltered search is exact too".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.answering.filtering import dense_ranking
from app.answering.models import Filters
from app.answering.retrieval import HybridRetriever
from bench.bench_scale import QUESTIONS
from ingest.settings import Settings

K = 20


def main() -> None:
    parser = argparse.ArgumentParser(description="HNSW recall and time against the exact dense search.")
    parser.add_argument("build", type=Path, help="a folder with docs/ and index/ written by bench/scale_corpus.py")
    parser.add_argument("--question", action="append", help="ask this instead of the bench's questions (repeatable)")
    args = parser.parse_args()
    questions = args.question or list(QUESTIONS)
    retriever = HybridRetriever(Settings(docs_dir=args.build / "docs", index_dir=args.build / "index"))
    index, store = retriever.keyword_index(), retriever.store
    vectors = [retriever.embed_question(q) for q in questions]
    hnsw_ms: list[float] = []
    exact_ms: list[float] = []
    recalls: list[float] = []
    for rounds in range(3):
        for question, vector in zip(questions, vectors, strict=True):
            started = time.perf_counter()
            approximate = store.query(vector, K, None)
            hnsw_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            exact, _ = dense_ranking(store, index, vector, K, Filters())
            exact_ms.append((time.perf_counter() - started) * 1000)
            if rounds == 0:
                recall = len({c.chunk_id for c in approximate} & {cid for cid, _ in exact}) / K
                recalls.append(recall)
                if recall < 1:
                    print(f"recall {recall:.2f}, best {approximate[0].distance:.3f} vs {exact[0][1]:.3f}: {question}")
    mean_recall = statistics.mean(recalls)
    print(f"{len(index.chunk_ids)} chunks, {len(questions)} questions: HNSW recall@{K} mean {mean_recall:.3f}")
    for name, times in (("HNSW", hnsw_ms), ("exact", exact_ms)):
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{name}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} searches")


if __name__ == "__main__":
    main()
