"""Answers as text people read: the terminal and Markdown exports share this."""

from __future__ import annotations

import textwrap

from app.answering.models import OUTCOME_LABELS, Answer, Passage, reference_line


def answer_to_text(answer: Answer, width: int = 100) -> str:
    """The answer and its outcome, then its numbered sources with the quoted passages (or nearest passages)."""
    lines = [textwrap.fill(answer.answer, width), "", f"Outcome: {OUTCOME_LABELS.get(answer.outcome, answer.outcome)}"]
    if answer.mode == "llm":
        lines += ["", f"Written by {answer.model}; every sentence checked against the passage it cites."]
    if answer.note:
        lines += ["", f"Note: {answer.note}"]
    if answer.filters:
        lines += ["", "Filters: " + ", ".join(f"{k}={v}" for k, v in answer.filters.items())]
    if answer.abstained:
        lines += ["", "Nearest passages:"]
        for rank, passage in enumerate(answer.passages[:3], start=1):
            lines += _passage_block(rank, passage, width)
        return "\n".join(lines)
    lines += ["", "Sources:"]
    shown: set[int] = set()
    for citation in answer.citations:
        if citation.n in shown:
            continue
        shown.add(citation.n)
        lines.append(f"[{citation.n}] {reference_line(citation)}")
        quotes = [c.quote for c in answer.citations if c.n == citation.n]
        for quote in quotes:
            lines.append(textwrap.indent(textwrap.fill(" ".join(quote.split()), width - 6), "    > "))
    return "\n".join(lines)


def _passage_block(rank: int, passage: Passage, width: int) -> list[str]:
    text = " ".join(passage.text.split())
    return [
        f"[{rank}] {reference_line(passage)}",
        textwrap.indent(textwrap.fill(textwrap.shorten(text, 400, placeholder=" ..."), width - 6), "    "),
    ]
