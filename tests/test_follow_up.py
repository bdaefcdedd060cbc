"""app.answering.follow_up: follow-ups made to stand alone from the earlier questions and answers."""

from __future__ import annotations

import pytest

from app.answering.follow_up import Resolution, resolve

pytestmark = pytest.mark.unit

PEOPLE = {"Ingrid Halvorsen", "Jonas Velde"}
COUNTRIES = {"Norway", "Iceland", "Ruritania"}


def names(text: str) -> tuple[list[str], list[str]]:
    """A stand-in for the index's reading of names: the known ones, in the order the text gives them."""
    order = lambda found: sorted((n for n in found if n in text), key=text.index)  # noqa: E731
    return order(PEOPLE), order(COUNTRIES)


def test_him_points_at_the_person_the_previous_answer_named() -> None:
    turns = [("Who was elected chair of the fisheries council in 2015?", "Ingrid Halvorsen was elected [1].")]
    resolved = resolve("what post did she hold next?", turns, names)
    assert resolved.asked == "what post did Ingrid Halvorsen hold next?"
    assert resolved.text.endswith(resolved.asked) and "fisheries council" in resolved.text
    assert resolved.earlier == ""  # the earlier question's year no longer constrains the answer


def test_an_elliptical_follow_up_takes_the_previous_question_with_the_new_name() -> None:
    turns = [("which state chaired the council after Iceland?", "It passed to Norway in 2019 [1].")]
    assert resolve("and after them?", turns, names) == Resolution("which state chaired the council after Norway?")


def test_without_a_cited_answer_or_a_name_asked_the_follow_up_joins_the_previous_question() -> None:
    unanswered = [("Who was elected chair in 2015?", "The indexed documents do not answer this question.")]
    assert resolve("what post did she hold next?", unanswered, names).asked == "what post did she hold next?"
    not_a_name = [("When did Norway join?", "Norway joined in 1996 [1].")]
    assert resolve("why did they?", not_a_name, names).asked == "why did they?"


def test_they_after_a_question_about_a_group_means_the_group_not_the_answer() -> None:
    turns = [("who commanded the patrol boats near Iceland?", "Jonas Velde of Norway commanded them [1].")]
    resolved = resolve("how long were they deployed?", turns, names)
    assert resolved.asked == "how long were they deployed?" and "patrol boats" in resolved.earlier


def test_a_chain_of_follow_ups_keeps_its_subject() -> None:
    turns = [("When did Ruritania join the council?", "In 2004 [1]."), ("and why?", "Because ... [1].")]
    resolved = resolve("where is it based?", turns, names)
    assert resolved.text.startswith("Why did Ruritania join the council?")  # 'and why?' asked it of Ruritania
    assert resolved.asked == "where is it based?"


def test_and_a_country_asks_the_previous_question_of_that_country() -> None:
    turns = [("When did Norway and Iceland join the fisheries council?", "")]
    assert resolve("and new zealand?", turns).text == "When did New Zealand join the fisheries council?"
    assert resolve("what about Norway?", [("Why did Iceland leave the council?", "")]).text == (
        "Why did Norway leave the council?"
    )
    unnamed = [("Which state hosted the council in 2015?", "")]
    assert resolve("and Norway?", unnamed).asked == "and Norway?"  # no country to put it in place of


def test_at_that_meeting_is_a_follow_up_even_beside_a_new_name() -> None:
    turns = [("When did Norway join the fisheries council?", "In 1996 [1].")]
    resolved = resolve("who represented Iceland at that meeting?", turns, names)
    assert resolved.asked == "who represented Iceland at that meeting?"
    assert resolved.text.startswith("When did Norway join")


def test_it_as_the_subject_points_back_even_beside_a_new_name() -> None:
    turns = [("When did Zenda leave the Harbour League?", "In 2009 [1].")]
    resolved = resolve("did it also leave the Ferry Union?", turns, names)
    assert resolved.asked == "did it also leave the Ferry Union?"
    assert "Zenda" in resolved.text
    # 'is it true that ...' has no subject to point back at
    alone = resolve("Is it true that the Ferry Union admitted Varna in 2030?", turns, names)
    assert alone.text == "Is it true that the Ferry Union admitted Varna in 2030?"


def test_that_summit_after_a_name_asked_is_read_with_the_answer_that_named_it() -> None:
    turns = [("which state chaired the council after Iceland?", "It passed to Norway for 2019 [1]. Other [2].")]
    resolved = resolve("which port hosted that congress?", turns, names)
    assert resolved.earlier == "It passed to Norway for 2019"  # its names constrain the answer
    assert resolved.asked == "which port hosted that congress?" and "passed to Norway" in resolved.text


def test_a_short_question_about_the_thing_naming_nothing_is_about_the_one_just_spoken_of() -> None:
    turns = [("Who chairs the fisheries council of Ruritania?", "Jonas Velde chairs it [1].")]
    resolved = resolve("how long is the mandate?", turns, names)
    assert resolved.asked == "how long is the mandate?" and resolved.text.startswith("Who chairs the fisheries")
    # a question that names what it asks about stands alone
    assert resolve("how long is the Norway mandate?", turns, names) == Resolution("how long is the Norway mandate?")
    assert resolve("how long is the mandate?", [], names) == Resolution("how long is the mandate?")


def test_a_bare_question_word_takes_the_place_of_the_previous_questions_own() -> None:
    proposed = [("When was the ferry pact first proposed?", "In 2004 [1].")]
    assert resolve("By whom?", proposed, names) == Resolution("By whom was the ferry pact first proposed?")
    left = [("When did Norway leave the fisheries council?", "In 2009 [1].")]
    assert resolve("and why?", left, names) == Resolution("Why did Norway leave the fisheries council?")
    # a question word that is the subject, or holds the object, has nothing to give its place to
    chaired = [("Who chaired the council after Iceland?", "Norway [1].")]
    assert resolve("when?", chaired, names).asked == "when?"
    counted = [("How many boats did Norway send to the strait?", "Twelve [1].")]
    assert resolve("why?", counted, names).asked == "why?"


def test_when_did_it_after_a_question_about_a_country_asks_about_that_country() -> None:
    turns = [("When did Norway join the fisheries council?", "In 1996 [1].")]
    resolved = resolve("When did it leave the fisheries council?", turns, names)
    assert resolved.asked == "When did it leave the fisheries council?" and "Norway" in resolved.text
    alone = resolve("Why is it important to fight piracy in the Baltic?", turns, names)
    assert alone == Resolution("Why is it important to fight piracy in the Baltic?")  # no subject to point at


def test_a_short_question_whose_act_has_no_doer_or_place_is_about_what_was_asked_before() -> None:
    turns = [("What happened in Ruritania in May 2031?", "A flood [1].")]
    resolved = resolve("How many boats were sent?", turns, names)
    assert resolved.asked == "How many boats were sent?" and "Ruritania" in resolved.text
    # naming its place, it stands alone
    assert resolve("How many boats were sent to Norway?", turns, names) == Resolution(
        "How many boats were sent to Norway?"
    )
