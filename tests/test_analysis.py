"""Question analysis: answer types, parts, focus and constraints on phrasings written for this test.

None of these questions is in an evaluation set; they are about invented or general subjects
on purpose, so the rules are shown to be about English questions, not about the corpus.
"""

from __future__ import annotations

import pytest

from app.answering.analysis import analyse, answer_type, dated_act, definition_subject, split_parts, status_asked
from app.answering.wording import indirect

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who chairs the Eurasian Economic Commission?", "person"),
        ("whom did the council appoint in 2019", "person"),
        ("Which Belgian minister opened the conference?", "person"),
        ("Which ambassador signed the protocol?", "person"),
        ("Which Estonian led the delegation?", "person"),
        # a nationality before a noun qualifies it: the proposal, not a person, is asked for
        ("Which Estonian proposal did the council adopt?", "other"),
        # the owner of a role or a plan may be a state or a group of people as well as a person
        ("Whose role in ferry safety does the league stress?", "other"),
        ("Whose was the plan to merge the two boards?", "person"),
        # 'by what means', 'in what way': how it is done, not a list of 'means' or 'ways'
        ("By what means can the league raise its ferry capacity?", "process"),
        ("In what ways do the ports share their pilots?", "process"),
        ("Through which channels will the ports agree the dates?", "list"),
        ("When was the customs union created?", "date"),
        ("In which year did Mongolia apply?", "date"),
        ("since when has the bank existed", "date"),
        ("On which date did the parliament ratify the accord?", "date"),
        ("What date did the fair open?", "date"),
        ("How many helicopters does the air group have?", "number"),
        ("how much did the new headquarters cost", "number"),
        ("How large is the commission's yearly budget?", "number"),
        ("What was the total cost of the bridge?", "number"),
        ("How long did the exercise last?", "number"),
        # the name a thing went by, whatever its kind ('city'): what the text says it was called
        ("What was the port city of Varna called before 1990?", "other"),
        ("And what was it meant to fund?", "other"),  # a clause about it, not what it is
        ("What is needed before a port may open a ferry line?", "other"),  # what is needed, not a port
        ("Where is the secretariat of the union located?", "place"),
        ("Which city hosted the 2019 summit?", "place"),
        # a verb in -s after the noun is not a plural noun: one country, not a list
        ("Which country hosts the ferry secretariat?", "place"),
        ("Which ports host ferry bodies?", "list"),
        ("what's the largest port of Moldova", "place"),
        ("What was the official casualty count of the riots?", "number"),
        ("Which coastal border inspection did the accord praise?", "other"),
        ("Which General Council resolution admitted Moldova?", "other"),
        ("How many ferries sank when the storm hit the coast?", "number"),
        ("the harbour opened when?", "date"),
        ("In which country is the training centre?", "place"),
        ("Which countries belong to the customs union?", "list"),
        ("NATO partners?", "list"),
        ("What operations does the union run?", "list"),
        ("Name the founding states of the bank", "list"),
        ("bridges funded by the harbour fund", "list"),
        ("new observers admitted at the harbour summit?", "list"),
        ("What is the Eastern Maritime Patrol?", "definition"),
        ("what's a dialogue partner", "definition"),
        ("collective defence meaning?", "definition"),
        ("What does the acronym EAEU stand for?", "definition"),
        ("what is HARPS", "definition"),  # an acronym ending in s is a name, not a plural
        ("Who is Ida Velde?", "definition"),  # a person named: what she is
        ("who was Per Lund", "definition"),
        ("Who is the Harbour League Secretary-General?", "person"),  # a role: who holds it
        ("Who is Harbour League Secretary-General?", "person"),
        ("What is the HARPS?", "definition"),
        ("WHICH PORTS JOINED THE LEAGUE", "list"),
        ("Why did Kyrgyzstan close the base in 2014?", "reason"),
        ("What was the reason for the boycott?", "reason"),
        ("what led to the split", "reason"),
        ("What explains the delay of the ferry line?", "reason"),
        ("what accounts for the drop in exports", "reason"),
        ("How did the port authority justify the new fee?", "reason"),
        ("On what grounds did the union refuse the ferry accord?", "reason"),
        ("What reason did the league give for closing the depot?", "reason"),
        ("How come the port stayed closed?", "reason"),
        ("How does a state join the union?", "process"),
        ("how are decisions taken", "process"),
        ("What are the rules for leaving the union?", "process"),  # how it is done, not a list of names
        ("What is the procedure for admitting a port?", "process"),
        ("By whom was the ferry pact proposed?", "person"),
        ("What is the HLC Joint Staff?", "definition"),  # a body's name, though 'staff' may be counted
        ("What problems did the league's enlargement cause?", "other"),  # described, not a list of names
        ("What operations does the league run?", "list"),
        ("What is the staff of the HLC?", "number"),
        ("harbour league member states list", "list"),  # a list whatever its items are
        ("list the league's secretaries general", "list"),
        ("What were the union's reactions to the flood in Varna?", "process"),  # what it did, not a list
        ("What was the league response to the strike?", "process"),
        ("How do the two bodies differ?", "comparison"),
        ("Which ports are in both the league and the union?", "list"),  # those in each, not a comparison
        ("Are both Varna and Tallinn members?", "yes_no"),
        ("How do both leagues treat smuggling?", "comparison"),
        ("Compare the bank with the fund", "comparison"),
        ("Is Georgia a member of the union?", "yes_no"),
        ("Is the league a customs union like the Harbour Pact?", "comparison"),  # measured against a name
        ("Who are the league's trading partners?", "list"),  # partners are a list, not a person
        ("Do ports like Varna pay the levy?", "yes_no"),  # an example, not the measure
        ("Did the council meet in 2021?", "yes_no"),
        ("Has Serbia ever applied?", "yes_no"),
        ("what happened at the Minsk meeting", "other"),
        ("What did the members agree about a list of banned ports?", "other"),  # the list is the topic
        ("Who drew up the list of banned ports?", "person"),
        ("What did the pilots say in 2031 about the state of the league's banned-port list?", "other"),  # said of it
        ("Which ports are on the league's banned-port list?", "list"),
        ("On what dates did the Varna drill take place?", "date"),  # days asked, not a list
        ("Which member state ran the ferry board in 2031?", "place"),  # a country, as 'which country'
        ("Which nation hosts the ferry board?", "place"),
        ("What is the state of ferry cooperation?", "definition"),  # a condition, not a country
        ("Which days are the ferry talks held on?", "date"),
        ("What measures did the league take against smuggling?", "other"),  # described, not named items
        # where to read the answer, said before the question word
        ("According to the 2031 Varna report, when was the ferry board set up?", "date"),
        ("In Berg's study, why is the league weak?", "reason"),
        ("Under the Zenda accord, which ports must pay the levy?", "list"),
        # a word in -s between the noun asked and its object is the verb, not a plural
        ("Which charter underpins the Varna ferry pact?", "other"),
        ("What body oversees HLC patrols?", "other"),
        ("Which member states signed the ferry pact?", "list"),
        # after a body's noun, a word in -s that is no group of its own is what the body does
        ("Which HLC body approves new ferry routes?", "other"),
        ("Which council admits new members?", "other"),
        ("Which member countries signed the ferry pact?", "list"),
        ("How wide is the exclusion zone around the Varna pier?", "number"),
        ("How deep is the channel at Zenda?", "number"),
    ],
)
def test_answer_type_of_many_phrasings(question: str, expected: str) -> None:
    assert answer_type(question) == expected


