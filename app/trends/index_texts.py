"""Every document's text, rebuilt from the chunks in the index (so it works on a Chroma server too).

Chunks overlap, and each carries `start`, its character offset in the loaded document
text. Laying the chunks back at their offsets gives the document text once, so an
occurrence (or a word) in an overlap is counted once, and a phrase that crosses a chunk
boundary is still found. Characters no chunk covers (whitespace the splitter dropped
between chunks) become spaces, which keeps every offset equal to the loaded text's.
"""

from __future__ import annotations

import threading
from typing import Any

from app.trends.document import ChunkSpan, IndexedDocument
from app.trends.matching import count_words
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
            )
        )
    return documents


_CACHE: dict[tuple[str, str], tuple[str, list[IndexedDocument]]] = {}
_LOCK = threading.Lock()


def load_documents(settings: Settings, store: ChromaStore | None = None) -> list[IndexedDocument]:
    """All indexed documents, read once per index revision (a refresh changes the revision)."""
    store = store or ChromaStore(settings)
    revision = str(store.facts.get("revision", ""))
    key = (store.location, settings.collection)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached and cached[0] == revision:
            return cached[1]
        from app.trends.text_cache import read_cached, write_cached

        documents = read_cached(settings, revision)
        if documents is None:
            documents = documents_from_chunks(list(store.iter_metadata(with_text=True)))
            write_cached(settings, revision, documents)
        _CACHE[key] = (revision, documents)
        return documents


def clear_cache() -> None:
    """Forget every document read so far in this process (benchmarks use it to time a fresh start)."""
    with _LOCK:
        _CACHE.clear()
