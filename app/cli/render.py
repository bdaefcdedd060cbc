"""Answers as text people read: the terminal and Markdown exports share this."""

from __future__ import annotations

import textwrap

from app.answering.models import Answer, Passage


def source_line(n: int, title: str, organisation: str, date: str, doc_id: str, page: int = 0) -> str:
    """'[1] Title (CSTO, 2002) - file.md, p. 3'."""
    facts = ", ".join(x for x in (organisation, date) if x)
    where = doc_id + (f", p. {page}" if page else "")
    return f"[{n}] {title}" + (f" ({facts})" if facts else "") + f" - {where}"


def answer_to_text(answer: Answer, width: int = 100) -> str:
    """The answer, then its numbered sources with the quoted passages (or nearest passages)."""
    lines = [textwrap.fill(answer.answer, width)]
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
        lines.append(
            source_line(
                citation.n, citation.title, citation.organisation, citation.date, citation.doc_id, citation.page
            )
        )
        quotes = [c.quote for c in answer.citations if c.n == citation.n]
        for quote in quotes:
            lines.append(textwrap.indent(textwrap.fill(" ".join(quote.split()), width - 6), "    > "))
    return "\n".join(lines)


def _passage_block(rank: int, passage: Passage, width: int) -> list[str]:
    text = " ".join(passage.text.split())
    return [
        source_line(rank, passage.title, passage.organisation, passage.date, passage.doc_id, passage.page),
        textwrap.indent(textwrap.fill(textwrap.shorten(text, 400, placeholder=" ..."), width - 6), "    "),
    ]
