"""Pipe tables read row by row (ingest/tables.py), on tables written for this test."""

from __future__ import annotations

import pytest

from ingest.tables import bullet_lists, continues_table, has_table_header, table_lists, table_rows

pytestmark = pytest.mark.unit


CONVERTED_TABLES = """The league's officers are listed below.

Chairs of the Harbour League council  Years in office | Name
---|---
**Acting chair**
2001 – 2003 |  Ida Berg
**Elected chairs**
2004–2006 |  Per Lund
2007–present |  Sara Holm
Member port | Region | Joined
the league |
---|---|---
Tromsø | North | 12 May 1999
"""


def test_a_table_row_is_read_with_its_caption_header_and_sub_caption() -> None:
    rows = table_rows(CONVERTED_TABLES)
    assert [CONVERTED_TABLES[r.start : r.end] for r in rows] == [
        "2001 – 2003 |  Ida Berg",
        "2004–2006 |  Per Lund",
        "2007–present |  Sara Holm",
        "Tromsø | North | 12 May 1999",
    ]  # exact slices, so a quote stays verbatim
    assert (
        rows[0].reading
        == "Chairs of the Harbour League council (Acting chair): Years in office 2001 – 2003; Name Ida Berg."
    )
    assert (
        rows[1].reading
        == "Chairs of the Harbour League council (Elected chairs): Years in office 2004–2006; Name Per Lund."
    )
    # a header wrapped over two lines is read whole; the next table's header ends the one before
    assert rows[3].reading == "Member port Tromsø; Region North; Joined the league 12 May 1999."


def test_a_markdown_table_is_read_and_a_table_without_its_header_is_not() -> None:
    markdown = "| Port | Joined |\n|---|:---:|\n| Bergen | 2004 |\n| Oslo | 2010 |\n\nThe list ends here."
    assert [r.reading for r in table_rows(markdown)] == ["Port Bergen; Joined 2004.", "Port Oslo; Joined 2010."]
    mid_table = "2004–2006 |  Per Lund\n2007–present |  Sara Holm\n\nThe council meets yearly."
    assert table_rows(mid_table) == []  # a passage that starts mid-table: its rows cannot be read
    # more cells than the table has columns: a header of two levels, which one line cannot tell apart,
    # so no cell is read under a name that may belong to another column; a row of figures names nothing
    levels = "Port | Tonnage\n---|---\n2010 | 2020\nBergen | 1,200 | 1,450\n| 3,100 | 3,300 |"
    assert [r.reading for r in table_rows(levels)] == ["Bergen | 1,200 | 1,450."]
    unnamed = "Port | Joined |\n---|---|---\nBergen | 2004 | founding member"
    assert [r.reading for r in table_rows(unnamed)] == ["Port Bergen; Joined 2004; founding member."]


def test_a_table_under_a_heading_takes_it_as_caption_and_keeps_rows_of_merged_cells() -> None:
    text = (
        "### Partner ports\n\nThe status was created in 1998.\n\n"
        "Port | Approved | Granted\n---|---|---\n"
        "Bergen | 3 May 2001 | 9 June 2002\nOslo\nTromsø | 4 May 2005 | 1 June 2006\n"
        "  \n**Former partners**\nRiga | 2 May 1999 | 8 June 2000\n\nThe council reviews the list each year."
    )
    assert [r.reading for r in table_rows(text)] == [
        "Partner ports: Port Bergen; Approved 3 May 2001; Granted 9 June 2002.",
        "Partner ports: Port Oslo.",  # its other cells are merged with the row above
        "Partner ports: Port Tromsø; Approved 4 May 2005; Granted 1 June 2006.",
        "Partner ports (Former partners): Port Riga; Approved 2 May 1999; Granted 8 June 2000.",
    ]


def test_the_rows_under_one_caption_read_as_the_list_they_are() -> None:
    text = (
        "### Partner ports\n\nPort | Approved | Granted\n---|---|---\n"
        "Bergen | 3 May 2001 | 9 June 2002\nOslo\nTromsø | 4 May 2005 | 1 June 2006\n"
        "**Former partners**\nRiga | 2 May 1999 | 8 June 2000\nTallinn | 2 May 1999 | 8 June 2000\n\n"
        "Chairs  Years | Name\n---|---\n2001–2003 | Ida Berg\n2004–2006 | Per Lund\n\nThe council meets yearly."
    )
    lists = table_lists(table_rows(text), text)
    assert [r.reading for r in lists] == [
        "Partner ports: Bergen, Oslo and Tromsø.",
        "Partner ports (Former partners): Riga and Tallinn.",
        "Chairs: Ida Berg and Per Lund.",  # the column of names, not of years
    ]
    assert (
        text[lists[0].start : lists[0].end]
        == "Bergen | 3 May 2001 | 9 June 2002\nOslo\nTromsø | 4 May 2005 | 1 June 2006"
    )
    assert [r.rows for r in lists] == [3, 2, 2]
    cut = text[: text.index("2004–2006")]  # a passage that ends inside the chairs' table
    assert [r.reading for r in table_lists(table_rows(cut), cut)][
        -1
    ] == "Partner ports (Former partners): Riga and Tallinn."


