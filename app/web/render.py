"""HTML and Markdown for the browser chat: answers whose [n] markers link to source cards."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from app.answering.models import OUTCOME_LABELS, Answer, Citation, Passage, reference_line
from app.web.catalog import date_label
from app.web.passage_text import passage_html
from app.web.security import markdown_text, safe_url
from ingest.tables import header_label

MARKER = re.compile(r"\[(\d+)\]")
ABSTAIN_HINT = "The nearest passages are shown under Sources; none of them answers the question."


def card_id(turn: int, n: int | str) -> str:
    """The HTML id of source n of answer `turn` (1-based), unique across the conversation."""
    return f"src-{turn}-{n}"


def fold_id(turn: int, n: int | str) -> str:
    """The id of the same card in the fold under the answer (narrow screens)."""
    return f"fold-{turn}-{n}"


def _card(element_id: str, label: str, item: Citation | Passage, body: str, periods: Mapping[str, str]) -> str:
    if item.lead:  # a table row: the caption and column names it is read with
        body = f"<p class='scoqa-lead'>{html.escape(header_label(item.lead))}</p>{body}"
    page = f"p. {item.page}" if item.page else ""
    when = date_label(item.kind, item.date, periods.get(item.doc_id, ""))
    facts = " · ".join(html.escape(str(x)) for x in (item.organisation, item.kind, when, page) if x)
    url = safe_url(item.source_url)
    title = html.escape(item.title)
    link = (
        f" <a class='scoqa-out' href='{html.escape(url)}' target='_blank' rel='noopener noreferrer' "
        f"title='Open the source of {title} (new tab)'>source ↗</a>"
        if url
        else ""
    )
    return (
        f"<div class='scoqa-source' id='{element_id}' tabindex='-1'>"
        f"<div class='scoqa-title'><b>[{html.escape(label)}] {title}</b>{link}</div>"
        f"<div class='scoqa-facts'>{facts} · <code>{html.escape(item.doc_id)}</code></div>"
        f"<div class='scoqa-passage'>{body}</div></div>"
    )


def _cards(answer: Answer, turn: int, make_id: Callable[[int, int | str], str], periods: Mapping[str, str]) -> str:
    """The cards of one answer: cited passages with the quoted slices highlighted, or nearest passages."""
    if answer.abstained:
        cards = [
            _card(make_id(turn, f"near{i}"), f"near {i}", p, passage_html(p.text), periods)
            for i, p in enumerate(answer.passages[:3], start=1)
        ]
        if not cards:
            return "<p class='scoqa-empty'>No passage came close; try other words or wider filters.</p>"
        return "<p class='scoqa-abstained'><b>Nearest passages</b> (they do not answer the question):</p>" + "".join(
            cards
        )
    cards = []
    for n in sorted({c.n for c in answer.citations}):
        cited = [c for c in answer.citations if c.n == n]
        body = passage_html(cited[0].passage, [c.quote for c in cited])
        cards.append(_card(make_id(turn, n), str(n), cited[0], body, periods))
    return "".join(cards) or "<p>No sources.</p>"


def answer_sources_html(answer: Answer, turn: int, periods: Mapping[str, str] | None = None) -> str:
    """The cards of one answer, for the sources panel."""
    return _cards(answer, turn, card_id, periods or {})


def answer_fold(answer: Answer, turn: int, periods: Mapping[str, str] | None = None) -> str:
    """The same cards folded under the answer in the chat (shown on narrow screens only).

    One line of HTML, so the chat's Markdown keeps it as one block; ids differ from the panel's.
    """
    count = len({c.n for c in answer.citations}) if not answer.abstained else min(len(answer.passages), 3)
    what = "Nearest passages" if answer.abstained else "Sources of this answer"
    cards = _cards(answer, turn, fold_id, periods or {}).replace("\n", " ")
    return (
        f"\n\n<details class='scoqa-fold'><summary>{what} ({count})</summary>"
        f"<div class='scoqa-fold-cards'>{cards}</div></details>"
    )


def sources_html(answers: list[Answer], periods: Mapping[str, str] | None = None) -> str:
    """The sources panel for a whole conversation: newest answer first, each under its question."""
    if not answers:
        return "<p class='scoqa-empty'>Sources of each answer appear here, the cited sentences highlighted.</p>"
    groups = []
    for turn in range(len(answers), 0, -1):
        answer = answers[turn - 1]
        groups.append(
            f"<section class='scoqa-turn' id='turn-{turn}' aria-label='Sources of answer {turn}'>"
            f"<div class='scoqa-q'>Q{turn}: {html.escape(answer.question)}</div>"
            f"{answer_sources_html(answer, turn, periods)}</section>"
        )
    return "".join(groups)


def link_title(n: int | str, title: str) -> str:
    """'Source 1: <document title>' as a Markdown link title: no quotes, brackets or markup characters."""
    clean = " ".join(re.sub(r"[^\w\s.,:;/'-]", " ", title).split())[:120]
    return f"Source {n}: {clean}" if clean else f"Source {n}"


def link_markers(text: str, turn: int, titles: Mapping[int, str] | None = None) -> str:
    """The answer as safe Markdown: quoted text escaped, each [n] a titled link to its card."""
    pieces = MARKER.split(text)  # text, number, text, number, ..., text
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            title = link_title(piece, (titles or {}).get(int(piece), ""))
            out.append(f'[[{piece}]](#{card_id(turn, piece)} "{title}")')
        else:
            out.append(markdown_text(piece))
    return "".join(out)


def filters_line(filters: dict[str, Any]) -> str:
    """'Filters applied: organisation=CSTO, from 2010' or ''."""
    if not filters:
        return ""
    labels = {"year_from": "from", "year_to": "to", "doc_ids": "only"}
    parts = []
    for key, value in filters.items():
        shown = str(", ".join(value) if isinstance(value, list) else value).replace("`", "'")
        parts.append(f"{labels[key]} {shown}" if key in labels else f"{key}={shown}")
    return "Filters applied: " + "; ".join(f"`{p}`" for p in parts)


def answer_markdown(answer: Answer, turn: int) -> str:
    """The chat bubble: answer text with linked markers, the note, and the filters that applied."""
    parts = []
    if answer.resolved_question and answer.resolved_question.strip() != answer.question.strip():
        parts.append(f"_Understood as: {markdown_text(answer.resolved_question)}_")
    parts.append(link_markers(answer.answer, turn, {c.n: c.title for c in answer.citations}))
    parts.append(f"**Outcome:** {OUTCOME_LABELS.get(answer.outcome, answer.outcome)}")
    if answer.abstained:
        parts.append(f"_{ABSTAIN_HINT}_")
    if answer.note:
        parts.append(f"_{markdown_text(answer.note)}_")
    if line := filters_line(answer.filters):
        parts.append(line)
    return "\n\n".join(parts)


def conversation_markdown(answers: list[Answer]) -> str:
    """The conversation as Markdown: each question, its answer and its references."""
    lines = ["# SCO/CSTO Security Q&A conversation", ""]
    for turn, answer in enumerate(answers, start=1):
        lines += [f"## Q{turn}. {markdown_text(answer.question)}", "", markdown_text(answer.answer), ""]
        if answer.filters:
            lines += [filters_line(answer.filters), ""]
        if answer.abstained:
            lines += ["Nearest passages (they do not answer the question):", ""]
            for i, p in enumerate(answer.passages[:3], start=1):
                lines.append(f"- near {i}: {_reference(p)}")
            lines.append("")
            continue
        lines += ["References:", ""]
        for n in sorted({c.n for c in answer.citations}):
            cited = [c for c in answer.citations if c.n == n]
            lines.append(f"[{n}] {_reference(cited[0])}")
            lines += [f"    > {markdown_text(' '.join(c.quote.split()))}" for c in cited]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _reference(item: Citation | Passage) -> str:
    url = safe_url(item.source_url)
    return markdown_text(reference_line(item)) + (f" <{url}>" if url else "")
