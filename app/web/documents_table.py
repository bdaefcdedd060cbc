"""The Documents tab's table as HTML: fits its cells at any width, sorts and searches in the page."""

from __future__ import annotations

import html

from app.web.catalog import DocumentInfo, covers_a_period
from app.web.security import safe_url

COLUMNS = [
    ("doc", "Document"),
    ("title", "Title"),
    ("org", "Organisation"),
    ("kind", "Kind"),
    ("date", "Date"),
    ("chunks", "Passages"),
]
DATE_NOTE = (
    "Date: for briefings, the start of the period the briefing covers (with the whole period when its "
    "metadata gives one); for other documents, the date of the document itself."
)


def _breakable(doc_id: str) -> str:
    """The id escaped, with break opportunities after / _ - . so a long id wraps instead of overflowing."""
    out = html.escape(doc_id)
    for mark in ("/", "_", "-", "."):
        out = out.replace(mark, mark + "<wbr>")
    return out


def _date_cell(doc: DocumentInfo) -> str:
    if not doc.date and not doc.period:
        return "<td class='c-date' data-label='Date' data-sort=''>—</td>"
    if covers_a_period(doc.kind, doc.period):
        meaning = f"covers {doc.period}" if doc.period else "start of the period covered"
    else:
        meaning = "date of the document"
    return (
        f"<td class='c-date' data-label='Date' data-sort='{html.escape(doc.date)}'>{html.escape(doc.date or '—')}"
        f"<span class='scoqa-when'>{html.escape(meaning)}</span></td>"
    )


def _row(doc: DocumentInfo) -> str:
    url = safe_url(doc.source_url)
    title = html.escape(doc.title)
    if url:
        title = f"<a href='{html.escape(url)}' target='_blank' rel='noopener noreferrer'>{title}</a>"
    return (
        "<tr>"
        f"<td class='c-doc' data-label='Document' data-sort='{html.escape(doc.doc_id)}'>"
        f"<code>{_breakable(doc.doc_id)}</code></td>"
        f"<td class='c-title' data-label='Title' data-sort='{html.escape(doc.title)}'>{title}</td>"
        f"<td class='c-org' data-label='Organisation'>{html.escape(doc.organisation)}</td>"
        f"<td class='c-kind' data-label='Kind'>{html.escape(doc.kind)}</td>"
        f"{_date_cell(doc)}"
        f"<td class='c-chunks' data-label='Passages' data-sort='{doc.chunks}'>{doc.chunks}</td>"
        "</tr>"
    )


def documents_table_html(documents: list[DocumentInfo]) -> str:
    """A search box, the sortable table of indexed documents and what the Date column means."""
    if not documents:
        return "<p class='scoqa-empty'>No document is indexed yet.</p>"
    head = "".join(
        f"<th scope='col' class='c-{key}' aria-sort='none'><button type='button' data-col='{i}' "
        f"title='Sort by {label.lower()}'>{label}</button></th>"
        for i, (key, label) in enumerate(COLUMNS)
    )
    count = f"{len(documents)} document{'s' * (len(documents) != 1)}"
    return (
        "<div class='scoqa-doctools'><label for='doc-search'>Search</label>"
        "<input type='search' id='doc-search' placeholder='id, title, organisation, kind or date' "
        "autocomplete='off'>"
        f"<span id='doc-count' role='status' aria-live='polite'>{count}</span></div>"
        "<table class='scoqa-doctable'><caption>Indexed documents (sort with the column headers)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(_row(d) for d in documents)}</tbody></table>"
        f"<p class='scoqa-datenote'>{html.escape(DATE_NOTE)}</p>"
    )
