"""The typed values the answering service returns to the CLI, the UI, the API and eval."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# hybrid: dense + BM25, fused, then re-scored (the product); fusion: the same without
# re-scoring; dense / keyword: one method alone (the baselines of docs/quality.md).
RETRIEVAL_MODES = ("hybrid", "fusion", "dense", "keyword")
ORGANISATIONS = ("SCO", "CSTO")
OUTCOMES = ("answered", "partial", "not_answered")
# The kinds of answer a question can ask for (app/answering/analysis.py decides which).
ANSWER_TYPES = (
    "person",
    "date",
    "number",
    "place",
    "list",
    "definition",
    "reason",
    "process",
    "comparison",
    "yes_no",
    "other",
)

# How each outcome is named to the reader (terminal, chat bubble, exports).
OUTCOME_LABELS = {
    "answered": "answered",
    "partial": "partly answered (the documents do not say everything asked)",
    "not_answered": "not answered by the indexed documents",
}


@dataclass
class Filters:
    """Restrictions on which passages may be retrieved."""

    organisation: str | None = None
    kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_ids: list[str] | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Filters:
        """Build from JSON-like input (the API, the UI, the CLI), refusing bad fields by name."""
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ValueError(
                'filters must be an object like {"organisation": "SCO", "year_from": 2015}, '
                f"not {type(data).__name__}"
            )
        unknown = set(data) - {"organisation", "kind", "year_from", "year_to", "doc_ids"}
        if unknown:
            raise ValueError(
                f"unknown filter field(s): {', '.join(sorted(map(str, unknown)))}; "
                "use organisation, kind, year_from, year_to, doc_ids"
            )
        year_from, year_to = _year(data.get("year_from"), "year_from"), _year(data.get("year_to"), "year_to")
        if year_from and year_to and year_from > year_to:
            raise ValueError(f"filter year_from {year_from} is after year_to {year_to}; swap them or drop one")
        return cls(
            organisation=_organisation(data.get("organisation")),
            kind=_text(data.get("kind"), "kind"),
            year_from=year_from,
            year_to=year_to,
            doc_ids=_doc_ids(data.get("doc_ids")),
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
    lead: str = ""  # a table row's caption and header lines (ingest/chunking.row_chunks)
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
    lead: str = ""  # a table row's caption and header lines, as in Passage

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
    # answered | partial (the text names what the documents do not say) | not_answered.
    # `abstained` stays for older clients: it is true exactly when the outcome is not_answered.
    outcome: str = ""
    question_type: str = ""  # the kind of answer the question asks for (app/answering/analysis.py)
    missing: list[str] = field(default_factory=list)  # what a partial or unanswered question asked that no passage says

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            if self.outcome:
                raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {self.outcome!r}")
            self.outcome = "not_answered" if self.abstained else "answered"
        self.abstained = self.outcome == "not_answered"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [c.to_dict() for c in self.citations]
        data["passages"] = [p.to_dict() for p in self.passages]
        return data


def _organisation(value: Any) -> str | None:
    """SCO or CSTO, in any case; anything else is refused by name."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value.strip().upper() not in ORGANISATIONS:
        raise ValueError(f"filter organisation must be one of {', '.join(ORGANISATIONS)}, not {value!r}")
    return value.strip().upper()


def _text(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 100:
        raise ValueError(f"filter {name} must be a short string like 'declaration', not {value!r:.60}")
    return value.strip()


def _year(value: Any, name: str) -> int | None:
    """A year between 1900 and 2100; strings of digits are accepted (form fields send them)."""
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise ValueError(f"filter {name} must be a year like 2015, not {value!r:.60}")
    return value


def _doc_ids(value: Any) -> list[str] | None:
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 500 for v in value):
        raise ValueError("filter doc_ids must be a list of document ids (strings)")
    if len(value) > 200:
        raise ValueError(f"filter doc_ids names {len(value)} documents; give at most 200")
    return value


def reference_line(item: Any) -> str:
    """How a source is named to people: 'Title (CSTO, 2002) - file.md, p. 3' (any item with those fields)."""
    facts = ", ".join(x for x in (item.organisation, item.date) if x)
    page = getattr(item, "page", 0)
    where = item.doc_id + (f", p. {page}" if page else "")
    return item.title + (f" ({facts})" if facts else "") + f" - {where}"
