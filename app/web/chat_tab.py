"""The Chat tab: filter bar, question box, streamed cited answer, sources panel and export."""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answering.engine import Turn
from app.answering.models import Answer
from app.web.catalog import DocumentCatalog
from app.web.filter_bar import (
    answer_status,
    chip_label,
    filter_bar,
    inferred_filters,
    next_search_line,
    widget_filters,
)
from app.web.live_engine import LiveEngine, NoIndexError
from app.web.llm_chat import draft_then_checked, final_markdown
from app.web.render import answer_fold, answer_markdown, conversation_markdown, sources_html

EXAMPLES = [
    "When was the Shanghai Cooperation Organisation founded?",
    "What is the SCO Regional Anti-Terrorist Structure?",
    "Why did the CSTO deploy peacekeepers in 2022?",
    "How do the SCO and the CSTO differ on collective defence?",
]
READY = "The next question searches every indexed document."
SEARCHING = "Searching the documents…"
REASKED = "Asked again without the filter inferred from the question."
EXPORT_MAX_AGE_SECONDS = 3600


class ConversationExports:
    """Markdown downloads in one folder of their own, files older than an hour removed as new ones come,
    and the folder itself when the page is dropped or the process ends."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="scoqa-exports-", ignore_cleanup_errors=True)
        self.folder = Path(self._folder.name)

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


@dataclass
class Conversation:
    """The chat column's widgets."""

    chatbot: Any
    question: Any
    ask: Any
    new: Any
    download: Any
    status: Any
    chip: Any
    markdown: Any


def build_chat_tab(live: LiveEngine, catalog: DocumentCatalog) -> ChatTab:
    """Lay out the chat tab and wire its events (inside a gr.Tab)."""
    import gradio as gr

    from app.web.live_engine import NO_INDEX_MESSAGE

    answers, inferred = gr.State([]), gr.State({})
    with gr.Column(visible=False, elem_id="empty-index") as empty_page:
        gr.Markdown(
            "### The index is empty\n"
            + NO_INDEX_MESSAGE.format(docs=live.settings.docs_dir.name)
            + "\n\nPress the button to build it now from that folder."
        )
        build = gr.Button("Build the index", variant="primary", elem_id="build-index")
        build_report = gr.Markdown(elem_id="build-report")
    with gr.Column(visible=True, elem_id="chat-page") as chat_page:
        filter_inputs = filter_bar()
        with gr.Row(elem_id="chat-row"):
            with gr.Column(scale=3, min_width=320, elem_id="chat-column"):
                chat = conversation(live.settings.tunables["max_question_chars"])
            with gr.Column(scale=2, min_width=300, elem_id="sources-panel"):
                gr.Markdown("## Sources", elem_id="sources-heading")
                sources = gr.HTML(sources_html([]), elem_id="sources", js_on_load=None)

    outputs = [chat.chatbot, sources, chat.question, answers, chat.markdown, chat.download, chat.status, inferred]
    respond, reask = responder(live, ConversationExports(), catalog)
    chat_events = {"concurrency_limit": live.settings.tunables["chat_concurrency"], "concurrency_id": "chat"}
    show = {"fn": show_chip, "inputs": inferred, "outputs": chat.chip, "api_name": False}
    asked = [chat.question, chat.chatbot, answers, *filter_inputs]
    chat.ask.click(respond, asked, outputs, api_name="ask", **chat_events).then(**show)
    chat.question.submit(respond, asked, outputs, api_name=False, **chat_events).then(**show)
    again = [chat.chatbot, answers, *filter_inputs]
    chat.chip.click(reask, again, outputs, api_name=False, **chat_events).then(**show)
    chat.new.click(new_conversation, None, outputs, api_name=False).then(**show)
    for widget in filter_inputs:
        for event in (widget.blur, widget.submit) if isinstance(widget, gr.Textbox) else (widget.change,):
            event(next_search_line, filter_inputs, chat.status, api_name=False)
    return ChatTab(empty_page, chat_page, build, build_report, filter_inputs[1], filter_inputs[4])


