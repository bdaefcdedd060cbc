"""Dense search over thousands of chunks: only matching chunks, and the true nearest ones.

app/answering/filtering.py searches the keyword index's copy of the vectors instead of asking
Chroma (with a `where` filter: slow at scale; without one: HNSW, which misses true neighbours
among this corpus's near-duplicate passages). Its results are checked against a brute-force search
over what Chroma itself stores, with and without filters, and, on the shipped documents, against
Chroma's own `where` search.
"""

from __future__ import annotations

import numpy as np
import pytest

from app.answering.filtering import chroma_where, dense_search, matches
from app.answering.models import Filters
from app.answering.retrieval import HybridRetriever
from bench.scale_corpus import build_index
from ingest.keyword import KeywordIndex
from ingest.settings import Settings
from ingest.store import ChromaStore

pytestmark = pytest.mark.integration
QUESTIONS = (
    "What did the member states agree about terrorism?",
    "How is the secretariat organised?",
    "Which joint exercises were held?",
    "What does the charter say about sovereignty?",
)


@pytest.fixture(scope="module")
def scale_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """3,000 chunks in about 300 documents of varied organisation, kind and year (bench/scale_corpus.py)."""
    root = tmp_path_factory.mktemp("scale")
    settings = Settings(docs_dir=root / "docs", index_dir=root / "index")
    settings.docs_dir.mkdir()
    build_index(settings, chunks=3000, unique=300, cache_dir=root / "cache", log=lambda _: None)
    return settings


def some_filters(index: KeywordIndex) -> list[Filters]:
    """Wide and narrow filters, three documents among them, all built from what the index holds."""
    docs = sorted({str(f["doc_id"]) for f in index.fields[:: max(1, len(index.fields) // 3)]})
    return [
        Filters(),
        Filters(organisation="SCO"),
        Filters(organisation="CSTO", year_from=2005, year_to=2015),
        Filters(year_to=2000),
        Filters(kind="declaration", organisation="other"),
        Filters(doc_ids=docs),
        Filters(organisation="CSTO", kind="treaty", year_from=2020),
    ]


def brute_force(store: ChromaStore, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
    """The k nearest allowed chunks by cosine over every vector and metadata Chroma holds."""
    rows = list(store.iter_metadata(with_vectors=True))
    allowed = [c for c in rows if matches(filters, c.metadata)]
    scored = sorted(((1.0 - float(c.vector @ vector), c.chunk_id) for c in allowed), key=lambda x: x[0])
    return [(cid, distance) for distance, cid in scored[:k]]


def test_filtered_dense_search_returns_the_nearest_matching_chunks(scale_index: Settings) -> None:
    retriever = HybridRetriever(scale_index)
    store, index = retriever.store, retriever.keyword_index()
    assert store.count() == 3000 and index.vectors is not None
    for filters in some_filters(index):
        for question in QUESTIONS:
            vector = retriever.embed_question(question)
            found = dense_search(store, index, vector, 20, filters)
            expected = brute_force(store, vector, filters, 20)
            assert len(expected) > 0, filters
            # Metadata re-read from the store, not taken from the search's own results.
            for chunk in store.rows([c.chunk_id for c in found], with_text=False):
                assert matches(filters, chunk.metadata), (filters, chunk.metadata)
            assert [c.chunk_id for c in found] == [cid for cid, _ in expected], (filters, question)
            assert np.allclose([c.distance for c in found], [d for _, d in expected], atol=1e-5)


def test_hybrid_retrieval_with_filters_cites_only_matching_documents(scale_index: Settings) -> None:
    retriever = HybridRetriever(scale_index)
    for filters in some_filters(retriever.keyword_index())[1:]:
        for question in QUESTIONS:
            passages = retriever.retrieve(question, filters, top_k=8).passages
            stored = retriever.store.rows([p.chunk_id for p in passages], with_text=False)
            assert len(stored) == len(passages) > 0
            assert all(matches(filters, chunk.metadata) for chunk in stored), filters


def test_on_the_shipped_documents_results_are_those_of_chromas_where_search(documents_index: Settings) -> None:
    retriever = HybridRetriever(documents_index)
    store, index = retriever.store, retriever.keyword_index()
    cases = [Filters(), Filters(organisation="SCO"), Filters(organisation="CSTO", year_from=2002, year_to=2010)]
    cases.append(Filters(doc_ids=sorted({str(f["doc_id"]) for f in index.fields})[:2]))
    for filters in cases:
        for question in QUESTIONS:
            vector = retriever.embed_question(question)
            found = dense_search(store, index, vector, 20, filters)
            chroma = store.query(vector, 20, chroma_where(filters))
            assert [c.chunk_id for c in found] == [c.chunk_id for c in chroma], (filters, question)
            assert np.allclose([c.distance for c in found], [c.distance for c in chroma], atol=1e-4)
