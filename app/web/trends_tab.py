"""The Trends tab: concepts per year as a clickable chart, the sentences behind each point, two documents compared.

Layout and events only; what is shown comes from app.web.trends_view over the same
TrendsService that `scoqa trends` uses.
"""

# No `from __future__ import annotations`: Gradio reads `evt: gr.EventData` from the live annotation.
import functools
from types import SimpleNamespace
from typing import Any

from app.trends.lexicon import BUILT_IN
from app.trends.service import TrendsService
from app.web.trends_render import CSS
from app.web.trends_view import (
    PICK_A_POINT,
    TABLE_HEADERS,
    add_concept,
    compare_view,
    export_files,
    point_sentences,
    semantic_view,
    trends_view,
)
from ingest.settings import Settings
from ingest.store import IndexMismatchError, IndexMissingError

DEFAULT_CONCEPTS = ["three evils", "information security"]
INTRO = (
    "Concepts counted per year and organisation in the indexed text (case-insensitive, whole words, once per "
    "occurrence). Grey bands and broken lines are years without documents, not zeros. Click a point to see its "
    "sentences. Lexicon and rules: docs/trends.md."
)
# Points carry their concept, organisation, kind and year; a click reports them to Python.
CLICK_JS = """
element.addEventListener('click', (event) => {
  const point = event.target.closest ? event.target.closest('.trend-point') : null;
  if (!point) return;
  trigger('click', {concept: point.dataset.concept, organisation: point.dataset.org,
                    kind: point.dataset.kind, year: Number(point.dataset.year)});
});
"""
INDEX_ERRORS = (IndexMissingError, IndexMismatchError, ValueError)


def _controls(gr: Any) -> SimpleNamespace:
    """Concepts, measure, the user's own concept and the filters."""
    ui = SimpleNamespace(query=gr.State({}), mine=gr.State({}))
    with gr.Row():
        ui.concepts = gr.Dropdown(
            [c.name for c in BUILT_IN],
            value=DEFAULT_CONCEPTS,
            multiselect=True,
            label="Concepts",
            elem_id="trends-concepts",
            scale=3,
        )
        ui.measure = gr.Radio(
            [("per 10,000 words", "per_10k_words"), ("occurrences", "count")],
            value="per_10k_words",
            label="Plot",
            elem_id="trends-measure",
            scale=1,
        )
    with gr.Accordion("Add your own concept", open=False, elem_id="trends-add"), gr.Row():
        ui.new_name = gr.Textbox(label="Name", placeholder="Shanghai spirit", elem_id="trends-new-name")
        ui.new_terms = gr.Textbox(
            label="Terms (comma-separated; * = any ending)", placeholder="Shanghai spirit", elem_id="trends-new-terms"
        )
        ui.add = gr.Button("Add concept", elem_id="trends-add-concept")
    with gr.Row():
        ui.organisation = gr.Dropdown(["any", "SCO", "CSTO"], value="any", label="Organisation", elem_id="trends-org")
        ui.kind = gr.Dropdown(["any"], value="any", label="Kind", elem_id="trends-kind")
        # Text, not gr.Number: an empty field means "no bound" and must not show a 0.
        year = {"placeholder": "any", "max_lines": 1, "max_length": 4}
        ui.year_from = gr.Textbox(label="From year", elem_id="trends-from", **year)
        ui.year_to = gr.Textbox(label="To year", elem_id="trends-to", **year)
        ui.by_kind = gr.Checkbox(label="Split by kind", elem_id="trends-by-kind")
    ui.show = gr.Button("Show trends", variant="primary", elem_id="trends-show")
    return ui


def _results(gr: Any, ui: SimpleNamespace) -> None:
    """Status, chart, note, sentences, table and exports, semantic search, and the comparison."""
    ui.status = gr.Markdown(elem_id="trends-status")
    ui.chart = gr.HTML(
        '<div class="trend-empty">Press Show trends.</div>',
        elem_id="trends-chart",
        js_on_load=CLICK_JS,
        css_template=CSS,
    )
    ui.note = gr.Markdown(elem_id="trends-note")
    ui.sentences = gr.HTML(PICK_A_POINT, elem_id="trends-sentences", css_template=CSS)
    with gr.Accordion("Table and export", open=False):
        ui.table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, elem_id="trends-table", max_height=360)
        ui.export = gr.Button("Export PNG, CSV and JSON", elem_id="trends-export")
        ui.files = gr.File(label="Exports", file_count="multiple", elem_id="trends-files")
    with gr.Accordion("By meaning (semantic, MiniLM similarity; shown apart from the counts)", open=False):
        with gr.Row():
            ui.description = gr.Textbox(
                label="Describe the idea",
                elem_id="trends-semantic-text",
                scale=4,
                placeholder="cooperation against cyber attacks",
            )
            ui.semantic = gr.Button("Find passages", elem_id="trends-semantic-run", scale=1)
        ui.semantic_out = gr.HTML(elem_id="trends-semantic", css_template=CSS)
    gr.Markdown("## Compare two documents")
    with gr.Row():
        ui.doc_a = gr.Dropdown([], label="Document A", elem_id="trends-doc-a")
        ui.doc_b = gr.Dropdown([], label="Document B", elem_id="trends-doc-b")
        ui.compare = gr.Button("Compare", elem_id="trends-compare-run")
    ui.compared = gr.HTML(elem_id="trends-compare", css_template=CSS)


