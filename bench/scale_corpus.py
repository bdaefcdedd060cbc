"""A deterministic synthetic corpus of N chunks, written through the real store, for scale benchmarks.

The texts are real: each chunk is a run of 2 to 7 consecutive sentences of one text of
`documents/` or `../shared/corpus/`. Each different sentence is embedded once (and cached on
disk), and a chunk's vector is the normalised mean of its sentences' vectors: close to the vector
of the whole run (cosine ~0.95, docs/performance.md) while N chunks cost only a few thousand
sentence embeddings. A passage placed in several documents gets a small fixed jitter after its
first use (cosine 0.998), because exactly equal vectors are not what a real corpus holds and many
of them degrade an HNSW graph.

Documents are real files (Markdown with front matter: organisation, kind, date) in a folder
`scoqa ingest` can refresh: each chunk is stored with the metadata and fingerprint the refresh
writes, so a later `scoqa ingest` on the folder finds nothing to do. What differs from a real
ingest: chunk boundaries are the chosen runs (the chunker is not re-run on the joined file),
and the vector is that of the run without its document's title.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.chunking import CHUNK_TOKENS, Chunk, chunk_id_for
from ingest.corpus import SourceFile
from ingest.embedding import EMBED_DIMS, Embedder
from ingest.encoders import ingest_embedder
from ingest.keyword import rebuild_keyword_index
from ingest.loaders import load_document
from ingest.onnx_model import ensure_export
from ingest.settings import PROJECT_ROOT, Settings
from ingest.store import ChromaStore

SOURCES = (PROJECT_ROOT / "documents", PROJECT_ROOT.parent / "shared" / "corpus")
ORGANISATIONS = (("SCO", 40), ("CSTO", 30), ("both", 15), ("other", 15))
KINDS = ("declaration", "statement", "communique", "article", "briefing", "news", "speech", "report", "treaty")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|\n+")
JITTER = 0.06  # norm of the noise added to a repeated passage's unit vector: cosine ~0.998
WRITE_DOCS = 50  # documents per Chroma upsert: one call per document costs more than the writing


@dataclass(frozen=True)
class Passage:
    """A run of real sentences (numbers into the sentence list) and the title of their text."""

    text: str
    source_title: str
    sentences: tuple[int, ...]


def source_passages(embedder: Embedder, unique: int, seed: int) -> tuple[list[Passage], list[str]]:
    """`unique` different runs of 2 to 7 sentences in a fixed order, and the sentences they use."""
    sentences: list[str] = []
    runs: list[Passage] = []
    for folder in SOURCES:
        for path in sorted(p for p in folder.glob("*") if p.suffix in (".md", ".txt") and p.name != "README.md"):
            doc = load_document(path, folder)
            # No heading inside a run: it would change the section the loader sees.
            own = [s.strip() for s in SENTENCE_END.split(doc.text) if len(s.split()) >= 5 and "#" not in s]
            first = len(sentences)
            sentences += own
            for size in range(2, 8):
                for i in range(len(own) - size + 1):
                    numbers = tuple(range(first + i, first + i + size))
                    runs.append(Passage(" ".join(own[i : i + size]), doc.title, numbers))
    random.Random(seed).shuffle(runs)
    chosen: list[Passage] = []
    seen: set[str] = set()
    for run in runs:
        if len(chosen) >= unique:
            break
        if run.text not in seen and len(embedder.token_ids(run.text)) <= CHUNK_TOKENS:
            seen.add(run.text)
            chosen.append(run)
    return chosen, sentences


def passage_vectors(embedder: Embedder, passages: list[Passage], sentences: list[str], cache_dir: Path) -> np.ndarray:
    """One unit vector per passage: the mean of its sentences' vectors, each sentence embedded once
    (and kept in `cache_dir`, keyed by the sentences)."""
    used = sorted({n for p in passages for n in p.sentences})
    key = hashlib.sha256("\x00".join(sentences[n] for n in used).encode()).hexdigest()[:16]
    path = cache_dir / f"sentences-{key}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        vectors = embedder.embed_passages([sentences[n] for n in used])
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    row = {n: i for i, n in enumerate(used)}
    means = np.stack([vectors[[row[n] for n in p.sentences]].mean(axis=0) for p in passages])
    return (means / np.linalg.norm(means, axis=1, keepdims=True)).astype(np.float32)


@dataclass(frozen=True)
class PlannedDocument:
    """One synthetic document: its metadata and which passages (by number) it holds."""

    doc_id: str
    title: str
    organisation: str
    kind: str
    date: str
    passages: list[int]


def plan_documents(passages: list[Passage], chunks: int, seed: int) -> list[PlannedDocument]:
    """Documents of 4 to 16 passages (10 on average) until there are `chunks` passages in all."""
    rng = random.Random(seed)
    orgs, weights = zip(*ORGANISATIONS, strict=True)
    docs: list[PlannedDocument] = []
    placed = 0
    while placed < chunks:
        size = min(rng.randint(4, 16), chunks - placed)
        org, kind = rng.choices(orgs, weights)[0], rng.choice(KINDS)
        date = f"{rng.randint(1996, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        picked = rng.sample(range(len(passages)), size) if size <= len(passages) else list(range(size))
        number = len(docs)
        # No quote or backslash: the title goes into YAML front matter between double quotes.
        source_title = re.sub(r'["\\]', "'", passages[picked[0]].source_title)
        title = f"{source_title} ({kind} {number:05d})"
        doc_id = f"{date[:4]}/{org.lower()}-{kind}-{number:05d}.md"
        docs.append(PlannedDocument(doc_id, title, org, kind, date, [p % len(passages) for p in picked]))
        placed += size
    return docs


def write_file(docs_dir: Path, planned: PlannedDocument, passages: list[Passage]) -> Path:
    """The document as Markdown with front matter; its passages are separated by blank lines."""
    body = "\n\n".join(passages[i].text for i in planned.passages)
    front = (
        f'---\ntitle: "{planned.title}"\norganisation: {planned.organisation}\n'
        f'kind: {planned.kind}\ndate: "{planned.date}"\nlanguage: en\n---\n'
    )
    path = docs_dir / planned.doc_id
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{front}# {planned.title}\n\n{body}\n", encoding="utf-8")
    return path


def document_chunks(planned: PlannedDocument, passages: list[Passage], text: str, title: str) -> list[Chunk]:
    """The document's chunks as the store holds them: exact slices of the loaded text, stable ids."""
    chunks: list[Chunk] = []
    cursor = 0
    for ordinal, number in enumerate(planned.passages):
        passage = passages[number].text
        start = text.index(passage, cursor)
        cursor = start + len(passage)
        chunk_id = chunk_id_for(planned.doc_id, ordinal, passage)
        chunks.append(Chunk(chunk_id, planned.doc_id, ordinal, passage, start, cursor, title, 0))
    return chunks


