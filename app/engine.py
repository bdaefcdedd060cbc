"""The answering service: one object behind the CLI, the browser UI, the HTTP API and eval."""

from __future__ import annotations

import time
from dataclasses import dataclass

from app.composer import ComposerConfig, ExtractiveComposer
from app.models import Answer, Filters
from app.retrieval import HybridRetriever
from ingest.embedding import get_embedder
from ingest.settings import Settings

DEFAULT_TOP_K = 5


@dataclass
class Turn:
    """One earlier exchange of a conversation, for resolving follow-up questions."""

    question: str
    answer: str = ""


class AnswerEngine:
    """Loads the model and the index once; answers many questions."""

    def __init__(self, settings: Settings, composer_config: ComposerConfig | None = None, mode: str = "hybrid") -> None:
        self.settings = settings
        self.embedder = get_embedder(settings.embed_model)
        self.retriever = HybridRetriever(settings, self.embedder)
        self.composer = ExtractiveComposer(self.embedder, composer_config)
        self.mode = mode

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int = DEFAULT_TOP_K,
        history: list[Turn] | None = None,
    ) -> Answer:
        """Answer one question with citations, or abstain and show the nearest passages."""
        question = (question or "").strip()
        if not question:
            raise ValueError("the question is empty; type a question about the SCO or the CSTO")
        if top_k < 1 or top_k > 50:
            raise ValueError("top_k must be between 1 and 50")
        started = time.perf_counter()
        filters = filters or Filters()
        retrieved = self.retriever.retrieve(question, filters, top_k, self.mode)
        compose_started = time.perf_counter()
        answer = self.composer.compose(question, retrieved.query_vector, retrieved.passages)
        answer.timings_ms = {
            **retrieved.timings_ms,
            "compose_ms": round((time.perf_counter() - compose_started) * 1000, 2),
            "total_ms": round((time.perf_counter() - started) * 1000, 2),
        }
        answer.filters = filters.to_dict()
        answer.resolved_question = question
        return answer
