"""What the page knows about each indexed document, and what a document's date means.

A briefing's `date` is the start of the period it covers (documents/README.md), so
"1992" on a briefing is not a publication date; other documents (declarations,
treaties, uploads) carry the date of the document itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ingest.settings import Settings
from ingest.status import document_table
from ingest.store import ChromaStore, IndexMismatchError, IndexMissingError


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed document as the page shows it (its id is relative to the documents folder)."""

    doc_id: str
    title: str
    organisation: str
    kind: str
    date: str
    period: str
    source_url: str
    chunks: int


def covers_a_period(kind: str, period: str) -> bool:
    """True when the date field is the start of a covered period rather than the document's own date."""
    return bool(period) or kind.strip().lower() == "briefing"


def date_label(kind: str, date: str, period: str = "") -> str:
    """'Covers 2002-2024', 'Covers from 1992' or 'Dated 2022-09-16' ('' without a date)."""
    if period:
        return f"Covers {period}"
    if not date:
        return ""
    return f"Covers from {date}" if covers_a_period(kind, period) else f"Dated {date}"


def load_documents(settings: Settings) -> list[DocumentInfo]:
    """Every indexed document, sorted by id; none while there is no readable index."""
    try:
        rows = document_table(ChromaStore(settings))
    except (IndexMissingError, IndexMismatchError):
        return []
    return [
        DocumentInfo(
            doc_id=str(r["doc_id"]),
            title=str(r["title"] or r["doc_id"]),
            organisation=str(r["organisation"] or ""),
            kind=str(r["kind"] or ""),
            date=str(r["date"] or ""),
            period=str(r.get("period") or ""),
            source_url=str(r["source_url"] or ""),
            chunks=int(r["chunks"]),
        )
        for r in rows
    ]


class DocumentCatalog:
    """The documents of the index, reloaded when the page loads or the index is refreshed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._documents: list[DocumentInfo] | None = None
        self._lock = threading.Lock()

    def reload(self) -> list[DocumentInfo]:
        documents = load_documents(self.settings)
        with self._lock:
            self._documents = documents
        return documents

    def documents(self) -> list[DocumentInfo]:
        """The documents as last loaded (loaded now on first use)."""
        with self._lock:
            cached = self._documents
        return cached if cached is not None else self.reload()

    def periods(self) -> dict[str, str]:
        """doc_id -> the period a document covers, for documents whose metadata names one."""
        return {d.doc_id: d.period for d in self.documents() if d.period}
