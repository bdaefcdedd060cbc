"""`--semantic "a description"`: passages close in meaning to a description, counted apart from literal counts.

A passage (an indexed chunk) counts when the cosine similarity between its stored vector and
the description's embedding reaches the model's threshold. The unit is a passage, not an
occurrence, and passages overlap: these numbers are shown apart from the literal counts and
labelled semantic, never added to them. THRESHOLDS were calibrated by
bench/calibrate_trends_semantic.py (see docs/trends.md): on documents/, with "the passage names
one of the concept's terms" as the label for each built-in concept and its description, the
threshold with the best mean F1.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from app.answering.models import Filters
from app.trends.counting import documents_per_year, group_documents, select_documents, year_gaps
from app.trends.index_texts import IndexedDocument
from ingest.settings import Settings
from ingest.store import PAGE, ChromaStore

THRESHOLDS = {"minilm": 0.33, "minilm-int8": 0.33}  # multilingual-e5 scores differently and is not calibrated
MAX_SHOWN = 50  # passages listed per point; all are counted


@dataclass(frozen=True)
class SemanticPassage:
    """A passage that passed the threshold, with its score."""

    doc_id: str
    chunk_id: str
    title: str
    year: int
    score: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SemanticRow:
    """Passages over the threshold in one year and group, out of all its passages."""

    year: int
    organisation: str
    kind: str
    passages: int
    total_passages: int
    documents: int
    matches: list[SemanticPassage] = field(default_factory=list)

    @property
    def share(self) -> float:
        return round(100 * self.passages / self.total_passages, 2) if self.total_passages else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("year", "organisation", "kind", "passages", "total_passages")}
        return data | {
            "share_percent": self.share,
            "documents": self.documents,
            "matches": [m.to_dict() for m in self.matches[:MAX_SHOWN]],
        }


@dataclass
class SemanticTrends:
    description: str
    model: str
    threshold: float
    rows: list[SemanticRow]
    documents_per_year: dict[int, int]
    gaps: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": "semantic: passages, not occurrences",
            "description": self.description,
            "model": self.model,
            "threshold": self.threshold,
            "gaps": self.gaps,
            "rows": [r.to_dict() for r in self.rows],
        }


_VECTORS: dict[tuple[str, str], tuple[str, dict[str, np.ndarray]]] = {}
_LOCK = threading.Lock()


def stored_vectors(settings: Settings, store: ChromaStore) -> dict[str, np.ndarray]:
    """chunk_id -> stored unit vector, read once per index revision."""
    revision = str(store.facts.get("revision", ""))
    key = (store.location, settings.collection)
    with _LOCK:
        cached = _VECTORS.get(key)
        if cached and cached[0] == revision:
            return cached[1]
        vectors: dict[str, np.ndarray] = {}
        offset = 0
        while True:
            page = store.collection.get(include=["embeddings"], limit=PAGE, offset=offset)
            if not page["ids"]:
                break
            for chunk_id, vector in zip(page["ids"], page["embeddings"], strict=True):
                vectors[chunk_id] = np.asarray(vector, dtype=np.float32)
            offset += len(page["ids"])
        _VECTORS[key] = (revision, vectors)
        return vectors


def semantic_trends(
    documents: list[IndexedDocument],
    vectors: dict[str, np.ndarray],
    query: np.ndarray,
    description: str,
    model: str,
    filters: Filters | None = None,
    by_kind: bool = False,
    threshold: float | None = None,
) -> SemanticTrends:
    """Passages whose similarity to the description reaches the threshold, per year and group."""
    filters = filters or Filters()
    if threshold is None and model not in THRESHOLDS:
        raise ValueError(
            f"--semantic is calibrated for {', '.join(THRESHOLDS)} only, and this index uses {model!r}; "
            "give a threshold of your own with --semantic-threshold (cosine, 0-1)"
        )
    threshold = THRESHOLDS[model] if threshold is None else threshold
    selected = select_documents(documents, filters)
    rows = []
    for (year, organisation, kind), docs in group_documents(selected, filters, by_kind).items():
        found, total = [], 0
        for doc in docs:
            for chunk in doc.chunks:
                if chunk.chunk_id not in vectors:
                    continue
                total += 1
                score = float(vectors[chunk.chunk_id] @ query)
                if score >= threshold:
                    text = " ".join(doc.text[chunk.start : chunk.end].split())
                    found.append(
                        SemanticPassage(doc.doc_id, chunk.chunk_id, doc.title, doc.year, round(score, 3), text)
                    )
        found.sort(key=lambda p: -p.score)
        rows.append(SemanticRow(year, organisation, kind, len(found), total, len(docs), found))
    per_year = documents_per_year(selected)
    return SemanticTrends(description, model, threshold, rows, per_year, year_gaps(per_year, filters))
