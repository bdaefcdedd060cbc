"""The Trends tab: concepts per year as a clickable chart, the sentences behind each point, two documents compared.

A thin layer over app.trends.service.TrendsService, the same service `scoqa trends` uses.
"""

# No `from __future__ import annotations`: Gradio reads `evt: gr.EventData` from the live annotation.
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answering.models import Filters
from app.trends.counting import Trends
from app.trends.evidence import cite_all
from app.trends.export import documents_note, trends_csv, trends_dict, write_png
from app.trends.lexicon import BUILT_IN, Concept, find_concept, user_concept
from app.trends.service import TrendsService
from app.web.trends_chart import svg_chart
from app.web.trends_render import CSS, comparison_html, evidence_cards
from ingest.settings import Settings
from ingest.store import IndexMismatchError, IndexMissingError

DEFAULT_CONCEPTS = ["three evils", "information security"]
TABLE_HEADERS = ["concept", "year", "organisation", "kind", "count", "per 10,000 words", "documents"]
PICK_A_POINT = '<div class="trend-empty">Click a point of the chart to list the sentences it counts.</div>'
# Points carry their concept, organisation, kind and year; a click reports them to Python.
CLICK_JS = """
element.addEventListener('click', (event) => {
  const point = event.target.closest ? event.target.closest('.trend-point') : null;
  if (!point) return;
  trigger('click', {concept: point.dataset.concept, organisation: point.dataset.org,
                    kind: point.dataset.kind, year: Number(point.dataset.year)});
});
"""


def _concepts(names: list[str], mine: dict[str, list[str]]) -> list[Concept]:
    """Selected names as concepts: built in, or added by the user in this session."""
    out = []
    for name in names or []:
        concept = find_concept(name) or (user_concept(name, mine[name]) if name in mine else None)
        if concept is not None:
            out.append(concept)
    return out


def _filters(organisation: str, kind: str, year_from: Any, year_to: Any) -> Filters:
    return Filters.from_dict(
        {
            "organisation": None if organisation in (None, "", "any") else organisation,
            "kind": None if kind in (None, "", "any") else kind,
            "year_from": year_from or None,
            "year_to": year_to or None,
        }
    )


def table_rows(trends: Trends) -> list[list[Any]]:
    return [[r.concept, r.year, r.organisation, r.kind, r.count, r.per_10k_words, r.documents] for r in trends.rows]


def trends_for(service: TrendsService, query: dict[str, Any]) -> Trends:
    """Trends for a saved query: {names, mine, filters: [org, kind, from, to], by_kind}."""
    concepts = _concepts(query["names"], query["mine"])
    return service.trends(concepts, _filters(*query["filters"]), by_kind=bool(query["by_kind"]))


@dataclass
class TrendsView:
    """Everything one render puts on the page."""

    status: str
    chart: str
    note: str
    rows: list[list[Any]]
    kinds: list[str]
    documents: list[tuple[str, str]]


def trends_view(service: TrendsService, query: dict[str, Any], measure: str) -> TrendsView:
    """One render of the tab (what Show trends does; bench/bench_trends.py times it)."""
    started = time.perf_counter()
    trends = trends_for(service, query)
    chart, rows = svg_chart(trends, measure), table_rows(trends)
    kinds = ["any", *sorted({d.kind for d in service.documents()})]
    ms = (time.perf_counter() - started) * 1000
    status = f"Trends ready · {len(trends.concepts)} concept(s) · {len(trends.documents)} document(s) · {ms:.0f} ms"
    return TrendsView(status, chart, documents_note(trends), rows, kinds, service.document_choices())


def point_sentences(service: TrendsService, query: dict[str, Any], point: dict[str, Any]) -> str:
    """The cited sentences behind one clicked point of the last chart."""
    trends = trends_for(service, query)
    concepts = trends.concepts
    rows = [
        r
        for r in trends.rows
        if r.concept == point.get("concept")
        and r.organisation == point.get("organisation")
        and r.kind == point.get("kind")
        and r.year == int(point.get("year") or 0)
    ]
    if not rows:
        return '<div class="trend-empty">That point is no longer in the chart; press Show trends again.</div>'
    row = rows[0]
    holding = len({o.doc_id for o in row.occurrences})
    heading = (
        f"{row.concept} · {row.organisation} · {row.year}: {row.count} occurrence(s) "
        f"in {holding} of {row.documents} document(s)"
    )
    concept = next((c for c in concepts if c.name == row.concept), None)
    items = cite_all(trends.documents, row.occurrences)
    return evidence_cards(items, concept, heading) if items else evidence_cards([], None, heading + " (none)")


