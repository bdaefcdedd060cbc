"""POST /api/ask: the answering service as JSON, for programs."""

from __future__ import annotations

import json
from typing import Any

from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Filters
from app.web.live_engine import LiveEngine


class BadRequestError(ValueError):
    """A request we can name the fault of (HTTP 400/422)."""


def parse_ask_request(body: bytes) -> tuple[str, Filters, list[Turn], int]:
    """Validate {"question", "filters"?, "history"?, "top_k"?}; errors name the field."""
    try:
        data: Any = json.loads(body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadRequestError(f'body is not valid JSON ({exc}); send {{"question": "..."}}') from exc
    if not isinstance(data, dict):
        raise BadRequestError('body must be a JSON object like {"question": "..."}')
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise BadRequestError('field "question" is required and must be a non-empty string')
    try:
        filters = Filters.from_dict(data.get("filters"))
    except ValueError as exc:
        raise BadRequestError(f'field "filters": {exc}') from exc
    history_raw = data.get("history") or []
    if not isinstance(history_raw, list):
        raise BadRequestError('field "history" must be a list of {"question", "answer"} objects')
    history = []
    for i, turn in enumerate(history_raw):
        if isinstance(turn, dict) and isinstance(turn.get("question"), str):
            history.append(Turn(turn["question"], str(turn.get("answer") or "")))
        elif isinstance(turn, dict) and turn.get("role") == "user" and isinstance(turn.get("content"), str):
            history.append(Turn(turn["content"]))
        else:
            raise BadRequestError(f'field "history"[{i}] must be an object with a "question" string')
    top_k = data.get("top_k", 5)
    if not isinstance(top_k, int) or not 1 <= top_k <= 50:
        raise BadRequestError('field "top_k" must be an integer from 1 to 50')
    return question, filters, history, top_k


def answer_request(engine: AnswerEngine | LiveEngine, body: bytes) -> dict[str, Any]:
    """The `scoqa ask --json` object for one request body."""
    question, filters, history, top_k = parse_ask_request(body)
    return engine.ask(question, filters, top_k=top_k, history=history).to_dict()
