"""The server's engine, built on first use, so the page can open (and offer to build) before an index exists."""

from __future__ import annotations

import threading
from typing import Any

from app.answering.engine import AnswerEngine
from app.answering.open import open_engine
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

    def __init__(self, settings: Settings, llm: Any = None) -> None:
        self.settings = settings
        self.llm = llm  # a language-model backend (app/answering/llm), handed to the engine
        self._engine: AnswerEngine | None = None
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

    def ask(self, *args: Any, **kwargs: Any) -> Any:
        """AnswerEngine.ask on the live engine."""
        return self.get().ask(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        """AnswerEngine.generate on the live engine: the language model's checked answer."""
        return self.get().generate(*args, **kwargs)
