"""A lead sentence that cannot stand alone is quoted with its neighbour (app/answering/leads.py).

The passages and questions are written for this test."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pytest

from app.answering.analysis import analyse
from app.answering.facts import analyse_sentence
from app.answering.leads import (
    complete,
    continuation,
    enumeration,
    items_announced,
    rest_of_sentence,
    with_qualifications,
)
from app.answering.models import Passage
from app.answering.selection import Choice, SelectionConfig, Selector, Sentence
from app.answering.sentences import quotable_spans
from app.answering.shaping import (
    Lexicon,
    announced_list,
    as_quoted,
    cite,
    context_note,
    elaboration,
    of_first_answer,
    pronoun_stands_for_asked,
    supporting,
    told_next,
)

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
    vector: Any = None


def sentences(text: str = TEXT) -> tuple[list[Sentence], list[Passage]]:
    passage = Passage(chunk_id="c1", doc_id="d1", title="Ferry", text=text, score=1.0)
    out = []
    for start, end in quotable_spans(text):
        quote = text[start:end].strip()
        if quote.startswith("#"):
            continue  # the composer never quotes a heading
        out.append(Sentence(len(out), quote, set(Lexicon.stem(quote)), set(), None, 0.5, Cand(0, start, end)))
    return out, [passage]


def selector() -> Selector:
    config = SelectionConfig(0.4, 6, 0.5, 900, 0.34, 0.5)
    return Selector(config, Lexicon.stem, lambda term: 1.0 + math.log1p(len(term)))


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


def quoted(text: str, opening: str, question: str, answer_type: str, carried: float = 1.0) -> list[str]:
    """The openings of the quotes `complete` gives for the lead that starts with `opening`."""
    found, passages = sentences(text)
    asked = set(Lexicon.stem(question))
    whole = complete(lead_of(found, opening), answer_type, carried, asked, found, passages, echo_below=0.1)
    return [s.text[:12] for s in whole]


def test_a_lead_that_opens_with_in_this_connection_brings_the_sentence_before() -> None:
    """'In this connection, they adopted the ferry code': why they did is said in the sentence before."""
    why = "Why did the ministers adopt the ferry code?"
    before = "The ministers saw that smuggling on the ferries had doubled."
    connected = f"{before} In this connection, they adopted the ferry code."
    assert quoted(connected, "In this", why, "reason") == ["The minister", "In this conn"]
    assert quoted(f"{before} In May, they adopted the ferry code.", "In May", why, "reason") == ["In May, they"]


def test_a_fact_placed_by_the_sentence_before_follows_it() -> None:
    """'At the same meeting, X proposed ...' and 'Two days later, ...' say which meeting or later than
    what in the sentence before, which is quoted first."""
    who = "Who proposed a joint toll?"
    for opener in ("At the same meeting", "Two days later", "The following year"):
        text = f"The ferry ministers met in Varna in May 2031. {opener}, Ida Berg proposed a joint toll."
        assert quoted(text, opener[:6], who, "person") == ["The ferry mi", opener[:12]]
    text = "The ferry ministers met in Varna in May 2031. At the end, Ida Berg proposed a joint toll."
    assert quoted(text, "At the end", who, "person") == ["At the end, "]


def test_a_fact_said_of_it_follows_the_sentence_that_names_it() -> None:
    """'It meets in Varna' answers where the board sits, and is read after the sentence it stands for."""
    text = "The Ferry Board plans the joint patrols of the ports. It meets in Varna twice a year."
    found, passages = sentences(text)
    lead = replace(lead_of(found, "It meets"), antecedent=found[0].text)
    found[1] = lead
    asked = set(Lexicon.stem("Where does the Ferry Board meet?"))
    whole = complete(lead, "place", 1.0, asked, found, passages, echo_below=0.5, stands_for_asked=True)
    assert [s.text[:12] for s in whole] == ["The Ferry Bo", "It meets in "]
    # 'He was followed by X' names the one asked: it leads, though 'he' stands for someone else
    assert complete(lead, "place", 1.0, asked, found, passages, echo_below=0.5) == [lead]
    part = analyse("Where does the Ferry Board meet?").parts[0]
    chosen = Choice(part, lead, ["Ferry Board"], 0.9, 1.0, 1.0)
    assert pronoun_stands_for_asked(chosen)
    other = replace(lead, antecedent="Per Lund of Sweden chaired the board until 2030.")
    assert not pronoun_stands_for_asked(Choice(part, other, ["Ferry Board"], 0.9, 1.0, 1.0))


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


def test_the_sentence_after_an_answer_that_carries_the_same_kind_of_answer_is_quoted_next() -> None:
    text = (
        "The relief convoy to the islands numbered about 40 trucks. "
        "The harbour master first spoke of 55 trucks, while later port figures gave 38 trucks. "
        "The convoy left from the northern pier."
    )
    found, passages = sentences(text)
    for n, s in enumerate(found):  # facts and context (the neighbouring sentences) as build_sentences gives them
        s.facts = analyse_sentence(s.text, lambda word: False)
        s.context_terms = set().union(*(o.terms for o in found[max(n - 1, 0) : n + 2] if o is not s)) - s.terms
    pick = selector()
    part = analyse("How many trucks were in the relief convoy to the islands?").parts[0]
    first, figures, pier = found
    assert pick.judge(part, pier) is None  # the last sentence counts no trucks
    assert pick.judge(part, figures) is not None  # the figures answer the question too (context names the convoy)
    assert elaboration([Choice(part, first)], [first], found, passages, pick, room=2) == [figures]
    assert elaboration([Choice(part, first)], [first], found, passages, pick, room=0) == []
    # the sentence after that carries no number of trucks: nothing more to quote
    assert elaboration([Choice(part, figures)], [figures], found, passages, pick, room=2) == []


def scored(text: str, scores: tuple[float, ...]) -> list[Sentence]:
    """The text's sentences with their facts, these scores and one distinct unit vector each."""
    found, _ = sentences(text)
    for n, (s, score) in enumerate(zip(found, scores, strict=True)):
        s.facts = analyse_sentence(s.text, lambda word: False)
        s.score = score
        s.candidate = Cand(0, s.candidate.start, s.candidate.end, np.eye(len(scores), dtype=np.float32)[n])
    return found


