"""Comparisons of two named things read as one question per thing (app/answering/comparing.py)."""

from __future__ import annotations

import pytest

from app.answering.comparing import answers_both, asks_only_difference, comparison_sides
from app.answering.ordering import Side

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "How did the 2011 ferry drill differ from the 2014 harbour drill?",
            ["What was the 2011 ferry drill?", "What was the 2014 harbour drill?"],
        ),
        (
            "In what ways do Hanseatic port dues differ in scope from Baltic pilotage fees?",
            ["What is the scope of Hanseatic port dues?", "What is the scope of Baltic pilotage fees?"],
        ),
        ("How did the 2011 drill differ from the 2014 one?", ["What was the 2011 drill?", "What was the 2014 drill?"]),
        # both things before the verb, and what they differ on
        (
            "How do the Harbour League and the Ferry Union differ on pilotage?",
            ["What is the Harbour League, on pilotage?", "What is the Ferry Union, on pilotage?"],
        ),
        ("How did the 2011 drill and the 2014 drill differ?", ["What was the 2011 drill?", "What was the 2014 drill?"]),
        # the second names another thing of the kind the first ends on: it is asked what the first asks
        (
            "How does the levy agreed at the 2030 Varna summit differ from the 2031 Zenda summit?",
            [
                "What is the levy agreed at the 2030 Varna summit?",
                "What is the levy agreed at the 2031 Zenda summit?",
            ],
        ),
        # a body the product does not filter by, set beside one it does
        ("How does the Hanseatic League differ from the CSTO?", ["What is the Hanseatic League?", "What is the CSTO?"]),
        (
            "How is Article 9 of the Bergen Accord different from Article 2 of the Oslo Pact?",
            ["What is Article 9 of the Bergen Accord?", "What is Article 2 of the Oslo Pact?"],
        ),
        (
            "What is the difference between Operation Seagull and Operation Tern?",
            ["What is Operation Seagull?", "What is Operation Tern?"],
        ),
        # ... asked as a keyword query
        (
            "Main differences between Operation Seagull and Operation Tern",
            ["What is Operation Seagull?", "What is Operation Tern?"],
        ),
        # A that names its head already keeps it once
        (
            "Compare the Bergen Convention with the 2009 Oslo convention.",
            ["What is the Bergen Convention?", "What is the 2009 Oslo convention?"],
        ),
        # other ways of asking for a difference
        (
            "What distinguishes the Bergen Accord from the Oslo Pact?",
            ["What is the Bergen Accord?", "What is the Oslo Pact?"],
        ),
        (
            "Contrast the Bergen accord with the Oslo accord on ferries.",
            ["What is the Bergen accord on ferries?", "What is the Oslo accord on ferries?"],
        ),
        (
            "In what respects do the Harbour League and the Ferry Union differ?",
            ["What is the Harbour League?", "What is the Ferry Union?"],
        ),
        (
            "Bergen accord vs Oslo pact on pilotage",
            ["What is Bergen accord, on pilotage?", "What is Oslo pact, on pilotage?"],
        ),
        (
            "How does the Bergen accord's view of pilots compare to the Oslo accord's?",
            ["What is the Bergen accord's view of pilots?", "What is the Oslo accord's view of pilots?"],
        ),
        # one thing at two times
        (
            "How did the league's policy on pilots change between 2019 and 2023?",
            ["What was the league's policy on pilots in 2019?", "What was the league's policy on pilots in 2023?"],
        ),
        # B, an owner, names the topic of both
        (
            "How did Varna's stance differ from Zenda's on the ferry toll?",
            ["What was Varna's stance on the ferry toll?", "What was Zenda's stance on the ferry toll?"],
        ),
        # B said by ellipsis takes what it leaves out from A
        (
            "How do the patrol budgets of the Harbour League compare with those of the Ferry Union?",
            ["What are the patrol budgets of the Harbour League?", "What are the patrol budgets of the Ferry Union?"],
        ),
        (
            "How do the ports listed in the Bergen Accord compare with those of the Oslo Pact?",
            ["What are the ports listed in the Bergen Accord?", "What are the ports of the Oslo Pact?"],
        ),
        # "that of Sweden" after "Norway's ...": Sweden's same thing
        (
            "How does Norway's ratification date of the Varna Accord compare with that of Sweden?",
            [
                "What is Norway's ratification date of the Varna Accord?",
                "What is Sweden's ratification date of the Varna Accord?",
            ],
        ),
        # 'in time and place': when and where each was held
        (
            "How did the ferry council listed in the Varna report differ in time and place from the 3rd council?",
            [
                "When and where was the ferry council listed in the Varna report held?",
                "When and where was the 3rd council held?",
            ],
        ),
        (
            "How do the toll figures reported by the league in May 2031 compare with those reported in June 2032?",
            [
                "What are the toll figures reported by the league in May 2031?",
                "What are the toll figures reported in June 2032?",
            ],
        ),
        (
            "Compare the safety codes adopted by the league in 2015 and by the union in 2016.",
            [
                "What is the safety codes adopted by the league in 2015?",
                "What is the safety codes adopted by the union in 2016?",
            ],
        ),
        (
            "How did the Harbour League's reply to the 2019 strike differ from its response to the 2021 flood?",
            [
                "What was the Harbour League's reply to the 2019 strike?",
                "What was the Harbour League's response to the 2021 flood?",
            ],
        ),
        # A names what B's head noun says of both
        (
            "Compare the Bergen and Oslo declarations on ferries.",
            ["What is the Bergen declaration on ferries?", "What is the Oslo declaration on ferries?"],
        ),
        ("How do the 2015 and 2016 strategies compare?", ["What is the 2015 strategy?", "What is the 2016 strategy?"]),
        (
            "How did the CSTO and the SCO summits of 2031 differ?",
            ["What was the CSTO summit of 2031?", "What was the SCO summit of 2031?"],
        ),
        # what each says about one topic
        (
            "Compare what the Bergen declaration and the Oslo declaration said about ferries.",
            ["What did the Bergen declaration say about ferries?", "What did the Oslo declaration say about ferries?"],
        ),
        (
            "Compare what the SCO and the Harbour League say about pilotage.",
            ["What does the SCO say about pilotage?", "What does the Harbour League say about pilotage?"],
        ),
        (
            "What did the Bergen and Oslo declarations say about ferries?",
            ["What did the Bergen declaration say about ferries?", "What did the Oslo declaration say about ferries?"],
        ),
        (
            "What do Varna and Zenda say on pilotage?",
            ["What does Varna say on pilotage?", "What does Zenda say on pilotage?"],
        ),
        # the same asked of two named things
        (
            "How did the 2019 Bergen declaration and the 2020 Oslo declaration treat ferries?",
            ["How did the 2019 Bergen declaration treat ferries?", "How did the 2020 Oslo declaration treat ferries?"],
        ),
        (
            "How did Norway and Estonia respond to the strike?",
            ["How did Norway respond to the strike?", "How did Estonia respond to the strike?"],
        ),
        # two organisations asked the same: each asked of alone (and filtered to it by its name)
        (
            "How do the SCO and the CSTO handle port security?",
            ["How does the SCO handle port security?", "How does the CSTO handle port security?"],
        ),
        # "the union's": the same thing of the union
        (
            "How does the Harbour League's approach to ferries differ from the Ferry Union's?",
            ["What is the Harbour League's approach to ferries?", "What is the Ferry Union's approach to ferries?"],
        ),
        # "the league's": an owner alone, with the thing the other side says its owner has
        (
            "Compare the Harbour League's and the Ferry Union's approach to Zenda.",
            ["What is the Harbour League's approach to Zenda?", "What is the Ferry Union's approach to Zenda?"],
        ),
        # "Estonia's in 2031": the other country's same measure, and the year closes the question for both
        (
            "How did the ferry toll in Latvia compare with Estonia's in 2031?",
            ["What was the ferry toll in Latvia in 2031?", "What was the ferry toll in Estonia in 2031?"],
        ),
        # the scene set before the question word is where each side is asked
        (
            "At the league's first ferry summit in Varna, how did the role of Zenda differ from that of Latvia?",
            [
                "What was the role of Zenda, at the league's first ferry summit in Varna?",
                "What was the role of Latvia, at the league's first ferry summit in Varna?",
            ],
        ),
    ],
)
def test_a_comparison_of_two_things_asks_about_each(question: str, asked: list[str]) -> None:
    sides = comparison_sides(question)
    assert [s.question for s in sides] == asked
    assert all(s.label.lower() in s.question.lower() for s in sides)  # each side headed by its thing


