"""The one way every front end (CLI, browser, API, eval) opens the answering service."""

from __future__ import annotations

from app.answering.engine import AnswerEngine
from app.answering.models import RETRIEVAL_MODES
from ingest.settings import Settings
from ingest.store import IndexMismatchError, IndexMissingError


class EngineUnavailableError(RuntimeError):
    """No usable index behind the settings; the message says which command fixes it."""


def open_engine(settings: Settings, mode: str | None = None) -> AnswerEngine:
    """The engine over the index the settings name, with an optional retrieval mode."""
    if mode is not None and mode not in RETRIEVAL_MODES:
        raise ValueError(f"retrieval mode {mode!r} is not one of {', '.join(RETRIEVAL_MODES)}")
    try:
        engine = AnswerEngine(settings)
    except (IndexMissingError, IndexMismatchError) as exc:
        raise EngineUnavailableError(str(exc)) from exc
    if mode:
        engine.mode = mode
    return engine
