"""An occurrence shown as a cited passage: its document, its chunk and the sentence around it.

The sentence is cut from the document text (app/sentences.py) and then kept inside one
chunk, so it always reads verbatim (whitespace collapsed) in the chunk the citation names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from typing import Any

from app.answering.sentences import sentence_spans
from app.trends.counting import Occurrence
from app.trends.index_texts import IndexedDocument

LONG_SENTENCE = 80
CONTEXT_WORDS = 40
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Evidence:
    """What a match looks like to a reader: where it is and the sentence that holds it."""

    concept: str
    doc_id: str
    chunk_id: str
    title: str
    organisation: str
    kind: str
    date: str
    year: int
    start: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sentence_spans(doc: IndexedDocument) -> tuple[list[int], list[tuple[int, int]], set[int]]:
    """Sentence starts, spans and ends of a document, worked out once per document."""
    cached = doc.memo.get("sentences")
    if cached is None:
        spans = sentence_spans(doc.text)
        cached = doc.memo["sentences"] = ([s for s, _ in spans], spans, {e for _, e in spans})
    return cached


def sentence_around(doc: IndexedDocument, start: int, end: int) -> tuple[int, int]:
    """The sentence span holding [start, end), widened to hold the whole match.

    Preambles run on for hundreds of words in one sentence: past LONG_SENTENCE words the
    span is cut to CONTEXT_WORDS either side of the match (shown with an ellipsis).
    """
    starts, spans, _ = _sentence_spans(doc)
    i = bisect.bisect_right(starts, start) - 1
    s, e = spans[i] if i >= 0 else (start, end)
    s, e = min(s, start), max(e, end)
    if len(doc.text[s:e].split()) <= LONG_SENTENCE:
        return s, e
    before = [m.start() for m in _WORD.finditer(doc.text, s, start)]
    after = [m.end() for m in _WORD.finditer(doc.text, end, e)]
    return (before[-CONTEXT_WORDS] if len(before) > CONTEXT_WORDS else s), (
        after[CONTEXT_WORDS - 1] if len(after) > CONTEXT_WORDS else e
    )


def cite(doc: IndexedDocument, occurrence: Occurrence) -> Evidence:
    """The chunk and sentence for one occurrence."""
    s, e = sentence_around(doc, occurrence.start, occurrence.end)
    chunk = doc.chunk_for(s, e) if any(c.start <= s and c.end >= e for c in doc.chunks) else None
    if chunk is None:  # the sentence spans two chunks: keep the part inside the match's chunk
        chunk = doc.chunk_for(occurrence.start, occurrence.end)
        s, e = max(s, chunk.start), min(e, chunk.end)
    text = " ".join(doc.text[s:e].split())
    if not _ends_sentence(doc, e):
        text += " …"
    if not _starts_sentence(doc, s):
        text = "… " + text
    return Evidence(
        concept=occurrence.concept,
        doc_id=doc.doc_id,
        chunk_id=chunk.chunk_id,
        title=doc.title,
        organisation=doc.organisation,
        kind=doc.kind,
        date=doc.date,
        year=doc.year,
        start=occurrence.start,
        sentence=text,
    )


def _starts_sentence(doc: IndexedDocument, s: int) -> bool:
    starts, _, _ = _sentence_spans(doc)
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] == s


def _ends_sentence(doc: IndexedDocument, e: int) -> bool:
    return e in _sentence_spans(doc)[2]


def cite_all(documents: dict[str, IndexedDocument], occurrences: list[Occurrence]) -> list[Evidence]:
    """Evidence for occurrences, in document order."""
    ordered = sorted(occurrences, key=lambda o: (o.doc_id, o.start))
    return [cite(documents[o.doc_id], o) for o in ordered]