def test_a_supporting_quote_that_carries_the_kind_of_answer_asked_comes_before_a_merely_similar_one() -> None:
    text = (
        "The ferry line between the two ports closed in 2019. "
        "The closure of the ferry line was the clearest sign of the dispute. "
        "The ferry line had closed once before, in 1998, for a whole winter."
    )
    found = scored(text, (0.8, 0.6, 0.45))
    pick = selector()
    part = analyse("When did the ferry line close?").parts[0]
    lead, similar, dated = found
    choice = Choice(part, lead, strength=1.0, share=1.0, carried=1.0)
    # the dated sentence scores below the usual floor (0.65 of the lead's) but states a date of a closing
    assert supporting([choice], [lead], found, pick, room=1, duplicate=0.92) == [dated]
    assert supporting([choice], [lead], found, pick, room=2, duplicate=0.92) == [similar, dated]  # document order


def test_a_why_lead_that_gives_no_cause_is_followed_by_a_cause_from_another_passage() -> None:
    text = (
        "The ferry league did not send a patrol when the strait flooded in 2019. "
        "The flood closed the strait's harbours for a week. "
        "The league's charter has no mechanism for sending patrols into a member's own waters."
    )
    found = scored(text, (0.8, 0.6, 0.4))
    lead, _, grounds = found
    grounds.candidate = Cand(1, grounds.candidate.start, grounds.candidate.end)  # another passage, not embedded
    grounds.context_terms = set(Lexicon.stem("## The 2019 flood"))  # its section says the year
    pick = selector()
    part = analyse("Why did the ferry league not send a patrol during the 2019 flood?").parts[0]
    assert pick.answers_in_kind(part, grounds)  # what stood in the way answers 'why not'
    assert not pick.answers_in_kind(part, lead)  # saying it did not happen does not
    uncaused = Choice(part, lead, strength=1.0, share=1.0, carried=0.5)
    assert supporting([uncaused], [lead], found, pick, room=1, duplicate=0.92) == [grounds]
    # a lead that states its cause keeps its support in its own passage
    caused = Choice(part, lead, strength=1.0, share=1.0, carried=1.0)
    assert grounds not in supporting([caused], [lead], found, pick, room=2, duplicate=0.92)


