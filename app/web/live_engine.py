"""The server's engine, built on first use, so the page can open (and offer to build) before an index exists.

With `workers` > 1 (`scoqa serve --workers N`), extractive answers come from worker processes
(app/web/answer_workers.py); answers written by a language model, and its streamed draft, stay here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Answer, Filters
from app.answering.open import open_engine
from app.web.answer_workers import AnswerWorkers
from ingest.settings import Settings
from ingest.store import ChromaStore, IndexMissingError

NO_INDEX_MESSAGE = (
    "There is no index yet. Build it from the Documents tab (“Refresh index”), "
    "or run `scoqa ingest --docs {docs}` and reload this page."
)


class NoIndexError(RuntimeError):
    """Asked before any document is indexed; the message says how to build the index."""


class LiveEngine:
    """One AnswerEngine per server process, created when the index first exists."""

    def __init__(self, settings: Settings, llm: Any = None, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError(f"workers must be 1 (answer in the server process) or more, not {workers}")
        self.settings = settings
        self.llm = llm  # a language-model backend (app/answering/llm), handed to the engine
        self.workers = workers
        self._engine: AnswerEngine | None = None
        self._pool: AnswerWorkers | None = None
        self._closed = False
        self._lock = threading.Lock()

    def index_ready(self) -> bool:
        """True when the index exists and holds at least one passage."""
        store = ChromaStore(self.settings)
        try:
            return store.exists() and store.count() > 0
        except IndexMissingError:
            return False

    def get(self) -> AnswerEngine:
        """The engine; NoIndexError (with the fix) while the index is missing or empty."""
        with self._lock:
            if self._engine is None:
                if not self.index_ready():
                    raise NoIndexError(NO_INDEX_MESSAGE.format(docs=self.settings.docs_dir.name))
                self._engine = open_engine(self.settings)
                self._engine.llm = self.llm
            return self._engine

    def start_workers(self) -> AnswerWorkers | None:
        """The worker pool, started on first use; None with one worker or once closed, NoIndexError without an index."""
        if self._pool is not None:  # no lock on the way of every question (get() holds it while an engine opens)
            return self._pool
        with self._lock:
            if self.workers > 1 and self._pool is None and not self._closed:
                if not self.index_ready():
                    raise NoIndexError(NO_INDEX_MESSAGE.format(docs=self.settings.docs_dir.name))
                self._pool = AnswerWorkers(self.settings, self.workers)
            return self._pool

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        history: list[Turn] | None = None,
        infer_filters: bool = True,
        use_llm: bool = True,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """AnswerEngine.ask: by a worker process when the answer is extractive and workers run, else here."""
        if self.workers > 1 and on_token is None and (self.llm is None or not use_llm):
            pool = self.start_workers()
            answer = pool.ask(question, filters, top_k, history, infer_filters) if pool else None
            if answer is not None:
                return answer
        return self.get().ask(
            question,
            filters,
            top_k=top_k,
            history=history,
            infer_filters=infer_filters,
            use_llm=use_llm,
            on_token=on_token,
        )

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        """AnswerEngine.generate on the live engine: the language model's checked answer."""
        return self.get().generate(*args, **kwargs)

    def close(self) -> None:
        """Stop the worker processes, if any (the server is stopping)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
