"""A lead sentence that cannot stand alone is quoted with its neighbour (app/answering/leads.py).

The passages and questions are written for this test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.answering.leads import complete, continuation
from app.answering.models import Passage
from app.answering.selection import Sentence
from app.answering.sentences import quotable_spans
from app.answering.shaping import Lexicon

pytestmark = pytest.mark.unit

TEXT = (
    "The ferry line between the two ports closed in 2019. "
    "This decision surprised the harbour towns. "
    "The closure of the ferry line was the clearest sign of the dispute. "
    "Passengers moved to the new bridge after both ports had raised their fees by half.\n\n"
    "## Later years\n\n"
    "A new operator applied for a licence in 2022."
)


@dataclass
class Cand:
    passage_index: int
    start: int
    end: int


def sentences(text: str = TEXT) -> tuple[list[Sentence], list[Passage]]:
    passage = Passage(chunk_id="c1", doc_id="d1", title="Ferry", text=text, score=1.0)
    out = []
    for start, end in quotable_spans(text):
        quote = text[start:end].strip()
        if quote.startswith("#"):
            continue  # the composer never quotes a heading
        out.append(Sentence(len(out), quote, set(Lexicon.stem(quote)), set(), None, 0.5, Cand(0, start, end)))
    return out, [passage]


def lead_of(found: list[Sentence], opening: str) -> Sentence:
    return next(s for s in found if s.text.startswith(opening))


def test_a_lead_that_echoes_a_why_question_is_followed_by_the_sentence_that_explains() -> None:
    found, passages = sentences()
    lead = lead_of(found, "The closure")
    asked = set(Lexicon.stem("Why was the closure of the ferry line a sign of the dispute?"))
    whole = complete(lead, "reason", 0.5, asked, found, passages, echo_below=0.5)
    assert [s.text[:12] for s in whole] == ["The closure ", "Passengers m"]


def test_a_lead_that_points_back_brings_the_sentence_it_refers_to_first() -> None:
    found, passages = sentences()
    lead = lead_of(found, "This decision")
    asked = set(Lexicon.stem("How did the harbour towns react?"))
    whole = complete(lead, "process", 1.0, asked, found, passages, echo_below=0.5)
    assert [s.text[:12] for s in whole] == ["The ferry li", "This decisio"]


def test_a_fact_the_lead_carries_needs_no_neighbour_and_a_heading_stops_the_search() -> None:
    found, passages = sentences()
    dated = lead_of(found, "The ferry line")
    asked = set(Lexicon.stem("When did the ferry line between the two ports close?"))
    assert complete(dated, "date", 1.0, asked, found, passages, echo_below=0.5) == [dated]
    last = lead_of(found, "Passengers")  # the next quotable sentence sits under a heading: not adjacent
    echo = set(Lexicon.stem("Did passengers move to the new bridge after both ports had raised their fees by half?"))
    assert complete(last, "other", 0.5, echo, found, passages, echo_below=0.5) == [last]


def test_a_definition_goes_on_in_the_sentences_that_refer_back_to_its_subject() -> None:
    text = (
        "The Harbour Compact is the ports' joint statement of their duties. "
        "In Norwegian it is called the Havnepakt. "
        "It is defined as shared pilots, shared fees and one tide table. "
        "The ferry line closed in 2019."
    )
    found, passages = sentences(text)
    lead = lead_of(found, "The Harbour Compact")
    more = continuation(lead, found, passages, room=3)
    assert [s.text[:12] for s in more] == ["In Norwegian", "It is define"]  # not the next topic
    assert continuation(lead, found, passages, room=1) == more[:1]
