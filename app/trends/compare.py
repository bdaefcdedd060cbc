"""Two documents side by side: each concept's count (and rate) in both, the change, and what only one says.

Declarations repeat much of the previous year's text, so the sentences that carry a
concept in one document and not in the other are where the emphasis moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.trends.counting import Occurrence, concept_spans
from app.trends.evidence import Evidence, cite_all
from app.trends.index_texts import IndexedDocument
from app.trends.lexicon import Concept


@dataclass
class ConceptChange:
    """One concept in two documents."""

    concept: str
    count_a: int
    count_b: int
    per_10k_a: float
    per_10k_b: float
    only_a: list[Evidence] = field(default_factory=list)
    only_b: list[Evidence] = field(default_factory=list)

    @property
    def change(self) -> int:
        return self.count_b - self.count_a

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "count_a": self.count_a,
            "count_b": self.count_b,
            "change": self.change,
            "per_10k_words_a": self.per_10k_a,
            "per_10k_words_b": self.per_10k_b,
            "only_a": [e.to_dict() for e in self.only_a],
            "only_b": [e.to_dict() for e in self.only_b],
        }


@dataclass
class Comparison:
    """Document A against document B, concepts ranked by absolute change."""

    doc_a: IndexedDocument
    doc_b: IndexedDocument
    changes: list[ConceptChange]

    def to_dict(self) -> dict[str, Any]:
        def about(doc: IndexedDocument) -> dict[str, Any]:
            return {"doc_id": doc.doc_id, "title": doc.title, "year": doc.year, "words": doc.words}

        return {"a": about(self.doc_a), "b": about(self.doc_b), "concepts": [c.to_dict() for c in self.changes]}


def _evidence(doc: IndexedDocument, concept: Concept) -> list[Evidence]:
    occurrences = [Occurrence(concept.name, doc.doc_id, s, e) for s, e in concept_spans(doc, concept)]
    return cite_all({doc.doc_id: doc}, occurrences)


def _unshared(mine: list[Evidence], theirs: list[Evidence]) -> list[Evidence]:
    """My sentences that the other document does not contain (compared case-insensitively), once each."""
    other = {e.sentence.strip("… ").lower() for e in theirs}
    seen: set[str] = set()
    out = []
    for item in mine:
        key = item.sentence.strip("… ").lower()
        if key not in other and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def compare_documents(doc_a: IndexedDocument, doc_b: IndexedDocument, concepts: list[Concept]) -> Comparison:
    """Counts of every concept in both documents and the sentences only one of them has."""
    changes = []
    for concept in concepts:
        in_a, in_b = _evidence(doc_a, concept), _evidence(doc_b, concept)
        rates = [
            round(len(found) * 10_000 / doc.words, 3) if doc.words else 0.0
            for found, doc in ((in_a, doc_a), (in_b, doc_b))
        ]
        changes.append(
            ConceptChange(concept.name, len(in_a), len(in_b), *rates, _unshared(in_a, in_b), _unshared(in_b, in_a))
        )
    changes.sort(key=lambda c: (-abs(c.change), -(c.count_a + c.count_b), c.concept))
    return Comparison(doc_a, doc_b, changes)


def find_document(documents: list[IndexedDocument], wanted: str) -> IndexedDocument:
    """A document by its id (or a unique part of it), or an error listing what is indexed."""
    exact = [d for d in documents if d.doc_id == wanted]
    if exact:
        return exact[0]
    partial = [d for d in documents if wanted.lower() in d.doc_id.lower()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(d.doc_id for d in partial[:6])
        raise ValueError(f"{wanted!r} matches several documents ({names}); give more of the document id")
    names = ", ".join(d.doc_id for d in documents[:8]) + (" ..." if len(documents) > 8 else "")
    raise ValueError(f"no indexed document {wanted!r}; document ids look like: {names} (see `scoqa status`)")
