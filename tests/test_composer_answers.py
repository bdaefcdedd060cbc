"""The composer end to end on the real model and Chroma over documents/: answers that answer.

The questions are written for this test (none is in an evaluation set).
"""

from __future__ import annotations

import re

import pytest

from app.answering.composer import ExtractiveComposer
from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Passage
from app.evaluation.questions import EvalQuestion
from app.evaluation.runner import ask_one
from ingest.settings import Settings
from ingest.store import ChromaStore

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine(documents_index: Settings) -> AnswerEngine:
    return AnswerEngine(documents_index)


def assert_quotes_are_stored_text(answer, settings: Settings) -> None:
    """Every quote is an exact slice of the chunk the index stores under its chunk_id."""
    stored = ChromaStore(settings).get([c.chunk_id for c in answer.citations])
    for citation in answer.citations:
        assert citation.quote in stored[citation.chunk_id][0].text
        assert f"[{citation.n}]" in answer.answer


def test_a_who_question_names_the_person(engine: AnswerEngine, documents_index: Settings) -> None:
    answer = engine.ask("Which Armenian held the post of CSTO Secretary-General?")
    assert answer.outcome == "answered" and not answer.abstained
    assert answer.question_type == "person"
    lead = answer.answer.split("[1]")[0]
    assert "Khachaturov" in lead  # the direct answer comes first
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_list_question_gathers_items_from_two_passages(engine: AnswerEngine, documents_index: Settings) -> None:
    answer = engine.ask("Name the countries that are SCO dialogue partners or observers.")
    assert answer.outcome == "answered" and answer.question_type == "list"
    assert len({c.chunk_id for c in answer.citations}) >= 2
    named = {country for country in ("Mongolia", "Nepal", "Qatar", "Egypt", "Afghanistan") if country in answer.answer}
    assert len(named) >= 3
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes))  # no sentence twice
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_near_miss_part_makes_a_partial_answer_that_names_it(engine: AnswerEngine, documents_index: Settings) -> None:
    answer = engine.ask("Where was the CSTO Charter signed? How many pages does it have?")
    assert answer.outcome == "partial" and not answer.abstained
    assert re.match(r"The documents say: .+ \[1\], but not how many pages it has\.", answer.answer)
    assert "Chisinau" in answer.answer
    assert answer.missing == ["how many pages it has"]
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_single_near_miss_is_not_answered_and_says_what_is_missing(engine: AnswerEngine) -> None:
    answer = engine.ask("Who is the commander of the Russian air base at Kant?")
    assert answer.outcome == "not_answered" and answer.abstained
    assert answer.citations == [] and answer.passages
    assert "who the commander of the Russian air base at Kant is" in answer.note


def test_an_off_topic_question_is_not_answered(engine: AnswerEngine) -> None:
    answer = engine.ask("What is the best way to grow tomatoes on a balcony?")
    assert answer.outcome == "not_answered" and answer.abstained
    assert answer.answer == "The indexed documents do not answer this question."
    assert answer.passages  # the nearest passages are still shown


def test_a_follow_up_is_answered_from_its_own_words_with_the_history(engine: AnswerEngine) -> None:
    first = "Which Armenian held the post of CSTO Secretary-General?"
    answer = engine.ask("when did his term end?", history=[Turn(first)])
    assert answer.question_type == "date"
    assert answer.outcome == "answered" and "2018" in answer.answer


def test_eval_asks_follow_ups_with_their_history_and_checks_quotes_against_the_store(engine: AnswerEngine) -> None:
    question = EvalQuestion(
        id="f1",
        question="when did his term end?",
        line=1,
        sources=["csto_charter_and_institutions.md"],
        history=["Which Armenian held the post of CSTO Secretary-General?"],
    )
    row = ask_one(engine, question, top_k=10)
    assert row["metrics"]["outcome"] == "answered" and row["metrics"]["outcome_correct"]
    assert row["metrics"]["citations"] >= 1
    assert row["metrics"]["citations_supported"] == row["metrics"]["citations"]
    assert row["gold_outcome"] == "answered" and row["history"] == question.history


def test_a_lead_that_only_restates_a_why_question_is_followed_by_its_reason(
    engine: AnswerEngine, documents_index: Settings
) -> None:
    answer = engine.ask("What explains the CSTO's refusal to take sides between Kyrgyzstan and Tajikistan?")
    assert answer.outcome == "answered" and answer.question_type == "reason"
    # the sentence that says it did not intervene is followed, from the same passage, by the one saying why
    assert re.search(r"between members|Article 4", answer.answer)
    assert len(answer.citations) >= 2
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_why_part_is_not_answered_by_the_sentence_that_answers_the_when_part(
    engine: AnswerEngine, documents_index: Settings
) -> None:
    answer = engine.ask("When did Sri Lanka become an SCO dialogue partner, and why has it stayed one?")
    # the sentence giving the year says nothing of a reason: the reason is named as missing
    assert answer.outcome == "partial" and "2009" in answer.answer
    assert answer.missing == ["why it has stayed one"]
    assert_quotes_are_stored_text(answer, documents_index)


