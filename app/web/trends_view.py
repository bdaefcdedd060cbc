"""What the Trends tab shows, as plain values: no Gradio here, so the benchmark and tests call it directly.

A query is what the tab saved when it last drew the chart:
{"names": [...], "mine": {name: terms}, "filters": [organisation, kind, from, to], "by_kind": bool}.
"""

from __future__ import annotations

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
from app.web.filter_bar import widget_filters
from app.web.trends_chart import svg_chart
from app.web.trends_render import comparison_html, evidence_cards, semantic_html

TABLE_HEADERS = ["concept", "year", "organisation", "kind", "count", "per 10,000 words", "documents"]
PICK_A_POINT = '<div class="trend-empty">Click a point of the chart to list the sentences it counts.</div>'


def concepts_for(names: list[str], mine: dict[str, list[str]]) -> list[Concept]:
    """Selected names as concepts: built in, or added by the user in this session."""
    out = []
    for name in names or []:
        concept = find_concept(name) or (user_concept(name, mine[name]) if name in mine else None)
        if concept is not None:
            out.append(concept)
    return out


def filters_for(organisation: str, kind: str, year_from: Any, year_to: Any) -> Filters:
    """The Trends tab's filter widgets as Filters, read as the chat's filter bar reads its own."""
    return widget_filters(organisation, kind, year_from, year_to, None)


def table_rows(trends: Trends) -> list[list[Any]]:
    return [[r.concept, r.year, r.organisation, r.kind, r.count, r.per_10k_words, r.documents] for r in trends.rows]


def trends_for(service: TrendsService, query: dict[str, Any]) -> Trends:
    """Trends for a saved query: {names, mine, filters: [org, kind, from, to], by_kind}."""
    concepts = concepts_for(query["names"], query["mine"])
    return service.trends(concepts, filters_for(*query["filters"]), by_kind=bool(query["by_kind"]))


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
    payload = trends_dict(trends, filters_for(*query["filters"]).to_dict())
    (folder / "trends.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return [str(folder / n) for n in ("trends.png", "trends.csv", "trends.json")]


def add_concept(name: str, terms: str, mine: dict[str, list[str]]) -> tuple[Concept, dict[str, list[str]]]:
    """A concept of the user's own, added to the session's; refuses built-in names and empty terms."""
    name = (name or "").strip() or (terms or "").split(",")[0].strip()
    concept = user_concept(name, (terms or name).split(","))
    if find_concept(name):
        raise ValueError(f"{name!r} is a built-in concept; give yours another name")
    return concept, {**(mine or {}), concept.name: list(concept.english)}


def compare_view(service: TrendsService, doc_a: str, doc_b: str, query_names: list[str], mine: dict) -> str:
    """The comparison of two documents for the chosen concepts (all built-in ones when none are)."""
    if not doc_a or not doc_b:
        return '<div class="trend-empty">Choose two documents first.</div>'
    chosen = concepts_for(query_names, mine) or list(BUILT_IN)
    comparison = service.compare(doc_a, doc_b, chosen)
    return comparison_html(comparison, {c.name: c for c in chosen})


def semantic_view(service: TrendsService, description: str, query: dict[str, Any]) -> str:
    """Passages close in meaning to a description, with the filters of the last chart."""
    filters = filters_for(*query["filters"]) if query else Filters()
    return semantic_html(service.semantic(description, filters, bool(query and query["by_kind"])))