def test_a_second_question_after_and_is_its_own_part_but_joined_subjects_are_not() -> None:
    assert split_parts("When did Mongolia sign the treaty, and how many troops did it send?") == [
        "When did Mongolia sign the treaty",
        "how many troops did it send?",
    ]
    assert split_parts("When and where was this pact concluded?") == ["When and where was this pact concluded?"]
    # after a clause naming the source, 'when' asks of what the next part names
    assert split_parts("According to the Varna report, when and where were the next ferry talks to be held?") == [
        "According to the Varna report, when were the next ferry talks to be held",
        "where were the next ferry talks to be held?",
    ]
    assert split_parts("Next ferry summit after Varna: where and when?") == [
        "Next ferry summit after Varna: where",
        "when?",
    ]
    assert split_parts("Why did Armenia and Azerbaijan go to war?") == ["Why did Armenia and Azerbaijan go to war?"]
    assert len(split_parts("Where is the bank based? Who runs it?")) == 2
    assert split_parts("Which ports does the fisheries accord list, and by what date must they comply?") == [
        "Which ports does the fisheries accord list",
        "by what date must they comply?",
    ]


def test_constraints_keep_names_years_references_and_content_words() -> None:
    part = analyse("What did Article 8 of the Charter say about sanctions in 2015?").parts[0]
    kinds = {(c.kind, c.text) for c in part.constraints}
    assert ("reference", "Article 8") in kinds
    assert ("year", "2015") in kinds
    assert ("entity", "Charter") in kinds
    assert ("topic", "sanctions") in kinds  # what it said something about
    # framing words ('what', 'did', 'say', 'about') are not constraints
    assert not {"what", "did", "say", "about"} & {c.text.lower() for c in part.constraints}
    # what it said something about is a topic every answer sentence must name
    assert {c.text for c in part.required()} == {"Article 8", "2015", "Charter", "sanctions"}
    # a name's possessive is the name, not a word of its own; a lower-case one is its word
    owned = analyse("What are the Harbour League's ferry rules and ruritania's role?").parts[0]
    texts = [c.text for c in owned.constraints]
    assert "Harbour League" in texts and "League's" not in texts and "ruritania" in texts


