"""The Chroma collection: vectors, passage text and metadata, embedded or on a server.

We talk to chromadb directly rather than through llama-index's ChromaVectorStore:
refresh needs exact upserts and deletes by document, and deletes through the
adapter have open bugs upstream (llama_index #13604).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from ingest.chunking import CHUNKER_VERSION, Chunk
from ingest.settings import Settings

T = TypeVar("T")
SCHEMA_VERSION = "1"
PAGE = 5000  # rows per Chroma get(): large enough to be quick, small enough for the server
ID_PAGE = 50_000  # ids alone are small: fewer, larger pages


class IndexMismatchError(Exception):
    """The index was built with another embedding model or chunker than this run uses."""


class IndexMissingError(Exception):
    """There is no index where the settings point."""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from Chroma."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    distance: float = 0.0
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # only when asked for


_CLIENT_LOCK = threading.Lock()


def make_client(settings: Settings):
    """Embedded PersistentClient in index/chroma, or an HttpClient for --chroma-url; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    # Chroma shares one System per folder in a process, but two threads creating the first client
    # at once both build one, and the loser's failed start removes the winner's (KeyError for one,
    # AttributeError for the other): a server's first chat and its trends warm-up did exactly that.
    with _CLIENT_LOCK:
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


class ChromaStore:
    """One collection plus the facts recorded about how it was built."""

    def __init__(self, settings: Settings, client: Any = None) -> None:
        self.settings = settings
        self._client = client
        self._collection: Any = None
        self._expected: tuple[str, int] | None = None  # (model, dim) this reader embeds with

    # -- opening -------------------------------------------------------------------
    @property
    def client(self) -> Any:
        """Connected on first use, so asking about a missing index creates nothing."""
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def exists(self) -> bool:
        """True when the collection is there (it may still be empty)."""
        if not self.settings.chroma_url and not (self.settings.chroma_dir / "chroma.sqlite3").exists():
            return False
        names = [getattr(c, "name", c) for c in self.client.list_collections()]
        return self.settings.collection in names

    @property
    def collection(self) -> Any:
        if self._collection is None:
            self._open(self._named())
        return self._collection

    def _named(self) -> Any:
        """The collection that has our name now (a --rebuild elsewhere makes a new one with a new id)."""
        from chromadb.errors import NotFoundError

        missing = IndexMissingError(
            f"no index at {self.location}; build it with `scoqa ingest --docs {self.settings.docs_dir}`"
        )
        if not self.settings.chroma_url and not (self.settings.chroma_dir / "chroma.sqlite3").exists():
            raise missing  # checked first: opening a client would create the folder
        try:
            return self.client.get_collection(self.settings.collection)
        except NotFoundError as exc:
            raise missing from exc

    def _open(self, handle: Any) -> None:
        """Use `handle` from now on; a re-created collection must still suit the model we embed with."""
        if self._expected is not None:  # before adopting it: a mismatched handle must never serve a query
            self._refuse_mismatch(dict(handle.metadata or {}), *self._expected)
        self._collection = handle

    def _call(self, action: Callable[[Any], T]) -> T:
        """Run action(collection), reopening by name once if the collection was deleted under us."""
        from chromadb.errors import NotFoundError

        try:
            return action(self.collection)
        except NotFoundError:
            self._open(self._named())
            return action(self._collection)

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)

    def create(self, embed_model: str, dim: int) -> None:
        """Create the collection, recording what builds it."""
        self._collection = self.client.get_or_create_collection(
            self.settings.collection,
            metadata=self._build_facts(embed_model, dim, last_ingest="", revision="empty"),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def drop(self) -> None:
        """Delete the collection (for --rebuild)."""
        if self.exists():
            self.client.delete_collection(self.settings.collection)
        self._collection = None

    @staticmethod
    def _build_facts(embed_model: str, dim: int, last_ingest: str, revision: str) -> dict[str, Any]:
        return {
            "refreshing": False,
            "embed_model": embed_model,
            "embed_dim": dim,
            "chunker_version": CHUNKER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "last_ingest": last_ingest,
            "revision": revision,
        }

    @property
    def facts(self) -> dict[str, Any]:
        """Collection metadata: model, dimension, chunker, last ingest, revision."""
        # Fetched afresh: another process (a refresh, a --rebuild) may have changed or re-created it.
        current = self._named()
        if self._collection is None or current.id != self._collection.id:
            self._open(current)
        return dict(current.metadata or {})

    def check_compatible(self, embed_model: str, dim: int) -> None:
        """Refuse to mix vectors from different models or chunkers (checked again whenever the
        collection is re-created under a running reader)."""
        self._expected = (embed_model, dim)
        self._refuse_mismatch(self.facts, embed_model, dim)

    def _refuse_mismatch(self, facts: dict[str, Any], embed_model: str, dim: int) -> None:
        built = (facts.get("embed_model"), facts.get("embed_dim"), facts.get("chunker_version"))
        wanted = (embed_model, dim, CHUNKER_VERSION)
        if built != wanted:
            raise IndexMismatchError(
                f"the index at {self.location} was built with embedding model {built[0]!r} "
                f"({built[1]}-d, chunker {built[2]}), but this run uses {wanted[0]!r} ({wanted[1]}-d, "
                f"chunker {wanted[2]}). Rebuild it with `scoqa ingest --rebuild --embed-model {embed_model}` "
                f"or run with `--embed-model {built[0]}`."
            )

    def mark(self, *, revision: str | None = None, ingested: bool = False, refreshing: bool = False) -> str:
        """Record a new revision (and ingest time): readers use it to notice a refresh, and
        `refreshing` tells them the content is still changing (a killed refresh leaves it set)."""
        facts = self.facts
        facts["revision"] = revision or uuid.uuid4().hex
        facts["refreshing"] = refreshing
        if ingested:
            facts["last_ingest"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.collection.modify(metadata=facts)
        return str(facts["revision"])

    # -- writing ---------------------------------------------------------------------
    def upsert_documents(self, documents: Sequence[tuple[Sequence[Chunk], np.ndarray, dict[str, Any]]]) -> None:
        """Write several documents' (chunks, vectors, metadata) in one call, vectors always ours (Chroma
        never embeds): a refresh writes a group of documents at once (ingest/indexing.py), and
        bench/scale_corpus.py 100,000 chunks; one call per document costs more than the writing."""
        rows = [
            (c, vector, meta) for chunks, vectors, meta in documents for c, vector in zip(chunks, vectors, strict=True)
        ]
        if not rows:
            return
        self.collection.upsert(
            ids=[c.chunk_id for c, _, _ in rows],
            embeddings=np.stack([vector for _, vector, _ in rows]).tolist(),
            documents=[c.text for c, _, _ in rows],
            metadatas=[
                {
                    **meta,
                    **({"lead": c.lead} if c.lead else {}),
                    "ordinal": c.ordinal,
                    "start": c.start,
                    "end": c.end,
                    "section": c.section,
                    "page": c.page,
                }
                for c, _, meta in rows
            ],
        )

    def delete_ids(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), PAGE):
            self.collection.delete(ids=list(ids[start : start + PAGE]))

    def delete_document(self, doc_id: str, keep: Sequence[str] = ()) -> int:
        """Remove a document's chunks (except `keep`); returns how many went."""
        ids = [i for i in self.ids_of(doc_id) if i not in set(keep)]
        self.delete_ids(ids)
        return len(ids)

    # -- reading -----------------------------------------------------------------------
    def ids_of(self, doc_id: str) -> list[str]:
        return list(self._call(lambda c: c.get(where={"doc_id": doc_id}, include=[]))["ids"])

    def count(self) -> int:
        return int(self._call(lambda c: c.count()))

    def iter_metadata(self, with_text: bool = False, with_vectors: bool = False) -> Iterator[StoredChunk]:
        """Every chunk's id and metadata (and text, and vector), a page at a time."""
        include = ["metadatas"] + (["documents"] if with_text else []) + (["embeddings"] if with_vectors else [])
        offset = 0
        while True:
            page = self.collection.get(include=include, limit=PAGE, offset=offset)
            ids = page["ids"]
            if not ids:
                return
            texts = page.get("documents") or [""] * len(ids)
            vectors = np.asarray(page["embeddings"], dtype=np.float32) if with_vectors else [None] * len(ids)
            for chunk_id, meta, text, vector in zip(ids, page["metadatas"], texts, vectors, strict=True):
                yield StoredChunk(chunk_id, text or "", dict(meta or {}), vector=vector)
            offset += len(ids)

    def all_ids(self) -> list[str]:
        """Every chunk id and nothing else: Chroma reads no metadata for it, so it is quick
        (63,000 ids in well under a second, where their metadata take several seconds)."""
        ids: list[str] = []
        while True:
            offset = len(ids)
            page = self._call(lambda c, offset=offset: c.get(include=[], limit=ID_PAGE, offset=offset))["ids"]
            if not page:
                return ids
            ids += page

    def ids_where(self, where: dict[str, Any]) -> list[str]:
        """The ids of the chunks whose metadata matches `where`, without reading that metadata."""
        return list(self._call(lambda c: c.get(where=where, include=[]))["ids"])

    def rows(self, ids: Sequence[str], with_text: bool = True) -> list[StoredChunk]:
        """The chunks with these ids (metadata, and text unless `with_text` is False), a page at a time;
        an id no longer stored is left out."""
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        out: list[StoredChunk] = []
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), PAGE):
            asked = unique[start : start + PAGE]
            page = self._call(lambda c, asked=asked: c.get(ids=asked, include=include))
            texts = page.get("documents") or [""] * len(page["ids"])
            for chunk_id, meta, text in zip(page["ids"], page["metadatas"], texts, strict=True):
                out.append(StoredChunk(chunk_id, text or "", dict(meta or {})))
        return out

    def document_states(self) -> dict[str, set[str]]:
        """doc_id -> the fingerprints its chunks carry (more than one: an interrupted update)."""
        states: dict[str, set[str]] = {}
        for chunk in self.iter_metadata():
            states.setdefault(str(chunk.metadata.get("doc_id")), set()).add(str(chunk.metadata.get("fingerprint")))
        return states

    def query(self, embedding: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[StoredChunk]:
        """Nearest chunks by cosine distance (fewer when the collection holds fewer)."""
        if k <= 0:
            return []
        # No count() first to cap k: Chroma returns what it has, and count() costs ~20 ms at 100,000 chunks.
        result = self._call(
            lambda c: c.query(
                query_embeddings=[embedding.tolist()],
                n_results=k,
                where=where or None,
                include=["documents", "metadatas", "distances"],
            )
        )
        return [
            StoredChunk(cid, text or "", dict(meta or {}), float(dist))
            for cid, text, meta, dist in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True
            )
        ]

    def get(
        self, ids: Sequence[str], with_embeddings: bool = False
    ) -> dict[str, tuple[StoredChunk, np.ndarray | None]]:
        """Chunks by id, optionally with their vectors (to score keyword-only hits densely).

        An id asked for twice (two quotes from one chunk) is fetched once: Chroma refuses duplicates."""
        if not ids:
            return {}
        include = ["documents", "metadatas"] + (["embeddings"] if with_embeddings else [])
        unique = list(dict.fromkeys(ids))
        result = self._call(lambda c: c.get(ids=unique, include=include))
        vectors = result.get("embeddings") if with_embeddings else None
        out: dict[str, tuple[StoredChunk, np.ndarray | None]] = {}
        for i, cid in enumerate(result["ids"]):
            vec = np.asarray(vectors[i], dtype=np.float32) if vectors is not None else None
            out[cid] = (StoredChunk(cid, result["documents"][i] or "", dict(result["metadatas"][i] or {})), vec)
        return out
