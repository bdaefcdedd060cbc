"""The Chat tab: question box, streamed cited answer, sources panel, filters and export."""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answering.engine import Turn
from app.answering.models import Answer, Filters
from app.web.live_engine import LiveEngine, NoIndexError
from app.web.llm_chat import draft_then_checked, final_markdown
from app.web.render import answer_markdown, conversation_markdown, filters_line, sources_html, stream_pieces

EXAMPLES = [
    "When was the Shanghai Cooperation Organisation founded?",
    "What is the SCO Regional Anti-Terrorist Structure?",
    "Why did the CSTO send troops to Kazakhstan in January 2022?",
    "How do the SCO and the CSTO differ on collective defence?",
]
ORGANISATION_CHOICES = ["any", "SCO", "CSTO"]
NO_FILTERS = "No filters: every indexed document is searched."
EXPORT_MAX_AGE_SECONDS = 3600


def widget_filters(
    organisation: str | None, kind: str | None, year_from: Any, year_to: Any, doc_ids: list[str] | None
) -> Filters:
    """The filter widgets' values as Filters ('any' and blanks mean no restriction)."""
    return Filters.from_dict(
        {
            "organisation": None if organisation in (None, "", "any") else organisation,
            "kind": None if kind in (None, "", "any") else kind,
            "year_from": year_from or None,
            "year_to": year_to or None,
            "doc_ids": doc_ids or None,
        }
    )


def answer_status(answer: Answer, turn: int) -> str:
    """The line under the chat once an answer is complete (tests and benchmarks wait for it too)."""
    sources = len({c.n for c in answer.citations})
    what = "no answer in the documents" if answer.abstained else f"{sources} source{'s' * (sources != 1)}"
    written = {"llm": f" · written by {answer.model}", "llm_fallback": " · quoted (the model's answer not shown)"}
    return f"Answer {turn} ready · {what} · {answer.timings_ms.get('total_ms', 0):.0f} ms{written.get(answer.mode, '')}"


class ConversationExports:
    """Markdown downloads in one folder of their own, files older than an hour removed as new ones come."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="scoqa-exports-"))

    def save(self, answers: list[Answer]) -> str | None:
        if not answers:
            return None
        now = time.time()
        for old in self.folder.glob("*/*.md"):
            if now - old.stat().st_mtime > EXPORT_MAX_AGE_SECONDS:
                old.unlink(missing_ok=True)
                old.parent.rmdir()
        path = self.folder / uuid.uuid4().hex / "scoqa-conversation.md"
        path.parent.mkdir()
        path.write_text(conversation_markdown(answers), encoding="utf-8")
        return str(path)


@dataclass
class ChatTab:
    """The chat's components that other parts of the page update."""

    empty_page: Any
    chat_page: Any
    build: Any
    build_report: Any
    kind: Any
    doc_ids: Any


def build_chat_tab(live: LiveEngine) -> ChatTab:
    """Lay out the chat tab and wire its events (inside a gr.Tab)."""
    import gradio as gr

    from app.web.live_engine import NO_INDEX_MESSAGE

    limit = live.settings.tunables["max_question_chars"]
    answers = gr.State([])
    with gr.Column(visible=False, elem_id="empty-index") as empty_page:
        gr.Markdown(
            "### The index is empty\n"
            + NO_INDEX_MESSAGE.format(docs=live.settings.docs_dir.name)
            + "\n\nPress the button to build it now from that folder."
        )
        build = gr.Button("Build the index", variant="primary", elem_id="build-index")
        build_report = gr.Markdown(elem_id="build-report")
    with gr.Row(visible=True, elem_id="chat-page") as chat_page:
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Conversation", height=460, elem_id="chat", buttons=["copy", "copy_all"])
            question = gr.Textbox(
                placeholder="Ask about SCO or CSTO security cooperation…",
                show_label=False,
                elem_id="question",
                max_length=limit,
            )
            with gr.Row():
                ask = gr.Button("Ask", variant="primary", elem_id="ask")
                new = gr.Button("New conversation", elem_id="new")
                download = gr.DownloadButton("Download Markdown", value=None, elem_id="download-md", size="md")
            gr.Examples(EXAMPLES, inputs=question, label="Try a question")
            filter_inputs = filter_widgets()
            answer_state = gr.Markdown(elem_id="answer-status")
            filter_summary = gr.Markdown(NO_FILTERS, elem_id="filter-summary")
            with gr.Accordion("Conversation as Markdown (copy)", open=False):
                markdown = gr.Code(language="markdown", elem_id="conversation-md", buttons=["copy", "download"])
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            sources = gr.HTML(sources_html([]), elem_id="sources")

    outputs = [chatbot, sources, question, answers, markdown, download, answer_state]
    respond = responder(live, ConversationExports())
    concurrency = live.settings.tunables["chat_concurrency"]
    ask.click(
        respond, [question, chatbot, answers, *filter_inputs], outputs, api_name="ask", concurrency_limit=concurrency
    )
    question.submit(
        respond, [question, chatbot, answers, *filter_inputs], outputs, api_name=False, concurrency_limit=concurrency
    )
    new.click(new_conversation, None, outputs, api_name=False)
    for widget in filter_inputs:
        widget.change(show_filters, filter_inputs, filter_summary, api_name=False)
    return ChatTab(empty_page, chat_page, build, build_report, filter_inputs[1], filter_inputs[4])