def test_a_lead_cut_at_a_comma_from_a_long_sentence_goes_on_in_the_rest_of_it_and_stops_at_the_next_clause() -> None:
    text = (
        "Recalling the decisions of the harbour council taken at its spring and autumn sessions in the years\n"
        "before, as well as the report of the pilots of the northern ports on the state of the channels, and\n"
        "stressing in particular the great practical value of the joint river patrol of the Harbour League\n"
        "“Tidewatch”, conducted under the harbour safety plan of the member ports for the period 2020–2024,\n"
        "to stop the smuggling of untaxed fuel and tobacco into the estuary ports of the northern coast and\n"
        "to counter the crews of the smuggling boats and their owners,\n"
        "Noting the efforts of the League through its patrol “Lantern”, aimed at fewer groundings,\n"
    )
    found, passages = sentences(text)
    lead = next(s for s in found if "Tidewatch" in s.text)
    more = continuation(lead, found, passages, room=3)
    assert [s.text.split()[0] for s in more] == ["conducted"]  # the rest of the sentence, not the next clause
    assert more[0].text.endswith("their owners,")


def test_a_list_given_one_item_a_sentence_after_its_announcement_is_quoted_whole() -> None:
    text = (
        "The Harbour League runs its ports through three councils of its own. "
        "First, a pilots' council sets the fees for the channels. "
        "Second, a wardens' council keeps the quays and the locks. "
        "Third, a council of masters settles disputes between crews. "
        "The league also runs a ferry to the islands."
    )
    found, passages = sentences(text)
    for s, score in zip(found, (0.8, 0.5, 0.45, 0.45, 0.6), strict=True):
        s.facts = analyse_sentence(s.text, lambda word: False)
        s.score = score
    announced, first, second, third, ferry = found
    assert enumeration(announced, found, passages) == [first, second, third]
    assert enumeration(second, found, passages) == []  # one ordinal after it is no list
    part = analyse("Which councils does the Harbour League have?").parts[0]
    # the ferry sentence was chosen (it names the league); the announcement is closer and its items follow
    chosen = announced_list(Choice(part, ferry, strength=1.0, share=1.0, carried=0.2), found, passages, selector())
    assert chosen.sentence is announced
    # a run of ordinals after a sentence that does not name the kind asked is not that list
    other = analyse("Which ferries does the Harbour League have?").parts[0]
    assert announced_list(Choice(other, ferry), found, passages, selector()).sentence is ferry


def test_a_list_announced_before_a_colon_is_given_in_the_clauses_after_it() -> None:
    text = (  # a sentence too long to quote whole, cut at its colon and semicolons
        "Below its assembly of member ports, the ferry union has three further standing councils: the council\n"
        "of pilots, which sets the fees for every channel and licenses the pilots of the member ports; the\n"
        "council of wardens, which keeps the quays, the locks and the lights of the northern coast; and the\n"
        "council of masters, which settles the disputes between crews and owners. "
        "The union also runs a ferry."
    )
    found, passages = sentences(text)
    announced = found[0]
    assert announced.text.endswith(":")
    items = enumeration(announced, found, passages)
    assert [" ".join(s.text.split(",")[0].split()) for s in items] == [
        "the council of pilots",
        "the council of wardens",
        "and the council of masters",
    ]  # and not the next sentence


