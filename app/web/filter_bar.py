"""The chat's filter bar and the one status line that says what was searched.

The engine may narrow a question to the organisation it names (an *inferred* filter);
the status line names every restriction that applied and marks the inferred ones, and
a chip offers to ask again without them.
"""

from __future__ import annotations

from typing import Any

from app.answering.models import Answer, Filters

ORGANISATION_CHOICES = ["any", "SCO", "CSTO"]
EVERYTHING = "every indexed document"


def widget_filters(
    organisation: str | None, kind: str | None, year_from: Any, year_to: Any, doc_ids: list[str] | None
) -> Filters:
    """The filter widgets' values as Filters ('any' and blank fields mean no restriction)."""
    return Filters.from_dict(
        {
            "organisation": None if organisation in (None, "", "any") else organisation,
            "kind": None if kind in (None, "", "any") else kind,
            "year_from": _blank_is_none(year_from),
            "year_to": _blank_is_none(year_to),
            "doc_ids": doc_ids or None,
        }
    )


def _blank_is_none(value: Any) -> Any:
    return value.strip() or None if isinstance(value, str) else value


def inferred_filters(applied: dict[str, Any], asked: Filters) -> dict[str, Any]:
    """The restrictions the engine added to the ones the visitor set (from the question's wording)."""
    mine = asked.to_dict()
    return {key: value for key, value in applied.items() if mine.get(key) != value}


def describe_filters(filters: dict[str, Any], inferred: dict[str, Any] | None = None) -> str:
    """'organisation CSTO (inferred from the question), 2010-2015' or 'every indexed document'."""
    inferred = inferred or {}
    parts = []
    for key in ("organisation", "kind"):
        if value := filters.get(key):
            parts.append((key, f"{key} {value}"))
    year_from, year_to = filters.get("year_from"), filters.get("year_to")
    if year_from or year_to:
        span = f"{year_from}–{year_to}" if year_from and year_to else f"from {year_from}" if year_from else ""
        parts.append(("year_from" if year_from else "year_to", span or f"up to {year_to}"))
    if docs := filters.get("doc_ids"):
        parts.append(("doc_ids", f"{len(docs)} chosen document{'s' * (len(docs) != 1)}"))
    if not parts:
        return EVERYTHING
    return ", ".join(f"{text} (inferred from the question)" if key in inferred else text for key, text in parts)


def answer_status(answer: Answer, turn: int, asked: Filters | None = None) -> str:
    """The status line once an answer is complete (tests and benchmarks wait for 'Answer N ready')."""
    sources = len({c.n for c in answer.citations})
    what = "no answer in the documents" if answer.abstained else f"{sources} source{'s' * (sources != 1)}"
    inferred = inferred_filters(answer.filters, asked or Filters())
    searched = describe_filters(answer.filters, inferred)
    written = {"llm": f" · written by {answer.model}", "llm_fallback": " · quoted (the model's answer not shown)"}
    elapsed = answer.timings_ms.get("total_ms", 0)
    return f"Answer {turn} ready · {what} · {elapsed:.0f} ms · searched {searched}{written.get(answer.mode, '')}"


def next_search_line(*widget_values: Any) -> str:
    """What the next question will search, as the filter bar stands (or what is wrong with it)."""
    try:
        filters = widget_filters(*widget_values)
    except ValueError as exc:
        return f"⚠️ {exc}"
    return f"The next question searches {describe_filters(filters.to_dict())}."


def chip_label(inferred: dict[str, Any]) -> str:
    """The chip's text: the inferred restrictions and the cross that removes them."""
    return "✕ " + describe_filters(inferred).replace(" (inferred from the question)", "") + " (inferred)"


def filter_bar() -> list[Any]:
    """Organisation, kind, year range and documents, in the order widget_filters takes them (inside gr.Blocks)."""
    import gradio as gr

    with gr.Row(elem_id="filters", elem_classes=["scoqa-filterbar"]):
        organisation = gr.Dropdown(
            ORGANISATION_CHOICES, value="any", label="Organisation", elem_id="org", min_width=110, scale=1
        )
        kind = gr.Dropdown(["any"], value="any", label="Kind", elem_id="kind", min_width=110, scale=1)
        year_from = gr.Textbox(
            label="From year", placeholder="any", max_lines=1, max_length=4, elem_id="year-from", min_width=80, scale=1
        )
        year_to = gr.Textbox(
            label="To year", placeholder="any", max_lines=1, max_length=4, elem_id="year-to", min_width=80, scale=1
        )
        doc_ids = gr.Dropdown(
            [], multiselect=True, label="Documents (empty: all)", elem_id="docs", min_width=200, scale=3
        )
    return [organisation, kind, year_from, year_to, doc_ids]
