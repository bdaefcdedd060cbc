"""The browser page: a thin Gradio layer over the answering engine, one tab per module."""

from __future__ import annotations

from typing import Any

from app.answering.engine import Turn
from app.answering.models import Filters
from app.web.chat_tab import ChatTab, build_chat_tab
from app.web.documents_tab import (
    TABLE_HEADERS,
    document_rows,
    run_refresh,
    save_uploads,
    status_markdown,
    summary_markdown,
)
from app.web.live_engine import LiveEngine
from ingest.loaders import supported_suffixes

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


def filter_choices(settings: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Kinds and (title, doc_id) pairs present in the index, for the filter dropdowns."""
    rows = document_rows(settings)
    kinds = sorted({str(r[3]) for r in rows if r[3]})
    docs = [(f"{r[1]} ({r[0]})", str(r[0])) for r in rows]
    return ["any", *kinds], docs


def build_ui(live: LiveEngine) -> Any:
    """The Gradio Blocks app: Chat and Documents tabs over one live engine."""
    import gradio as gr

    with gr.Blocks(title="SCO/CSTO Security Q&A", delete_cache=(3600, 3600)) as demo:
        gr.Markdown("## SCO/CSTO Security Q&A\nAnswers quote the indexed documents; every sentence is cited `[n]`.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat = build_chat_tab(live)
            with gr.Tab("Documents", id="documents"):
                build_documents_tab(demo, live, chat)

        def ask_json(question: str, filters: dict | None = None, history: list | None = None) -> dict:
            """The same object as `scoqa ask --json`."""
            turns = [
                Turn(str(h.get("question", "")), str(h.get("answer") or ""))
                for h in history or []
                if isinstance(h, dict)
            ]
            return live.ask(question, Filters.from_dict(filters), history=turns).to_dict()

        gr.api(ask_json, api_name="ask_json")
    return demo


def build_documents_tab(demo: Any, live: LiveEngine, chat: ChatTab) -> None:
    """The index table, upload and refresh; after a refresh the whole page follows the index."""
    import gradio as gr

    settings = live.settings
    upload_mb = settings.tunables["max_upload_mb"]
    track = gr.Progress()  # Gradio finds the progress bar by this default value
    status = gr.Markdown(elem_id="index-status")
    table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, elem_id="documents-table", max_height=420, wrap=True)
    upload = gr.File(
        file_count="multiple",
        label=f"Add documents ({', '.join(supported_suffixes())}; up to {upload_mb} MB each)",
        elem_id="upload",
    )
    with gr.Row():
        add = gr.Button("Upload and index", variant="primary", elem_id="upload-index")
        refresh_btn = gr.Button("Refresh index", elem_id="refresh-index")
    refresh_report = gr.Markdown(elem_id="refresh-report")

    def page_state() -> tuple[Any, ...]:
        """Empty-index page or chat, the index table and status, the filter choices."""
        ready = live.index_ready()
        kinds, docs = filter_choices(settings)
        visible = (gr.update(visible=not ready), gr.update(visible=ready))
        rows = document_rows(settings)
        return (*visible, status_markdown(settings), rows, gr.update(choices=kinds), gr.update(choices=docs))

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

    page = [chat.empty_page, chat.chat_page, status, table, chat.kind, chat.doc_ids]
    demo.load(page_state, None, page, api_name=False)
    chat.build.click(refresh, None, [chat.build_report, refresh_report, *page], api_name=False)
    refresh_btn.click(refresh, None, [refresh_report, chat.build_report, *page], api_name=False)
    add.click(upload_and_refresh, upload, [refresh_report, chat.build_report, *page], api_name=False)
