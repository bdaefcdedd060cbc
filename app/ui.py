"""The browser chat: a thin Gradio layer over the answering engine."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from app.engine import AnswerEngine, Turn
from app.models import Answer, Filters

EXAMPLES = [
    "When was the Shanghai Cooperation Organisation founded?",
    "What is the SCO Regional Anti-Terrorist Structure?",
    "Why did the CSTO send troops to Kazakhstan in January 2022?",
    "How do the SCO and the CSTO differ on collective defence?",
]
ORGANISATIONS = ["any", "SCO", "CSTO"]


def highlight(passage: str, quotes: list[str]) -> str:
    """The passage as HTML with each quoted sentence marked."""
    spans = sorted({(passage.find(q), passage.find(q) + len(q)) for q in quotes if q and q in passage})
    out, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        out += [html.escape(passage[cursor:start]), "<mark>", html.escape(passage[start:end]), "</mark>"]
        cursor = end
    out.append(html.escape(passage[cursor:]))
    return "".join(out)


def sources_html(answer: Answer) -> str:
    """The sources panel: one card per cited passage, the cited sentences highlighted."""
    if answer.abstained:
        cards = [
            _card(f"{i}", p.title, p.organisation, p.kind, p.date, p.page, p.source_url, p.doc_id, html.escape(p.text))
            for i, p in enumerate(answer.passages[:3], start=1)
        ]
        return (
            "<div class='scoqa-abstained'><p><b>Nearest passages</b> (they do not answer the question):</p>"
            + "".join(cards)
            + "</div>"
        )
    cards = []
    for n in sorted({c.n for c in answer.citations}):
        cited = [c for c in answer.citations if c.n == n]
        first = cited[0]
        cards.append(
            _card(
                str(n),
                first.title,
                first.organisation,
                first.kind,
                first.date,
                first.page,
                first.source_url,
                first.doc_id,
                highlight(first.passage, [c.quote for c in cited]),
            )
        )
    return "".join(cards) or "<p>No sources.</p>"


def _card(
    label: str, title: str, organisation: str, kind: str, date: str, page: int, url: str, doc_id: str, body: str
) -> str:
    facts = " · ".join(html.escape(str(x)) for x in (organisation, kind, date, f"p. {page}" if page else "") if x)
    link = f" <a href='{html.escape(url)}' target='_blank' rel='noopener'>source</a>" if url else ""
    return (
        f"<div class='scoqa-source' id='source-{label}'><div><b>[{label}] {html.escape(title)}</b>{link}</div>"
        f"<div class='scoqa-facts'>{facts} · <code>{html.escape(doc_id)}</code></div>"
        f"<div class='scoqa-passage'>{body}</div></div>"
    )


def answer_markdown(answer: Answer) -> str:
    """The chat bubble: answer text, the note, and the filters that applied."""
    parts = [answer.answer]
    if answer.abstained:
        parts.append("_The nearest passages are shown under Sources; none of them answers the question._")
    if answer.note:
        parts.append(f"_{answer.note}_")
    if answer.filters:
        parts.append("Filters applied: " + ", ".join(f"`{k}={v}`" for k, v in answer.filters.items()))
    return "\n\n".join(parts)


def make_filters(
    organisation: str | None, kind: str | None, year_from: Any, year_to: Any, doc_ids: list[str] | None
) -> Filters:
    return Filters.from_dict(
        {
            "organisation": None if organisation in (None, "", "any") else organisation,
            "kind": None if kind in (None, "", "any") else kind,
            "year_from": year_from or None,
            "year_to": year_to or None,
            "doc_ids": doc_ids or None,
        }
    )


def history_turns(history: list[dict[str, Any]]) -> list[Turn]:
    """Gradio's message list as question/answer turns."""
    turns: list[Turn] = []
    for message in history or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):  # Gradio 6 sends [{"type": "text", "text": ...}]
            content = " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
        if not isinstance(content, str):
            continue
        if message.get("role") == "user":
            turns.append(Turn(content))
        elif turns:
            turns[-1].answer = content
    return turns


def build_ui(engine: AnswerEngine) -> Any:
    """The Gradio Blocks app."""
    import gradio as gr

    def respond(
        message: str,
        history: list[dict[str, Any]],
        organisation: str,
        kind: str,
        year_from: Any,
        year_to: Any,
        doc_ids: list[str],
    ) -> Iterator[tuple[list[dict[str, Any]], str, str]]:
        history = list(history or [])
        if not (message or "").strip():
            yield history, "", ""
            return
        try:
            filters = make_filters(organisation, kind, year_from, year_to, doc_ids)
            answer = engine.ask(message, filters, history=history_turns(history))
        except ValueError as exc:
            history += [{"role": "user", "content": message}, {"role": "assistant", "content": f"⚠️ {exc}"}]
            yield history, "", ""
            return
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        text = answer_markdown(answer)
        words = text.split(" ")
        for i in range(0, len(words), 6):  # stream the composed answer a few words at a time
            history[-1] = {"role": "assistant", "content": " ".join(words[: i + 6])}
            yield history, "", ""
        history[-1] = {"role": "assistant", "content": text}
        yield history, sources_html(answer), ""

    with gr.Blocks(title="SCO/CSTO Security Q&A") as demo:
        gr.Markdown("## SCO/CSTO Security Q&A\nAnswers quote the indexed documents; every sentence is cited.")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Conversation", height=460, elem_id="chat")
                question = gr.Textbox(
                    placeholder="Ask about SCO or CSTO security cooperation…", show_label=False, elem_id="question"
                )
                with gr.Row():
                    ask = gr.Button("Ask", variant="primary", elem_id="ask")
                    new = gr.Button("New conversation", elem_id="new")
                gr.Examples(EXAMPLES, inputs=question)
                with gr.Accordion("Filters", open=False):
                    organisation = gr.Dropdown(ORGANISATIONS, value="any", label="Organisation", elem_id="org")
                    kind = gr.Textbox(label="Kind (e.g. briefing, declaration)", elem_id="kind")
                    with gr.Row():
                        year_from = gr.Number(label="From year", precision=0, elem_id="year-from")
                        year_to = gr.Number(label="To year", precision=0, elem_id="year-to")
                    doc_ids = gr.Dropdown([], multiselect=True, label="Only these documents", elem_id="docs")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(elem_id="sources")
        inputs = [question, chatbot, organisation, kind, year_from, year_to, doc_ids]
        ask.click(respond, inputs, [chatbot, sources, question], api_name="ask")
        question.submit(respond, inputs, [chatbot, sources, question], api_name=False)
        new.click(lambda: ([], "", ""), None, [chatbot, sources, question], api_name=False)

        def ask_json(question: str, filters: dict | None = None, history: list | None = None) -> dict:
            """The same object as `scoqa ask --json`."""
            turns = [Turn(h.get("question", "")) for h in history or [] if isinstance(h, dict)]
            return engine.ask(question, Filters.from_dict(filters), history=turns).to_dict()

        gr.api(ask_json, api_name="ask_json")
    return demo
