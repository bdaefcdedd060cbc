"""After a refresh, read from Chroma only the documents it changed.

Reading every chunk's metadata is what makes a full read slow (Chroma spends seconds on the
metadata of 63,000 chunks; their ids alone come back in a fraction of a second). A chunk id
carries its document and a hash of its text (ingest/chunking.py chunk_id_for), so a document
whose chunk ids are all the same as last time has the same chunk texts. What ids cannot show
is a change of metadata alone (a title or date set in metadata.toml, offsets moved by
whitespace between chunks): refresh then rewrites the same ids with new metadata, and with a
new `fingerprint`. So each kept document's first chunk's metadata is also read (one chunk per
document) and compared with what it was. A document that passes both checks is kept as it
was, with the concepts already counted in it; every other one is read again.
"""

from __future__ import annotations

from collections.abc import Callable

from app.trends.document import IndexedDocument
from ingest.chunking import doc_id_of
from ingest.store import ChromaStore, StoredChunk

Build = Callable[[list[StoredChunk]], list[IndexedDocument]]


def ids_by_document(ids: list[str]) -> dict[str, list[str]] | None:
    """Chunk ids grouped by the document their id names; None if any id is not of that form."""
    grouped: dict[str, list[str]] = {}
    for chunk_id in ids:
        doc_id = doc_id_of(chunk_id)
        if doc_id is None:
            return None
        grouped.setdefault(doc_id, []).append(chunk_id)
    return grouped


def _unchanged(store: ChromaStore, known: list[IndexedDocument], ids: dict[str, list[str]]) -> list[IndexedDocument]:
    """The known documents whose chunk ids and first chunk's metadata are still what the index holds."""
    same_ids = [d for d in known if d.chunks and sorted(ids.get(d.doc_id, ())) == sorted(c.chunk_id for c in d.chunks)]
    firsts = store.rows([d.chunks[0].chunk_id for d in same_ids], with_text=False)
    now = {r.chunk_id: r.metadata for r in firsts}
    return [d for d in same_ids if now.get(d.chunks[0].chunk_id) == d.first_metadata]


def read_changes(
    store: ChromaStore, known: list[IndexedDocument], build: Build
) -> tuple[list[IndexedDocument], list[str]] | None:
    """(every indexed document, the doc_ids read from Chroma to get them), reusing `known` documents
    the index has not changed; None when the chunk ids are not ones this reader can group."""
    ids = ids_by_document(store.all_ids())
    if ids is None:
        return None
    kept = _unchanged(store, known, ids) if known else []
    reread = sorted(set(ids) - {d.doc_id for d in kept})
    fresh = build(store.rows([i for doc_id in reread for i in ids[doc_id]])) if reread else []
    return sorted(kept + fresh, key=lambda d: d.doc_id), reread
