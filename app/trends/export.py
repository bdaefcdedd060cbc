"""Trends as JSON, CSV and a PNG chart; the chart's series are shared with the browser tab."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from app.trends.counting import ALL_KINDS, TrendRow, Trends
from app.trends.evidence import cite_all

CSV_FIELDS = ["concept", "year", "organisation", "kind", "count", "per_10k_words", "documents", "words"]
MEASURES = {"per_10k_words": "per 10,000 words", "count": "occurrences"}


def row_dict(trends: Trends, row: TrendRow, with_matches: bool = True) -> dict[str, Any]:
    """One JSON row: the point and, when asked, every match as a cited sentence."""
    data: dict[str, Any] = {field: getattr(row, field) for field in CSV_FIELDS}
    if with_matches:
        data["matches"] = [
            {"doc_id": e.doc_id, "chunk_id": e.chunk_id, "sentence": e.sentence, "title": e.title, "start": e.start}
            for e in cite_all(trends.documents, row.occurrences)
        ]
    return data


def trends_dict(trends: Trends, filters: dict[str, Any] | None = None) -> dict[str, Any]:
    """What `scoqa trends --json` prints."""
    return {
        "concepts": [c.to_dict() for c in trends.concepts],
        "filters": filters or {},
        "by_kind": trends.by_kind,
        "documents_per_year": {str(y): n for y, n in trends.documents_per_year.items()},
        "gaps": trends.gaps,
        "undated": trends.undated,
        "rows": [row_dict(trends, r) for r in trends.rows],
    }


def trends_csv(trends: Trends) -> str:
    """One line per point (no sentences: use --json for those)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in trends.rows:
        writer.writerow(row_dict(trends, row, with_matches=False))
    return out.getvalue()


def series_label(row: TrendRow, trends: Trends) -> str:
    """'three evils · SCO' (· declaration when split by kind)."""
    parts = [row.concept, row.organisation]
    if trends.by_kind and row.kind != ALL_KINDS:
        parts.append(row.kind)
    return " · ".join(parts)


def chart_series(trends: Trends, measure: str = "per_10k_words") -> dict[str, dict[int, float]]:
    """label -> {year: value} for the groups that have documents; missing years are gaps."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    series: dict[str, dict[int, float]] = {}
    for row in trends.rows:
        series.setdefault(series_label(row, trends), {})[row.year] = float(getattr(row, measure))
    return series


def documents_note(trends: Trends) -> str:
    """The honest-limits line: documents per year, years without any, undated documents."""
    if not trends.documents_per_year:
        return "No dated documents match these filters."
    per_year = ", ".join(f"{y}: {n}" for y, n in trends.documents_per_year.items())
    note = f"Documents per year: {per_year}."
    if trends.gaps:
        note += f" No documents (gaps, not zeros): {year_ranges(trends.gaps)}."
    if trends.undated:
        note += f" Undated, not charted: {len(trends.undated)}."
    return note


def year_ranges(years: list[int]) -> str:
    """[1993, 1994, 1995, 2021] -> '1993-1995, 2021'."""
    parts: list[str] = []
    start = prev = years[0]
    for year in [*years[1:], None]:
        if year is not None and year == prev + 1:
            prev = year
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if year is not None:
            start = prev = year
    return ", ".join(parts)


def write_png(trends: Trends, path: Path, measure: str = "per_10k_words", title: str = "") -> Path:
    """A line chart (matplotlib, Agg): one line per concept and organisation, broken where a year has no documents."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    years = trends.years
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    for label, points in chart_series(trends, measure).items():
        ax.plot(years, [points.get(y, float("nan")) for y in years], marker="o", label=label)
    ax.set_xlabel("year")
    ax.set_ylabel(MEASURES[measure])
    ax.set_title(title or "Discourse trends")
    ax.grid(alpha=0.3)
    if years:
        ax.set_xticks(years if len(years) <= 16 else years[:: max(1, len(years) // 12)])
    ax.legend(fontsize=8, loc="best")
    fig.text(0.01, 0.01, documents_note(trends), fontsize=7, wrap=True)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
