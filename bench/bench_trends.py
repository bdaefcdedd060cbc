"""Trends tab render time: the shipped corpus and 10,000 synthetic documents.

python bench/bench_trends.py                   # documents/ and 10,000 synthetic documents, each in a tmp index
python bench/bench_trends.py --synthetic 2000  # fewer synthetic documents
python bench/bench_trends.py --keep /tmp/syn   # build the synthetic index there once, reuse it next time

A render is what the tab's Show trends button runs (app.web.trends_view.trends_view): read the
documents, count the concepts, draw the chart, fill the table. Four cases:
- nothing cached: the first read of a new index (every chunk read from Chroma, every document counted);
- after a one-document refresh: the server has rendered once, then a refresh changes one document
  (a real `refresh_index` of an edited copy of documents/; for the synthetic index, what a refresh
  writes for one document: its new chunks upserted, the old ones deleted, a new revision);
- after a restart: the documents come from the file cache under the index folder, the concepts
  are counted afresh;
- later renders (median of five; the server also does one in the background when it starts, so
  this is what the tab's first render usually costs).

The synthetic documents are built deterministically (seed 16) from real sentences of
documents/ and ../shared/corpus, read at run time; they go through the real chunker, into a
real Chroma collection, each chunk with its document's fingerprint as refresh writes it. Their
vectors are random unit vectors: trends never reads vectors, and embedding 10,000 documents
would take this machine hours without changing the timing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from app.answering.sentences import sentence_spans
from app.trends.count_cache import counts_path
from app.trends.index_texts import clear_cache
from app.trends.service import TrendsService
from app.trends.text_cache import cache_path
from app.web.trends_tab import DEFAULT_CONCEPTS
from app.web.trends_view import trends_view
from ingest.corpus import find_document_paths
from ingest.documents import Document
from ingest.loaders import load_document
from ingest.settings import PROJECT_ROOT, Settings, default_docs_dir

SHARED = PROJECT_ROOT.parent / "shared" / "corpus"
ALL_CONCEPTS = [
    "three evils",
    "information security",
    "colour revolutions",
    "sovereignty and non-interference",
    "drug trafficking",
    "Afghanistan",
    "NATO and the West",
    "the UN",
    "multipolarity",
    "Belt and Road",
    "collective defence",
    "peacekeeping",
]


def real_sentences() -> list[str]:
    """Sentences of 5-60 words from the shipped and the shared corpus, in a fixed order."""
    found: set[str] = set()
    for root in (default_docs_dir(), SHARED):
        if not root.is_dir():
            continue
        for path in find_document_paths(root)[0]:
            text = load_document(path, root).text
            found |= {" ".join(text[s:e].split()) for s, e in sentence_spans(text)}
    return sorted(s for s in found if 5 <= len(s.split()) <= 60)


def synthetic_documents(count: int, seed: int = 16) -> list[Document]:
    rng = random.Random(seed)
    sentences = real_sentences()
    docs = []
    for n in range(count):
        picked = [rng.choice(sentences) for _ in range(rng.randint(15, 45))]
        paragraphs = [" ".join(picked[i : i + 5]) for i in range(0, len(picked), 5)]
        year = rng.randint(2001, 2025)
        docs.append(
            Document(
                doc_id=f"synthetic/{n:05d}.txt",
                text="\n\n".join(paragraphs),
                title=f"Synthetic document {n}",
                organisation=rng.choice(["SCO", "SCO", "CSTO", "both"]),
                kind=rng.choice(["declaration", "statement", "briefing", "article"]),
                date=str(year),
            )
        )
    return docs


def _synthetic_revision(store: Any) -> str:
    """The revision the build recorded; an edited index keeps it before "-edit"."""
    return str(store.facts.get("revision", "")).split("-edit")[0]


def build_synthetic_index(settings: Settings, count: int) -> None:
    """Real chunker, real Chroma; random vectors (see the module docstring)."""
    from ingest.chunking import chunk_document
    from ingest.embedding import get_embedder
    from ingest.store import ChromaStore

    store = ChromaStore(settings)
    if store.exists() and _synthetic_revision(store) == f"synthetic-{count}":
        add_fingerprints(store)
        return
    store.drop()
    embedder = get_embedder(settings.embed_model)
    store.create(settings.embed_model, embedder.dim)
    rng = np.random.default_rng(16)
    started = time.perf_counter()
    for i, doc in enumerate(synthetic_documents(count)):
        chunks = chunk_document(doc, embedder.token_ids)
        vectors = rng.normal(size=(len(chunks), embedder.dim)).astype(np.float32)
        store.upsert_documents([(chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), _metadata(doc))])
        if i % 1000 == 999:
            print(f"  {i + 1} documents indexed ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    store.mark(revision=f"synthetic-{count}")


def _metadata(doc: Document) -> dict[str, Any]:
    """What refresh stamps on every chunk: the document's metadata and a fingerprint of its content."""
    return {**doc.chunk_metadata(), "fingerprint": hashlib.sha256(doc.text.encode("utf-8")).hexdigest()}