def test_a_list_answer_does_not_quote_again_a_sentence_its_lead_already_gives() -> None:
    text = (
        "The Ferry Union was formed by Oslo, Bergen and Turku. "
        "Malmo and Tallinn joined the Ferry Union in 2004, after a vote of its council. "
        "The Ferry Union also admitted Riga and Gdansk as ports of call."
    )
    found = scored(text, (0.8, 0.75, 0.7))
    pick = selector()
    part = analyse("Which ports are members of the Ferry Union?").parts[0]
    first, joined, called = found
    choice = Choice(part, first, strength=1.0, share=1.0, carried=1.0)
    # the lead also holds the sentence another part of the question chose: it is not quoted twice
    support = supporting([choice], [first, joined], found, pick, room=2, duplicate=0.92)
    assert joined not in support and called in support


def test_a_short_later_part_is_answered_by_the_sentence_that_answers_the_first() -> None:
    found, _ = sentences(
        "The council named Jonas Velde envoy to the Ferry Union from 1 May 2019 to 30 April 2022. "
        "The Ferry Union summit in Bergen opened on 12 March 2019."
    )
    for s in found:
        s.facts = analyse_sentence(s.text, lambda word: False)
    named, summit = found
    question = "Who was named envoy at the 2019 Ferry Union summit, and for which period?"
    first_part, later = analyse(question).parts
    first = Choice(first_part, named, strength=1.0, share=1.0, carried=1.0)
    pick = selector()
    assert of_first_answer(first, later, pick, question).sentence is named  # its dates are the term
    # a part that asks a number counts its own thing; a long part asks on its own
    counted = analyse("Who was named envoy in 2019, and how many ships?").parts[1]
    assert of_first_answer(first, counted, pick, question) is None
    assert of_first_answer(Choice(first_part, summit), later, pick, question) is not None
    assert of_first_answer(Choice(first_part), later, pick, question) is None


def test_a_piece_cut_from_a_long_sentence_after_a_comma_reads_as_its_rest() -> None:
    from app.answering.composer import Candidate

    text = (
        "The members call on every port to share pilots, charts and tide tables with its neighbours under "
        "the harbour code and the rules of the league, to train its crews together with those of the "
        "other ports each spring and autumn, and to report each wreck at once, as well as to keep "
        "lifeboats ready at every berth of the coast. Varna keeps four."
    )
    spans = quotable_spans(text)
    pieces = [Candidate(0, a, b, text[a:b], 0.5, 0.5, 0.5, None) for a, b in spans]
    shown = [as_quoted(piece, text) for piece in pieces]
    assert len(spans) > 2 and shown[0].startswith("The members")
    assert any(s.startswith("… as well as to keep lifeboats") for s in shown)  # the rest of a sentence
    assert shown[-1] == "Varna keeps four."


def test_a_long_sentence_is_not_cut_inside_brackets() -> None:
    text = (
        "Since the Varna summit the following meetings have been held: a meeting of the HLC ferry ministers "
        "(Zenda, 4 May 2030); an extraordinary and regular meeting of the HLC Council of Port Mayors (Oslo, "
        "20 September 2030; Varna, 24 April 2031); a meeting of the HLC pilots' guild (Riga, 1 June 2031); and "
        "a meeting of the harbour masters of all member ports (Tallinn, 3 July 2031)."
    )
    pieces = [text[a:b] for a, b in quotable_spans(text)]
    assert len(pieces) > 1  # still cut, at the semicolons between the items
    mayors = next(p for p in pieces if "Port Mayors" in p)
    assert "Oslo, 20 September 2030; Varna, 24 April 2031)" in mayors


def test_a_lead_that_draws_a_conclusion_brings_the_sentence_it_draws_it_from_first() -> None:
    text = (
        "The ferry strike of 2031 had closed both ports for a month. "
        "Thus, safety at sea became the league's main theme, and it has run through every meeting since."
    )
    why = "Why did safety at sea become the league's main theme?"
    assert quoted(text, "Thus", why, "reason", carried=0.5) == ["The ferry st", "Thus, safety"]