def test_what_a_question_sets_aside_is_not_a_constraint() -> None:
    leading = analyse("Apart from the Harbour Council of Ports, which bodies does the league keep?").parts[0]
    assert {c.text for c in leading.required()} == set()  # the council is what the answer leaves out
    assert "keep" in leading.words()
    inline = analyse("Which members other than Norway sent ferries in 2001?").parts[0]
    assert {(c.kind, c.text) for c in inline.constraints} >= {("year", "2001"), ("word", "sent"), ("word", "ferries")}
    assert "Norway" not in {c.text for c in inline.constraints}


def test_focus_names_the_slot_the_answer_fills() -> None:
    assert analyse("Which Belgian minister opened the conference?").parts[0].focus == ["Belgian", "minister"]
    role = analyse("Who was Norway's fisheries minister in 2012?").parts[0]
    assert role.focus == ["fisheries", "minister"]
    assert ("entity", "Norway") in {(c.kind, c.text) for c in role.constraints}
    assert analyse("How many helicopters does the air group have?").parts[0].focus == ["helicopters"]
    assert analyse("who succeeded Ann Lund as deputy director of the bank?").parts[0].focus == ["deputy", "director"]
    # a role capitalised as a title, after 'current': the office asked, not a name to find
    office = analyse("Who is the current HL Secretary General?").parts[0]
    assert office.focus == ["HL", "Secretary", "General"]
    # after 'what was the', the quantity asked: a number of anything else does not answer it
    assert analyse("what was the total cost of the bridge in 2020?").parts[0].focus == ["cost"]
    # 'how many of them are Belgian': the qualifier is what must stand beside the number
    assert analyse("how many of them are Belgian").parts[0].focus == ["Belgian"]
    assert analyse("how many of those envoys were Danish").parts[0].focus == ["Danish"]
    listing = analyse("Which countries are members of the bank?").parts[0]
    assert listing.list_of == "countries"
    assert "members" in listing.words()  # how the items relate to the bank is a constraint


def test_light_verbs_are_not_constraints_and_months_are_only_weighed() -> None:
    part = analyse("Where did the January congress take place?").parts[0]
    texts = {c.text.lower() for c in part.constraints}
    assert "take" not in texts and "place" not in texts
    assert "congress" in texts
    assert {c.text for c in part.required()} == set()  # a month is a word to weigh, not a name to require


def test_words_that_say_where_a_thing_is_named_are_not_constraints() -> None:
    part = analyse("Which ports were expressly listed in their 2031 ferry statement?").parts[0]
    texts = {c.text.lower() for c in part.constraints}
    assert not {"expressly", "listed"} & texts
    assert {"2031", "ferry", "statement"} <= texts
    office = analyse("Who now serves as harbour master of the Varna port?").parts[0]
    assert "serves" not in {c.text for c in office.constraints}  # serving as a master is being one
    after = analyse("Which ferry was named after Ida Berg?").parts[0]
    assert "named" in {c.text for c in after.constraints}  # named after someone: the act asked


def test_an_elliptic_second_part_asks_about_the_first_parts_subject() -> None:
    parts = analyse("Why did the union send engineers to Laos, and how many?").parts
    assert [p.answer_type for p in parts] == ["reason", "number"]
    assert {"Laos", "engineers"} <= {c.text for c in parts[1].constraints}
    assert parts[1].focus == ["engineers"]  # a number of anything else does not answer it


