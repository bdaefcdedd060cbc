"""Load, chunk, embed and write the documents a refresh must (re)index, several at a time.

Documents go in groups of about GROUP_CHUNKS passages: the group's passages are embedded in one
call, so the encoder batches them by token length across documents (less padding than one
document's few passages at a time), and written to Chroma in one upsert (one call per document
cost more than the writing). Per document, in order, the refresh's crash-safe sequence holds:
its new chunks are written (step "upserted") before its old ones are deleted (step "document");
a kill anywhere leaves at worst documents with two fingerprints, which the next refresh redoes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.chunking import Chunk, chunk_document
from ingest.corpus import SourceFile
from ingest.documents import Document
from ingest.loaders import load_document
from ingest.rawtext import LoadError

GROUP_CHUNKS = 256  # passages embedded and written together: enough to batch well, little memory

Step = Callable[[str], None]
Progress = Callable[[str, int, int, int], None]  # (doc_id, documents done, documents to do, chunks embedded)


@dataclass
class Prepared:
    """One document read and cut into passages; `doc` is None when it could not be."""

    source: SourceFile
    doc: Document | None = None
    chunks: list[Chunk] = field(default_factory=list)


def prepare(source: SourceFile, root: Path, token_counter: Callable[[str], list[int]], failed: list) -> Prepared:
    """Load and chunk one document; a failure is recorded in `failed` and leaves its old chunks in place."""
    try:
        doc = load_document(source.path, root, source.overrides, source.content)
        chunks = chunk_document(doc, token_counter)
        if not chunks:
            raise LoadError(source.doc_id, "no passages could be cut from its text; check the file has prose")
    except LoadError as exc:
        failed.append({"file": exc.file, "reason": exc.reason})
        return Prepared(source)
    except Exception as exc:
        failed.append({"file": source.doc_id, "reason": f"could not be read ({type(exc).__name__}: {exc})"})
        return Prepared(source)
    return Prepared(source, doc, chunks)


def groups(todo: Iterable[SourceFile], prepare_one: Callable[[SourceFile], Prepared]) -> Iterable[list[Prepared]]:
    """Prepared documents, in order, in groups of at least GROUP_CHUNKS passages (the last may hold fewer)."""
    group: list[Prepared] = []
    for source in todo:
        group.append(prepare_one(source))
        if sum(len(p.chunks) for p in group) >= GROUP_CHUNKS:
            yield group
            group = []
    if group:
        yield group


def index_documents(
    store: Any,
    embedder: Any,
    todo: list[SourceFile],
    root: Path,
    states: dict[str, set[str]],
    summary: Any,
    step: Step,
    progress: Progress | None = None,
) -> set[str]:
    """Index `todo` group by group, counting into the refresh's `summary`; returns the doc_ids written.

    Per document, in order: step "upserted" (its new chunks are in), its old chunks deleted, then
    step "document" and `progress`, as for one document at a time (a failed one gets those two too).
    """
    indexed: set[str] = set()
    done = 0
    for group in groups(todo, lambda source: prepare(source, root, embedder.token_ids, summary.failed)):
        _upsert_group(store, embedder, group)
        for prepared in group:
            if prepared.doc is not None:
                step("upserted")
                keep = [c.chunk_id for c in prepared.chunks]
                summary.chunks_deleted += store.delete_document(prepared.source.doc_id, keep=keep)
                summary.chunks_embedded += len(prepared.chunks)
                if prepared.source.doc_id in states:
                    summary.updated += 1
                else:
                    summary.added += 1
                indexed.add(prepared.source.doc_id)
            step("document")
            done += 1
            if progress:
                progress(prepared.source.doc_id, done, len(todo), summary.chunks_embedded)
    return indexed


def _upsert_group(store: Any, embedder: Any, group: list[Prepared]) -> None:
    """One encoder call and one Chroma upsert for every passage of the group."""
    ready = [p for p in group if p.doc is not None]
    texts = [c.embedding_text(p.doc.title) for p in ready for c in p.chunks]  # type: ignore[union-attr]
    vectors = embedder.embed_passages(texts)
    rows, start = [], 0
    for p in ready:
        rows.append((p.chunks, vectors[start : start + len(p.chunks)], _metadata(p)))
        start += len(p.chunks)
    store.upsert_documents(rows)


def _metadata(prepared: Prepared) -> dict[str, Any]:
    assert prepared.doc is not None
    return {**prepared.doc.chunk_metadata(), "fingerprint": prepared.source.fingerprint}
