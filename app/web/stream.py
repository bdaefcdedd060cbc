"""POST /api/ask with "stream": true: the answer as server-sent events.

Events, in order:
- `extractive`: the quoted answer object, at once (it needs no model);
- `token`: {"text": ...} for each piece of the model's draft, unchecked;
- `answer`: the final answer object (the checked model answer, or the quoted one
  with a note saying why), which replaces the draft;
- `error`: {"error": ...} if the request fails after the stream has started.
Without a language model only `answer` is sent.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

from app.web.api import AskCall, wants_llm

_END = object()


def sse(event: str, data: Any) -> str:
    """One server-sent event; JSON data on a single line, so no line of it can end the event early."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def stream_events(engine: Any, call: AskCall) -> Iterator[str]:
    """The events for one validated request (the caller has already checked "llm")."""
    use_llm = wants_llm(engine, call)
    try:
        extractive = engine.ask(call.question, call.filters, top_k=call.top_k, history=call.history, use_llm=False)
    except ValueError as exc:
        yield sse("error", {"error": str(exc)})
        return
    if not use_llm:
        yield sse("answer", extractive.to_dict())
        return
    yield sse("extractive", extractive.to_dict())
    pieces: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            final = engine.generate(extractive, call.history, on_token=pieces.put)
            pieces.put(("answer", final.to_dict()))
        except Exception as exc:  # reported to the client as an event, not a broken stream
            pieces.put(("error", {"error": f"{type(exc).__name__}: {exc}"}))
        finally:
            pieces.put(_END)

    threading.Thread(target=run, name="scoqa-sse", daemon=True).start()
    while (item := pieces.get()) is not _END:
        if isinstance(item, str):
            yield sse("token", {"text": item})
        else:
            yield sse(*item)