def test_a_later_parts_its_stands_for_what_the_first_part_named() -> None:
    parts = analyse("When did Zenda join the Harbour League, and who signed its Ferry Charter?").parts
    inherited = [c.text for c in parts[1].constraints if c.inherited]
    assert "Zenda" in inherited and "Ferry Charter" not in inherited
    assert {c.text for c in parts[1].required()} >= {"Zenda", "Ferry Charter"}
    # after a name of its own, 'its' is that name's
    parts = analyse("When did Zenda join the Harbour League, and why did the Ferry Union move its seat?").parts
    assert not any(c.inherited for c in parts[1].constraints)


def test_words_that_only_frame_a_time_or_an_event_are_not_constraints() -> None:
    part = analyse("Who was Ferry Union chair at the time Varna hosted its congress?").parts[0]
    assert "time" not in {c.text for c in part.constraints}
    part = analyse("Where will the next one be held?").parts[0]
    assert {c.text for c in part.constraints} == {"next", "held"}
    part = analyse("Is the Varna congress going to admit Zenda?").parts[0]
    assert "going" not in {c.text for c in part.constraints}


def test_a_bare_how_many_follow_up_counts_what_the_conversation_named() -> None:
    part = analyse("how many?", earlier="when did the league post observers to the border how many?").parts[0]
    assert part.answer_type == "number"
    assert part.focus == ["observers"]


def test_a_follow_up_inherits_the_names_of_the_conversation() -> None:
    part = analyse("where is it based?", earlier="what is the Eurasian Development Bank where is it based?").parts[0]
    assert part.answer_type == "place"
    assert ("entity", "Eurasian Development Bank") in {(c.kind, c.text) for c in part.constraints}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what prize did she win?", "what prize she won"),
        ("how many members has it expelled", "how many members it has expelled"),
        ("who signed the lease", "who signed the lease"),
        ("when did the Chilean senate ratify the loan", "when the Chilean senate ratified the loan"),
        ("when did the Finnish cabinet approve the plan", "when the Finnish cabinet approved the plan"),
        ("how much does it charge", "how much it charges"),
        ("how much does she earn", "how much she earns"),
        ("where is the secretariat based", "where the secretariat is based"),
        ("when did the strike in Lima begin", "when the strike in Lima began"),
        ("Why did Ruritania freeze its membership?", "why Ruritania froze its membership"),
        # a verb's word right after 'the' is a noun
        ("When did the freeze in Lima begin?", "when the freeze in Lima began"),
        ("What did the league seek from Varna?", "what the league sought from Varna"),
        ("why did it not seek a seat", "why it did not seek a seat"),
        ("why didn't the Chilean senate vote", "why the Chilean senate did not vote"),
        ("why did the port never reopen", "why the port never reopened"),
        ("what was its motto", "what its motto was"),
        ("who was the first director of the bank", "who the first director of the bank was"),
        ("who was elected chair", "who was elected chair"),
        ("On what day did the fair close in Oslo", "on what day the fair closed in Oslo"),
        ("why did Moldova leave the pact", "why Moldova left the pact"),
        ("when did Danish troops leave", "when Danish troops left"),
        ("When did the 1999 Oslo Accord enter into force", "when the 1999 Oslo Accord entered into force"),
        ("when did the league finish paying its debt", "when the league finished paying its debt"),
        ("which banks does the trade report urge to lend", "“which banks does the trade report urge to lend?”"),
        ("when did the union admit Moldova", "when the union admitted Moldova"),
        ("why hasn't it joined the league", "why it has not joined the league"),
        ("why weren't they invited", "why they were not invited"),
        ("when did Peru and Chile sign the pact", "when Peru and Chile signed the pact"),
        ("why did the Oslo Forum and the Bergen Guild merge", "why the Oslo Forum and the Bergen Guild merged"),
        ("where did the ministers of trade meet in 2009", "where the ministers of trade met in 2009"),
        ("why did the guild of the Bergen Pilots refuse", "why the guild of the Bergen Pilots refused"),
        # after 'do' + a name, a plural noun heads the subject (no verb after 'do' ends in -s) ...
        ("by what year do NBFU ports aim to cut fees", "by what year NBFU ports aim to cut fees"),
        # ... and a word that is not plural is the verb, even before a preposition
        ("why did NBFU focus on ferries", "why NBFU focused on ferries"),
        ("what did Peru's navy sign", "what Peru's navy signed"),
        # a verb whose past is its own form, or an irregular one
        ("how much did the crossing cost", "how much the crossing cost"),
        ("when did the league cut its fees", "when the league cut its fees"),
        ("why did the Varna port fall silent", "why the Varna port fell silent"),
        # a long question phrase before the auxiliary
        ("how many barrels of diesel does the depot hold", "how many barrels of diesel the depot holds"),
        ("what share of its port dues does Ruritania keep", "what share of its port dues Ruritania keeps"),
        ("who hosted the summit where the league was founded", "who hosted the summit where the league was founded"),
        ("how many of the sailors were Estonian", "how many of the sailors were Estonian"),
        # a subject that ends the question is followed by its verb, a participle is not a subject
        ("how large is its budget", "how large its budget is"),
        ("how large is the NBFU ferry budget", "how large the NBFU ferry budget is"),
        ("where is the Harbour League based", "where the Harbour League is based"),
        # a subject of several common words runs on to its participle
        (
            "on which day was the third informal meeting of Baltic pilots held in Varna",
            "on which day the third informal meeting of Baltic pilots was held in Varna",
        ),
        # a yes-or-no question: whether it is so
        ("is Peru a member of the league", "whether Peru is a member of the league"),
        ("did the league sign the accord", "whether the league signed the accord"),
        ("can a state leave the league", "“can a state leave the league?”"),
    ],
)
def test_an_unanswered_part_is_named_as_an_indirect_question(question: str, expected: str) -> None:
    assert indirect(question) == expected


