"""Ask every question of one engine (optionally on several threads) and score the answers in input order."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from app.evaluation.questions import EvalQuestion
from app.evaluation.scoring import score_question

Progress = Callable[[], None]


def stored_chunk_texts(engine: Any, answer: dict[str, Any]) -> dict[str, str]:
    """The cited chunks' texts as the index stores them (re-read by chunk_id), for citation_support."""
    ids = sorted({str(c.get("chunk_id")) for c in answer.get("citations") or [] if c.get("chunk_id")})
    store = getattr(getattr(engine, "retriever", None), "store", None)
    if not ids or store is None:
        return {}
    return {cid: chunk.text for cid, (chunk, _) in store.get(ids).items()}


def ask_one(engine: Any, question: EvalQuestion, top_k: int) -> dict[str, Any]:
    """One results.jsonl row: the gold fields, the `scoqa ask --json` object and the question's metrics.

    A follow-up is asked after its `history`, as a chat asks it: each earlier question is answered
    in turn and the follow-up sees those answers ('what post did she hold next?'). Its latency is its own.
    """
    error = None
    started = time.perf_counter()
    try:
        history = replay(engine, question, top_k)
        started = time.perf_counter()
        answer = engine.ask(question.question, filters=question.filters, top_k=top_k, history=history).to_dict()
    except Exception as exc:  # one broken question must not lose the whole run; it is reported
        error = f"{type(exc).__name__}: {exc}"
        answer = {"question": question.question, "answer": "", "abstained": False, "citations": [], "passages": []}
    latency_ms = (time.perf_counter() - started) * 1000
    gold = question.to_dict()
    gold.pop("question_filters")
    row = {**gold, **answer}
    if error:
        row["error"] = error
    try:
        stored = stored_chunk_texts(engine, answer)
    except Exception as exc:  # an unreadable store fails every citation, visibly
        stored, row["error"] = {}, f"could not re-read cited chunks from the index: {exc}"
    row["metrics"] = score_question(question, answer, latency_ms, top_k, stored)
    return row


def replay(engine: Any, question: EvalQuestion, top_k: int) -> list[Any] | None:
    """The conversation before a follow-up: its earlier questions with the answers the engine gives them."""
    from app.answering.engine import Turn

    turns: list[Turn] = []
    for earlier in question.history:
        said = engine.ask(earlier, filters=question.filters, top_k=top_k, history=turns or None)
        turns.append(Turn(earlier, said.answer))
    return turns or None


def run_questions(
    engine: Any,
    questions: Sequence[EvalQuestion],
    top_k: int,
    workers: int = 1,
    progress: Progress | None = None,
    warm_up: bool = True,
) -> list[dict[str, Any]]:
    """Rows in the order of `questions`, whatever order the threads finish in.

    One untimed warm-up question first, so that loading the keyword index and the
    model's first call do not land in the latency of question 1.
    """
    if warm_up and questions:
        with contextlib.suppress(Exception):  # the timed call reports it
            engine.ask(questions[0].question, top_k=top_k)
    rows: list[dict[str, Any] | None] = [None] * len(questions)
    if workers <= 1:
        for i, question in enumerate(questions):
            rows[i] = ask_one(engine, question, top_k)
            if progress:
                progress()
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scoqa-eval") as pool:
            futures = {pool.submit(ask_one, engine, q, top_k): i for i, q in enumerate(questions)}
            for future in as_completed(futures):
                rows[futures[future]] = future.result()
                if progress:
                    progress()
    return [row for row in rows if row is not None]
