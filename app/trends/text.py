"""Trends for the terminal: the per-year table, a year's sentences, a comparison."""

from __future__ import annotations

import textwrap

from app.answering.models import reference_line
from app.trends.compare import Comparison
from app.trends.counting import ALL_KINDS, TrendRow, Trends
from app.trends.evidence import Evidence, cite_all
from app.trends.export import documents_note, year_ranges
from app.trends.semantic import SemanticTrends

NO_DOCS = "—"


def _column(row: TrendRow, trends: Trends) -> str:
    return row.organisation + (f" · {row.kind}" if trends.by_kind and row.kind != ALL_KINDS else "")


def _cell(row: TrendRow | None) -> str:
    if row is None:
        return NO_DOCS
    return f"{row.count} ({row.per_10k_words:.1f})"


def trends_table(trends: Trends) -> str:
    """One block per concept: a line per year, a column per organisation (and kind).

    A cell reads "count (per 10,000 words)"; — means that group has no documents that
    year; years with no documents at all are listed as gaps, never as zeros.
    """
    if not trends.rows:
        return documents_note(trends)
    columns = sorted({_column(r, trends) for r in trends.rows})
    width = max(14, *(len(c) + 2 for c in columns))
    lines = ["Cells: occurrences (per 10,000 words); — no documents of that group that year."]
    for concept in trends.concepts:
        cells = {(r.year, _column(r, trends)): r for r in trends.rows_for(concept.name)}
        total = sum(r.count for r in trends.rows_for(concept.name))
        lines += ["", f"{concept.name}  ({total} in all)", "year  docs  " + "".join(c.ljust(width) for c in columns)]
        lines += _year_lines(trends, cells, columns, width)
    lines += ["", documents_note(trends)]
    return "\n".join(line.rstrip() for line in lines)


def _year_lines(trends: Trends, cells: dict[tuple[int, str], TrendRow], columns: list[str], width: int) -> list[str]:
    lines: list[str] = []
    pending: list[int] = []
    for year in trends.years:
        if year in trends.gaps:
            pending.append(year)
            continue
        if pending:
            lines.append(f"{year_ranges(pending)}: no documents")
            pending = []
        docs = trends.documents_per_year.get(year, 0)
        row = "".join(_cell(cells.get((year, c))).ljust(width) for c in columns)
        lines.append(f"{year}  {docs:>4}  {row}")
    if pending:
        lines.append(f"{year_ranges(pending)}: no documents")
    return lines


def evidence_lines(items: list[Evidence], width: int = 100) -> list[str]:
    """Numbered cited sentences: '[1] Title (SCO, 2022) - doc_id' then the quoted sentence and chunk id."""
    lines = []
    for n, item in enumerate(items, start=1):
        lines.append(f"[{n}] {reference_line(item)}")
        lines.append(textwrap.indent(textwrap.fill(item.sentence, width - 6), "    > "))
        lines.append(f"      chunk {item.chunk_id}")
    return lines


def show_year(trends: Trends, year: int) -> str:
    """Every counted occurrence of a year, concept by concept, as cited sentences."""
    if year not in trends.documents_per_year:
        return f"{year}: no documents match these filters, so there is nothing to show."
    lines = [f"{year}: {trends.documents_per_year[year]} document(s)"]
    for concept in trends.concepts:
        occurrences = [o for r in trends.rows_for(concept.name, year) for o in r.occurrences]
        lines += ["", f"{concept.name}: {len(occurrences)} occurrence(s)"]
        lines += evidence_lines(cite_all(trends.documents, occurrences))
    return "\n".join(lines)


def comparison_text(comparison: Comparison) -> str:
    """Concepts ranked by change, with the sentences only one document has."""
    a, b = comparison.doc_a, comparison.doc_b
    lines = [f"A: {a.title} ({a.doc_id}, {a.words} words)", f"B: {b.title} ({b.doc_id}, {b.words} words)", ""]
    lines.append(f"{'concept':36}{'A':>6}{'B':>6}{'change':>8}   per 10,000 words A -> B")
    for c in comparison.changes:
        rates = f"{c.per_10k_a:.1f} -> {c.per_10k_b:.1f}"
        lines.append(f"{c.concept:36}{c.count_a:>6}{c.count_b:>6}{c.change:>+8}   {rates}")
    for change in comparison.changes:
        if not (change.only_a or change.only_b):
            continue
        lines += ["", f"{change.concept}: {change.count_a} -> {change.count_b}"]
        for side, items in (("only in A", change.only_a), ("only in B", change.only_b)):
            if items:
                lines.append(f"  {side}:")
                lines += [textwrap.indent(line, "  ") for line in evidence_lines(items)]
    return "\n".join(lines)


def semantic_table(semantic: SemanticTrends) -> str:
    """The semantic block: passages over the threshold per year and group, apart from literal counts."""
    lines = [
        f'Semantic (not literal): passages whose {semantic.model} similarity to "{semantic.description}" '
        f"is at least {semantic.threshold:.2f}. Cells: passages over the threshold / all passages.",
        "year  group                 passages",
    ]
    for row in semantic.rows:
        group = row.organisation + (f" · {row.kind}" if row.kind != ALL_KINDS else "")
        lines.append(f"{row.year}  {group:20}  {row.passages} / {row.total_passages} ({row.share:.1f} %)")
    if semantic.gaps:
        lines.append(f"No documents (gaps, not zeros): {year_ranges(semantic.gaps)}.")
    return "\n".join(lines)


def semantic_passages(semantic: SemanticTrends, year: int, width: int = 100) -> str:
    """The passages of one year that passed the threshold, best first, with their scores."""
    found = sorted((p for r in semantic.rows if r.year == year for p in r.matches), key=lambda p: -p.score)
    lines = [f"Semantic, {year}: {len(found)} passage(s) at or above {semantic.threshold:.2f}"]
    for n, item in enumerate(found, start=1):
        lines.append(f"[{n}] {item.title} - {item.doc_id} (similarity {item.score:.2f}), chunk {item.chunk_id}")
        lines.append(textwrap.indent(textwrap.fill(textwrap.shorten(item.text, 400), width - 6), "    > "))
    return "\n".join(lines)