def test_a_quote_is_followed_by_the_sentence_that_qualifies_it() -> None:
    text = (
        "The ports will take back the crews of ships seized at sea. "
        "They will also help the crews find new work. "
        "However, this must not stop the courts from trying crews found guilty of smuggling. "
        "The ports will publish a yearly report."
    )
    found, passages = sentences(text)
    took, helped, however, report = found
    assert with_qualifications([took, helped], found, passages) == [took, helped, however]
    assert with_qualifications([took], found, passages) == [took]  # the caveat limits the next sentence, not this
    assert with_qualifications([report, helped], found, passages) == [report, helped, however]
    assert with_qualifications([helped, however], found, passages) == [helped, however]  # quoted once


def test_a_sentence_with_a_subject_of_its_own_does_not_go_on_about_the_lead() -> None:
    text = (
        "The Harbour Compact is the ports' joint statement of their duties. "
        "Norway formally ended its part in the compact in 2031. "
        "The ferry line closed in 2019."
    )
    found, passages = sentences(text)
    found = [
        replace(s, facts=analyse_sentence(s.text, lambda word: word.lower() in {"formally", "the"})) for s in found
    ]
    lead = lead_of(found, "The Harbour Compact")
    assert continuation(lead, found, passages, room=3) == []  # 'its' is Norway's, not the compact's


def test_a_quote_of_another_year_does_not_support_an_answer_about_the_year_asked() -> None:
    text = (
        "The ferry line between the two ports closed for the winter of 2031. "
        "Storms closed the ferry line to the islands for a month in 2029. "
        "In 2031 the closure of the ferry line was the clearest sign of the dispute."
    )
    found = scored(text, (0.8, 0.7, 0.6))
    part = analyse("What happened to the ferry line in 2031?").parts[0]
    lead, other_year, same_year = found
    other_year.context_terms = {"2031"}  # its passage's title gives the year asked
    choice = Choice(part, lead, strength=1.0, share=1.0, carried=1.0)
    assert supporting([choice], [lead], found, selector(), room=2, duplicate=0.92) == [same_year]


def test_a_reason_may_lie_in_another_year_than_the_act_it_explains() -> None:
    text = (
        "The ferry line between the two ports closed in 2031. "
        "The ferry line closed because of the 2029 treaty on fishing grounds, which both ports had signed. "
        "The ports had opened the line in 1990."
    )
    found = scored(text, (0.8, 0.7, 0.6))
    part = analyse("Why did the ferry line close in 2031?").parts[0]
    lead, reason, _ = found
    reason.context_terms = {"2031"}
    choice = Choice(part, lead, strength=1.0, share=1.0, carried=0.5)
    assert reason in supporting([choice], [lead], found, selector(), room=2, duplicate=0.92)


def test_what_any_lead_announces_with_a_colon_follows_it() -> None:
    text = (
        "At the Varna summit the members agreed on these further steps:\n"
        "- open a night ferry between the two ports;\n"
        "- share the pilots of the northern coast;\n"
        "- publish the tide tables each spring.\n\n"
        "The summit also elected a new chair."
    )
    found, passages = sentences(text)
    lead = found[0]
    steps = items_announced(lead, "other", found, passages)
    assert [s.text.split()[1] for s in steps] == ["open", "share", "publish"]
    assert items_announced(found[-1], "other", found, passages) == []  # it announces nothing
    assert items_announced(lead, "place", found, passages) == []  # a place asked is given by the lead or not at all


def test_the_sentence_after_the_answer_in_its_paragraph_is_quoted_as_its_context() -> None:
    text = (
        "The ferry pact was signed in Varna in 2031. "
        "It took effect a year later, once all four ports had ratified it.\n\n"
        "Ferry fees rose sharply at the northern ports."
    )
    found, passages = sentences(text)
    for s in found:
        s.facts = analyse_sentence(s.text, lambda word: False)
    signed, took_effect, _ = found
    pick = selector()
    part = analyse("When was the ferry pact signed?").parts[0]
    assert told_next([Choice(part, signed)], [signed], found, passages, pick, room=2, duplicate=0.9) == [took_effect]
    assert told_next([Choice(part, signed)], [signed], found, passages, pick, room=0, duplicate=0.9) == []
    # the next paragraph goes on to another topic
    assert told_next([Choice(part, took_effect)], [took_effect], found, passages, pick, room=2, duplicate=0.9) == []
    # nor is a sentence already chosen quoted twice
    assert told_next([Choice(part, signed)], [signed, took_effect], found, passages, pick, room=2, duplicate=0.9) == []