def jittered(vector: np.ndarray, copy: int, rng: np.random.Generator) -> np.ndarray:
    """The passage's vector for its `copy`-th use: the first exact, later ones slightly moved."""
    if copy == 0:
        return vector
    noise = rng.standard_normal(vector.shape[0]).astype(np.float32)
    moved = vector + JITTER * noise / np.linalg.norm(noise)
    return moved / np.linalg.norm(moved)


def build_index(
    settings: Settings,
    chunks: int,
    unique: int = 20000,
    seed: int = 14,
    cache_dir: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """Write the corpus's files under settings.docs_dir and its chunks into a fresh index; seconds per step."""
    times: dict[str, float] = {}
    started = time.perf_counter()
    embedder = ingest_embedder(settings, "cpu")
    passages, sentences = source_passages(embedder, unique, seed)
    vectors = passage_vectors(embedder, passages, sentences, cache_dir or settings.index_dir / "bench-cache")
    times["embed_s"] = time.perf_counter() - started
    log(f"{len(passages)} passages ({len(sentences)} sentences) embedded in {times['embed_s']:.1f} s")
    store = ChromaStore(settings)
    store.drop()
    store.create(settings.embed_model, EMBED_DIMS[settings.embed_model])
    store.mark(refreshing=True)
    began = time.perf_counter()
    plan = plan_documents(passages, chunks, seed)
    uses = np.zeros(len(passages), dtype=np.int64)
    rng = np.random.default_rng(seed)
    batch: list[tuple[list[Chunk], np.ndarray, dict]] = []
    for number, planned in enumerate(plan, start=1):
        path = write_file(settings.docs_dir, planned, passages)
        content = path.read_bytes()
        doc = load_document(path, settings.docs_dir, {}, content)
        doc_chunks = document_chunks(planned, passages, doc.text, doc.title)
        doc_vectors = []
        for i in planned.passages:
            doc_vectors.append(jittered(vectors[i], int(uses[i]), rng))
            uses[i] += 1
        meta = {**doc.chunk_metadata(), "fingerprint": SourceFile(path, doc.doc_id, content, {}).fingerprint}
        batch.append((doc_chunks, np.stack(doc_vectors), meta))
        if len(batch) >= WRITE_DOCS or number == len(plan):
            store.upsert_documents(batch)
            batch = []
        if number % 1000 == 0:
            log(f"{number}/{len(plan)} documents written ({time.perf_counter() - began:.0f} s)")
    times["write_s"] = time.perf_counter() - began
    began = time.perf_counter()
    revision = uuid.uuid4().hex  # the end of a refresh: keyword index from Chroma, then the revision
    rebuild_keyword_index(store, revision).save(settings.keyword_dir)
    store.mark(revision=revision, ingested=True, refreshing=False)
    ensure_export(settings, None)
    times["keyword_s"] = time.perf_counter() - began
    times["documents"] = len(plan)
    times["build_s"] = time.perf_counter() - started
    return times


def main() -> None:
    """Build the corpus and index alone (bench/bench_scale.py builds and measures)."""
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of N chunks and its index.")
    parser.add_argument("--chunks", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder for docs/ and index/ (emptied first)")
    parser.add_argument("--chroma-url", help="a `chroma run` server whose collection is replaced")
    args = parser.parse_args()
    root = Path(args.out)
    settings = Settings(docs_dir=root / "docs", index_dir=root / "index", chroma_url=args.chroma_url)
    settings.docs_dir.mkdir(parents=True, exist_ok=True)
    if any(settings.docs_dir.iterdir()):
        sys.exit(f"{settings.docs_dir} is not empty; choose a new --out folder")
    print(json.dumps(build_index(settings, args.chunks)))


if __name__ == "__main__":
    main()
