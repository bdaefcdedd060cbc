"""After a refresh, read from Chroma only the documents it changed.

Reading every chunk's metadata is what makes a full read slow (Chroma spends seconds on the
metadata of 63,000 chunks; their ids alone come back in a fraction of a second). A chunk id
carries its document and a hash of its text (ingest/chunking.py chunk_id_for), so a document
whose chunk ids are all the same as last time has the same chunk texts. What ids cannot show
is a change of metadata alone (a title or date set in metadata.toml, offsets moved by
whitespace between chunks): refresh then rewrites the same ids with new metadata, and with a
new `fingerprint`. So the fingerprints are checked too, with one query that returns only ids
(see _split; a document without a fingerprint has its first chunk's metadata read and
compared instead). A document that passes both checks is kept as it was, with the concepts
already counted in it; every other one is read again.
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
    """The known documents whose chunk ids and metadata are still what the index holds."""
    same_ids = [d for d in known if d.chunks and sorted(ids.get(d.doc_id, ())) == sorted(c.chunk_id for c in d.chunks)]
    by_fingerprint, by_metadata = _split(same_ids)
    kept = []
    if by_fingerprint:
        fingerprints = sorted({str(d.first_metadata["fingerprint"]) for d in by_fingerprint})
        moved = {doc_id_of(i) for i in store.ids_where({"fingerprint": {"$nin": fingerprints}})}
        kept = [d for d in by_fingerprint if d.doc_id not in moved]
    firsts = store.rows([d.chunks[0].chunk_id for d in by_metadata], with_text=False)
    now = {r.chunk_id: r.metadata for r in firsts}
    return kept + [d for d in by_metadata if now.get(d.chunks[0].chunk_id) == d.first_metadata]


def _split(documents: list[IndexedDocument]) -> tuple[list[IndexedDocument], list[IndexedDocument]]:
    """(documents one fingerprint query can check, documents whose first chunk's metadata must be read).

    Refresh stamps every chunk with its document's fingerprint (a hash of the file's bytes and
    metadata overrides), so with the same chunk ids and fingerprint the metadata is the same. One
    query finds the chunks whose fingerprint is none of the known ones. It cannot see a document
    taking on another's fingerprint, which needs the two to hold the same chunk texts: documents
    with a twin, and those without a fingerprint (not written by refresh), are checked by metadata.
    """
    texts: dict[tuple[str, ...], int] = {}
    for doc in documents:
        key = tuple(c.chunk_id.rpartition("-")[2] for c in doc.chunks)
        texts[key] = texts.get(key, 0) + 1
    by_fingerprint, by_metadata = [], []
    for doc in documents:
        alone = texts[tuple(c.chunk_id.rpartition("-")[2] for c in doc.chunks)] == 1
        (by_fingerprint if alone and doc.first_metadata.get("fingerprint") else by_metadata).append(doc)
    return by_fingerprint, by_metadata


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