def test_a_passage_that_starts_mid_table_is_read_with_the_header_before_it() -> None:
    header = "Chairs of the council  Years | Name\n---|---\n"
    document = header + "2001–2003 | Ida Berg\n2004–2006 | Per Lund\n2007–2009 | Sara Holm"
    passage_start = document.index("2004–2006")
    lead_in, passage = document[:passage_start], document[passage_start:]
    assert continues_table(passage) and not continues_table(document)
    assert table_rows(passage) == []  # alone, its rows cannot be read
    rows = table_rows(passage, lead_in)
    assert [passage[r.start : r.end] for r in rows] == ["2004–2006 | Per Lund", "2007–2009 | Sara Holm"]
    assert rows[0].reading == "Chairs of the council: Years 2004–2006; Name Per Lund."
    assert rows[0].above == "2001–2003 Ida Berg"  # the row before the passage still says who came before
    assert table_lists(rows, passage + "\n\nThe end.") == []  # only part of the table: not its whole list


def test_a_row_read_after_its_lead_alone_reads_as_in_the_whole_table() -> None:
    # ingest/chunking.py indexes each row alone and the engine reads it after its lead: the same reading
    text = (
        "# League\n\n### Officers\n\n"
        + CONVERTED_TABLES
        + "\n### Ports\n\nThe ports that joined first.\n\n| Port | Joined |\n|---|---|\n| Bergen | 2004 |\n"
    )
    rows = table_rows(text)
    assert len(rows) == 5
    for row in rows:
        assert [r.reading for r in table_rows(row.lead + text[row.start : row.end])] == [row.reading]
    assert rows[1].reading.startswith("Chairs of the Harbour League council (Elected chairs): ")  # the sub-caption
    assert rows[3].reading.startswith("Officers: Member port Tromsø;")  # a wrapped header under a heading
    assert rows[4].reading == "Ports: Port Bergen; Joined 2004."  # the heading above, with prose between


def test_a_header_whose_first_line_a_chunk_boundary_cut_is_not_whole() -> None:
    # the engine reads the chunks before such a passage for the rest of the header's first line
    header = "Chairs of the Harbour League council  Years in office | Name\n---|---\n2004–2006 |  Per Lund"
    assert has_table_header(header) and not has_table_header(header, whole=True)  # its first line may be cut
    assert has_table_header("The officers.\n" + header, whole=True)
    assert not has_table_header("2004–2006 |  Per Lund\n2007–present |  Sara Holm")


def test_short_list_items_read_as_the_list_their_lead_line_says_they_are() -> None:
    text = (
        "## Membership\n\nObserver ports (3)\n\n  * Bergen\n  * Tromsø (since 2004)\n  * Narvik\n\n"
        "As of 2031 the council consists of:\n\n- Ida Berg (Norway)\n- Per Lund (Sweden)\n\nThe end."
    )
    lists = bullet_lists(text)
    assert [r.reading for r in lists] == [
        "Observer ports (3): Bergen, Tromsø (since 2004) and Narvik.",
        "As of 2031 the council consists of: Ida Berg (Norway) and Per Lund (Sweden).",
    ]
    assert text[lists[0].start : lists[0].end] == "* Bergen\n  * Tromsø (since 2004)\n  * Narvik"
    assert lists[0].rows == 3 and lists[0].title == "Observer ports (3)"


def test_items_that_are_sentences_or_a_cut_list_are_not_read_as_a_list() -> None:
    entries = "\n".join(
        f"- {year}, Bergen: the council met and adopted a long programme of joint port inspections and drills."
        for year in (2001, 2002)
    )
    assert bullet_lists(f"Chronology:\n\n{entries}\n\nThe end.") == []  # a chronology's entries are sentences
    assert bullet_lists("Observer ports:\n\n  * Bergen\n  * Narvik") == []  # may go on in the next passage
    assert bullet_lists("  * Bergen\n  * Narvik\n\nThe end.") == []  # no line says what they are
    assert bullet_lists("See also\n\n  * v\n  * t\n  * e\n\nThe end.") == []  # a navigation box


def test_a_table_that_opens_a_passage_is_read_under_its_sections_heading() -> None:
    """The heading '### Observer states' fell into the chunk before; the passage's section still names
    the table, so its rows read as the observer states and their offsets stay in the passage."""
    from app.answering.composer import under_section
    from app.answering.models import Passage

    text = "State | Status granted\n---|---\nNorway | 2004\nChile | 7 June 2012\n\nThey take part in summits.\n"
    passage = Passage(chunk_id="c", doc_id="d", title="SCO", text=text, score=1.0, section="Observer states")
    rows = table_rows(passage.text, under_section(passage))
    rows += table_lists(rows, passage.text)
    assert rows[0].reading == "Observer states: State Norway; Status granted 2004."
    assert text[rows[0].start : rows[0].end] == "Norway | 2004"
    assert any(r.reading.startswith("Observer states: Norway and Chile") for r in rows)
    # a passage that starts with its own heading is read under that one
    headed = Passage(chunk_id="c", doc_id="d", title="SCO", text=f"### Partners\n\n{text}", score=1.0, section="X")
    assert under_section(headed) == ""