def add_fingerprints(store: Any) -> None:
    """An index built before the synthetic chunks carried fingerprints gets one per document
    (a hash of its chunk ids, each a hash of a chunk's text)."""
    if "fingerprint" in (store.collection.get(limit=1, include=["metadatas"])["metadatas"][0] or {}):
        return
    by_doc: dict[str, list[str]] = {}
    for chunk_id in store.all_ids():
        by_doc.setdefault(chunk_id.rpartition("#")[0], []).append(chunk_id)
    pairs = [(i, hashlib.sha256(" ".join(sorted(ids)).encode()).hexdigest()) for ids in by_doc.values() for i in ids]
    for start in range(0, len(pairs), 5000):
        page = pairs[start : start + 5000]
        store.collection.update(ids=[i for i, _ in page], metadatas=[{"fingerprint": f} for _, f in page])


def edit_synthetic(settings: Settings) -> None:
    """What a refresh writes when one document changed: its new chunks, then the old ones deleted, a new revision."""
    from ingest.chunking import chunk_document
    from ingest.embedding import get_embedder
    from ingest.store import ChromaStore

    store = ChromaStore(settings)
    embedder = get_embedder(settings.embed_model)
    [old] = [d for d in TrendsService(settings).documents() if d.doc_id == "synthetic/00000.txt"]
    stamp = time.strftime("%H:%M:%S")
    text = f"{old.text}\n\nEdited at {stamp}: the states discussed information security and terrorism again."
    doc = Document(old.doc_id, text, title=old.title, organisation=old.organisation, kind=old.kind, date=old.date)
    chunks = chunk_document(doc, embedder.token_ids)
    vectors = np.random.default_rng(16).normal(size=(len(chunks), embedder.dim)).astype(np.float32)
    store.upsert_documents([(chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), _metadata(doc))])
    store.delete_document(doc.doc_id, keep=[c.chunk_id for c in chunks])
    store.mark(revision=f"{_synthetic_revision(store)}-edit-{time.time_ns()}")


def edit_shipped(settings: Settings) -> None:
    """A real refresh of the copy of documents/ after one file gained a sentence."""
    from ingest.refresh import refresh_index

    path = settings.docs_dir / "csto_information_security.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nThe states discussed information security again.\n")
    assert refresh_index(settings).updated == 1


def _render_ms(settings: Settings, query: dict) -> tuple[str, TrendsService, Any]:
    """'wall ms (CPU ms)': on a shared machine the CPU time says what the render costs by itself."""
    service = TrendsService(settings)
    started, cpu = time.perf_counter(), time.process_time()
    view = trends_view(service, query, "per_10k_words")
    return f"{(time.perf_counter() - started) * 1000:.0f} ({(time.process_time() - cpu) * 1000:.0f})", service, view


def time_renders(settings: Settings, names: list[str], edit: Callable[[Settings], None]) -> dict[str, Any]:
    """A render with nothing cached, after a one-document refresh, after a restart (the file cache only),
    and later ones."""
    query = {"names": names, "mine": {}, "filters": ["any", "any", None, None], "by_kind": False}
    cache_path(settings).unlink(missing_ok=True)
    counts_path(settings).unlink(missing_ok=True)
    clear_cache()
    cold, service, view = _render_ms(settings, query)
    edit(settings)
    one_document = _render_ms(settings, query)[0]
    clear_cache()
    restart = _render_ms(settings, query)[0]
    again = sorted((_render_ms(settings, query)[0] for _ in range(5)), key=lambda t: float(t.split()[0]))[2]
    documents = service.documents()
    return {
        "documents": len(documents),
        "chunks": sum(len(d.chunks) for d in documents),
        "points": len(view.rows),
        "nothing_cached_ms": cold,
        "after_one_document_refresh_ms": one_document,
        "after_restart_ms": restart,
        "later_ms": again,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=10_000, help="synthetic documents (0: skip)")
    parser.add_argument("--keep", type=Path, help="index folder for the synthetic documents, reused when built")
    args = parser.parse_args()
    from ingest.refresh import refresh_index

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-trends-") as tmp:
        docs = shutil.copytree(default_docs_dir(), Path(tmp) / "documents")  # edited by the one-document case
        shipped = Settings(docs_dir=docs, index_dir=Path(tmp) / "shipped")
        refresh_index(shipped)
        for label, names in (("2 concepts", DEFAULT_CONCEPTS), ("12 concepts", ALL_CONCEPTS)):
            results[f"shipped corpus, {label}"] = time_renders(shipped, names, edit_shipped)
        if args.synthetic:
            synthetic = Settings(docs_dir=Path(tmp) / "none", index_dir=args.keep or Path(tmp) / "synthetic")
            build_synthetic_index(synthetic, args.synthetic)
            for label, names in (("2 concepts", DEFAULT_CONCEPTS), ("12 concepts", ALL_CONCEPTS)):
                key = f"{args.synthetic} synthetic documents, {label}"
                results[key] = time_renders(synthetic, names, edit_synthetic)
    print(json.dumps(results, indent=1))
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; cells: wall ms (CPU ms of this process)")
    columns = list(next(iter(results.values())))
    print(
        "\n| corpus | documents | chunks | points | nothing cached | after a one-document refresh "
        "| after a restart | later (median of 5) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r in results.items():
        print(f"| {label} | " + " | ".join(str(r[k]) for k in columns) + " |")


if __name__ == "__main__":
    main()