def test_the_note_names_each_name_the_context_gave_in_plain_words() -> None:
    found, _ = sentences()
    part = analyse("When did the ferry line close?").parts[0]
    assert context_note([Choice(part, found[0], from_context=["Varna"])]).startswith(
        "Read with its context: Varna is named in"
    )
    assert context_note([Choice(part, found[0], from_context=["Varna", "Zenda", "Oslo"])]).startswith(
        "Read with its context: Varna, Zenda and Oslo are named in"
    )
    assert context_note([Choice(part, found[0])]) == ""


# One sentence too long to quote whole (over 60 words), cut at its semicolons into pieces.
LONG_LIST = (
    "The ferry ministers, meeting in Varna for the fourth time since the league was founded in the spring of "
    "2029 by the six coastal states, agreed that the league should serve as a forum for joint pilotage; "
    "shared charts and tide tables; common training of crews; rescue at sea in every season; "
    "as well as for settling disputes over tolls between the harbour towns. The next meeting is in Riga."
)


def test_a_lead_cut_from_a_long_sentence_brings_the_pieces_after_it() -> None:
    """A list's items run on in the rest of the sentence."""
    found, passages = sentences(LONG_LIST)
    first = lead_of(found, "The ferry")
    rest = rest_of_sentence(first, found, passages, room=5)
    assert [s.text[:12] for s in rest] == ["shared chart", "rescue at se"]
    assert "Riga" not in " ".join(s.text for s in rest)  # the next sentence is not a piece of it


def test_pieces_of_one_sentence_quoted_together_read_without_an_ellipsis() -> None:
    from app.answering.composer import Candidate

    text = (
        "The members call on every port to share pilots, charts and tide tables with its neighbours under "
        "the harbour code and the rules of the league, to train its crews together with those of the "
        "other ports each spring and autumn, and to report each wreck at once, as well as to keep "
        "lifeboats ready at every berth of the coast."
    )
    a, b = quotable_spans(text)[1]
    second = Candidate(0, a, b, text[a:b], 0.5, 0.5, 0.5, None)
    assert as_quoted(second, text).startswith("… ")  # quoted alone: the rest of a sentence
    assert not as_quoted(second, text, goes_on=True).startswith("…")  # after the piece before it
    # in the answer: right after the piece before it no ellipsis; quoted before that piece, one
    cut = "The members agree to share pilots, to train their crews together, to report each wreck at once."
    spans = [(0, 34), (35, 65), (66, len(cut))]
    pieces = [Candidate(0, a, b, cut[a:b], 0.5, 0.5, 0.5, None) for a, b in spans]
    passage = Passage(chunk_id="c1", doc_id="d1", title="Ferry", text=cut, score=1.0)
    assert "… " not in cite("q", pieces, [passage], [], 0.9, "").answer
    later_first = cite("q", [pieces[2], pieces[1]], [passage], [], 0.9, "").answer
    assert later_first.count("… ") == 2  # the earlier piece, quoted after the later one, is marked too


def test_an_echo_is_not_completed_by_a_sentence_about_the_text_itself() -> None:
    """'The list below gives ...' tells the reader where to look; it adds nothing to the answer."""
    echo = "The Riga meeting was the 9th meeting of the Ferry Council."
    which = "Which meeting of the Ferry Council was the Riga meeting?"
    for after, expected in (
        ("The list below gives each meeting's port and outcome.", ["The Riga mee"]),
        ("It adopted the pilotage code.", ["The Riga mee", "It adopted t"]),
    ):
        found, passages = sentences(f"{echo} {after}")
        asked = set(Lexicon.stem(which))
        whole = complete(lead_of(found, "The Riga"), "other", 0.5, asked, found, passages, echo_below=0.5)
        assert [s.text[:12] for s in whole] == expected