@pytest.mark.parametrize(
    "question",
    [
        # two organisations: engine._compare answers each with its own passages
        "How does the SCO differ from the CSTO?",
        "What is the difference between the Shanghai Cooperation Organisation and the CSTO?",
        "How does the SCO differ from the CSTO on collective defence?",
        "How do the SCO and the CSTO differ with respect to collective defence?",
        # 'with respect to' says what they differ on: no second thing after it
        "How does the ferry code differ with respect to pilots?",
        # not a comparison of two things
        "How did the league respond to the 2019 strike?",
        "Which was founded first, the league or the union?",
        # not two named things
        "How did the league and its members respond?",
    ],
)
def test_other_questions_are_not_compared_thing_by_thing(question: str) -> None:
    assert comparison_sides(question) == []


def test_an_answer_that_speaks_of_both_things_is_kept_whole() -> None:
    sides = comparison_sides("How did the 2011 ferry drill differ from the 2014 harbour drill?")
    both = "The 2011 ferry drill tested lifeboats [1], whereas the 2014 harbour drill tested cranes [2]."
    one = "The 2014 harbour drill tested cranes and moorings [1]."
    assert answers_both(both, sides)
    assert not answers_both(one, sides)
    # a citation number is not a word of the answer
    assert not answers_both("The harbour drill tested cranes [2011].", sides)
    # naming both is not setting them side by side
    named = "Crews of the 2011 ferry drill joined the 2014 harbour drill as observers [1]."
    assert not answers_both(named, sides)
    assert answers_both("The 2014 harbour drill was larger than the 2011 ferry drill [1].", sides)


