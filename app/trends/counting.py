"""Occurrences of concepts per year and organisation (and kind), with the rate per 10,000 words.

A group (year, organisation[, kind]) that has no documents gets no row: the chart and the
table show it as a gap, never as a zero. Every counted occurrence is kept, so each number
can be opened into its sentences (app/trends/evidence.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.answering.models import Filters
from app.trends.count_cache import UNSAVED, concept_signature, saved_spans
from app.trends.index_texts import IndexedDocument
from app.trends.lexicon import Concept
from app.trends.matching import matcher_for

ALL_KINDS = "all"


@dataclass(frozen=True)
class Occurrence:
    """One counted occurrence: the concept, its document and its character span there."""

    concept: str
    doc_id: str
    start: int
    end: int


@dataclass
class TrendRow:
    """One point: a concept in one year for one organisation (and kind)."""

    concept: str
    year: int
    organisation: str
    kind: str
    count: int
    per_10k_words: float
    documents: int
    words: int
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class Trends:
    """Rows for every concept and every group that has documents, plus what the note says."""

    concepts: list[Concept]
    rows: list[TrendRow]
    documents_per_year: dict[int, int]
    gaps: list[int]
    undated: list[str]
    by_kind: bool
    documents: dict[str, IndexedDocument]

    def rows_for(self, concept: str, year: int | None = None) -> list[TrendRow]:
        return [r for r in self.rows if r.concept == concept and (year is None or r.year == year)]

    @property
    def years(self) -> list[int]:
        return sorted(set(self.documents_per_year) | set(self.gaps))


def concept_spans(doc: IndexedDocument, concept: Concept) -> list[tuple[int, int]]:
    """Where a concept occurs in a document, memoised on the document while its content lasts
    (app/trends/count_cache.py saves them for the next start)."""
    key = concept_signature(concept)
    spans = doc.memo.get(key)
    if spans is None:
        spans = saved_spans(doc, key)
        if spans is None:
            spans = matcher_for(concept).spans(doc.text, doc.folded, doc.scripts)
            doc.memo.setdefault(UNSAVED, set()).add(key[1])
        doc.memo[key] = spans
    return spans


def select_documents(documents: list[IndexedDocument], filters: Filters) -> list[IndexedDocument]:
    """The documents the filters allow; documents about both organisations count for either."""
    kind = (filters.kind or "").lower()
    wanted = set(filters.doc_ids or [])
    return [
        d
        for d in documents
        if (not filters.organisation or d.organisation in (filters.organisation, "both"))
        and (not kind or d.kind.lower() == kind)
        and (filters.year_from is None or d.year >= filters.year_from)
        and (filters.year_to is None or d.year <= filters.year_to)
        and (not wanted or d.doc_id in wanted)
    ]


def count_trends(
    documents: list[IndexedDocument], concepts: list[Concept], filters: Filters | None = None, by_kind: bool = False
) -> Trends:
    """Count every concept in every (year, organisation[, kind]) group of the selected documents."""
    filters = filters or Filters()
    selected = select_documents(documents, filters)
    groups = group_documents(selected, filters, by_kind)
    rows = []
    for concept in concepts:
        for (year, organisation, kind), docs in sorted(groups.items()):
            found = [Occurrence(concept.name, d.doc_id, s, e) for d in docs for s, e in concept_spans(d, concept)]
            words = sum(d.words for d in docs)
            rows.append(
                TrendRow(
                    concept=concept.name,
                    year=year,
                    organisation=organisation,
                    kind=kind,
                    count=len(found),
                    per_10k_words=round(len(found) * 10_000 / words, 3) if words else 0.0,
                    documents=len(docs),
                    words=words,
                    occurrences=found,
                )
            )
    per_year = documents_per_year(selected)
    return Trends(
        concepts=concepts,
        rows=rows,
        documents_per_year=per_year,
        gaps=year_gaps(per_year, filters),
        undated=sorted(d.doc_id for d in selected if d.year <= 0),
        by_kind=by_kind,
        documents={d.doc_id: d for d in selected},
    )


def group_documents(
    selected: list[IndexedDocument], filters: Filters, by_kind: bool
) -> dict[tuple[int, str, str], list[IndexedDocument]]:
    """Dated documents by (year, organisation, kind); kind is the filter's (or "all") unless split by kind."""
    groups: dict[tuple[int, str, str], list[IndexedDocument]] = {}
    for doc in selected:
        if doc.year > 0:
            kind = doc.kind if by_kind else (filters.kind or ALL_KINDS)
            groups.setdefault((doc.year, doc.organisation, kind), []).append(doc)
    return dict(sorted(groups.items()))


def documents_per_year(selected: list[IndexedDocument]) -> dict[int, int]:
    per_year: dict[int, int] = {}
    for doc in selected:
        if doc.year > 0:
            per_year[doc.year] = per_year.get(doc.year, 0) + 1
    return dict(sorted(per_year.items()))


def year_gaps(per_year: dict[int, int], filters: Filters) -> list[int]:
    """Years inside the range shown that have no document at all."""
    if not per_year:
        return []
    first = filters.year_from if filters.year_from is not None else min(per_year)
    last = filters.year_to if filters.year_to is not None else max(per_year)
    return [y for y in range(first, last + 1) if y not in per_year]
