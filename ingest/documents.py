"""The document model: text plus the metadata every chunk of it carries."""

from __future__ import annotations

from dataclasses import dataclass, field

ORGANISATIONS = ("SCO", "CSTO", "both", "other")


@dataclass
class Document:
    """One source file, loaded: its text and metadata.

    `doc_id` is the path relative to the corpus root (posix separators), so the same
    file has the same id on every machine. `page_starts` holds the character offset
    where each page begins (PDF only), so a chunk can say which page it came from.
    """

    doc_id: str
    text: str
    title: str
    organisation: str = "other"
    kind: str = "document"
    date: str = ""
    period: str = ""  # free text, e.g. "2002-2024": the span a briefing covers (its `date` is the start)
    source_url: str = ""
    language: str = "en"
    content_sha256: str = ""
    topics: list[str] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)

    @property
    def year(self) -> int:
        """Year of `date`, or 0 when unknown (Chroma metadata cannot hold None)."""
        head = self.date[:4]
        return int(head) if head.isdigit() else 0

    def page_at(self, offset: int) -> int:
        """1-based page number containing `offset`, or 0 for documents without pages."""
        page = 0
        for number, start in enumerate(self.page_starts, start=1):
            if start > offset:
                break
            page = number
        return page

    def chunk_metadata(self) -> dict[str, str | int]:
        """Metadata copied onto every chunk (Chroma accepts only scalars)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "organisation": self.organisation,
            "kind": self.kind,
            "date": self.date,
            "period": self.period,
            "year": self.year,
            "source_url": self.source_url,
            "language": self.language,
            "content_sha256": self.content_sha256,
            "topics": ", ".join(self.topics),
        }
