"""A document as the trends index holds it: metadata, text rebuilt from its chunks, chunk spans."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from app.trends.matching import fold, scripts_in


@dataclass(frozen=True)
class ChunkSpan:
    """Where one chunk lies in its document's text."""

    chunk_id: str
    start: int
    end: int


@dataclass
class IndexedDocument:
    """A document as the index holds it: metadata, rebuilt text, chunk spans and word count."""

    doc_id: str
    title: str
    organisation: str
    kind: str
    date: str
    year: int
    text: str
    chunks: list[ChunkSpan]
    words: int = 0
    # its first chunk's metadata as read: with the chunk ids, says whether a refresh changed the document
    first_metadata: dict[str, Any] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # per-concept spans, sentence spans
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def folded(self) -> str | None:
        """The text lower-cased for fast literal search (app/trends/matching.py fold), kept once."""
        if "folded" not in self.memo:
            self.memo["folded"] = fold(self.text)
        return self.memo["folded"]

    @property
    def scripts(self) -> frozenset[str]:
        """Cyrillic and/or Chinese when the text has them (terms in other scripts are not looked for)."""
        if "scripts" not in self.memo:
            self.memo["scripts"] = scripts_in(self.text)
        return self.memo["scripts"]

    def chunk_for(self, start: int, end: int) -> ChunkSpan:
        """The first chunk holding all of [start, end), else the one holding `start`."""
        if not self._starts:
            self._starts = [c.start for c in self.chunks]
        last = bisect.bisect_right(self._starts, start)
        holding = [c for c in self.chunks[:last] if c.end > start]
        whole = [c for c in holding if c.end >= end]
        return (whole or holding or self.chunks[:1])[0]
