"""What is in an index, for `scoqa status`, the UI's Documents tab and the API."""

from __future__ import annotations

from typing import Any

from ingest.settings import Settings
from ingest.store import ChromaStore


def document_table(store: ChromaStore) -> list[dict[str, Any]]:
    """One row per indexed document: metadata and chunk count."""
    docs: dict[str, dict[str, Any]] = {}
    for chunk in store.iter_metadata():
        meta = chunk.metadata
        row = docs.setdefault(
            str(meta.get("doc_id")),
            {k: meta.get(k, "") for k in ("doc_id", "title", "organisation", "kind", "date", "period", "source_url")}
            | {"chunks": 0},
        )
        row["chunks"] += 1
    return sorted(docs.values(), key=lambda r: r["doc_id"])


def index_status(settings: Settings, store: ChromaStore | None = None) -> dict[str, Any]:
    """Counts and build facts of the index (raises IndexMissingError when there is none)."""
    store = store or ChromaStore(settings)
    facts = store.facts
    documents = document_table(store)
    return {
        "location": store.location,
        "documents": len(documents),
        "chunks": store.count(),
        "embed_model": facts.get("embed_model"),
        "embed_dim": facts.get("embed_dim"),
        "chunker_version": facts.get("chunker_version"),
        "last_ingest": facts.get("last_ingest") or None,
        "revision": facts.get("revision"),
    }