@pytest.mark.parametrize(
    ("question", "lead_says"),
    [
        ("How many member states has the CSTO got?", "six"),  # the passage that counts them
        ("Which states belong to the CSTO as well as to the SCO, in both of them?", "tajikistan"),  # one list
        ("Who founded the Shanghai Cooperation Organisation?", "uzbekistan"),  # states found organisations
        ("How often do the heads of state of the CSTO meet in council?", "once a year"),  # a frequency
        ("What is RATS?", "anti-terrorist structure"),  # an acronym ending in s is a name
        ("What countries are part of the SCO?", "kyrgyzstan"),  # its members, said in other words
        ("Which states make up the CSTO?", "tajikistan"),
        ("How may a member state withdraw from the CSTO?", "written notice"),  # the rule, not a case
        ("What are the rules for leaving the CSTO?", "written notice"),
    ],
)
def test_basic_facts_are_answered_by_the_sentence_that_states_them(
    engine: AnswerEngine, documents_index: Settings, question: str, lead_says: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome == "answered", answer.answer
    assert "**SCO:**" not in answer.answer  # not split into a comparison
    assert lead_says in answer.answer.split("[1]")[0].lower(), answer.answer
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_when_question_is_answered_first_by_its_date_then_by_the_quote(
    engine: AnswerEngine, documents_index: Settings
) -> None:
    answer = engine.ask("On what date did RATS start work in Tashkent?")
    assert answer.outcome == "answered" and answer.question_type == "date"
    direct, quote = answer.answer.split(" [1]. ", 1)
    assert direct == "On 17 June 2004"
    assert "17 June 2004" in quote and "17 June 2004" in answer.citations[0].quote  # the quote gives it
    assert_quotes_are_stored_text(answer, documents_index)


def test_which_came_first_is_answered_with_the_date_of_each(engine: AnswerEngine, documents_index: Settings) -> None:
    answer = engine.ask("Which state joined the SCO sooner, Iran or India?")
    assert answer.outcome == "answered" and answer.question_type == "comparison", answer.answer
    iran, india = answer.answer.split("**India:**")
    assert iran.startswith("**Iran:**") and "2023" in iran and "2017" in india, answer.answer
    assert {c.n for c in answer.citations} == {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_comparison_of_two_things_speaks_of_each(engine: AnswerEngine, documents_index: Settings) -> None:
    """The passage most like the question describes one force only: each force is asked about on its own."""
    answer = engine.ask(
        "How do the Collective Rapid Deployment Forces differ from the Collective Rapid Reaction Forces?"
    )
    assert answer.outcome == "answered" and answer.question_type == "comparison", answer.answer
    deployment, reaction = answer.answer.split("**Collective Rapid Reaction Forces:**")
    assert deployment.startswith("**Collective Rapid Deployment Forces:**"), answer.answer
    said = [" ".join(c.quote for c in answer.citations if f"[{c.n}]" in side) for side in (deployment, reaction)]
    assert re.search(r"rapid deployment forces|battalions", said[0], re.I), said[0]
    assert re.search(r"CRRF|Rapid Reaction Forces", said[1]), said[1]
    # the nearest passages of both sides come first
    assert {p.chunk_id for p in answer.passages[:2]} & {c.chunk_id for c in answer.citations if c.quote in said[1]}
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_question_asked_of_the_present_is_answered(engine: AnswerEngine, documents_index: Settings) -> None:
    """'today' is rare in the texts: weighed as a topic word, it sank every passage's support and the
    question was not answered."""
    answer = engine.ask("How many member states does the CSTO have today?")
    assert answer.outcome == "answered", answer.answer
    assert "six member states" in answer.answer.split("[1]")[0], answer.answer  # said first
    assert_quotes_are_stored_text(answer, documents_index)


def test_a_sentence_that_leaves_its_topic_to_its_title_is_read_under_it(engine: AnswerEngine) -> None:
    """'The member states plan ...' in a statement on ferry safety is about ferries, though it never says so."""
    question = "What do the harbour league states plan for ferry safety?"
    passages = [
        Passage(
            "report#0",
            "report.md",
            "Harbour League Annual Report 2031",
            "The member states plan common safety checks at the secretariat from next year.",
            1.0,
        ),
        Passage(
            "ferries#0",
            "ferries.md",
            "Harbour League Statement on Ferry Safety",
            "The member states plan joint checks on the crossings from next year.",
            1.0,
        ),
    ]
    vector = engine.embedder.embed_queries([question])[0]
    best = ExtractiveComposer(engine.embedder).candidates(question, vector, passages)[0]
    assert passages[best.passage_index].doc_id == "ferries.md"


def test_the_briefing_notice_is_never_a_candidate_quote(engine: AnswerEngine) -> None:
    """Both sentences of the shipped briefings' opening line say nothing about any question."""
    question = "How many times did the Harbour League check the ferries?"
    text = (
        "*This is a briefing written for the SCO/CSTO Security Q&A product. Check the facts against the "
        "sources listed in its metadata.*\n\nThe Harbour League checked the ferries three times in 2031."
    )
    passages = [Passage("notice#0", "notice.md", "Harbour League ferry checks", text, 1.0)]
    vector = engine.embedder.embed_queries([question])[0]
    quoted = [c.text for c in ExtractiveComposer(engine.embedder).candidates(question, vector, passages)]
    assert quoted and not any("briefing" in q or "Check the facts" in q for q in quoted)
