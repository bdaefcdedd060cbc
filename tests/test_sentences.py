"""Quotable sentence spans (app/answering/sentences.py), on texts written for this test."""

from __future__ import annotations

import pytest

from app.answering.sentences import (
    MAX_WORDS,
    in_table_line,
    is_caption,
    is_footnote,
    quotable_spans,
    sentence_spans,
    tidy,
)
from app.answering.wording import with_marker

pytestmark = pytest.mark.unit


def test_a_run_on_preamble_paragraph_is_cut_after_commas_into_quotable_pieces() -> None:
    # a resolution's preamble: one clause of well over MAX_WORDS words, no full stop, no line-initial capital
    clauses = [
        f"recalling the work of the harbour council on the {n} regional fisheries plan adopted by the members"
        for n in ("first", "second", "third", "fourth", "fifth", "sixth")
    ]
    text = (
        "Welcoming the practical contribution of the league, "
        + ", ".join(clauses)
        + ", and the ferry operation “Tern”."
    )
    spans = quotable_spans(text)
    assert len(spans) >= 2
    for start, end in spans:
        assert len(text[start:end].split()) <= MAX_WORDS
        assert text[start:end] in text  # verbatim slices
    quoted = " ".join(text[s:e] for s, e in spans)
    assert "ferry operation “Tern”" in quoted  # nothing the paragraph says is lost to the length limit
    assert " ".join(quoted.split()) == " ".join(text.split())


def test_an_over_long_run_on_is_cut_where_a_sentence_failed_to_start_with_a_capital() -> None:
    listed = ", ".join(f"the Port of Town{n} in {2001 + n}" for n in range(12))
    tail = "in 2019, its ferry office began work with Zenda, etc. and Varna."
    text = f"In 2000 the Harbour League admitted {listed}. {tail}"
    pieces = [text[s:e] for s, e in quotable_spans(text)]
    assert pieces[-1] == tail  # not cut after 'etc.'
    assert pieces[0].startswith("In 2000 the Harbour League admitted")  # the list keeps its subject


def test_a_short_sentence_is_kept_whole() -> None:
    text = "The league met in Bergen, Oslo and Tromsø in 2019. It admitted two ports."
    assert [text[s:e] for s, e in quotable_spans(text)] == [
        "The league met in Bergen, Oslo and Tromsø in 2019.",
        "It admitted two ports.",
    ]


def test_a_reference_abbreviated_in_lower_case_does_not_end_the_sentence() -> None:
    text = "A town may join as an associate (sec. 4, art.\n12) if the board agrees. He said no. Then he left."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "A town may join as an associate (sec. 4, art.\n12) if the board agrees.",
        "He said no.",
        "Then he left.",
    ]


def test_a_sentence_across_a_pdf_page_break_stays_one_sentence() -> None:
    text = (
        "The members are ready to support a settlement led by the people\n7\n\nof the island, within the "
        "framework of the contact group.\n\nThe next paragraph starts here.\n\n12\n\nA new page begins."
    )
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans[0].endswith("framework of the contact group.") and spans[0].startswith("The members")
    assert tidy(spans[0]) == (
        "The members are ready to support a settlement led by the people of the island, within the "
        "framework of the contact group."
    )
    assert "A new page begins." in spans  # a page number between whole sentences still separates them


def test_a_capitalised_word_broken_at_a_line_end_is_joined_again() -> None:
    joined = "became the current Secretary-General on 1 March."
    assert tidy("became the current Secretary-\nGeneral on 1 March.") == joined
    assert tidy("an anti-\nterrorist unit") == "an anti-terrorist unit"


def test_an_official_texts_title_block_is_a_line_of_its_own() -> None:
    text = (
        "JOINT COMMUNIQUE\n"
        "of the Second Meeting of Harbour Masters\n"
        "(Tallinn, 3 May 2031)\n"
        "On 3 May 2031 the harbour masters of the league met in Tallinn and agreed on new rules\n"
        "for pilots. They also adopted a work plan."
    )
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert tidy(spans[0]) == "JOINT COMMUNIQUE of the Second Meeting of Harbour Masters (Tallinn, 3 May 2031)"
    assert spans[1].startswith("On 3 May 2031") and spans[1].endswith("for pilots.")
    # running text wrapped in long lines, or short lines that end sentences, is no title
    prose = "The league met.\nIt agreed.\nOn 3 May 2031 the harbour masters of the league met in Tallinn and agreed."
    assert next(prose[s:e] for s, e in sentence_spans(prose)) == "The league met."


def test_a_photographs_caption_is_told_from_a_sentence_and_a_list_item() -> None:
    text = (
        "## The 2011 congress\n\n"
        "Delegates of the Harbour League at the congress in Zenda, 2011\n\n"
        "The congress met in Zenda on 3 May 2011 and adopted the ferry charter.\n\n"
        "- Ruritania: Rudolf Rassendyll, King\n\n"
        "The ports of the league\n"
    )
    spans = {text[s:e]: (s, e) for s, e in quotable_spans(text)}
    caption = spans["Delegates of the Harbour League at the congress in Zenda, 2011"]
    assert is_caption(text, *caption)
    assert not is_caption(text, *spans["The congress met in Zenda on 3 May 2011 and adopted the ferry charter."])
    assert not is_caption(text, *spans["- Ruritania: Rudolf Rassendyll, King"])
    assert is_caption(text, *spans["The ports of the league"])  # at the chunk's end, unclosed


