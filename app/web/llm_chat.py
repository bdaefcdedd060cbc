"""The browser side of generative answers: the draft streams under the quoted answer, the checked answer replaces both.

The quoted (extractive) answer is shown first, at once. The model's draft then
streams below it, escaped and labelled as unchecked; when the model is done and
every sentence is checked, the final answer (or the quoted one with a note saying
why) takes the bubble's place.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from app.answering.engine import Turn
from app.answering.models import Answer
from app.web.render import answer_markdown
from app.web.security import markdown_text

_END = object()


def draft_markdown(quoted: str, model: str, draft: str) -> str:
    """The bubble while the model writes: the quoted answer, then the escaped, unchecked draft."""
    label = markdown_text(f"Draft by {model}, being checked against the sources:")
    body = markdown_text(" ".join(draft.split())) or "…"
    return f"{quoted}\n\n---\n\n_{label}_\n\n{body}"


def final_markdown(answer: Answer, turn: int) -> str:
    """The bubble once checked: the answer, and who wrote it when a model did."""
    text = answer_markdown(answer, turn)
    if answer.mode == "llm":
        text += "\n\n_" + markdown_text(f"Written by {answer.model}; each sentence checked against its source.") + "_"
    return text


def draft_then_checked(live: Any, answer: Answer, history: list[Turn], turn: int) -> Iterator[tuple[str, Any]]:
    """("draft", markdown) while the model streams, then ("final", Answer) once checked."""
    pieces: queue.Queue[Any] = queue.Queue()
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["answer"] = live.generate(answer, history, on_token=pieces.put)
        except Exception as exc:  # shown as the quoted answer with a note, not a broken chat
            result["error"] = exc
        finally:
            pieces.put(_END)

    threading.Thread(target=run, name="scoqa-draft", daemon=True).start()
    quoted = answer_markdown(answer, turn)
    model = getattr(getattr(live.llm, "spec", None), "label", "the language model")
    draft = ""
    while (piece := pieces.get()) is not _END:
        draft += piece
        yield "draft", draft_markdown(quoted, model, draft)
    if "error" in result:
        note = f"The language model failed ({result['error']}); showing the quoted answer."
        yield "final", replace(answer, note=" ".join(n for n in (note, answer.note) if n))
        return
    yield "final", result["answer"]
