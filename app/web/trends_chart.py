"""The Trends chart as inline SVG: one line per series, a clickable point per year with documents.

Why not gr.Plot: its only event is `change` (a plotly or matplotlib chart cannot report which
point was clicked), and the native Gradio plots report brushed x ranges, not points. Plain
SVG inside gr.HTML lets each point carry its concept, organisation, kind and year, and the
tab's `js_on_load` turns a click into an event with those values.
"""

from __future__ import annotations

import itertools
from html import escape

from app.trends.counting import TrendRow, Trends
from app.trends.export import MEASURES, series_label

WIDTH, HEIGHT = 820, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d"]


def _nice_max(value: float) -> float:
    """A round axis maximum at or above value."""
    if value <= 0:
        return 1.0
    step = 10 ** len(str(int(value))) / 10
    for factor in (1, 2, 2.5, 5, 10):
        if factor * step >= value:
            return factor * step
    return 10 * step


def _point(row: TrendRow, x: float, y: float, colour: str, measure: str, label: str) -> str:
    tip = (
        f"{label} · {row.year}: {row.count} occurrence(s), {row.per_10k_words:.1f} per 10,000 words, "
        f"{row.documents} document(s)"
    )
    attrs = (
        f'data-concept="{escape(row.concept)}" data-org="{escape(row.organisation)}" '
        f'data-kind="{escape(row.kind)}" data-year="{row.year}" data-count="{row.count}"'
    )
    return (
        f'<circle class="trend-point" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}" stroke="white" '
        f'stroke-width="1.5" {attrs}><title>{escape(tip)} (click for sentences)</title></circle>'
    )


def svg_chart(trends: Trends, measure: str = "per_10k_words") -> str:
    """The chart, its legend and an empty-state message, as HTML."""
    if not trends.rows:
        return '<div class="trend-empty">No dated documents match these filters: nothing to chart.</div>'
    years = trends.years
    first, last = years[0], years[-1]
    top = _nice_max(max(float(getattr(r, measure)) for r in trends.rows))

    def x_of(year: int) -> float:
        span = max(1, last - first)
        return LEFT + (WIDTH - LEFT - RIGHT) * ((year - first) / span if last > first else 0.5)

    def y_of(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)

    parts = [_axes(years, top, x_of, y_of, trends.gaps, measure)]
    legend = []
    by_series: dict[str, list[TrendRow]] = {}
    for row in trends.rows:
        by_series.setdefault(series_label(row, trends), []).append(row)
    for index, (label, rows) in enumerate(by_series.items()):
        colour = PALETTE[index % len(PALETTE)]
        rows.sort(key=lambda r: r.year)
        for a, b in itertools.pairwise(rows):
            if b.year == a.year + 1:  # a missing year in between is a gap: no line across it
                parts.append(
                    f'<line x1="{x_of(a.year):.1f}" y1="{y_of(getattr(a, measure)):.1f}" x2="{x_of(b.year):.1f}" '
                    f'y2="{y_of(getattr(b, measure)):.1f}" stroke="{colour}" stroke-width="2"/>'
                )
        parts += [_point(r, x_of(r.year), y_of(getattr(r, measure)), colour, measure, label) for r in rows]
        legend.append(f'<span class="trend-key"><i style="background:{colour}"></i>{escape(label)}</span>')
    svg = (
        f'<svg class="trend-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(MEASURES[measure])} per year">{"".join(parts)}</svg>'
    )
    return f'<div class="trend-chart">{svg}<div class="trend-legend">{"".join(legend)}</div></div>'


def _axes(years: list[int], top: float, x_of, y_of, gaps: list[int], measure: str) -> str:
    """Grid, labels, and a grey band over each year without documents."""
    out = []
    band = (WIDTH - LEFT - RIGHT) / max(1, len(years))
    for year in gaps:
        out.append(
            f'<rect class="trend-gap" x="{x_of(year) - band / 2:.1f}" y="{TOP}" width="{band:.1f}" '
            f'height="{HEIGHT - TOP - BOTTOM}" fill="#9ca3af" opacity="0.15"><title>{year}: no documents</title></rect>'
        )
    for i in range(5):
        value = top * i / 4
        y = y_of(value)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value:g}</text>')
    step = 1 if len(years) <= 14 else max(2, len(years) // 10)
    for year in years[::step]:
        x = x_of(year)
        out.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">{year}</text>')
    out.append(
        f'<text x="14" y="{TOP + (HEIGHT - TOP - BOTTOM) / 2:.0f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + (HEIGHT - TOP - BOTTOM) / 2:.0f})">{escape(MEASURES[measure])}</text>'
    )
    return "".join(out)