def conversation(max_question_chars: int) -> Conversation:
    """The chat, the question box, its buttons, the status line with the inferred-filter chip, examples."""
    import gradio as gr

    chatbot = gr.Chatbot(
        label="Conversation",
        height="calc(100vh - 430px)",  # the ask box, buttons and status line stay on an 800 px screen
        min_height=320,
        elem_id="chat",
        buttons=["copy", "copy_all"],
    )
    question = gr.Textbox(
        placeholder="Ask about SCO or CSTO security cooperation…",
        label="Your question",
        show_label=False,
        elem_id="question",
        max_length=max_question_chars,
    )
    with gr.Row(elem_id="ask-row"):
        ask = gr.Button("Ask", variant="primary", elem_id="ask", min_width=90)
        new = gr.Button("New conversation", elem_id="new", min_width=90)
        download = gr.DownloadButton("Download Markdown", value=None, elem_id="download-md", size="md", min_width=90)
    with gr.Row(elem_id="status-row"):
        status = gr.Markdown(READY, elem_id="answer-status")
        chip = gr.Button(visible=False, elem_id="inferred-chip", size="sm", scale=0)
    gr.Examples(EXAMPLES, inputs=question, label="Try a question")
    with gr.Accordion("Conversation as Markdown (copy)", open=False):
        markdown = gr.Code(language="markdown", elem_id="conversation-md", buttons=["copy", "download"])
    return Conversation(chatbot, question, ask, new, download, status, chip, markdown)


def responder(live: LiveEngine, exports: ConversationExports, catalog: DocumentCatalog) -> tuple[Any, Any]:
    """The chat events: ask (the answer streamed in, its cards in the sources panel) and ask again
    without the inferred filters (the last turn replaced)."""
    import gradio as gr

    def run(message: str, chat: list, answers: list[Answer], values: tuple, infer: bool) -> Iterator[tuple]:
        chat, answers = list(chat or []), list(answers or [])
        skip = gr.skip()
        if not (message or "").strip():
            yield chat, skip, "", answers, skip, skip, skip, skip
            return
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        # The question shows at once. Values, not gr.skip(): Gradio rebuilds a component and its
        # config for every skipped output, the dearest part of serving a chat answer.
        periods = catalog.periods()
        panel, markdown = sources_html(answers, periods), conversation_markdown(answers)
        yield chat, panel, "", answers, markdown, None, SEARCHING, {}
        try:
            asked = widget_filters(*values)
            turns = [Turn(a.question, a.answer) for a in answers]
            answer = live.ask(message, asked, history=turns, infer_filters=infer, use_llm=False)
        except (ValueError, NoIndexError) as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {exc}"}
            failed = "Not answered; see the message above."
            yield chat, panel, "", answers, markdown, exports.save(answers), failed, {}
            return
        if not infer:
            answer.note = f"{REASKED} {answer.note}".strip()
        answers.append(answer)
        text = answer_markdown(answer, len(answers))
        # The whole answer at once: it is ready, and each streamed update costs the server a diff of
        # the chat and the sources panel (five visitors at once felt it: docs/ui.md, Concurrency).
        panel = sources_html(answers, periods)
        chat[-1] = {"role": "assistant", "content": text + answer_fold(answer, len(answers), periods)}
        if live.llm is not None and not answer.abstained:  # the model's draft streams, the checked answer replaces it
            for step in model_steps(live, chat, answers, turns, periods):
                panel = step[1]
                yield step
            answer = answers[-1]
        done, inferred = answer_status(answer, len(answers), asked), inferred_filters(answer.filters, asked)
        yield chat, panel, "", answers, conversation_markdown(answers), exports.save(answers), done, inferred

    def respond(message: str, chat: list, answers: list[Answer], *values: Any) -> Iterator[tuple]:
        yield from run(message, chat, answers, values, infer=True)

    def reask(chat: list, answers: list[Answer], *values: Any) -> Iterator[tuple]:
        if not answers:
            yield (gr.skip(),) * 8
            return
        yield from run(answers[-1].question, list(chat or [])[:-2], list(answers)[:-1], values, infer=False)

    return respond, reask


def model_steps(
    live: LiveEngine, chat: list, answers: list[Answer], turns: list[Turn], periods: Any
) -> Iterator[tuple]:
    """The language model's draft as it streams, then its checked answer in place of the quoted one."""
    import gradio as gr

    skip, turn = gr.skip(), len(answers)
    panel = sources_html(answers, periods)
    yield chat, panel, "", answers, skip, skip, "Writing with the language model… (draft, not yet checked)", skip
    for kind, value in draft_then_checked(live, answers[-1], turns, turn):
        if kind == "final":
            answers[-1] = value
            value = final_markdown(value, turn) + answer_fold(value, turn, periods)
            panel = sources_html(answers, periods)
        chat[-1] = {"role": "assistant", "content": value}
        yield chat, panel, "", answers, skip, skip, skip, skip


def show_chip(inferred: dict[str, Any]) -> Any:
    """The removable chip for filters the engine inferred from the question (hidden when there are none)."""
    import gradio as gr

    return gr.update(value=chip_label(inferred) if inferred else "", visible=bool(inferred))


def new_conversation() -> tuple[Any, ...]:
    return [], sources_html([]), "", [], "", None, "New conversation: earlier questions no longer count.", {}