def filter_widgets() -> list[Any]:
    """Organisation, kind, year range and documents, in the order widget_filters takes them."""
    import gradio as gr

    with gr.Accordion("Filters", open=False, elem_id="filters"):
        with gr.Row():
            organisation = gr.Dropdown(ORGANISATION_CHOICES, value="any", label="Organisation", elem_id="org")
            kind = gr.Dropdown(["any"], value="any", label="Kind", elem_id="kind")
        with gr.Row():
            year_from = gr.Number(label="From year", precision=0, elem_id="year-from")
            year_to = gr.Number(label="To year", precision=0, elem_id="year-to")
        doc_ids = gr.Dropdown([], multiselect=True, label="Only these documents", elem_id="docs")
    return [organisation, kind, year_from, year_to, doc_ids]


def responder(live: LiveEngine, exports: ConversationExports) -> Any:
    """The chat event: the answer streamed into the conversation, its cards in the sources panel."""
    import gradio as gr

    def respond(
        message: str, chat: list[dict[str, Any]], answers: list[Answer], *filter_values: Any
    ) -> Iterator[tuple[Any, ...]]:
        chat, answers = list(chat or []), list(answers or [])
        skip = gr.skip()
        if not (message or "").strip():
            yield chat, skip, "", answers, skip, skip, skip
            return
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield chat, skip, "", answers, skip, skip, "Searching the documents…"
        try:
            turns = [Turn(a.question, a.answer) for a in answers]
            answer = live.ask(message, widget_filters(*filter_values), history=turns, use_llm=False)
        except (ValueError, NoIndexError) as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {exc}"}
            yield chat, skip, "", answers, skip, skip, "Not answered; see the message above."
            return
        answers.append(answer)
        text = answer_markdown(answer, len(answers))
        panel = sources_html(answers)  # cards first, so markers link to something while the text streams
        for piece in stream_pieces(text):
            chat[-1] = {"role": "assistant", "content": piece}
            yield chat, panel, "", answers, skip, skip, skip
        chat[-1] = {"role": "assistant", "content": text}
        if live.llm is not None and not answer.abstained:  # the model's draft streams, the checked answer replaces it
            yield chat, panel, "", answers, skip, skip, "Writing with the language model… (draft, not yet checked)"
            for kind, value in draft_then_checked(live, answer, turns, len(answers)):
                if kind == "final":
                    answer = answers[-1] = value
                    value = final_markdown(answer, len(answers))
                    panel = sources_html(answers)
                chat[-1] = {"role": "assistant", "content": value}
                yield chat, panel, "", answers, skip, skip, skip
        done = answer_status(answer, len(answers))
        yield chat, panel, "", answers, conversation_markdown(answers), exports.save(answers), done

    return respond


def new_conversation() -> tuple[Any, ...]:
    return [], sources_html([]), "", [], "", None, "New conversation: earlier questions no longer count."


def show_filters(organisation: str, kind: str, year_from: Any, year_to: Any, doc_ids: list[str]) -> str:
    try:
        line = filters_line(widget_filters(organisation, kind, year_from, year_to, doc_ids).to_dict())
    except ValueError as exc:
        return f"⚠️ {exc}"
    return line or NO_FILTERS
