"""Refresh: make the index hold exactly the documents on disk, doing only what changed.

Crash safety comes from the order of writes, not from transactions:
1. the collection's revision is set to a fresh value before the first write, so any
   reader (or the next run) knows the keyword index may be stale;
2. a changed document's new chunks are upserted before its old ones are deleted
   (chunk ids carry a content hash, so old and new never collide), and every chunk
   carries its document's fingerprint: a document left half-updated by a kill shows
   two fingerprints and is simply redone next time;
3. the keyword index is rebuilt from Chroma's contents and swapped in atomically,
   then the final revision is recorded.
"""

from __future__ import annotations

import fcntl
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.chunking import chunk_document
from ingest.corpus import SourceFile, find_document_paths, load_overrides, read_source
from ingest.embedding import EMBED_DIMS, get_embedder
from ingest.keyword import KeywordIndex, search_text
from ingest.loaders import LoadError, load_document
from ingest.settings import Settings
from ingest.store import ChromaStore

DEFAULT_MAX_FILE_MB = 50.0


class IngestLockedError(Exception):
    """Another refresh of the same index is running."""


class MetadataFileError(ValueError):
    """documents/metadata.toml or sources.toml cannot be read; the refresh stops before any write."""


@dataclass
class RefreshSummary:
    """What a refresh did, file by file counted."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    documents: int = 0
    chunks: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def ingest_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the index; the OS releases it if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IngestLockedError(
                f"another `scoqa ingest` is refreshing {path.parent} (pid {holder}); "
                "wait for it to finish and run again"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_CHECKPOINTS: dict[str, int] = {}


def checkpoint(name: str) -> None:
    """Crash and concurrency tests stop a real ingest at a named step: SCOQA_TEST_KILL_AT=name:n
    SIGKILLs this process the n-th time it gets there, SCOQA_TEST_WAIT_AT=name:n prints
    `waiting at name:n` to stderr and blocks until stdin closes. Unset, this costs a dict lookup."""
    kill_at, wait_at = os.environ.get("SCOQA_TEST_KILL_AT"), os.environ.get("SCOQA_TEST_WAIT_AT")
    if not kill_at and not wait_at:
        return
    _CHECKPOINTS[name] = _CHECKPOINTS.get(name, 0) + 1
    here = f"{name}:{_CHECKPOINTS[name]}"
    if here == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    if here == wait_at:
        print(f"waiting at {here}", file=sys.stderr, flush=True)
        sys.stdin.read()


# Called after each document: (doc_id, documents done, documents to do, chunks embedded so far).
Progress = Callable[[str, int, int, int], None]


def refresh_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    progress: Progress | None = None,
) -> RefreshSummary:
    """Bring the index in step with settings.docs_dir; see the module docstring for safety."""
    started = time.perf_counter()
    summary = RefreshSummary()
    with ingest_lock(settings.lock_path):
        store = ChromaStore(settings)
        if rebuild:
            store.drop()
        paths, summary.skipped = find_document_paths(settings.docs_dir)
        try:
            overrides = load_overrides(settings.docs_dir)
        except LoadError as exc:
            # Fatal: going on without the overrides would re-embed documents with the wrong metadata.
            raise MetadataFileError(f"{exc}; nothing was changed") from exc
        sources, on_disk = _read_sources(paths, settings, overrides, max_file_mb, summary)

        if store.exists():
            store.check_compatible(settings.embed_model, _dim_of(settings.embed_model))
            states = store.document_states()
        else:
            states = {}
        todo = [s for s in sources if states.get(s.doc_id) != {s.fingerprint}]
        gone = sorted(set(states) - on_disk)
        summary.unchanged = len(sources) - len(todo)
        indexed: set[str] = set()
        keyword_fresh = store.exists() and KeywordIndex.saved_revision(settings.keyword_dir) == store.facts.get(
            "revision"
        )

        if todo or gone or not keyword_fresh:
            embedder = get_embedder(settings.embed_model) if todo else None
            if not store.exists():
                store.create(settings.embed_model, embedder.dim if embedder else _dim_of(settings.embed_model))
            store.mark()  # readers now know the keyword index may be stale
            checkpoint("marked")
            for number, source in enumerate(todo, start=1):
                if _index_one(store, embedder, source, settings.docs_dir, states, summary):
                    indexed.add(source.doc_id)
                checkpoint("document")
                if progress:
                    progress(source.doc_id, number, len(todo), summary.chunks_embedded)
            for doc_id in gone:
                summary.chunks_deleted += store.delete_document(doc_id)
                summary.removed += 1
                checkpoint("removed")
            revision = uuid.uuid4().hex
            rebuild_keyword_index(store, revision).save(settings.keyword_dir)
            checkpoint("keyword")
            store.mark(revision=revision, ingested=bool(todo or gone or rebuild))
        if store.exists():
            summary.documents = len((set(states) - set(gone)) | indexed)
            summary.chunks = store.count()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _read_sources(
    paths: list[Path],
    settings: Settings,
    overrides: dict[str, dict[str, Any]],
    max_file_mb: float,
    summary: RefreshSummary,
) -> tuple[list[SourceFile], set[str]]:
    """Read every file's bytes; a file that exists but fails still counts as on disk,
    so its indexed chunks are kept rather than lost."""
    sources: list[SourceFile] = []
    on_disk: set[str] = set()
    for path in paths:
        doc_id = path.relative_to(settings.docs_dir).as_posix()
        if path.exists() or path.is_symlink():  # a broken link is reported, its chunks kept
            on_disk.add(doc_id)
        try:
            sources.append(read_source(path, settings.docs_dir, overrides, int(max_file_mb * 1_000_000)))
        except LoadError as exc:
            summary.failed.append({"file": exc.file, "reason": exc.reason})
    return sources, on_disk


def _index_one(
    store: ChromaStore,
    embedder: Any,
    source: SourceFile,
    root: Path,
    states: dict[str, set[str]],
    summary: RefreshSummary,
) -> bool:
    """Load, chunk, embed and write one document; a failure leaves its old chunks in place."""
    try:
        doc = load_document(source.path, root, source.overrides, source.content)
        chunks = chunk_document(doc, embedder.token_ids)
        if not chunks:
            raise LoadError(source.doc_id, "no passages could be cut from its text; check the file has prose")
    except LoadError as exc:
        summary.failed.append({"file": exc.file, "reason": exc.reason})
        return False
    except Exception as exc:
        summary.failed.append({"file": source.doc_id, "reason": f"could not be read ({type(exc).__name__}: {exc})"})
        return False
    vectors = embedder.embed_passages([c.embedding_text(doc.title) for c in chunks])
    store.upsert(chunks, vectors, {**doc.chunk_metadata(), "fingerprint": source.fingerprint})
    checkpoint("upserted")  # new chunks written, old ones not yet deleted
    summary.chunks_deleted += store.delete_document(doc.doc_id, keep=[c.chunk_id for c in chunks])
    summary.chunks_embedded += len(chunks)
    if source.doc_id in states:
        summary.updated += 1
    else:
        summary.added += 1
    return True


def rebuild_keyword_index(store: ChromaStore, revision: str) -> KeywordIndex:
    """BM25 over everything in Chroma, so it can never disagree with the vectors."""
    rows = [(c.chunk_id, search_text(c.text, c.metadata), c.metadata) for c in store.iter_metadata(with_text=True)]
    return KeywordIndex.build(rows, revision)


def _dim_of(embed_model: str) -> int:
    """Known dimensions, so a no-change refresh need not load the model."""
    if embed_model not in EMBED_DIMS:
        raise ValueError(f"unknown embedding model {embed_model!r}; choose one of: {', '.join(EMBED_DIMS)}")
    return EMBED_DIMS[embed_model]
