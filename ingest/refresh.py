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

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest import settled
from ingest.corpus import SourceFile, find_document_paths, load_overrides, read_source
from ingest.embedding import EMBED_DIMS, Embedder, check_device
from ingest.encoders import ingest_embedder
from ingest.indexing import index_documents
from ingest.keyword import KeywordIndex, rebuild_keyword_index
from ingest.locks import IngestLockedError, RefreshLock, refresh_lock
from ingest.onnx_model import ensure_export
from ingest.rawtext import LoadError
from ingest.settings import Settings
from ingest.store import ChromaStore
from ingest.tunables import BY_NAME

DEFAULT_MAX_FILE_MB: float = BY_NAME["max_file_mb"].default  # declared once, in ingest/tunables.py
# The step boundaries, in order; a refresh stopped at any of them is finished by the next one.
STEPS = ("marked", "upserted", "document", "removed", "keyword")
log = logging.getLogger(__name__)

__all__ = ["IngestLockedError", "MetadataFileError", "RefreshSummary", "rebuild_keyword_index", "refresh_index"]


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


# Called after each document: (doc_id, documents done, documents to do, chunks embedded so far).
Progress = Callable[[str, int, int, int], None]
# Called with the name of each step (see STEPS) as the refresh passes it; raising stops the refresh there.
StepObserver = Callable[[str], None]


def _stepper(lock: RefreshLock, on_step: StepObserver | None) -> StepObserver:
    """The one function every step boundary calls: log it, make sure the lock is still ours, tell the observer."""

    def step(name: str) -> None:
        log.debug("refresh step %s", name, extra={"refresh_step": name})
        lock.check()
        if on_step is not None:
            on_step(name)

    return step


def refresh_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    progress: Progress | None = None,
    on_step: StepObserver | None = None,
    device: str = "auto",
) -> RefreshSummary:
    """Bring the index in step with settings.docs_dir; see the module docstring for safety.

    Everything is read and validated (folder, metadata files, model name; with `rebuild`
    the model is loaded too) before the first write, so a mistake never costs the index.
    `on_step(name)` is called at each boundary in STEPS; an exception it raises stops the
    refresh right there, leaving the index as a kill at that point would.
    `device` (auto, cpu, cuda) is where passages are embedded; see `ingest_embedder`.
    After the refresh the index holds the query encoder's ONNX export (ingest/onnx_model.py).
    """
    started = time.perf_counter()
    summary = RefreshSummary()
    store = ChromaStore(settings)
    _dim_of(settings.embed_model)
    check_device(device)
    with refresh_lock(settings, store) as lock:
        step = _stepper(lock, on_step)
        sources, on_disk = _read_folder(settings, max_file_mb, summary)
        if not rebuild and _nothing_changed(settings, sources, on_disk, summary):
            ensure_export(settings, None)  # Chroma is not even opened (ingest/settled.py)
            summary.seconds = round(time.perf_counter() - started, 3)
            return summary
        embedder = ingest_embedder(settings, device) if rebuild and sources else None
        if rebuild:
            store.drop()
        _apply(store, settings, sources, on_disk, summary, embedder or device, rebuild, step, progress)
        if store.exists():
            ensure_export(settings, embedder)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _nothing_changed(settings: Settings, sources: list[SourceFile], on_disk: set[str], summary: RefreshSummary) -> bool:
    """True, with the summary filled in, when the settled index (ingest/settled.py, read without
    opening Chroma) holds every document on disk as it is now and none that was removed."""
    saved = settled.settled_states(settings)
    if saved is None:
        return False
    states, chunks = saved
    if set(states) - on_disk or any(states.get(s.doc_id) != {s.fingerprint} for s in sources):
        return False
    summary.unchanged, summary.documents, summary.chunks = len(sources), len(states), chunks
    return True


def _read_folder(settings: Settings, max_file_mb: float, summary: RefreshSummary) -> tuple[list[SourceFile], set[str]]:
    """Every document's bytes and metadata overrides; raises, changing nothing, when the folder
    or a metadata file is wrong."""
    try:
        paths, summary.skipped = find_document_paths(settings.docs_dir)
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"{exc}; the index was not changed") from exc
    try:
        overrides = load_overrides(settings.docs_dir)
    except LoadError as exc:
        # Fatal: going on without the overrides would re-embed documents with the wrong metadata.
        raise MetadataFileError(f"{exc}; nothing was changed") from exc
    return _read_sources(paths, settings, overrides, max_file_mb, summary)


def _apply(
    store: ChromaStore,
    settings: Settings,
    sources: list[SourceFile],
    on_disk: set[str],
    summary: RefreshSummary,
    embedder: Embedder | str,
    rebuild: bool,
    step: StepObserver,
    progress: Progress | None,
) -> None:
    """Write what changed, in the crash-safe order of the module docstring.

    `embedder` is the loaded model, or the device to load it on once something needs embedding.
    """
    states, saved_count = _indexed_states(store, settings) if store.exists() else ({}, None)
    todo = [s for s in sources if states.get(s.doc_id) != {s.fingerprint}]
    gone = sorted(set(states) - on_disk)
    summary.unchanged = len(sources) - len(todo)
    indexed: set[str] = set()
    keyword_fresh = store.exists() and KeywordIndex.saved_revision(settings.keyword_dir) == store.facts.get("revision")
    if todo or gone or not keyword_fresh:
        if isinstance(embedder, str) and todo:
            embedder = ingest_embedder(settings, embedder)
        if not store.exists():
            store.create(settings.embed_model, _dim_of(settings.embed_model))
        store.mark(refreshing=True)  # readers now know the keyword index may be stale
        step("marked")
        indexed = index_documents(store, embedder, todo, settings.docs_dir, states, summary, step, progress)
        for doc_id in gone:
            summary.chunks_deleted += store.delete_document(doc_id)
            summary.removed += 1
            step("removed")
        revision = uuid.uuid4().hex
        rebuild_keyword_index(store, revision).save(settings.keyword_dir)
        step("keyword")
        store.mark(revision=revision, ingested=bool(todo or gone or rebuild), refreshing=False)
    if store.exists():
        summary.documents = len((set(states) - set(gone)) | indexed)
        # Nothing written: the count saved with the states (Chroma's first count() of 100,000 chunks takes 0.5 s).
        unchanged = saved_count is not None and not (todo or gone) and keyword_fresh
        summary.chunks = saved_count if unchanged else store.count()


def _indexed_states(store: ChromaStore, settings: Settings) -> tuple[dict[str, set[str]], int | None]:
    """doc_id -> fingerprints in the index, and the number of chunks if known: from the keyword index's
    file when it was saved at the collection's settled revision (nothing can have changed since), else
    from every chunk's metadata."""
    store.check_compatible(settings.embed_model, _dim_of(settings.embed_model))
    facts = store.facts
    if not facts.get("refreshing"):
        saved = KeywordIndex.saved_document_states(settings.keyword_dir, str(facts.get("revision")))
        if saved is not None:
            return saved
    return store.document_states(), None


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


def _dim_of(embed_model: str) -> int:
    """Known dimensions, so a no-change refresh need not load the model."""
    if embed_model not in EMBED_DIMS:
        raise ValueError(f"unknown embedding model {embed_model!r}; choose one of: {', '.join(EMBED_DIMS)}")
    return EMBED_DIMS[embed_model]