def test_a_side_that_asks_only_how_it_differs_is_asked_what_it_is() -> None:
    """'How does the SCO differ from the CSTO?' leaves each side 'How does the SCO differ from ?':
    what each organisation is answers it (engine._compare)."""
    assert asks_only_difference("How does the SCO differ from the ?")
    assert asks_only_difference("SCO vs - what's the main difference?")
    assert not asks_only_difference("How does the SCO differ in membership?")
    assert not asks_only_difference("Is the SCO a military alliance?")


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "How did the HLC judge the 2031 Zenda vote compared with the NBFU?",
            [
                ("HLC", "How did the HLC judge the 2031 Zenda vote?"),
                ("NBFU", "How did the NBFU judge the 2031 Zenda vote?"),
            ],
        ),
        # the other thing is of the kind it stands for: a country for the country, a year for the year
        (
            "What did the league do in Norway in 2031, compared with Sweden?",
            [
                ("Norway", "What did the league do in Norway in 2031?"),
                ("Sweden", "What did the league do in Sweden in 2031?"),
            ],
        ),
        # an event named with its year and place stands for the question's own event
        (
            "Who spoke for the HLC at the 2030 Varna summit compared with the 2031 Zenda summit?",
            [
                ("2030 Varna summit", "Who spoke for the HLC at the 2030 Varna summit?"),
                ("2031 Zenda summit", "Who spoke for the HLC at the 2031 Zenda summit?"),
            ],
        ),
        # differing between two occasions: the thing at each; a representation is who represented
        (
            "How did Norway's representation differ between the 2030 Varna and 2031 Zenda summits?",
            [
                ("2030 Varna summit", "Who represented Norway at the 2030 Varna summit?"),
                ("2031 Zenda summit", "Who represented Norway at the 2031 Zenda summit?"),
            ],
        ),
        # 'How do A and B each ...': how A does it, and how B does
        (
            "How do the 2029 Varna deployment and the May 2031 Zenda case each show the league's resolve?",
            [
                ("2029 Varna deployment", "How does the 2029 Varna deployment show the league's resolve?"),
                ("May 2031 Zenda case", "How does the May 2031 Zenda case show the league's resolve?"),
            ],
        ),
        # two periods named at length: each is asked about on its own
        (
            "How did voting in the league change between the years of the four founding ports and the larger league?",
            [
                (
                    "Years of the four founding ports",
                    "What was voting in the league in the years of the four founding ports?",
                ),
                ("Larger league", "What was voting in the league in the larger league?"),
            ],
        ),
        (
            "How many ferries did the league inspect in 2030 as opposed to 2031?",
            [
                ("2030", "How many ferries did the league inspect in 2030?"),
                ("2031", "How many ferries did the league inspect in 2031?"),
            ],
        ),
    ],
)
def test_a_question_compared_with_another_thing_is_asked_of_each(question: str, sides: list[tuple[str, str]]) -> None:
    assert [(side.label, side.question) for side in comparison_sides(question)] == sides


