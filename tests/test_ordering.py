"""Which-came-first questions read as one 'when' question per alternative (app/answering/ordering.py)."""

from __future__ import annotations

import pytest

from app.answering.ordering import ordering_sides

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Which was founded first, the league or the union?",
            ["When was the league founded?", "When was the union founded?"],
        ),
        (
            "which treaty was ratified earlier: the Bergen Accord or the Oslo Pact",
            ["When was the Bergen Accord ratified?", "When was the Oslo Pact ratified?"],
        ),
        (
            "Which port joined the league later, Riga or Gdansk?",
            ["When Riga joined the league?", "When Gdansk joined the league?"],
        ),
        # a part asked of each after it is asked of each side
        (
            "Which was ratified first, the Bergen Accord or the Oslo Pact, and where was each one drafted?",
            [
                "When was the Bergen Accord ratified, and where was the Bergen Accord drafted?",
                "When was the Oslo Pact ratified, and where was the Oslo Pact drafted?",
            ],
        ),
        # no act named: an organisation is founded, a document signed
        ("Which is older, the league or the union?", ["When was the league founded?", "When was the union founded?"]),
        (
            "Which came first, the Harbour Charter or the Bergen Accord?",
            ["When was the Harbour Charter signed?", "When was the Bergen Accord signed?"],
        ),
        # asked yes or no
        ("Is the league older than the union?", ["When was the league founded?", "When was the union founded?"]),
        (
            "Is the Harbour Charter newer than the Bergen Accord?",
            ["When was the Harbour Charter signed?", "When was the Bergen Accord signed?"],
        ),
    ],
)
def test_an_ordering_question_asks_when_each_alternative_was(question: str, asked: list[str]) -> None:
    sides = ordering_sides(question)
    assert [s.question for s in sides] == asked
    assert all(s.label in question for s in sides)


@pytest.mark.parametrize(
    "question",
    [
        "Which ports joined the league in 2004?",
        "Which is bigger, the league or the union?",
        "When was the league founded?",
        # a signature and an event: not two things of one kind
        "Was the charter signed after the war?",
        "Is the league bigger than the union?",
        # words between the order asked and the alternatives: not read as two alternatives
        "Which began earlier in 2019: the league meeting in Bergen or the union summit in Oslo?",
    ],
)
def test_other_questions_are_not_ordering_questions(question: str) -> None:
    assert ordering_sides(question) == []