def _safe(fn: Any, *args: Any) -> str:
    """HTML from a view, or the error as a message the page can show."""
    try:
        return fn(*args)
    except INDEX_ERRORS as exc:
        return f'<div class="trend-empty">⚠️ {exc}</div>'


def _render(
    service: TrendsService,
    names: list[str],
    mine: dict,
    org: str,
    kind: str,
    y0: Any,
    y1: Any,
    split: bool,
    measure: str,
) -> tuple[Any, ...]:
    """Show trends: chart, note, table and the saved query; kinds and documents for the pickers."""
    import gradio as gr

    saved = {
        "names": list(names or []),
        "mine": dict(mine or {}),
        "filters": [org, kind, y0, y1],
        "by_kind": bool(split),
    }
    try:
        view = trends_view(service, saved, measure)
    except INDEX_ERRORS as exc:
        return f"⚠️ {exc}", *[gr.skip()] * 8
    docs = gr.update(choices=view.documents)
    return (
        view.status,
        view.chart,
        view.note,
        view.rows,
        saved,
        PICK_A_POINT,
        gr.update(choices=view.kinds),
        docs,
        docs,
    )


def _add(name: str, terms: str, names: list[str], mine: dict) -> tuple[Any, ...]:
    """Add the user's concept to the session and select it."""
    import gradio as gr

    try:
        concept, mine = add_concept(name, terms, mine)
    except ValueError as exc:
        return gr.skip(), gr.skip(), f"⚠️ {exc}"
    chosen = list(names or []) + ([concept.name] if concept.name not in (names or []) else [])
    choices = [c.name for c in BUILT_IN] + list(mine)
    return gr.update(choices=choices, value=chosen), mine, f"Added {concept.name!r}: {', '.join(concept.english)}"


def _wire(gr: Any, service: TrendsService, ui: SimpleNamespace) -> tuple[Any, list[Any], list[Any]]:
    """Connect the events; returns the render function with its inputs and outputs (the tab draws on select)."""
    render = functools.partial(_render, service)

    def on_point(saved: dict, evt: gr.EventData) -> str:
        point = {key: getattr(evt, key, None) for key in ("concept", "organisation", "kind", "year")}
        return _safe(point_sentences, service, saved, point) if saved else PICK_A_POINT

    inputs = [ui.concepts, ui.mine, ui.organisation, ui.kind, ui.year_from, ui.year_to, ui.by_kind, ui.measure]
    outputs = [ui.status, ui.chart, ui.note, ui.table, ui.query, ui.sentences, ui.kind, ui.doc_a, ui.doc_b]
    ui.show.click(render, inputs, outputs, api_name="trends")
    ui.measure.change(render, inputs, outputs, api_name=False)
    ui.add.click(
        _add, [ui.new_name, ui.new_terms, ui.concepts, ui.mine], [ui.concepts, ui.mine, ui.status], api_name=False
    )
    ui.chart.click(on_point, ui.query, ui.sentences, api_name=False)
    ui.export.click(
        lambda saved, measure: export_files(service, saved, measure) if saved else None,
        [ui.query, ui.measure],
        ui.files,
        api_name=False,
    )
    ui.semantic.click(
        lambda text, saved: _safe(semantic_view, service, text, saved),
        [ui.description, ui.query],
        ui.semantic_out,
        api_name=False,
    )
    ui.compare.click(
        lambda a, b, names, mine: _safe(compare_view, service, a, b, names, mine),
        [ui.doc_a, ui.doc_b, ui.concepts, ui.mine],
        ui.compared,
        api_name="trends_compare",
    )
    return render, inputs, outputs


def build_trends_tab(settings: Settings) -> None:
    """Create the tab's components and events inside the current gr.Blocks/gr.Tab context."""
    import gradio as gr
    from gradio.context import get_render_context

    gr.Markdown(INTRO)
    ui = _controls(gr)
    _results(gr, ui)
    service = TrendsService(settings)
    render, inputs, outputs = _wire(gr, service, ui)
    service.warm([c for c in BUILT_IN if c.name in DEFAULT_CONCEPTS])
    tab = get_render_context()
    if isinstance(tab, gr.Tab):  # opening the tab draws the chart
        tab.select(render, inputs, outputs, api_name=False)
