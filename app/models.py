"""The typed values the answering service returns to the CLI, the UI, the API and eval."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Filters:
    """Restrictions on which passages may be retrieved."""

    organisation: str | None = None
    kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_ids: list[str] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Filters:
        """Build from JSON-like input, refusing unknown keys and wrong types by name."""
        data = dict(data or {})
        unknown = set(data) - {"organisation", "kind", "year_from", "year_to", "doc_ids"}
        if unknown:
            raise ValueError(
                f"unknown filter field(s): {', '.join(sorted(unknown))}; "
                "use organisation, kind, year_from, year_to, doc_ids"
            )
        for key in ("year_from", "year_to"):
            if data.get(key) not in (None, ""):
                try:
                    data[key] = int(data[key])
                except (TypeError, ValueError) as exc:
                    raise ValueError(f"filter {key} must be a year like 2015, not {data[key]!r}") from exc
            else:
                data[key] = None
        doc_ids = data.get("doc_ids")
        if isinstance(doc_ids, str):
            doc_ids = [doc_ids]
        if doc_ids is not None and not isinstance(doc_ids, list):
            raise ValueError("filter doc_ids must be a list of document ids")
        return cls(
            organisation=data.get("organisation") or None,
            kind=data.get("kind") or None,
            year_from=data["year_from"],
            year_to=data["year_to"],
            doc_ids=[str(d) for d in doc_ids] if doc_ids else None,
        )

    def is_empty(self) -> bool:
        return not any((self.organisation, self.kind, self.year_from, self.year_to, self.doc_ids))

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [], "")}


@dataclass
class Passage:
    """A retrieved chunk with its provenance and scores."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    score: float
    organisation: str = ""
    kind: str = ""
    date: str = ""
    source_url: str = ""
    section: str = ""
    page: int = 0
    start: int = 0
    dense_score: float = 0.0
    keyword_score: float = 0.0
    support: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Citation:
    """One [n] marker: the passage it points to and the exact words quoted from it."""

    n: int
    doc_id: str
    title: str
    chunk_id: str
    quote: str
    score: float
    organisation: str = ""
    kind: str = ""
    date: str = ""
    page: int = 0
    source_url: str = ""
    passage: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """What `scoqa ask --json` prints and `POST /api/ask` returns."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    filters: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0
    resolved_question: str = ""
    note: str = ""
    # How the answer was written: "extractive" (quotes), "llm" (a language model's checked
    # sentences) or "llm_fallback" (the model was asked, but the quotes are shown instead).
    mode: str = "extractive"
    model: str = ""  # the language model asked, e.g. "ollama:llama3.2"; empty in extractive mode
    # The model's sentences after checking: {text, citations, support, supported, ...};
    # only the supported ones are in `answer`.
    sentences: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [c.to_dict() for c in self.citations]
        data["passages"] = [p.to_dict() for p in self.passages]
        return data