@pytest.mark.parametrize(
    ("question", "kind", "focus"),
    [
        ("crew size of the night ferry?", "number", ["crew"]),
        ("passenger capacity of the new terminal", "number", ["passenger", "capacity"]),
        ("name of the naval base near Varna?", "place", ["naval", "base"]),
        ("opening date of the river museum", "date", []),
        ("treaty signing date", "date", []),
        ("harbour union members?", "list", []),
        ("who signed the lease for the depot?", "person", []),
        ("who came up with this plan", "person", []),
        ("who are the members of the harbour union", "list", []),
        ("who are the harbour union's member states", "list", ["states"]),
        ("who were the signatories of the ferry accord", "list", []),
        ("how many guests arrived in May", "number", ["guests"]),
        ("What fee rate does the port charge?", "number", ["fee", "rate"]),
        ("which permit number did the ferry get?", "other", []),
        ("what is the number of ferries?", "number", []),
    ],
)
def test_noun_phrase_and_who_verb_questions_name_what_answers_hold(question: str, kind: str, focus: list[str]) -> None:
    part = analyse(question).parts[0]
    assert (part.answer_type, part.focus) == (kind, focus)


def test_who_verb_questions_keep_the_act() -> None:
    assert analyse("who signed the lease for the depot?").parts[0].act == "signed"
    assert analyse("who came to the harbour summit?").parts[0].act == ""  # 'came' says nothing
    # to come up with a plan, or put it forward, is to propose it: 'the plan proposed by X'
    assert analyse("who came up with this plan").parts[0].act == "propose"
    assert analyse("Who put forward the ferry plan?").parts[0].act == "propose"
    assert analyse("Who set up the ferry union?").parts[0].act == "establish"
    assert analyse("who is the port's harbour master?").parts[0].act == ""


def test_a_definition_question_names_its_subject() -> None:
    assert definition_subject("What is the Eastern Maritime Patrol?") == "Eastern Maritime Patrol"
    assert definition_subject("what does EAEU stand for") == "EAEU"
    assert definition_subject("collective defence meaning?") == "collective defence"
    # a body's role is said by saying what it is
    assert definition_subject("What is the role of the Harbour League Secretariat?") == "Harbour League Secretariat"
    assert definition_subject("what is the purpose of HARPS") == "HARPS"
    assert definition_subject("Who is Ida Velde?") == "Ida Velde"
    assert definition_subject("Who chairs the council?") == ""
    assert definition_subject("When was the league founded?") == ""
    # a quoted term is the subject whatever follows it, and its closing quote is no part of a word
    assert definition_subject("what are the 'two pillars' the league keeps citing") == "two pillars"
    part = analyse("what are the 'two pillars' the league keeps citing").parts[0]
    assert part.answer_type == "definition" and "pillars" in part.words()


