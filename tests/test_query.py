"""app.answering.query: what the question itself says, understood without the index."""

from __future__ import annotations

import pytest

from app.answering.follow_up import is_follow_up, resolve_follow_up
from app.answering.lexicon import with_same_acts
from app.answering.query import (
    acronyms,
    membership_query,
    name_phrases,
    one_form,
    order_as_verb,
    organisations_named,
    other_organisation,
    question_terms,
    side_question,
    understand,
    written_out,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Что такое ОДКБ?", ["CSTO"]),
        ("Когда была создана Шанхайская организация сотрудничества?", ["SCO"]),
        ("上海合作组织何时成立？", ["SCO"]),
        ("集体安全条约组织有哪些成员国？", ["CSTO"]),
        ("How do the Shanghai Cooperation Organisation and the CSTO differ?", ["SCO", "CSTO"]),
        ("Who chairs the CIS?", []),
    ],
)
def test_organisation_aliases_in_three_languages(text: str, expected: list[str]) -> None:
    assert organisations_named(text) == expected


def test_names_skip_the_first_word_and_split_at_possessives() -> None:
    assert name_phrases("What post did Ingrid Halvorsen hold in Bergen?") == [
        ["Ingrid", "Halvorsen"],
        ["Bergen"],
    ]
    assert name_phrases("Which SCO states joined Norway's Falcon exercises?") == [["SCO"], ["Norway"], ["Falcon"]]
    assert name_phrases("Why did Mongolia leave the 'Harbour' drill early?") == [["Mongolia"], ["Harbour"]]


def test_follow_ups_are_rewritten_to_stand_alone() -> None:
    assert resolve_follow_up("And the CSTO?", ["When was the SCO founded?"]) == "When was the CSTO founded?"
    assert resolve_follow_up("When was that?", ["Who set up RATS?"]) == "Who set up RATS? When was that?"
    assert resolve_follow_up("Who heads the CSTO Secretariat today?", ["When was the SCO founded?"]) == (
        "Who heads the CSTO Secretariat today?"
    )
    assert resolve_follow_up("And the CSTO?", []) == "And the CSTO?"
    assert not is_follow_up("Which countries set up the Shanghai Cooperation Organisation, and when?")
    assert resolve_follow_up("how many?", ["When did the league post observers?"]) == (
        "When did the league post observers? how many?"
    )
    assert is_follow_up("Why?") and is_follow_up("since when?") and not is_follow_up("virtual regionalism?")


def test_comparisons_are_split_into_one_question_per_organisation() -> None:
    facts = understand("How do the SCO and the CSTO differ on collective defence?")
    assert facts.comparison and facts.organisations == ["SCO", "CSTO"]
    assert "CSTO" not in side_question(facts.text, "SCO")
    assert "SCO" not in side_question(facts.text, "CSTO").replace("CSTO", "")
    # the other organisation goes with its article and conjunction, leaving a question that reads
    assert side_question(facts.text, "CSTO") == "How do the CSTO differ on collective defence?"
    assert side_question("Did the CSTO or the SCO send observers?", "SCO") == "Did the SCO send observers?"
    assert side_question("Compare the SCO vs. the CSTO on drugs", "SCO") == "Compare the SCO on drugs"
    # 'like the other' asks the same of both organisations
    like = "Does the CSTO run a drug academy like the SCO?"
    assert understand(like).comparison
    assert [side_question(like, org) for org in ("SCO", "CSTO")] == [
        "Does the SCO run a drug academy?",
        "Does the CSTO run a drug academy?",
    ]
    # so does 'compared with the other', said at the end
    compared = "How many drills does the CSTO hold a year, compared with the SCO?"
    assert understand(compared).comparison
    assert [side_question(compared, org) for org in ("SCO", "CSTO")] == [
        "How many drills does the SCO hold a year?",
        "How many drills does the CSTO hold a year?",
    ]
    assert not understand("Do states like Iran trust the SCO more than the CSTO?").comparison
    assert not understand("How does the SCO differ from its predecessor?").comparison
    # nothing to compare them on: answered whole, by passages that set the two side by side
    assert not understand("Compare the CSTO with the SCO.").comparison
    assert understand("Compare the CSTO with the SCO on drug trafficking.").comparison


def test_question_framing_words_do_not_count_as_content() -> None:
    framed = question_terms("What did the SCO say about climate change?")
    assert {"sco", "climat", "chang"} <= framed and "say" not in framed
    # when the question is asked is not what it is about: a word the texts rarely use would outweigh the rest
    assert question_terms("How many ports does the Harbour League count today?", topic_only=True) == {
        "port",
        "count",
        "harbour",
        "leagu",
    }
    assert "now" not in question_terms("Who chairs the ferry council now?")
    # 'were', 'be', 'also' and 'particularly' are in no answer's topic; as rare terms they would outweigh 'ferry'
    assert question_terms("Why were ferry crews also particularly likely to be fined?") == {
        "whi",
        "ferri",
        "crew",
        "like",
        "fine",
    }


def test_the_class_of_a_list_answer_is_not_its_topic() -> None:
    # the passage that answers names the states ('Varna, Riga and Gdansk'), not the word 'countries'
    assert question_terms("Which countries are members of the Harbour League?", topic_only=True) == {
        "member",
        "harbour",
        "leagu",
    }
    assert "countri" in question_terms("What did the countries of the league agree on ferries?", topic_only=True)
    # any country: the passage says 'a member may withdraw'
    assert question_terms("How does a state quit the Harbour League?", topic_only=True) == {"quit", "harbour", "leagu"}


