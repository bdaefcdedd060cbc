"""HTML for the Trends tab's sentences and comparisons. Document text is escaped, never trusted."""

from __future__ import annotations

from html import escape

from app.trends.compare import Comparison
from app.trends.evidence import Evidence
from app.trends.lexicon import Concept
from app.trends.matching import matcher_for
from app.trends.semantic import SemanticTrends


def highlighted(sentence: str, concept: Concept | None) -> str:
    """The sentence, escaped, with the concept's matches marked."""
    if concept is None:
        return escape(sentence)
    out, cursor = [], 0
    for start, end in matcher_for(concept).spans(sentence):
        out += [escape(sentence[cursor:start]), f"<mark>{escape(sentence[start:end])}</mark>"]
        cursor = end
    out.append(escape(sentence[cursor:]))
    return "".join(out)


def evidence_cards(items: list[Evidence], concept: Concept | None, heading: str = "") -> str:
    """Numbered source cards: title, organisation, date, document and chunk, the sentence with its match marked."""
    cards = [f'<div class="trend-heading">{escape(heading)}</div>'] if heading else []
    for n, item in enumerate(items, start=1):
        facts = " · ".join(x for x in (item.organisation, item.date or str(item.year), item.kind) if x)
        cards.append(
            f'<div class="trend-card"><div class="trend-title">[{n}] {escape(item.title)}</div>'
            f'<div class="trend-facts">{escape(facts)} · {escape(item.doc_id)} · chunk {escape(item.chunk_id)}</div>'
            f'<div class="trend-sentence">{highlighted(item.sentence, concept)}</div></div>'
        )
    return "".join(cards)


def comparison_html(comparison: Comparison, concepts: dict[str, Concept]) -> str:
    """The ranked table of changes, then each changed concept's unshared sentences."""
    a, b = comparison.doc_a, comparison.doc_b
    head = (
        f"<p><b>A</b>: {escape(a.title)} ({escape(a.doc_id)}, {a.words} words)<br>"
        f"<b>B</b>: {escape(b.title)} ({escape(b.doc_id)}, {b.words} words)</p>"
    )
    rows = "".join(
        f"<tr><td>{escape(c.concept)}</td><td>{c.count_a}</td><td>{c.count_b}</td><td>{c.change:+d}</td>"
        f"<td>{c.per_10k_a:.1f} → {c.per_10k_b:.1f}</td></tr>"
        for c in comparison.changes
    )
    table = (
        '<table class="trend-compare"><thead><tr><th>concept</th><th>A</th><th>B</th><th>change</th>'
        "<th>per 10,000 words</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    details = []
    for change in comparison.changes:
        if not (change.only_a or change.only_b):
            continue
        concept = concepts.get(change.concept)
        body = evidence_cards(change.only_a, concept, f"Only in A ({len(change.only_a)})") if change.only_a else ""
        body += evidence_cards(change.only_b, concept, f"Only in B ({len(change.only_b)})") if change.only_b else ""
        details.append(
            f'<details class="trend-diff"><summary>{escape(change.concept)}: {change.count_a} → {change.count_b}'
            f"</summary>{body}</details>"
        )
    return head + table + "".join(details)


def semantic_html(semantic: SemanticTrends, shown: int = 12) -> str:
    """The semantic counts, labelled as such, and the closest passages with their scores."""
    head = (
        f'<p class="trend-heading">Semantic, not literal: passages whose {escape(semantic.model)} similarity to '
        f"“{escape(semantic.description)}” is at least {semantic.threshold:.2f}. Passages overlap; these are not "
        "occurrences and are never added to the counts above.</p>"
    )
    rows = "".join(
        f"<tr><td>{r.year}</td><td>{escape(r.organisation)}</td><td>{r.passages} / {r.total_passages}</td>"
        f"<td>{r.share:.1f} %</td></tr>"
        for r in semantic.rows
    )
    table = (
        '<table class="trend-compare trend-semantic"><thead><tr><th>year</th><th>organisation</th>'
        f"<th>passages</th><th>share</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    best = sorted((p for r in semantic.rows for p in r.matches), key=lambda p: -p.score)[:shown]
    cards = "".join(
        f'<div class="trend-card"><div class="trend-title">{escape(p.title)} ({p.year})</div>'
        f'<div class="trend-facts">similarity {p.score:.2f} · {escape(p.doc_id)} · chunk {escape(p.chunk_id)}</div>'
        f'<div class="trend-sentence">{escape(p.text)}</div></div>'
        for p in best
    )
    return head + table + cards


CSS = """
.trend-svg { width: 100%; height: auto; }
.trend-svg .trend-point { cursor: pointer; }
.trend-svg .trend-point:hover { stroke: black; stroke-width: 2; }
.trend-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85em; margin-top: 4px; }
.trend-key i { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 5px; }
.trend-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 6px 10px; margin: 6px 0; }
.trend-facts { font-size: 0.82em; opacity: 0.8; }
.trend-sentence mark { background: #fde68a; color: inherit; }
.trend-heading { font-weight: 600; margin-top: 8px; }
.trend-compare td, .trend-compare th { padding: 2px 10px; text-align: right; }
.trend-compare td:first-child, .trend-compare th:first-child { text-align: left; }
"""
