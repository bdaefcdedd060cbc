"""The one entry point the CLI and the browser tab share: index -> trends, comparisons."""

from __future__ import annotations

import threading
from dataclasses import replace

from app.answering.models import Filters
from app.trends.compare import Comparison, compare_documents, find_document
from app.trends.count_cache import save_counts
from app.trends.counting import Trends, count_trends
from app.trends.index_texts import IndexedDocument, load_documents
from app.trends.lexicon import Concept
from app.trends.semantic import SemanticTrends, semantic_trends, stored_vectors
from ingest.settings import Settings
from ingest.store import ChromaStore


class TrendsService:
    """Trends over one index; the documents are read once per index revision."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: ChromaStore | None = None

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore(self.settings)
        return self._store

    def documents(self) -> list[IndexedDocument]:
        """Every indexed document (raises IndexMissingError, with the fix, when there is no index)."""
        return load_documents(self.settings, self.store)

    def trends(self, concepts: list[Concept], filters: Filters | None = None, by_kind: bool = False) -> Trends:
        documents = self.documents()
        trends = count_trends(documents, concepts, filters, by_kind)
        save_counts(self.settings, documents)  # only when something was counted: a restart need not count again
        return trends

    def compare(self, doc_a: str, doc_b: str, concepts: list[Concept]) -> Comparison:
        documents = self.documents()
        return compare_documents(find_document(documents, doc_a), find_document(documents, doc_b), concepts)

    def semantic(
        self, description: str, filters: Filters | None = None, by_kind: bool = False, threshold: float | None = None
    ) -> SemanticTrends:
        """Passages close in meaning to `description`, with the model the index was built with."""
        from ingest.encoders import query_embedder

        if not description.strip():
            raise ValueError('--semantic needs a description, e.g. --semantic "cooperation against cyber attacks"')
        model = str(self.store.facts.get("embed_model") or self.settings.embed_model)
        query = query_embedder(replace(self.settings, embed_model=model)).embed_queries([description.strip()])[0]
        vectors = stored_vectors(self.settings, self.store)
        return semantic_trends(
            self.documents(), vectors, query, description.strip(), model, filters, by_kind, threshold
        )

    def warm(self, concepts: list[Concept]) -> threading.Thread:
        """Read the index and count `concepts` in the background, so the first render is quick."""

        def work() -> None:
            try:
                self.trends(concepts)
            except Exception:  # no index yet, or it changed meanwhile: the render itself will say so
                return

        thread = threading.Thread(target=work, name="trends-warm", daemon=True)
        thread.start()
        return thread

    def document_choices(self) -> list[tuple[str, str]]:
        """(label, doc_id) for pickers: title, year and id."""
        return [(f"{d.title} ({d.year or 'undated'}) · {d.doc_id}", d.doc_id) for d in self.documents()]