def test_a_short_second_question_asking_a_time_or_place_is_a_part_of_its_own() -> None:
    parts = analyse("Who was elected chair of the council, and for which years?").parts
    assert [p.answer_type for p in parts] == ["person", "date"]
    assert [p.answer_type for p in analyse("When was the deal signed, and in which city?").parts] == ["date", "place"]
    assert len(analyse("Who led the talks, and in what role?").parts) == 1


def test_what_was_done_is_not_a_definition_and_the_act_is_what_the_answer_must_say() -> None:
    part = analyse("What was decided at the Bergen congress?").parts[0]
    assert part.answer_type == "other"
    assert part.constraints[0].kind == "head" and part.constraints[0].text == "decided"
    assert analyse("What is the Bergen compact?").parts[0].answer_type == "definition"


def test_a_fact_asked_of_two_countries_is_asked_of_each() -> None:
    parts = analyse("When did Peru and Chile join the fisheries league?").parts
    assert [p.text for p in parts] == [
        "When did Peru join the fisheries league?",
        "When did Chile join the fisheries league?",
    ]
    assert [[c.text for c in p.constraints if c.kind == "entity"] for p in parts] == [["Peru"], ["Chile"]]
    # names of two words, on either side
    assert [p.text for p in analyse("When did Sri Lanka and Chile sign the charter?").parts] == [
        "When did Sri Lanka sign the charter?",
        "When did Chile sign the charter?",
    ]
    assert [p.text for p in analyse("When did Chile and New Zealand sign the charter?").parts] == [
        "When did Chile sign the charter?",
        "When did New Zealand sign the charter?",
    ]
    # one event between the two, a reason, or two bodies that act together: one question
    for whole in (
        "When did the war between Peru and Chile start?",
        "Why did Peru and Chile leave the league?",
        "When did the league and the bank sign a memorandum?",
        # the end of a longer list of states, or two states said to act as one: one fact of the group
        "How long is the coast that Peru, Chile and Bolivia share with the ocean?",
        "How many ships did Peru and Chile together send to the fair?",
    ):
        assert len(analyse(whole).parts) == 1


def test_a_fact_asked_of_two_occasions_is_asked_of_each() -> None:
    parts = analyse("Who spoke for the league at the fairs in Oslo in 2018 and in Bergen in 2019?").parts
    assert [p.text for p in parts] == [
        "Who spoke for the league at the fairs in Oslo in 2018?",
        "Who spoke for the league at the fairs in Bergen in 2019?",
    ]
    assert [p.text for p in analyse("How many ships docked in 2018 and 2019?").parts] == [
        "How many ships docked in 2018?",
        "How many ships docked in 2019?",
    ]
    assert len(analyse("What changed between 2018 and 2019?").parts) == 1
    assert len(analyse("Who chaired the talks in March and April?").parts) == 1  # one spell of talks


