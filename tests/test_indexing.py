"""ingest/indexing.py: documents embedded and written in groups store exactly what one at a time did."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import ingest.indexing
from ingest.chunking import chunk_document
from ingest.corpus import find_document_paths, load_overrides, read_source
from ingest.encoders import query_embedder
from ingest.loaders import load_document
from ingest.refresh import refresh_index
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.conftest import DOCUMENTS, write_doc

pytestmark = pytest.mark.integration


def one_document_at_a_time(docs_dir: Path, embedder) -> dict[str, tuple[str, np.ndarray]]:
    """chunk id -> (text, vector), each document chunked and embedded by itself."""
    paths, _ = find_document_paths(docs_dir)
    overrides = load_overrides(docs_dir)
    found: dict[str, tuple[str, np.ndarray]] = {}
    for path in paths:
        source = read_source(path, docs_dir, overrides, 50_000_000)
        doc = load_document(source.path, docs_dir, source.overrides, source.content)
        chunks = chunk_document(doc, embedder.token_ids)
        vectors = embedder.embed_passages([c.embedding_text(doc.title) for c in chunks])
        found.update({c.chunk_id: (c.text, v) for c, v in zip(chunks, vectors, strict=True)})
    return found


def test_a_grouped_ingest_stores_the_chunks_and_vectors_of_one_document_at_a_time(documents_index: Settings) -> None:
    expected = one_document_at_a_time(DOCUMENTS, query_embedder(documents_index))
    stored = {c.chunk_id: c for c in ChromaStore(documents_index).iter_metadata(with_text=True, with_vectors=True)}
    assert len(stored) > ingest.indexing.GROUP_CHUNKS  # more than one group was written
    assert set(stored) == set(expected)
    assert all(stored[i].text == expected[i][0] for i in stored)
    worst = max(float(np.abs(stored[i].vector - expected[i][1]).max()) for i in stored)
    assert worst < 1e-5, worst


def test_each_document_is_written_before_its_old_chunks_go_and_failures_keep_their_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest.indexing, "GROUP_CHUNKS", 3)  # several groups from a small corpus
    docs = tmp_path / "docs"
    for n in range(5):
        write_doc(docs, f"d{n}.md", f"# Meeting {n}\nThe ministers met in city number {n}. " * (n + 2), title=f"M{n}")
    write_doc(docs, "d2b_empty.md", "", title="Nothing")  # no prose: fails, between d2 and d3
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    steps: list[str] = []
    progress: list[tuple[str, int, int]] = []
    summary = refresh_index(
        settings, on_step=steps.append, progress=lambda doc, done, todo, _: progress.append((doc, done, todo))
    )
    assert [f["file"] for f in summary.failed] == ["d2b_empty.md"]
    assert (summary.added, summary.chunks_embedded) == (5, summary.chunks)
    order = [doc for doc, _, _ in progress]
    assert order == ["d0.md", "d1.md", "d2.md", "d2b_empty.md", "d3.md", "d4.md"]
    assert [(done, todo) for _, done, todo in progress] == [(n, 6) for n in range(1, 7)]
    per_doc = [s for s in steps if s in ("upserted", "document")]
    assert per_doc == ["upserted", "document"] * 3 + ["document"] + ["upserted", "document"] * 2

    old = set(ChromaStore(settings).ids_of("d1.md"))
    write_doc(docs, "d1.md", "# Meeting 1\nThe ministers met again, in a new city. " * 4, title="M1")
    again = refresh_index(settings)
    new = set(ChromaStore(settings).ids_of("d1.md"))
    assert (again.updated, again.chunks_deleted) == (1, len(old))
    assert new and not new & old
