"""What the page renders, without a browser: clean passages with exact highlights, date meanings,
the status line's account of filters, the documents table (issues #12 item 8 and #15)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from app.answering.models import Answer, Citation, Filters
from app.web.catalog import DocumentInfo, covers_a_period, date_label
from app.web.documents_tab import public_text
from app.web.documents_table import documents_table_html
from app.web.filter_bar import answer_status, chip_label, describe_filters, inferred_filters, widget_filters
from app.web.passage_text import NOTICE, clean_blocks, clean_text, passage_html
from app.web.render import answer_fold, answer_markdown, link_markers, sources_html
from app.web.trends_view import filters_for
from ingest.settings import Settings
from tests.conftest import DOCUMENTS

pytestmark = pytest.mark.unit

RAW = (
    "*This is a briefing written for the SCO/CSTO Security Q&A product. Check the facts against the sources.*\n\n"
    "# The Harbour Pact\n\n"
    "## Signature\n\n"
    "The **Harbour Pact** was signed in Varna\non 3 May 2031 by `four` ministers. It set up a [joint desk](https://x.org).\n\n"
    "- Members meet twice a year.\n"
    "- The desk_id field stays as written.\n"
    "  It continues on a second line.\n\n"
    "---\n"
    "> A quoted remark closes the section."
)


def marked(html_text: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", html_text)]


def test_clean_text_drops_markup_and_the_notice_and_keeps_every_character_traceable() -> None:
    text = clean_text(RAW)
    assert "briefing written for" not in text and "#" not in text and "**" not in text and "`" not in text
    assert "- Members" not in text and "Members meet twice a year." in text
    assert "joint desk" in text and "https://x.org" not in text and "---" not in text
    assert "desk_id" in text  # snake_case is not emphasis
    assert "signed in Varna on 3 May 2031" in text  # a soft line break reads as a space
    for block in clean_blocks(RAW):
        for char, origin in zip(block.text, block.origin, strict=True):
            assert RAW[origin] == char or (char == " " and RAW[origin] == "\n")
    kinds = [b.kind for b in clean_blocks(RAW)]
    assert kinds == ["h", "h", "p", "li", "li", "p"]


def test_the_highlight_is_exactly_the_quoted_slice() -> None:
    quote = "It set up a [joint desk](https://x.org)."  # a quote carrying markup: only its text is marked
    plain = "Members meet twice a year."
    body = passage_html(RAW, [plain, quote])
    assert marked(body) == ["It set up a joint desk.", plain]  # in passage order, the link markup left out
    across = "in Varna\non 3 May"  # a quote over a line break
    assert "".join(marked(passage_html(RAW, [across]))) == "in Varna on 3 May"
    assert marked(passage_html(RAW, ["not in the passage"])) == []


@pytest.mark.parametrize("name", sorted(p.name for p in DOCUMENTS.glob("*.md") if p.name != "README.md"))
def test_every_sentence_of_the_shipped_briefings_highlights_exactly(name: str) -> None:
    raw = (DOCUMENTS / name).read_text(encoding="utf-8").split("---\n", 2)[2]
    text = clean_text(raw)
    assert "briefing written for" not in text.lower() and not re.search(r"^#", text, re.M)
    body = "\n".join(line for line in raw.split("\n") if not NOTICE.match(line))  # the notice is left out
    for sentence in re.findall(r"[A-Z][^.\n]{20,200}\.", body)[:40]:
        if any(mark in sentence for mark in "*_`[#"):
            continue
        assert "".join(marked(passage_html(raw, [sentence]))) == sentence


def test_document_text_stays_text_in_cards_and_folds() -> None:
    raw = "## <img src=x onerror=alert(1)>\n\nThe <b>pact</b> & its <script>alert(1)</script> annex."
    body = passage_html(raw, ["The <b>pact</b>"])
    assert "<img" not in body and "<script" not in body and "<b>" not in body
    assert marked(body) == ["The <b>pact</b>"]


def citation(n: int, doc_id: str, quote: str, passage: str, **extra: str) -> Citation:
    return Citation(
        n, doc_id, extra.pop("title", "The Harbour Pact"), f"{doc_id}#1", quote, 0.9, passage=passage, **extra
    )


def test_cards_label_the_date_by_what_it_means() -> None:
    quote = "Members meet twice a year."
    brief = citation(1, "pact.md", quote, RAW, kind="briefing", date="2031-05-03", organisation="SCO")
    decl = citation(2, "decl.pdf", quote, RAW, kind="declaration", date="2031-06-01", organisation="SCO")
    answer = Answer("q", f"{quote} [1] [2]", False, [brief, decl])
    panel = sources_html([answer], {"pact.md": "2031-2040"})
    assert "Covers 2031-2040" in panel and "Dated 2031-06-01" in panel
    assert "Covers from 1992" in date_label("briefing", "1992") and date_label("treaty", "") == ""
    assert covers_a_period("treaty", "2001-2005") and not covers_a_period("statement", "")


def test_markers_are_titled_links_and_the_fold_is_one_block_with_its_own_ids() -> None:
    quote = "Members meet twice a year."
    answer = Answer("q", f"{quote} [1].", False, [citation(1, "pact.md", quote, RAW, title='A "quoted" (title)')])
    assert link_markers(answer.answer, 3, {1: 'A "quoted" (title)'}).endswith(
        '[[1]](#src-3-1 "Source 1: A quoted title").'
    )
    fold = answer_fold(answer, 3)
    assert fold.startswith("\n\n<details class='scoqa-fold'>") and "\n" not in fold.strip()
    assert "id='fold-3-1'" in fold and "id='src-3-1'" not in fold and "<mark>" in fold


def test_the_bubble_states_the_outcome_and_what_is_missing() -> None:
    quote = "Members meet twice a year."
    partial = Answer(
        "How often do members meet, and who chairs?",
        f"The documents say: {quote} [1], but not who chairs.",
        False,
        [citation(1, "pact.md", quote, RAW)],
        outcome="partial",
        missing=["who chairs"],
    )
    assert "**Outcome:** partly answered" in answer_markdown(partial, 1)
    assert "but not who chairs" in answer_markdown(partial, 1)
    refused = Answer("Who chairs?", "The indexed documents do not answer this question.", True, outcome="not_answered")
    assert "**Outcome:** not answered by the indexed documents" in answer_markdown(refused, 2)
    answered = Answer("How often?", f"{quote} [1].", False, [citation(1, "pact.md", quote, RAW)])
    assert "**Outcome:** answered" in answer_markdown(answered, 3)


def test_inferred_filters_are_told_apart_from_the_visitors() -> None:
    asked = widget_filters("any", "briefing", " ", "", None)
    assert asked.to_dict() == {"kind": "briefing"}  # blank years mean no bound
    applied = {"organisation": "CSTO", "kind": "briefing"}
    inferred = inferred_filters(applied, asked)
    assert inferred == {"organisation": "CSTO"}
    assert describe_filters(applied, inferred) == "organisation CSTO (inferred from the question), kind briefing"
    assert describe_filters({}) == "every indexed document"
    assert describe_filters({"year_to": 2010, "doc_ids": ["a.md", "b.md"]}) == "up to 2010, 2 chosen documents"
    assert chip_label(inferred) == "✕ organisation CSTO (inferred)"
    answer = Answer("q", "x [1].", False, filters=applied, timings_ms={"total_ms": 12.3})
    status = answer_status(answer, 2, asked)
    assert status.startswith("Answer 2 ready · 0 sources · 12 ms · searched organisation CSTO (inferred")
    assert inferred_filters(applied, Filters(organisation="CSTO", kind="briefing")) == {}
    with pytest.raises(ValueError, match="year_from"):
        widget_filters("any", "any", "19x", "", [])


def test_documents_table_escapes_sorts_by_data_and_says_what_dates_mean() -> None:
    docs = [
        DocumentInfo("uploads/a_b.md", "<i>T</i>", "SCO", "briefing", "2002-06-07", "2002-2024", "javascript:x", 8),
        DocumentInfo("decl.pdf", "Declaration", "CSTO", "declaration", "2010-01-01", "", "https://e.org/d", 12),
    ]
    table = documents_table_html(docs)
    assert "<i>T</i>" not in table and "javascript:" not in table and "href='https://e.org/d'" in table
    assert "covers 2002-2024" in table and "date of the document" in table
    assert "data-sort='12'" in table and "uploads/<wbr>a_<wbr>b.<wbr>md" in table
    assert table.count("<th scope='col'") == 6 and "2 documents" in table
    assert documents_table_html([]).startswith("<p")


def test_messages_for_the_page_name_folders_not_server_paths(tmp_path: Path) -> None:
    settings = Settings(docs_dir=tmp_path / "corpus", index_dir=tmp_path / "idx")
    message = f"cannot open {tmp_path}/idx/chroma.sqlite3 or {tmp_path}/corpus/x.md"
    assert public_text(message, settings) == "cannot open idx/chroma.sqlite3 or corpus/x.md"


def test_trends_year_fields_read_blank_as_no_bound_and_refuse_bad_years() -> None:
    assert filters_for("any", "any", "", " ").to_dict() == {}
    assert filters_for("SCO", "declaration", "2018", "").to_dict() == {
        "organisation": "SCO",
        "kind": "declaration",
        "year_from": 2018,
    }
    with pytest.raises(ValueError, match="year"):
        filters_for("any", "any", "20x8", "")


def test_a_table_row_card_shows_the_caption_and_column_names_it_is_read_with() -> None:
    row = "2004–2006 |  Per Lund"
    lead = "### Officers\n\nChairs of the council  Years in office | Name\n---|---\n"
    cited = citation(1, "pact.md", row, row, lead=lead)
    panel = sources_html([Answer("Who chaired the council in 2005?", "Chairs ... [1].", False, [cited])])
    assert "<p class='scoqa-lead'>Officers · Chairs of the council Years in office | Name</p>" in panel
    assert marked(panel) == [row] and "---" not in panel  # the row highlighted, the rule line left out
    prose = sources_html([Answer("q", "Members meet twice a year. [1]", False, [citation(1, "p.md", "x", RAW)])])
    assert "scoqa-lead" not in prose
