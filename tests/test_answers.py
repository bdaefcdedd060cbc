"""app.answering.engine on a real index of ../shared/corpus: cited answers and abstention."""

from __future__ import annotations

import re

import pytest

from app.answering.engine import AnswerEngine

pytestmark = pytest.mark.integration


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which year was the CSTO founded as an organisation?", "2002"),
        ("Which resolution number did the UN General Assembly give to cooperation with the CSTO in 2024?", "79/10"),
        ("Where is the headquarters of the SCO Regional Anti-Terrorist Structure?", "tashkent"),
        # one row of a table of summits, whose 'Location' column is the kind asked, among prose passages
        ("where did the heads of state of the SCO meet in 2016?", "tashkent"),
    ],
)
def test_cited_passage_contains_the_answer(shared_engine: AnswerEngine, question: str, expected: str) -> None:
    answer = shared_engine.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.citations
    cited_text = " ".join(_normal(c.passage) for c in answer.citations)
    assert expected in cited_text, (answer.answer, [c.doc_id for c in answer.citations])


def test_every_quote_is_verbatim_and_every_sentence_is_marked(shared_engine: AnswerEngine) -> None:
    answer = shared_engine.ask("What did the SCO heads of state say about climate change in Samarkand?")
    assert not answer.abstained
    passages = {p.chunk_id: p.text for p in answer.passages}
    for citation in answer.citations:
        assert citation.quote in passages[citation.chunk_id]
        assert f"[{citation.n}]" in answer.answer
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.answer) if s.strip()]
    assert all(re.search(r"\[\d+\]", s) for s in sentences), answer.answer


def test_off_topic_question_abstains_and_shows_nearest_passages(shared_engine: AnswerEngine) -> None:
    answer = shared_engine.ask("Who won the football league title last weekend?")
    assert answer.abstained
    assert answer.citations == []
    assert "do not answer" in answer.answer
    assert answer.passages  # the nearest passages are still shown


def test_empty_question_is_a_clear_error(shared_engine: AnswerEngine) -> None:
    with pytest.raises(ValueError, match="question is empty"):
        shared_engine.ask("   ")


@pytest.mark.parametrize(
    ("short", "says"),
    [("what's the csto", "military alliance"), ("What is the SCO?", "security organization")],
)
def test_what_an_organisation_is_is_read_under_its_long_name(
    shared_engine: AnswerEngine, short: str, says: str
) -> None:
    # the article's opening says what it is under the long name, and gives the short one once
    answer = shared_engine.ask(short)
    assert answer.outcome == "answered" and answer.question_type == "definition"
    assert says in answer.answer.split("[1]")[0], answer.answer


def test_an_articles_opening_is_read_when_its_document_is_retrieved(shared_engine: AnswerEngine) -> None:
    """The opening paragraph says how many members the SCO has in words too general for either search
    to rank high; it joins the re-scored pool because another passage of its article is there."""
    from app.answering.filtering import Filters
    from ingest.chunking import ordinal_of

    answer = shared_engine.ask("How many member states does the SCO have?")
    assert answer.outcome == "answered" and "ten member states" in answer.answer.split("[1]")[0], answer.answer
    retriever = shared_engine.retriever
    index = retriever.keyword_index()
    question = "Which bodies does the SCO have?"
    pool = [p for p in retriever.retrieve(question, top_k=10).passages if ordinal_of(p.chunk_id) != 0]
    added = retriever._openings(index, retriever.embed_question(question), pool, Filters())
    assert added and {p.doc_id for p in added} <= {p.doc_id for p in pool}
    assert all(ordinal_of(p.chunk_id) == 0 and p.chunk_id == index.openings[p.doc_id] for p in added)


def test_a_list_its_document_holds_is_read_when_the_document_is_retrieved(shared_engine: AnswerEngine) -> None:
    """The article's 'Observer states (10)' list never names the organisation and ranks low; it joins
    the re-scored pool because other passages of its article are there, and answers as a whole list."""
    answer = shared_engine.ask("Which states are CICA observers?")
    assert answer.outcome == "answered", answer.answer
    lead = answer.answer.split("[1]")[0]
    assert lead.startswith("Observer states (10):") and "Japan" in lead, answer.answer
