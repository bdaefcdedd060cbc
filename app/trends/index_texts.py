"""Every document's text, rebuilt from the chunks in the index (so it works on a Chroma server too).

Chunks overlap, and each carries `start`, its character offset in the loaded document
text. Laying the chunks back at their offsets gives the document text once, so an
occurrence (or a word) in an overlap is counted once, and a phrase that crosses a chunk
boundary is still found. Characters no chunk covers (whitespace the splitter dropped
between chunks) become spaces, which keeps every offset equal to the loaded text's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from app.trends.count_cache import restore_counts
from app.trends.document import ChunkSpan, IndexedDocument
from app.trends.index_delta import read_changes
from app.trends.matching import count_words
from app.trends.text_cache import read_cached, write_cached
from ingest.settings import Settings
from ingest.store import ChromaStore


def rebuild_text(pieces: list[tuple[int, str]]) -> str:
    """Chunk texts laid at their offsets; gaps become spaces, overlaps are written once."""
    out: list[str] = []
    cursor = 0
    for start, text in sorted(pieces, key=lambda p: p[0]):
        if start > cursor:
            out.append(" " * (start - cursor))
            cursor = start
        tail = text[cursor - start :]
        if tail:
            out.append(tail)
            cursor += len(tail)
    return "".join(out)


def documents_from_chunks(chunks: list[Any]) -> list[IndexedDocument]:
    """Group StoredChunk rows by document and rebuild each text."""
    grouped: dict[str, list[Any]] = {}
    for chunk in chunks:
        grouped.setdefault(str(chunk.metadata.get("doc_id", "")), []).append(chunk)
    documents = []
    for doc_id, rows in sorted(grouped.items()):
        rows.sort(key=lambda c: int(c.metadata.get("start", 0)))
        meta = rows[0].metadata
        text = rebuild_text([(int(c.metadata.get("start", 0)), c.text) for c in rows])
        spans = [
            ChunkSpan(c.chunk_id, int(c.metadata.get("start", 0)), int(c.metadata.get("start", 0)) + len(c.text))
            for c in rows
        ]
        documents.append(
            IndexedDocument(
                doc_id=doc_id,
                title=str(meta.get("title") or doc_id),
                organisation=str(meta.get("organisation") or "other"),
                kind=str(meta.get("kind") or "document"),
                date=str(meta.get("date") or ""),
                year=int(meta.get("year") or 0),
                text=text,
                chunks=spans,
                words=count_words(text),
                first_metadata=meta,
            )
        )
    return documents


@dataclass
class Snapshot:
    """The documents of one index revision, and which of them were read from Chroma to get them
    (all on a first read; after a refresh, only those it changed)."""

    revision: str
    documents: list[IndexedDocument]
    reread: list[str] = field(default_factory=list)


_CACHE: dict[tuple[str, str], Snapshot] = {}
_LOCK = threading.Lock()


def load_documents(settings: Settings, store: ChromaStore | None = None) -> list[IndexedDocument]:
    """All indexed documents, read once per index revision (a refresh changes the revision)."""
    return load_snapshot(settings, store).documents


def load_snapshot(settings: Settings, store: ChromaStore | None = None) -> Snapshot:
    """The documents of the current revision: from memory, else the file cache, else Chroma, where
    only what changed since the documents in memory (or in the file) is read."""
    store = store or ChromaStore(settings)
    revision = str(store.facts.get("revision", ""))
    key = (store.location, settings.collection)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached and cached.revision == revision:
            return cached
        saved = None if cached else read_cached(settings)  # the file only at start: memory is newer
        if saved and saved[0] == revision:
            snapshot = Snapshot(revision, saved[1])
        else:
            known = cached.documents if cached else (saved[1] if saved else [])
            snapshot = Snapshot(revision, *_read_index(store, known))
            write_cached(settings, revision, snapshot.documents)
        if cached is None:  # a fresh start: the spans counted before it, where the content is the same
            restore_counts(settings, snapshot.documents)
        _CACHE[key] = snapshot
        return snapshot


def _read_index(store: ChromaStore, known: list[IndexedDocument]) -> tuple[list[IndexedDocument], list[str]]:
    """Every document, re-reading only those the index changed since `known` (all of them when
    chunk ids cannot be grouped by document)."""
    changes = read_changes(store, known, documents_from_chunks)
    if changes is not None:
        return changes
    documents = documents_from_chunks(list(store.iter_metadata(with_text=True)))
    return documents, [d.doc_id for d in documents]


def clear_cache() -> None:
    """Forget every document read so far in this process (benchmarks use it to time a fresh start)."""
    with _LOCK:
        _CACHE.clear()
