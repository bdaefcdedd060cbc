"""The browser page: a thin Gradio layer over the answering engine, one tab per module."""

from __future__ import annotations

from typing import Any

from app.answering.engine import Turn
from app.answering.models import Filters
from app.web.catalog import DocumentCatalog, DocumentInfo
from app.web.chat_tab import ChatTab, build_chat_tab
from app.web.documents_tab import run_refresh, save_uploads, status_markdown, summary_markdown
from app.web.documents_table import documents_table_html
from app.web.live_engine import LiveEngine
from app.web.look import MASTHEAD, TITLE
from app.web.trends_tab import build_trends_tab
from ingest.loaders import supported_suffixes


def filter_choices(documents: list[DocumentInfo]) -> tuple[list[str], list[tuple[str, str]]]:
    """Kinds and (title, doc_id) pairs present in the index, for the filter dropdowns."""
    kinds = sorted({d.kind for d in documents if d.kind})
    return ["any", *kinds], [(f"{d.title} ({d.doc_id})", d.doc_id) for d in documents]


def build_ui(live: LiveEngine) -> Any:
    """The Gradio Blocks app: Chat, Documents and Trends tabs over one live engine."""
    import gradio as gr

    catalog = DocumentCatalog(live.settings)
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as demo:
        gr.HTML(MASTHEAD, elem_id="masthead", js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat = build_chat_tab(live, catalog)
            with gr.Tab("Documents", id="documents"):
                build_documents_tab(demo, live, chat, catalog)
            with gr.Tab("Trends", id="trends"):
                build_trends_tab(live.settings)

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


def build_documents_tab(demo: Any, live: LiveEngine, chat: ChatTab, catalog: DocumentCatalog) -> None:
    """The index table, upload and refresh; after a refresh the whole page follows the index."""
    import gradio as gr

    settings = live.settings
    upload_mb = settings.tunables["max_upload_mb"]
    track = gr.Progress()  # Gradio finds the progress bar by this default value
    status = gr.Markdown(elem_id="index-status")
    table = gr.HTML(documents_table_html([]), elem_id="documents-table", js_on_load=None)
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
        documents = catalog.reload()
        kinds, docs = filter_choices(documents)
        visible = (gr.update(visible=not ready), gr.update(visible=ready))
        table_html = documents_table_html(documents)
        return (*visible, status_markdown(settings), table_html, gr.update(choices=kinds), gr.update(choices=docs))

    def refresh(progress: gr.Progress = track) -> tuple[Any, ...]:
        result = run_refresh(settings, lambda fraction, what: progress(fraction, desc=what))
        report = result if isinstance(result, str) else summary_markdown(result, settings=settings)
        return (report, report, *page_state())

    def upload_and_refresh(files: list[str] | None, progress: gr.Progress = track) -> tuple[Any, ...]:
        upload = save_uploads(files or [], settings.docs_dir, upload_mb)
        if not upload.saved:
            report = "\n\n".join(f"❌ refused {r}" for r in upload.rejected) or "Choose a file to upload first."
            return (report, gr.skip(), *page_state())
        result = run_refresh(settings, lambda fraction, what: progress(fraction, desc=what))
        report = result if isinstance(result, str) else summary_markdown(result, upload, settings)
        return (report, gr.skip(), *page_state())

    page = [chat.empty_page, chat.chat_page, status, table, chat.kind, chat.doc_ids]
    demo.load(page_state, None, page, api_name=False)
    chat.build.click(refresh, None, [chat.build_report, refresh_report, *page], api_name=False)
    refresh_btn.click(refresh, None, [refresh_report, chat.build_report, *page], api_name=False)
    add.click(upload_and_refresh, upload, [refresh_report, chat.build_report, *page], api_name=False)