def test_a_preposition_of_time_is_not_what_the_answer_must_say() -> None:
    def words(question: str) -> list[str]:
        return [c.text for c in analyse(question).parts[0].constraints if c.kind == "word"]

    assert words("Who has chaired the harbour council since 2007?") == ["chaired", "harbour", "council"]
    assert words("Which ports joined during 2009?") == ["joined"]  # "ports": what the list is of


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("When did Estonia formally ratify the accord?", "ratify"),
        ("When did the Harbour League and the Ferry Union sign a memorandum", "sign"),
        ("When did the Eurasian bank open its office?", "open"),
        ("when did russia send troops to varna", "send"),
        ("When did the Varna council ban the night ferries?", "ban"),
        ("When was the Varna port authority finally dissolved?", "dissolved"),
        ("In which year was the council set up?", "establish"),
        ("On what date did Latvia's parliament approve the lease?", "approve"),
        ("when did they withdraw", "withdraw"),
        ("When did the Harbour League summit take place?", ""),
        # a status taken: to become a member is to join; a dialogue partner did not then join
        ("When did Latvia become a member?", "join"),
        ("When did Latvia become a full HLC member?", "join"),
        ("When did Latvia become a dialogue partner?", "partner"),
        ("When did Latvia become an observer of the league?", "observer"),
        ("When did Latvia and Estonia become HLC observers?", "observer"),  # a status of two
        ("When did Latvia stop being an HLC member?", "leave"),
        ("Since when is Latvia an HLC member?", "join"),  # the status held, taken when it joined
        ("Since when is Latvia a dialogue partner?", "partner"),
        ("When did the accord become law?", ""),
        ("When did Latvia join HLC?", "join"),  # a name after the verb is its object, not the verb
        ("When did the HLC pilots leave Varna?", "leave"),  # after 'did' a word in -s is the subject's noun
        ("When did the council give the port its charter?", ""),
        ("When did Latvia obtain observer status?", ""),
        ("When was the ferry service started?", ""),
        ("When did Estonia host the Harbour League summit?", ""),
        # a naming verb leaves the act to the name: the Year of Ferries is dated however it is said
        ("Which year did the league designate as the Year of Ferries?", ""),
        # a treaty comes into force by ratification, a later act than its signature
        ("When did the ferry accord come into force?", "force"),
        ("When did the ferry accord take effect?", "force"),  # the same act, said the other way
        ("When was 2031 declared the Year of the Sea?", ""),
        ("Who signed the accord?", ""),
        # a participle between commas describes the subject; the act is the verb that ends the question
        ("When was the Varna resolution, welcomed in the Zenda Declaration, adopted?", "adopted"),
        # a place after the subject's noun is the subject's, not a verb
        ("When did the HLC Ferry Office in Varna officially open?", "open"),
        # the start of a state, which an answer may give by another verb ('has run since 2031')
        ("Since when has the Ferry Watch patrol been conducted?", ""),
    ],
)
def test_a_when_question_names_the_act_it_dates(question: str, act: str) -> None:
    assert dated_act(question) == act


def test_a_yes_no_question_about_a_status_names_it() -> None:
    assert status_asked("Is Moldova a member of the harbour league?") == "member"
    assert status_asked("Is Moldova still an HLC observer?") == "observer"
    assert status_asked("Is Moldova a dialogue partner of the league?") == "partner"
    assert status_asked("Is the league a military alliance?") == ""


def test_a_topic_is_a_common_noun_phrase() -> None:
    """Names are constraints of their own, and 'A and B' is two topics that need not stand together."""
    kinds = lambda q: {c.kind for c in analyse(q).parts[0].constraints}  # noqa: E731
    assert "topic" in kinds("What does the league say about port safety?")
    assert "topic" not in kinds("What did the league say about Norway and the Oslo and Bergen ports in 2022?")
    assert "topic" not in kinds("What did the league say about safety and pilotage?")
    # 'the statement of heads of state on pilots' names the text; what it says about is what follows 'say about'
    topics = [
        c.text
        for c in analyse("What does the league's statement of heads of state on pilots say about ports using tugs?")
        .parts[0]
        .constraints
        if c.kind == "topic"
    ]
    assert topics == ["ports using tugs"]
    # 'the union's purpose': what is owned is the topic; the owner may be named anywhere in the sentence
    owned = analyse("How did the league describe the ferry union's purpose?").parts[0].constraints
    assert [c.text for c in owned if c.kind == "topic"] == ["purpose"]
    named = analyse("How did the league describe the HLC's purpose?").parts[0].constraints
    assert [c.text for c in named if c.kind == "topic"] != ["purpose"]  # a name stays beside what it owns


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What did the port mayors, at their Riga talks, identify as the key risk?", "risk"),
        ("What does the league regard as its main threat?", "threat"),
        ("What did the council single out as the key goals?", "goals"),
    ],
)
def test_what_a_text_names_as_something_must_be_called_so(question: str, topic: str) -> None:
    """'identify as the key risk': a sentence that only sets the talks' scene does not say it."""
    required = {(c.kind, c.text) for c in analyse(question).parts[0].required()}
    assert ("topic", topic) in required


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("harbour league founding date", "founding"),
        ("What was the date of signature of the Varna Accord?", "signature"),
        ("date of the ferry union's creation?", "creation"),
        ("Varna accord date", ""),  # no act named: any date of it
        ("When was the league founded?", "founded"),  # a verb says it first
    ],
)
def test_a_date_question_without_a_verb_names_its_act_by_a_noun(question: str, act: str) -> None:
    part = analyse(question).parts[0]
    assert part.answer_type == "date" and part.act == act
    assert "date" not in part.words()  # the kind of answer asked, not a word it must contain