def export_files(service: TrendsService, query: dict[str, Any], measure: str) -> list[str]:
    """PNG, CSV and JSON of the last chart, in a fresh temporary folder."""
    trends = trends_for(service, query)
    folder = Path(tempfile.mkdtemp(prefix="scoqa-trends-"))
    write_png(trends, folder / "trends.png", measure)
    (folder / "trends.csv").write_text(trends_csv(trends), encoding="utf-8")
    payload = trends_dict(trends, _filters(*query["filters"]).to_dict())
    (folder / "trends.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return [str(folder / n) for n in ("trends.png", "trends.csv", "trends.json")]


def build_trends_tab(settings: Settings) -> None:
    """Create the tab's components and events inside the current gr.Blocks/gr.Tab context."""
    import gradio as gr
    from gradio.context import get_render_context

    service = TrendsService(settings)
    names = [c.name for c in BUILT_IN]
    gr.Markdown(
        "Concepts counted per year and organisation in the indexed text (case-insensitive, whole words, "
        "once per occurrence). Grey bands and broken lines are years without documents, not zeros. "
        "Click a point to see its sentences."
    )
    query = gr.State({})
    mine = gr.State({})
    with gr.Row():
        concepts = gr.Dropdown(
            names, value=DEFAULT_CONCEPTS, multiselect=True, label="Concepts", elem_id="trends-concepts", scale=3
        )
        measure = gr.Radio(
            [("per 10,000 words", "per_10k_words"), ("occurrences", "count")],
            value="per_10k_words",
            label="Plot",
            elem_id="trends-measure",
            scale=1,
        )
    with gr.Accordion("Add your own concept", open=False, elem_id="trends-add"), gr.Row():
        new_name = gr.Textbox(label="Name", placeholder="Shanghai spirit", elem_id="trends-new-name")
        new_terms = gr.Textbox(
            label="Terms (comma-separated; * = any ending)", placeholder="Shanghai spirit", elem_id="trends-new-terms"
        )
        add = gr.Button("Add concept", elem_id="trends-add-concept")
    with gr.Row():
        organisation = gr.Dropdown(["any", "SCO", "CSTO"], value="any", label="Organisation", elem_id="trends-org")
        kind = gr.Dropdown(["any"], value="any", label="Kind", elem_id="trends-kind")
        year_from = gr.Number(None, label="From year", precision=0, elem_id="trends-from")
        year_to = gr.Number(None, label="To year", precision=0, elem_id="trends-to")
        by_kind = gr.Checkbox(label="Split by kind", elem_id="trends-by-kind")
    show = gr.Button("Show trends", variant="primary", elem_id="trends-show")
    status = gr.Markdown(elem_id="trends-status")
    chart = gr.HTML(
        PICK_A_POINT.replace("Click a point of the chart", "Press Show trends"),
        elem_id="trends-chart",
        js_on_load=CLICK_JS,
        css_template=CSS,
    )
    note = gr.Markdown(elem_id="trends-note")
    sentences = gr.HTML(PICK_A_POINT, elem_id="trends-sentences", css_template=CSS)
    with gr.Accordion("Table and export", open=False):
        table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, elem_id="trends-table", max_height=360)
        export = gr.Button("Export PNG, CSV and JSON", elem_id="trends-export")
        files = gr.File(label="Exports", file_count="multiple", elem_id="trends-files")
    gr.Markdown("### Compare two documents")
    with gr.Row():
        doc_a = gr.Dropdown([], label="Document A", elem_id="trends-doc-a")
        doc_b = gr.Dropdown([], label="Document B", elem_id="trends-doc-b")
        compare = gr.Button("Compare", elem_id="trends-compare-run")
    compared = gr.HTML(elem_id="trends-compare", css_template=CSS)

    def render(names_: list[str], mine_: dict, org: str, kind_: str, y0: Any, y1: Any, split: bool, what: str):
        saved = {"names": list(names_ or []), "mine": dict(mine_ or {}), "filters": [org, kind_, y0, y1]}
        saved["by_kind"] = bool(split)
        try:
            view = trends_view(service, saved, what)
        except (IndexMissingError, IndexMismatchError, ValueError) as exc:
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

    def add_concept(name: str, terms: str, names_: list[str], mine_: dict):
        name = (name or "").strip() or (terms or "").split(",")[0].strip()
        try:
            concept = user_concept(name, (terms or name).split(","))
        except ValueError as exc:
            return gr.skip(), gr.skip(), f"⚠️ {exc}"
        if find_concept(name):
            return gr.skip(), gr.skip(), f"⚠️ {name!r} is a built-in concept; give yours another name."
        mine_ = {**(mine_ or {}), concept.name: list(concept.english)}
        chosen = [*(names_ or []), concept.name] if concept.name not in (names_ or []) else names_
        choices = names + [n for n in mine_ if n not in names]
        return gr.update(choices=choices, value=chosen), mine_, f"Added {concept.name!r}: {', '.join(concept.english)}"

    def on_point(saved: dict, evt: gr.EventData) -> str:
        if not saved:
            return PICK_A_POINT
        return point_sentences(service, saved, evt._data or {})

    def run_compare(a: str, b: str, names_: list[str], mine_: dict) -> str:
        if not a or not b:
            return '<div class="trend-empty">Choose two documents first.</div>'
        chosen = _concepts(names_, mine_) or list(BUILT_IN)
        try:
            comparison = service.compare(a, b, chosen)
        except (IndexMissingError, ValueError) as exc:
            return f'<div class="trend-empty">⚠️ {exc}</div>'
        return comparison_html(comparison, {c.name: c for c in chosen})

    inputs = [concepts, mine, organisation, kind, year_from, year_to, by_kind, measure]
    outputs = [status, chart, note, table, query, sentences, kind, doc_a, doc_b]
    show.click(render, inputs, outputs, api_name="trends")
    measure.change(render, inputs, outputs, api_name=False)
    add.click(add_concept, [new_name, new_terms, concepts, mine], [concepts, mine, status], api_name=False)
    chart.click(on_point, query, sentences, api_name=False)
    export.click(
        lambda saved, what: export_files(service, saved, what) if saved else None,
        [query, measure],
        files,
        api_name=False,
    )
    compare.click(run_compare, [doc_a, doc_b, concepts, mine], compared, api_name="trends_compare")
    tab = get_render_context()
    if isinstance(tab, gr.Tab):  # opening the tab draws the chart once
        tab.select(render, inputs, outputs, api_name=False)