def test_which_countries_are_in_an_organisation_asks_for_its_members() -> None:
    for asked in ("What states are in the Harbour League?", "what states make up the Harbour League?"):
        assert membership_query(asked).endswith(" are members of the Harbour League?")
    assert membership_query("which nations belong to the sco") == "which nations are members of the sco"
    talks = "Which countries are in talks with the Harbour League?"
    assert membership_query(talks) == talks  # no membership asked
    # 'also in' another body: the members of both, as the passage that names them says it
    assert membership_query("Which HLC members are also in the ferry union?") == (
        "which countries are members of both the HLC and the ferry union?"
    )
    ports = "Which ports are also in the ferry union?"
    assert membership_query(ports) == ports  # no body named before 'also'


def test_retrieval_weighs_the_topic_of_a_question_not_its_form() -> None:
    # The texts use "who", "how" and "can" in their own sentences; a passage is not more on topic for it.
    texts_use_every_word = lambda term: True  # noqa: E731
    asked = "Who can veto a new member, and how did the harbour board vote?"
    kept = question_terms(asked, vocabulary=texts_use_every_word)
    topic = question_terms(asked, vocabulary=texts_use_every_word, topic_only=True)
    assert {"who", "how"} <= kept
    assert topic == {"veto", "new", "member", "harbour", "board", "vote"}


def test_a_name_spelled_out_names_its_acronym() -> None:
    assert "HLC" in acronyms("Wikipedia: Harbour League of Cities")  # connectors skipped
    assert "NRC" in acronyms("The Nordic River Commission and its ports")
    assert acronyms("Harbour League") == []  # two words spell no acronym worth trusting


def test_a_possessive_successor_or_predecessor_is_asked_with_the_verb() -> None:
    """ "Who was Ida Berg's predecessor?" asks who preceded her: the words the order rules read."""
    assert order_as_verb("Who was Ida Berg's predecessor as chair?") == "who preceded Ida Berg as chair?"
    assert order_as_verb("who was Per Lund's successor") == "who succeeded Per Lund"
    assert order_as_verb("What was the successor of the Varna Accord?") == "What was the successor of the Varna Accord?"


def test_a_country_that_opens_a_keyword_query_is_a_name() -> None:
    """'Norway hlc accession' asks about Norway: a name the answer must say, though it opens the query
    (the first word's capital says nothing of an ordinary word)."""
    assert name_phrases("Norway HLC accession") == [["Norway"], ["HLC"]]
    assert name_phrases("Ferry routes of the HLC") == [["HLC"]]
    # a country of two words is named whole: not 'Zealand' with 'New' as an ordinary word
    assert name_phrases("New Zealand's bid to join the HLC: what year?") == [["New", "Zealand"], ["HLC"]]
    # an acronym after a country of two words is a name of its own
    assert name_phrases("When did Egypt and New Zealand HLC talks begin?") == [["Egypt"], ["New", "Zealand"], ["HLC"]]
    assert name_phrases("New ferry routes of the HLC") == [["HLC"]]


def test_shorthand_in_a_question_is_written_out_as_the_documents_write_it() -> None:
    assert written_out("where is the nhl hq?") == "where is the nhl headquarters?"
    assert written_out("Which orgs did Norway & Sweden join?") == "Which organisations did Norway and Sweden join?"
    assert written_out("What did the league's sec-gen say?") == "What did the league's Secretary-General say?"
    # capitals only: 'pm' is a time of day; and no word that merely contains the shorthand
    assert written_out("Which PM spoke at 3 pm?") == "Which prime minister spoke at 3 pm?"
    assert written_out("the hq-based unit of the Orgburo") == "the hq-based unit of the Orgburo"


def test_a_guests_title_does_not_make_a_sentence_about_the_other_organisation() -> None:
    question = "Who represented the Harbour League at the 2031 SCO summit in Varna?"
    guests = "Taking part were Ida Berg, Chairwoman of the Harbour League, and Per Lund, Secretary-General of the CSTO."
    assert other_organisation(question, guests) == ""  # the CSTO's man is one guest among others
    about = "The CSTO held its own summit in Varna in 2031."
    assert other_organisation(question, about) == "CSTO"


def test_a_bracketed_second_form_of_a_name_keeps_the_one_the_texts_know() -> None:
    known = {"хлк", "harbour", "league"}

    def knows(text: str) -> bool:
        return all(w.lower() in known for w in text.split())

    assert one_form("What does the HLK (ХЛК) stand for?", knows) == "What does the ХЛК stand for?"
    assert one_form("What does the ХЛК (HLK) stand for?", knows) == "What does the ХЛК stand for?"
    # a long name known only word by word may be one the texts lack: both forms stay
    assert one_form("Who founded the Harbour League (HLZ)?", knows) == "Who founded the Harbour League (HLZ)?"


def test_a_phrasal_verb_searches_with_the_other_words_for_its_act() -> None:
    """'set up' is said 'established' in the texts: the keyword search looks for that too."""
    assert "establish" in with_same_acts("When was the Harbour League set up?").split()
    assert "establish" in with_same_acts("Why are ports setting up a ferry board?").split()