@pytest.mark.parametrize(
    ("question", "kind", "act"),
    [
        ("and who are its members?", "list", ""),
        ("And when was it founded?", "date", "founded"),
        ("so where is it based?", "place", ""),
        ("Then, who signed it?", "person", "signed"),
        ("but why?", "reason", ""),
    ],
)
def test_a_follow_up_is_read_without_the_word_that_joins_it_to_the_talk(question: str, kind: str, act: str) -> None:
    part = analyse(question).parts[0]
    assert (part.answer_type, part.act) == (kind, act)


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("What kind of harbour did the league build in Varna?", "harbour"),
        ("What type of licence does the ferry board grant?", "licence"),
        ("What was the ferry route when the league admitted Zenda?", "route"),  # 'when' opens a clause
    ],
)
def test_the_noun_asked_is_the_kind_not_the_word_kind(question: str, head: str) -> None:
    part = analyse(question).parts[0]
    assert part.head() == head
    assert not {"kind", "type"} & {c.text for c in part.constraints}  # frame words, not what it is about


def test_who_has_been_asks_for_the_holder_of_a_role() -> None:
    assert analyse("Who has been HLC Secretary-General since 2031?").parts[0].focus == ["HLC", "Secretary-General"]


def test_a_tally_is_a_quantity() -> None:
    assert analyse("What was the vote tally when the league admitted Zenda?").parts[0].answer_type == "number"


def test_how_a_text_characterises_something_asks_what_it_says_of_it() -> None:
    part = analyse("How does the Varna Declaration characterise the Harbour League?").parts[0]
    assert part.answer_type == "other"
    assert analyse("How does the ferry board license vessels?").parts[0].answer_type == "process"


def test_why_asks_the_act_after_a_source_set_between_commas_and_in_the_perfect() -> None:
    part = analyse("Why, according to Ida Berg's 2031 study, have the ferry links weakened?").parts[0]
    assert (part.answer_type, part.act) == ("reason", "weakened")
    # 'in their 2031 report' set between commas, and 'the heads of ports' whose 'ports' is the subject's noun
    part = analyse("Why did the league's heads of port, in their 2031 report on tugs, urge pooling tugs?").parts[0]
    assert part.act == "urge"


def test_which_countries_leaders_asks_for_the_countries() -> None:
    part = analyse("Which countries' ministers signed the Varna ferry accord?").parts[0]
    assert (part.answer_type, part.list_of) == ("list", "countries")


def test_an_adverb_after_when_or_why_keeps_the_act_asked() -> None:
    assert analyse("When exactly was the Varna ferry board dissolved?").parts[0].act == "dissolved"
    assert analyse("Why precisely did Zenda leave the harbour league?").parts[0].act == "leave"


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("What does Ida Berg mean by 'port diplomacy' in the league?", "port diplomacy"),
        ('What was meant by the term "ferry solidarity"?', "ferry solidarity"),
        ("What is meant by harbour diplomacy?", "harbour diplomacy"),  # not where a harbour is
    ],
)
def test_what_an_author_means_by_a_term_asks_what_the_term_is(question: str, subject: str) -> None:
    assert analyse(question).parts[0].answer_type == "definition"
    assert definition_subject(question) == subject


def test_a_question_phrase_without_a_verb_asks_of_the_clause_the_next_one_asks() -> None:
    parts = split_parts("In which Varnan port, and on what day, was the 2031 ferry accord signed?")
    assert parts[0] == "In which Varnan port was the 2031 ferry accord signed"
    part = analyse("In which Varnan port, and on what day, was the 2031 ferry accord signed?").parts[0]
    assert {"2031", "accord"} <= {c.text for c in part.constraints}
    assert split_parts("Which ports joined, and when did they join?")[0] == "Which ports joined"  # its own verb
    # a format asked is a noun to find: the clause's names would let a sentence on the accord leave it out
    assert split_parts("In what language, and on what day, was the ferry accord signed?")[0] == "In what language"
    # an event asked is where the clause's act took place: 'at which summit' asks of the act too
    assert split_parts("At which summit, and in what year, did talks begin to admit Norway to the league?")[0] == (
        "At which summit did talks begin to admit Norway to the league"
    )
    assert split_parts("What is the Harbour League, and how does the Varna report rate it?")[0] == (
        "What is the Harbour League"
    )
