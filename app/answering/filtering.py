"""Metadata filters at scale: which chunks a filter allows, and dense search within it.

Chroma's `where` filter reads every chunk's metadata for each query: about 40 ms at 10,000 chunks
and 130 to 1,000 ms at 100,000 (docs/performance.md), against a few ms unfiltered, and every
question that names an organisation gets a filter. So a filtered dense search runs exactly, in
numpy, over the copy of every chunk's vector that the keyword index keeps (saved with it, per
revision). The filter is a boolean mask computed on columns of the chunks' filter fields, in
well under a millisecond. Only the text and metadata of the winners come from Chroma.

An unfiltered search runs the same way, over every row (~12 ms at 100,000 chunks, memory-bound,
against a few ms for Chroma's HNSW index). It is exact rather than approximate: HNSW missed true
nearest chunks among near-duplicate passages (tests/test_filters_at_scale.py), its graph differs
from build to build, so the same question could get other passages after a rebuild, and an embedded
Chroma client that has searched keeps its old vector segment when another process writes
(docs/refresh.md). Only an index saved without vectors asks Chroma.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from app.answering.models import Filters
from ingest.keyword import KeywordIndex
from ingest.store import ChromaStore, StoredChunk


def chroma_where(filters: Filters) -> dict[str, Any] | None:
    """The Chroma `where` clause for the filters; documents about both bodies match either."""
    clauses: list[dict[str, Any]] = []
    if filters.organisation:
        clauses.append({"organisation": {"$in": [filters.organisation, "both"]}})
    if filters.kind:
        clauses.append({"kind": filters.kind})
    if filters.year_from:
        clauses.append({"year": {"$gte": filters.year_from}})
    if filters.year_to:
        clauses.append({"year": {"$lte": filters.year_to}})
        clauses.append({"year": {"$gt": 0}})
    if filters.doc_ids:
        clauses.append({"doc_id": {"$in": list(filters.doc_ids)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def matches(filters: Filters, fields: dict[str, Any]) -> bool:
    """The same test as chroma_where, for one chunk's metadata."""
    year = int(fields.get("year") or 0)
    return (
        (not filters.organisation or fields.get("organisation") in (filters.organisation, "both"))
        and (not filters.kind or fields.get("kind") == filters.kind)
        and (not filters.year_from or year >= filters.year_from)
        and (not filters.year_to or 0 < year <= filters.year_to)
        and (not filters.doc_ids or fields.get("doc_id") in filters.doc_ids)
    )


def filter_mask(index: KeywordIndex, filters: Filters, table_rows: bool | None = None) -> np.ndarray | None:
    """True for each chunk of the keyword index that the filters allow (None: no filter), the
    same test as chroma_where, computed on columns rather than chunk by chunk. `table_rows`
    True / False keeps only / leaves out the table rows indexed alone (ingest/chunking.row_chunks)."""
    mask = _filters_mask(index, filters)
    if table_rows is None:
        return mask
    rows = index.row_mask
    if rows is None:  # an index without table rows
        return np.zeros(len(index.chunk_ids), dtype=bool) if table_rows else mask
    part = rows if table_rows else ~rows
    return part if mask is None else mask & part


def _filters_mask(index: KeywordIndex, filters: Filters) -> np.ndarray | None:
    if filters.is_empty():
        return None
    mask = np.ones(len(index.chunk_ids), dtype=bool)
    if filters.organisation:
        mask &= index.field_in("organisation", (filters.organisation, "both"))
    if filters.kind:
        mask &= index.field_in("kind", (filters.kind,))
    years = index.years
    if filters.year_from:
        mask &= years >= filters.year_from
    if filters.year_to:
        mask &= (years > 0) & (years <= filters.year_to)
    if filters.doc_ids:
        mask &= index.field_in("doc_id", filters.doc_ids)
    return mask


def dense_search(
    store: ChromaStore, index: KeywordIndex, vector: np.ndarray, fetch: int, filters: Filters
) -> list[StoredChunk]:
    """The `fetch` chunks nearest to `vector` (cosine) that the filters allow, nearest first."""
    ranked, rows = dense_ranking(store, index, vector, fetch, filters)
    rows.update({cid: chunk for cid, (chunk, _) in store.get([c for c, _ in ranked if c not in rows]).items()})
    # Cosine distance as Chroma reports it; a chunk deleted since the index was read is left out.
    return [replace(rows[cid], distance=distance) for cid, distance in ranked if cid in rows]


def dense_ranking(
    store: ChromaStore,
    index: KeywordIndex,
    vector: np.ndarray,
    fetch: int,
    filters: Filters,
    table_rows: bool | None = None,
) -> tuple[list[tuple[str, float]], dict[str, StoredChunk]]:
    """(chunk id, cosine distance) of the `fetch` nearest allowed chunks, nearest first, and the
    rows Chroma returned with them (none for a search in numpy: the caller fetches the rows it
    keeps in one call, ~10 ms at 100,000 chunks). `table_rows` as for filter_mask; a search in
    Chroma (an index saved without vectors) does not tell table rows apart."""
    mask = filter_mask(index, filters, table_rows)
    if index.vectors is None:
        chunks = store.query(vector, fetch, chroma_where(filters))
        return [(c.chunk_id, c.distance) for c in chunks], {c.chunk_id: c for c in chunks}
    if mask is None:
        allowed, scores = np.arange(len(index.chunk_ids)), index.vectors @ vector
    else:
        allowed = np.flatnonzero(mask)
        # Few allowed rows: score those alone; many: one pass over all rows is cheaper than copying them out.
        few = len(allowed) < len(mask) // 4
        scores = index.vectors[allowed] @ vector if few else (index.vectors @ vector)[allowed]
    best = np.argsort(-scores, kind="stable")[:fetch] if len(scores) <= fetch else _top(scores, fetch)
    return [(index.chunk_ids[allowed[i]], 1.0 - float(scores[i])) for i in best], {}


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, highest first."""
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")]