@pytest.mark.parametrize(
    "question",
    [
        # no country for Sweden to stand for, and two years for 2032
        "How many ferries did the league inspect in 2030 and 2031 compared with Sweden?",
        "How many ferries did the league inspect in 2030 and 2031, compared with 2032?",
        # two organisations the product filters by: engine._compare
        "How did the SCO react to the coup compared with the CSTO?",
    ],
)
def test_a_comparison_with_no_one_thing_to_replace_is_not_split(question: str) -> None:
    assert comparison_sides(question) == []


def test_an_answer_kept_whole_must_name_what_the_question_asks_of_both() -> None:
    """'How did the HLC judge the 2031 Zenda vote, compared with the NBFU?': a sentence contrasting
    the two on another vote does not answer it (a demonym names its country: 'Zendan' for Zenda)."""
    question = "How did the HLC judge the 2031 Zenda vote compared with the NBFU?"
    sides = comparison_sides(question)
    other = "The HLC praised the 2031 Varna vote, while the NBFU called it flawed [1]."
    asked = "The HLC praised the 2031 Zendan vote, while the NBFU called it flawed [1]."
    assert not answers_both(other, sides, question)
    assert answers_both(asked, sides, question)
    # what both sides are asked of (Norway's representation) must be said too
    norway = comparison_sides(
        "How did Norway's representation at the 2030 Varna summit differ from that at the 2031 Zenda one?"
    )
    events = "Talks held after the 2030 Varna summit went on in Zenda until 2031 [1]."
    assert not answers_both(events, norway, "How did Norway's representation at the 2030 Varna summit differ ...?")


def test_compare_with_a_name_alone_asks_the_first_things_question_of_that_name() -> None:
    """'Compare the league's replies to Norway in 2010 and Sweden in 2012': 'to' belongs to the first
    thing, and 'Sweden in 2012' stands for the replies to Sweden in 2012."""
    sides = comparison_sides("Compare the league replies to Norway in 2010 and Sweden in 2012.")
    assert [side.label for side in sides] == ["League replies to Norway in 2010", "League replies to Sweden in 2012"]
    assert [side.label for side in comparison_sides("Compare the league to the union.")] == ["League", "Union"]


def test_a_name_asked_of_both_may_be_said_by_the_title_of_the_document_quoted() -> None:
    """'How did the HLC differ from the NBFU in Berg's study?': the quote names neither Berg nor her
    study; the title of the document it comes from does."""
    question = "How did the HLC differ from the NBFU in Berg's study?"
    sides = [Side("HLC", "HLC"), Side("NBFU", "NBFU")]  # two organisations, as engine._compare asks them
    quote = "The HLC has wider formal functions, while the NBFU is more hierarchical in practice [1]."
    assert not answers_both(quote, sides, question)
    assert answers_both(quote, sides, question, titles="Berg 2031 study of harbour leagues")
    # the title does not say what tells the two apart
    assert not answers_both("The HLC has wider formal functions [1].", sides, question, titles="HLC and NBFU")
