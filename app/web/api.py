"""POST /api/ask: the answering service as JSON, for programs.

Every request body is validated here (size, JSON depth, a pydantic schema, the
question's length, the filters) so that no input reaches the engine unchecked and
every fault comes back as a 4xx naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, model_validator

from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Filters
from app.web.live_engine import LiveEngine
from ingest.tunables import Tunables


class BadRequestError(ValueError):
    """A request we can name the fault of (HTTP 400)."""


class TooLargeError(BadRequestError):
    """A body over the size limit (HTTP 413)."""


class TurnIn(BaseModel):
    """One earlier turn: {"question", "answer"} (or a chat message {"role": "user", "content"})."""

    model_config = ConfigDict(extra="ignore")

    question: StrictStr
    answer: StrictStr = ""

    @model_validator(mode="before")
    @classmethod
    def _chat_message(cls, data: Any) -> Any:
        if isinstance(data, dict) and "question" not in data and data.get("role") == "user":
            return {"question": data.get("content"), "answer": ""}
        return data


class AskRequest(BaseModel):
    """The body of POST /api/ask."""

    model_config = ConfigDict(extra="forbid")

    question: StrictStr
    filters: dict[str, Any] | None = None
    history: list[TurnIn] = Field(default_factory=list)
    top_k: Annotated[StrictInt, Field(ge=1, le=50)] | None = None
    llm: StrictBool | None = None  # use the server's language model (default: when it has one)
    stream: StrictBool = False  # server-sent events: extractive answer, draft tokens, checked answer


@dataclass
class AskCall:
    """A validated request."""

    question: str
    filters: Filters
    history: list[Turn]
    top_k: int | None
    llm: bool | None = None
    stream: bool = False


def parse_ask_request(body: bytes, tunables: Tunables | None = None) -> tuple[str, Filters, list[Turn], int | None]:
    """Validate {"question", "filters"?, "history"?, "top_k"?}; errors name the field."""
    call = parse_ask_call(body, tunables)
    return call.question, call.filters, call.history, call.top_k


def parse_ask_call(body: bytes, tunables: Tunables | None = None) -> AskCall:
    """Validate the whole body, "llm" and "stream" included; errors name the field."""
    tunables = tunables or Tunables()
    if len(body) > tunables["max_body_kb"] * 1024:
        raise TooLargeError(f"the body is over {tunables['max_body_kb']} KB; send a shorter question and history")
    try:
        data: Any = json.loads(body or b"")
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer of 5,000 digits
        raise BadRequestError(f'body is not valid JSON ({exc}); send {{"question": "..."}}') from exc
    except RecursionError as exc:
        raise BadRequestError("body is nested too deeply; send a flat JSON object") from exc
    if not isinstance(data, dict):
        raise BadRequestError('body must be a JSON object like {"question": "..."}')
    try:
        request = AskRequest.model_validate(data)
    except ValidationError as exc:
        raise BadRequestError(describe(exc)) from exc
    question = request.question.strip()
    if not question:
        raise BadRequestError('field "question" is required and must be a non-empty string')
    limit = tunables["max_question_chars"]
    if len(question) > limit:
        raise BadRequestError(f'field "question" has {len(question)} characters; ask in at most {limit}')
    if len(request.history) > tunables["max_history_turns"]:
        raise BadRequestError(f'field "history" has {len(request.history)} turns; send at most the last few')
    try:
        filters = Filters.from_dict(request.filters)
    except ValueError as exc:
        raise BadRequestError(f'field "filters": {exc}') from exc
    history = [Turn(turn.question[:limit], turn.answer[:4000]) for turn in request.history]
    return AskCall(question, filters, history, request.top_k, request.llm, request.stream)


def describe(error: ValidationError) -> str:
    """The first validation fault as 'field "history"[0]: <what is wrong>'."""
    first = error.errors()[0]
    location = first.get("loc", ())
    name = "".join(
        f"[{part}]" if isinstance(part, int) else (f".{part}" if i else f'"{part}"') for i, part in enumerate(location)
    )
    hints = {
        "question": 'a non-empty string; the body looks like {"question": "..."}',
        "history": 'a list of {"question", "answer"} objects',
        "top_k": "an integer from 1 to 50",
        "filters": "an object with organisation, kind, year_from, year_to, doc_ids",
        "llm": "true or false",
        "stream": "true or false",
    }
    top = str(location[0]) if location else ""
    if first.get("type") == "extra_forbidden":
        return f"unknown field {name}; send question, filters, history, top_k, llm, stream"
    if first.get("type") == "missing" and len(location) == 1:
        return f"field {name} is required and must be {hints.get(top, 'given')}"
    return f"field {name}: {first.get('msg', 'invalid')}; it must be {hints.get(top, 'valid')}"


def answer_request(engine: AnswerEngine | LiveEngine, body: bytes) -> dict[str, Any]:
    """The `scoqa ask --json` object for one request body."""
    return answer_call(engine, parse_ask_call(body, engine.settings.tunables))


def answer_call(engine: AnswerEngine | LiveEngine, call: AskCall) -> dict[str, Any]:
    """The answer object for a validated request (the model's, when asked for and configured)."""
    use_llm = wants_llm(engine, call)
    try:
        return engine.ask(
            call.question, call.filters, top_k=call.top_k, history=call.history, use_llm=use_llm
        ).to_dict()
    except ValueError as exc:  # the engine's own checks (e.g. an empty question after follow-up handling)
        raise BadRequestError(str(exc)) from exc


def wants_llm(engine: AnswerEngine | LiveEngine, call: AskCall) -> bool:
    """Whether to ask the language model: by default when the server has one; "llm": true without one is an error."""
    if call.llm and engine.llm is None:
        raise BadRequestError('field "llm": this server has no language model; start scoqa serve with --llm')
    return engine.llm is not None if call.llm is None else call.llm
