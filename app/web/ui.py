"""The browser chat: a thin Gradio layer over the answering engine (rendering lives in ui_render)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.answering.engine import Turn
from app.answering.models import Answer, Filters
from app.web.documents_tab import (
    TABLE_HEADERS,
    document_rows,
    run_refresh,
    save_uploads,
    status_markdown,
    summary_markdown,
)
from app.web.live_engine import NO_INDEX_MESSAGE, LiveEngine, NoIndexError
from app.web.render import answer_markdown, conversation_markdown, filters_line, sources_html, stream_pieces
from ingest.loaders import supported_suffixes

EXAMPLES = [
    "When was the Shanghai Cooperation Organisation founded?",
    "What is the SCO Regional Anti-Terrorist Structure?",
    "Why did the CSTO send troops to Kazakhstan in January 2022?",
    "How do the SCO and the CSTO differ on collective defence?",
]
ORGANISATIONS = ["any", "SCO", "CSTO"]

CSS = """
.scoqa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 6px 0; }
.scoqa-source.scoqa-flash { outline: 3px solid var(--color-accent); }
.scoqa-facts { font-size: 0.85em; opacity: 0.8; margin: 2px 0 4px; }
.scoqa-passage { font-size: 0.92em; line-height: 1.45; }
.scoqa-passage mark { background: #fde68a; color: inherit; padding: 0 1px; }
.scoqa-q { font-weight: 600; margin-top: 10px; border-top: 1px solid var(--border-color-primary); padding-top: 6px; }
#sources { max-height: 640px; overflow-y: auto; }
"""

# Markers are links to #src-<turn>-<n>; scroll the sources panel to the card instead of navigating.
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest ? event.target.closest("a[href*='#src-']") : null;
  if (!link) return;
  const card = document.getElementById(link.getAttribute("href").split("#")[1]);
  if (!card) return;
  event.preventDefault();
  event.stopPropagation();
  card.scrollIntoView({ behavior: "smooth", block: "center" });
  card.classList.add("scoqa-flash");
  setTimeout(() => card.classList.remove("scoqa-flash"), 1600);
}, true);
</script>
"""


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


def history_turns(answers: list[Answer]) -> list[Turn]:
    """The conversation so far as the engine's question/answer turns."""
    return [Turn(a.question, a.answer) for a in answers]


def filter_choices(settings: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Kinds and (title, doc_id) pairs present in the index, for the filter dropdowns."""
    rows = document_rows(settings)
    kinds = sorted({str(r[3]) for r in rows if r[3]})
    docs = [(f"{r[1]} ({r[0]})", str(r[0])) for r in rows]
    return ["any", *kinds], docs


def answer_status(answer: Answer, turn: int) -> str:
    """The line under the chat once an answer is complete (tests and benchmarks wait for it too)."""
    sources = len({c.n for c in answer.citations})
    what = "no answer in the documents" if answer.abstained else f"{sources} source{'s' * (sources != 1)}"
    return f"Answer {turn} ready · {what} · {answer.timings_ms.get('total_ms', 0):.0f} ms"


def _dicts(items: list | None) -> list[dict]:
    return [item for item in items or [] if isinstance(item, dict)]


def save_conversation(answers: list[Answer]) -> str | None:
    """The conversation as a Markdown file the browser can download."""
    if not answers:
        return None
    path = Path(tempfile.mkdtemp(prefix="scoqa-chat-")) / "scoqa-conversation.md"
    path.write_text(conversation_markdown(answers), encoding="utf-8")
    return str(path)


def build_ui(live: LiveEngine) -> Any:
    """The Gradio Blocks app: Chat and Documents tabs over one live engine."""
    import gradio as gr

    settings = live.settings
    upload_mb = settings.tunables["max_upload_mb"]
    track = gr.Progress()  # Gradio finds the progress bar by this default value

    def respond(
        message: str,
        chat: list[dict[str, Any]],
        answers: list[Answer],
        organisation: str,
        kind: str,
        year_from: Any,
        year_to: Any,
        doc_ids: list[str],
    ) -> Iterator[tuple[Any, ...]]:
        chat, answers = list(chat or []), list(answers or [])
        skip = gr.skip()
        if not (message or "").strip():
            yield chat, skip, "", answers, skip, skip, skip
            return
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield chat, skip, "", answers, skip, skip, "Searching the documents…"
        try:
            filters = widget_filters(organisation, kind, year_from, year_to, doc_ids)
            answer = live.ask(message, filters, history=history_turns(answers))
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
        done = answer_status(answer, len(answers))
        yield chat, panel, "", answers, conversation_markdown(answers), save_conversation(answers), done

    def new_conversation() -> tuple[Any, ...]:
        return [], sources_html([]), "", [], "", None, "New conversation: earlier questions no longer count."

    def page_state() -> tuple[Any, ...]:
        """Empty-index page or chat, the index table and status, the filter choices."""
        ready = live.index_ready()
        kinds, docs = filter_choices(settings)
        return (
            gr.update(visible=not ready),
            gr.update(visible=ready),
            status_markdown(settings),
            document_rows(settings),
            gr.update(choices=kinds),
            gr.update(choices=docs),
        )

    def refresh(progress: gr.Progress = track) -> tuple[Any, ...]:
        result = run_refresh(settings, lambda fraction, what: progress(fraction, desc=what))
        report = result if isinstance(result, str) else summary_markdown(result)
        return (report, report, *page_state())

    def upload_and_refresh(files: list[str] | None, progress: gr.Progress = track) -> tuple[Any, ...]:
        upload = save_uploads(files or [], settings.docs_dir, upload_mb)
        if not upload.saved:
            report = "\n\n".join(f"❌ refused {r}" for r in upload.rejected) or "Choose a file to upload first."
            return (report, gr.skip(), *page_state())
        result = run_refresh(settings, lambda fraction, what: progress(fraction, desc=what))
        report = result if isinstance(result, str) else summary_markdown(result, upload)
        return (report, gr.skip(), *page_state())

    def show_filters(organisation: str, kind: str, year_from: Any, year_to: Any, doc_ids: list[str]) -> str:
        try:
            line = filters_line(widget_filters(organisation, kind, year_from, year_to, doc_ids).to_dict())
        except ValueError as exc:
            return f"⚠️ {exc}"
        return line or "No filters: every indexed document is searched."

    with gr.Blocks(title="SCO/CSTO Security Q&A") as demo:
        answers = gr.State([])
        gr.Markdown("## SCO/CSTO Security Q&A\nAnswers quote the indexed documents; every sentence is cited `[n]`.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Column(visible=False, elem_id="empty-index") as empty_page:
                    gr.Markdown(
                        "### The index is empty\n"
                        + NO_INDEX_MESSAGE.format(docs=settings.docs_dir)
                        + "\n\nPress the button to build it now from that folder."
                    )
                    build = gr.Button("Build the index", variant="primary", elem_id="build-index")
                    build_report = gr.Markdown(elem_id="build-report")
                with gr.Row(visible=True, elem_id="chat-page") as chat_page:
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="Conversation", height=460, elem_id="chat", buttons=["copy", "copy_all"]
                        )
                        question = gr.Textbox(
                            placeholder="Ask about SCO or CSTO security cooperation…",
                            show_label=False,
                            elem_id="question",
                        )
                        with gr.Row():
                            ask = gr.Button("Ask", variant="primary", elem_id="ask")
                            new = gr.Button("New conversation", elem_id="new")
                            download = gr.DownloadButton(
                                "Download Markdown", value=None, elem_id="download-md", size="md"
                            )
                        gr.Examples(EXAMPLES, inputs=question, label="Try a question")
                        with gr.Accordion("Filters", open=False, elem_id="filters"):
                            with gr.Row():
                                organisation = gr.Dropdown(
                                    ORGANISATIONS, value="any", label="Organisation", elem_id="org"
                                )
                                kind = gr.Dropdown(["any"], value="any", label="Kind", elem_id="kind")
                            with gr.Row():
                                year_from = gr.Number(label="From year", precision=0, elem_id="year-from")
                                year_to = gr.Number(label="To year", precision=0, elem_id="year-to")
                            doc_ids = gr.Dropdown([], multiselect=True, label="Only these documents", elem_id="docs")
                        answer_state = gr.Markdown(elem_id="answer-status")
                        filter_summary = gr.Markdown(
                            "No filters: every indexed document is searched.", elem_id="filter-summary"
                        )
                        with gr.Accordion("Conversation as Markdown (copy)", open=False):
                            markdown = gr.Code(
                                language="markdown", elem_id="conversation-md", buttons=["copy", "download"]
                            )
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(sources_html([]), elem_id="sources")
            with gr.Tab("Documents", id="documents"):
                status = gr.Markdown(elem_id="index-status")
                table = gr.Dataframe(
                    headers=TABLE_HEADERS, interactive=False, elem_id="documents-table", max_height=420, wrap=True
                )
                upload = gr.File(
                    file_count="multiple",
                    label=f"Add documents ({', '.join(supported_suffixes())}; up to {upload_mb} MB each)",
                    elem_id="upload",
                )
                with gr.Row():
                    add = gr.Button("Upload and index", variant="primary", elem_id="upload-index")
                    refresh_btn = gr.Button("Refresh index", elem_id="refresh-index")
                refresh_report = gr.Markdown(elem_id="refresh-report")

        filter_inputs = [organisation, kind, year_from, year_to, doc_ids]
        chat_outputs = [chatbot, sources, question, answers, markdown, download, answer_state]
        inputs = [question, chatbot, answers, *filter_inputs]
        ask.click(respond, inputs, chat_outputs, api_name="ask")
        question.submit(respond, inputs, chat_outputs, api_name=False)
        new.click(new_conversation, None, chat_outputs, api_name=False)
        for widget in filter_inputs:
            widget.change(show_filters, filter_inputs, filter_summary, api_name=False)

        page_outputs = [empty_page, chat_page, status, table, kind, doc_ids]
        demo.load(page_state, None, page_outputs, api_name=False)
        build.click(refresh, None, [build_report, refresh_report, *page_outputs], api_name=False)
        refresh_btn.click(refresh, None, [refresh_report, build_report, *page_outputs], api_name=False)
        add.click(upload_and_refresh, upload, [refresh_report, build_report, *page_outputs], api_name=False)

        def ask_json(question: str, filters: dict | None = None, history: list | None = None) -> dict:
            """The same object as `scoqa ask --json`."""
            turns = [Turn(str(h.get("question", "")), str(h.get("answer") or "")) for h in _dicts(history)]
            return live.ask(question, Filters.from_dict(filters), history=turns).to_dict()

        gr.api(ask_json, api_name="ask_json")
    return demo