def test_a_sentence_may_begin_with_markdown_emphasis() -> None:
    """A title in italics opens a sentence ('_The Harbour Times_ reported ...'): it is a sentence of its
    own, not the end of the one before."""
    text = 'The league called them "ferry pirates". _The Harbour Times_ reported 60 seizures in 2031.'
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        'The league called them "ferry pirates".',
        "_The Harbour Times_ reported 60 seizures in 2031.",
    ]
    assert tidy(text[text.index("_The") :]) == "The Harbour Times reported 60 seizures in 2031."  # read without marks
    assert tidy("the ferry_port_code applies") == "the ferry_port_code applies"


def test_a_pdf_footnote_block_is_not_read_with_the_paragraph_above_it() -> None:
    """A resolution's footnotes ('3 S/PRST/2031/1; see ...') sit under a rule of underscores, after a
    paragraph that ends with a comma: the paragraph is quoted alone, the footnotes are not quotable."""
    text = (
        "Noting the efforts of the Harbour League through its patrol “Lantern”, aimed at reducing\n"
        "smuggling in the ports,\n"
        "_______________\n"
        "3 S/PRST/2031/1; see Decisions of the Council, 1 August 2030–31 July\n"
        "2031 (S/INF/90).\n"
        "4 See Official Records of the Council, 2031, Supplement No. 8.\n"
    )
    spans = [text[s:e] for s, e in quotable_spans(text)]
    assert spans[0].endswith("smuggling in the ports,")
    footnotes = [s for s in spans if s[:1].isdigit()]
    assert footnotes and all(is_footnote(s) for s in footnotes)
    assert not is_footnote(spans[0]) and not is_footnote("12 ports signed the accord in 2031.")


def test_a_section_break_line_ends_the_sentence_before_it() -> None:
    """'***' or '---' on a line of its own between paragraphs: the next paragraph is a sentence of its own,
    even though no capital letter follows the full stop directly."""
    for rule in ("***", "---", "* * *"):
        text = f"The ports pooled their tugs.\n{rule}\nAs a trusted partner in the region, the league will act."
        spans = [text[s:e] for s, e in sentence_spans(text)]
        assert "As a trusted partner in the region, the league will act." in spans


def test_a_quote_cut_after_a_comma_keeps_its_marker_inside() -> None:
    assert (
        with_marker("aimed at reducing smuggling in the ports,", 2) == "aimed at reducing smuggling in the ports [2],"
    )
    assert with_marker("The league met in Varna.", 1) == "The league met in Varna [1]."


def test_a_closing_quote_mark_ends_the_sentence_it_closes() -> None:
    text = 'Observers called the vote "free and fair." The union found it flawed. The league (a body) met (twice.) Then'
    spans = [text[s:e] for s, e in quotable_spans(text)]
    assert spans[:3] == [
        'Observers called the vote "free and fair."',
        "The union found it flawed.",
        "The league (a body) met (twice.)",
    ]


def test_an_editorial_citation_needed_note_is_not_quoted() -> None:
    assert tidy("The union found it flawed.[_citation\nneeded_]") == "The union found it flawed."
    assert tidy("The union found it flawed [citation needed] in 2031.") == "The union found it flawed in 2031."


def test_a_table_row_read_without_its_header_is_told_from_prose() -> None:
    """A chunk that starts inside a table has rows with no header: 'Varna | 2 May 2031 | Founding
    port. Signatory of the ferry accord.' says neither what its cells are nor whose note it is."""
    text = "The ports met in Zenda.\nVarna | 2 May 2031 | 4 June 2032 | Founding port. Signatory of the ferry accord.\n"
    note = text.index("Signatory")
    assert in_table_line(text, note) and in_table_line(text, text.index("Varna"))
    assert not in_table_line(text, 0)
    assert not in_table_line("Ports (Varna | Zenda) met in 2031.", 0)  # one bar is no table


def test_a_numbered_paragraph_keeps_its_number_and_not_the_next_one_nor_the_page_footer() -> None:
    text = (
        "Noting the wish of both councils,\n"
        "6. Invites closer work among the ports of the league in areas of mutual\ninterest;\n"
        "7. Encourages both councils to examine ways to\nstrengthen their pilotage;\n"
        "8. Requests the Secretary to report on the present resolution;\n31-04417 3/4\n\n"
        "Harbour pilotage\n9. Decides to include the item."
    )
    shown = [tidy(text[s:e]) for s, e in sentence_spans(text)]
    assert "Invites closer work among the ports of the league in areas of mutual interest;" in shown
    assert "Encourages both councils to examine ways to strengthen their pilotage;" in shown
    assert "Requests the Secretary to report on the present resolution;" in shown
    assert not any("3/4" in s for s in shown)
