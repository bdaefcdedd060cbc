"""The checker's cheap signals on sentences written for this test: acronyms, opposites,
swapped facts, frequency words; and the lean prompt and thread count of `--llm local`."""

from __future__ import annotations

import pytest

from app.answering.llm.acronyms import in_passage_form
from app.answering.llm.binding import swapped_facts
from app.answering.llm.contrasts import reversals
from app.answering.llm.facts import extract, tokens
from app.answering.llm.local import default_threads
from app.answering.llm.negation import negation_conflict
from app.answering.llm.prompt import build_messages
from app.answering.llm.words import content_stems
from app.answering.models import Passage

pytestmark = pytest.mark.unit


def test_acronyms_and_expansions_are_read_the_way_the_passage_writes_them() -> None:
    passage = "NATO ministers met the United Nations envoy in Brussels."
    assert in_passage_form("The North Atlantic Treaty Organization's ministers met.", passage) == (
        "The NATO's ministers met."
    )
    assert in_passage_form("The UN envoy came.", passage) == "The United Nations envoy came."
    assert in_passage_form("The WHO envoy came.", passage) == "The WHO envoy came."  # nothing spells it out
    defined = "Members use information and communication technology (ICT) at home."
    assert in_passage_form("They use ICT.", defined) == "They use ICT."


@pytest.mark.parametrize(
    ("sentence", "source", "turned"),
    [
        ("Turnout was higher than in the last vote.", "Turnout was lower than in the last vote.", True),
        ("Turnout was lower than in the last vote.", "Turnout was lower than in the last vote.", False),
        ("The talks began after the ceasefire.", "The talks began before the ceasefire.", True),
        ("Trade grew after the deal.", "Trade declined after the deal.", True),
        ("The council decides by majority.", "The council decides by consensus.", True),
        ("It meets in winter.", "It meets in summer.", True),
        ("The plan aims to reform rather than replace.", "The plan aims to replace rather than reform.", True),
        ("The plan aims to reform rather than replace.", "The plan aims to reform rather than replace.", False),
    ],
)
def test_opposites_without_a_negation_word_are_caught(sentence: str, source: str, turned: bool) -> None:
    assert bool(reversals(sentence, source)) is turned


def test_two_dates_swapped_between_two_places_are_caught_but_lists_and_ranges_pass() -> None:
    source = [tokens("The envoys met in Oslo on 3 May 2019 and in Rome on 9 June 2020.")]
    assert swapped_facts(tokens("The envoys met in Oslo on 9 June 2020 and in Rome on 3 May 2019."), source)
    assert not swapped_facts(tokens("The envoys met in Oslo on 3 May 2019 and in Rome on 9 June 2020."), source)
    assert not swapped_facts(tokens("The envoys met in Oslo and Rome between 2019 and 2020."), source)
    shares = [tokens("Two wagons each came from Alba, Brno and Cluj plus three wagons from Dijon.")]
    assert not swapped_facts(tokens("Alba, Brno and Cluj each sent two wagons and Dijon three."), shares)


def test_a_negation_governs_its_own_clause_not_an_earlier_one() -> None:
    passage = "Ruritania was the first observer, admitted in 1999, and has not applied for membership."

    def conflict(sentence: str) -> bool:
        return negation_conflict(sentence, set(content_stems(sentence)), passage)

    assert not conflict("Ruritania became the first observer in 1999.")
    assert conflict("Ruritania has applied for membership.")
    assert not conflict("Ruritania has not applied for membership.")


def test_frequency_words_are_numbers_but_once_as_when_is_not() -> None:
    assert extract("The board meets twice a year.").numbers == {"2"}
    assert extract("The board meets once a year.").numbers == {"1"}
    assert not extract("Once ratified, the treaty binds all parties.").numbers
    assert "unlike" not in extract("Unlike the board, the council meets often.").names
    assert "rather" not in extract("Rather than wait, the board voted.").names


def test_compound_and_scaled_number_words_are_one_number_and_marked_as_spelt() -> None:
    facts = extract("The twenty-fifth session had four thousand guests and 1.5 million viewers in 2019.")
    assert {"25", "4000", "1500000", "2019"} <= facts.numbers
    assert facts.spelt == {"25", "4000"}  # written in words: 'the two sides' may count what a passage lists
    assert extract("Twenty-five boats and 25 crews.").spelt == frozenset()  # also in digits


def test_prompt_shows_the_cited_passage_first_and_only_around_its_quote() -> None:
    filler = " ".join(f"Filler sentence number {i} says little." for i in range(40))
    cited = f"{filler} The depot opened in Osh in 2011. It stores fuel. {filler}"
    passages = [
        Passage(chunk_id="a", doc_id="a.md", title="Other", text="The depot has no guards.", score=1.0),
        Passage(chunk_id="b", doc_id="b.md", title="Depot", text=cited, score=0.9),
    ]
    messages, shown = build_messages(
        "When did the depot open?", passages, quotes={"b": ["The depot opened in Osh in 2011."]}
    )
    user = messages[-1]["content"]
    assert [p.chunk_id for p in shown] == ["b", "a"]
    assert "The depot opened in Osh in 2011. It stores fuel." in user
    assert user.count("Filler sentence") < 20  # only a few neighbours, not the whole passage


def test_local_threads_leave_cores_free_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCOQA_LLM_THREADS", raising=False)
    assert 1 <= default_threads() <= 4
    monkeypatch.setenv("SCOQA_LLM_THREADS", "3")
    assert default_threads() == 3
    monkeypatch.setenv("SCOQA_LLM_THREADS", "many")
    with pytest.raises(ValueError, match="SCOQA_LLM_THREADS"):
        default_threads()
