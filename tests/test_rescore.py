"""Re-scoring of retrieved passages (app/answering/retrieval.py: rescore), on passages written for this test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.answering.lexicon import ruled_acts, states_rule, with_same_acts
from app.answering.models import Passage
from app.answering.query import understand
from app.answering.retrieval import RerankConfig, diversify, rescore
from ingest.keyword import KeywordIndex

pytestmark = pytest.mark.unit

CONFIG = RerankConfig(
    rrf_k=60,
    rerank_pool=24,
    support_weight=0.6,
    heading_weight=0.1,
    definition_bonus=0.1,
    count_bonus=0.1,
    rule_bonus=0.1,
    column_bonus=0.2,
    organisation_bonus=0.03,
    year_bonus=0.03,
    profile_bonus=0.2,
    seat_bonus=0.1,
    list_bonus=0.2,
    per_document=2,
    variety_margin=0.3,
    revision_check_seconds=1.0,
)
BODY = "The harbour league admits ports by vote of its council; its members meet each spring."


def passage(chunk_id: str, section: str, text: str = BODY, dense: float = 0.5) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        doc_id=chunk_id,
        title="Harbour league",
        text=text,
        score=0.0,
        section=section,
        dense_score=dense,
    )


def index() -> KeywordIndex:
    texts = [BODY, "Who chairs the council is decided each spring.", "How the ferry works.", "A port of call."]
    return KeywordIndex.build([(f"c{i}", t, {"doc_id": f"d{i}"}) for i, t in enumerate(texts)], "r1")


def test_a_section_headed_with_what_is_asked_ranks_above_the_same_text_elsewhere() -> None:
    pool = [passage("history", "Early history"), passage("members", "Current members")]
    history, members = rescore(pool, understand("Harbour league members?"), index().idf, CONFIG)
    assert members > history
    assert pool[0].support == pool[1].support  # the body's support is the same; only the heading differs


def test_a_passage_that_says_what_the_asked_thing_is_ranks_above_one_that_only_names_it() -> None:
    opening = "The **Northern Harbour League** (**NHL**) is a union of ports on the northern coast."
    later = "The NHL council met in 2019; NHL ports voted on dues, and the NHL fleet grew."
    pool = [passage("later", "Meetings", later, dense=0.55), passage("opening", "", opening, dense=0.5)]
    later_score, opening_score = rescore(pool, understand("what is the NHL?"), index().idf, CONFIG)
    assert opening_score > later_score
    # the same passages for a question that does not ask what it is: no bonus
    later_score, opening_score = rescore(pool, understand("When did the NHL council meet?"), index().idf, CONFIG)
    assert later_score > opening_score


def test_the_opening_that_says_what_an_organisation_is_ranks_up_for_its_founders_and_members() -> None:
    """An article's opening ('The Harbour League (HL) is a union of ...') names its founders and members
    in words too general to rank high for 'which ports founded the HL'."""
    opening = "The **Harbour League** (**HL**) is a union of ports. It was set up in 2031 by Varna and Zenda."

    def scored(question: str, chunk_id: str, title: str = "Harbour League", text: str = opening) -> float:
        one = passage(chunk_id, "", text)
        one.title = title
        return rescore([one], understand(question), index().idf, CONFIG, {"HL": "Harbour League"})[0]

    for asked in ("Which ports founded the HL?", "Who are the members of the HL?", "Where is the HL based?"):
        assert scored(asked, "hl#0000-0123456789ab") - scored(asked, "hl#0009-0123456789ab") == pytest.approx(0.2), (
            asked
        )
        assert scored(asked, "hl#0001-0123456789ab") == scored(asked, "hl#0000-0123456789ab")  # after a subtitle alone
    asked = "Which ports founded the HL?"
    assert scored(asked, "hl#0000-0123456789ab", "Ferry Union") == scored(
        asked, "hl#0009-0123456789ab", "Ferry Union"
    )  # another body's
    said = "The HL is the successor of the Ferry Union, formed in 2031."  # not the kind of thing it is
    assert scored(asked, "hl#0000-0123456789ab", text=said) == scored(asked, "hl#0009-0123456789ab", text=said)
    asked = "When did the HL council meet?"  # not its profile
    assert scored(asked, "hl#0000-0123456789ab") == scored(asked, "hl#0009-0123456789ab")


def test_a_passage_that_says_where_a_body_sits_ranks_up_for_where_it_is_based() -> None:
    seat = passage("seat", "", "The ferry office, headquartered in Varna, runs the league's boats.")
    built = passage("built", "", "A ferry office based on the league's Zenda desk was proposed.")
    seat_score, built_score = rescore(
        [seat, built], understand("Where is the ferry office based?"), index().idf, CONFIG
    )
    assert seat_score - built_score == pytest.approx(0.1 + 0.6 * (seat.support - built.support))
    # the same passages for a question that does not ask where it sits: no bonus
    seat_score, built_score = rescore([seat, built], understand("What does the ferry office do?"), index().idf, CONFIG)
    assert seat_score - built_score == pytest.approx(0.6 * (seat.support - built.support))


def test_a_passage_that_gives_a_number_of_what_is_counted_ranks_above_one_that_says_many() -> None:
    counting = "Since 2019 the harbour league has eleven member ports on the northern coast."
    vague = "Many members of the harbour league trade with many ports; members meet each spring."
    pool = [passage("vague", "Trade", vague, dense=0.55), passage("counting", "Today", counting, dense=0.5)]
    vague_score, counting_score = rescore(
        pool, understand("how many members does the harbour league have?"), index().idf, CONFIG
    )
    assert counting_score > vague_score
    assert pool[1].support >= pool[0].support  # 'many' is how the question asks, not what it is about
    yearly = "In 2019 members of the harbour league met in Varna."
    assert rescore([passage("y", "", yearly)], understand("how many members?"), index().idf, CONFIG) == rescore(
        [passage("y", "", yearly)], understand("which members?"), index().idf, CONFIG
    )  # a year before the noun counts nothing


def test_a_number_of_a_noun_that_counts_the_same_things_is_a_count_of_what_is_asked() -> None:
    sent = "In May the league sent 300 of its coastguards to the strait; they stayed a month."
    other = "In May the league sent its coastguards to the strait; they stayed a month."
    pool = [passage("other", "", other), passage("sent", "", sent)]
    other_score, sent_score = rescore(pool, understand("how many troops did the league send?"), index().idf, CONFIG)
    assert other_score == sent_score  # coastguards are not troops
    sent = sent.replace("coastguards", "peacekeepers")
    other = other.replace("coastguards", "peacekeepers")
    pool = [passage("other", "", other), passage("sent", "", sent)]
    other_score, sent_score = rescore(pool, understand("how many troops did the league send?"), index().idf, CONFIG)
    assert sent_score == pytest.approx(other_score + CONFIG.count_bonus)


def test_a_word_for_the_same_act_supports_a_passage_as_the_question_s_own_word_does() -> None:
    own = "Each May the league sends its coastguards to the strait."
    other = "Each May the league deploys its coastguards to the strait."
    unrelated = "Each May the league praises its coastguards in the strait."
    pool = [passage("own", "", own), passage("other", "", other), passage("unrelated", "", unrelated)]
    rescore(pool, understand("did the league send coastguards to the strait?"), index().idf, CONFIG)
    assert pool[0].support == pool[1].support > pool[2].support

    # a noun for the act, as the question says it, finds the document's verb or noun
    answered = "In response to the flood, the league sent its coastguards to Varna."
    unrelated = "After the flood, the league praised its coastguards in Varna."
    pool = [passage("answered", "", answered), passage("unrelated", "", unrelated)]
    rescore(pool, understand("What were the league's reactions to the flood in Varna?"), index().idf, CONFIG)
    assert pool[0].support > pool[1].support


def test_table_rows_are_searched_apart_and_leave_the_prose_ranks_as_they_were() -> None:
    prose = [BODY, "Who chairs the council is decided each spring.", "Bergen joined the league in 2004."]
    rows = [(f"r{i}", f"{2000 + i} | Bergen | port", {"doc_id": "t", "lead": "Year | Port | Kind"}) for i in range(6)]
    alone = KeywordIndex.build([(f"c{i}", t, {"doc_id": f"d{i}"}) for i, t in enumerate(prose)], "r1")
    both = KeywordIndex.build([(f"c{i}", t, {"doc_id": f"d{i}"}) for i, t in enumerate(prose)] + rows, "r2")
    question = "When did Bergen join the league?"
    assert both.search(question, 5) == alone.search(question, 5)  # the rows' words change no prose score
    assert both.idf("bergen") == alone.idf("bergen")
    assert [cid for cid, _ in both.search(question, 3, table_rows=True)] and all(
        cid.startswith("r") for cid, _ in both.search(question, 10, table_rows=True)
    )
    assert alone.search(question, 5, table_rows=True) == []


def ranked(*scores: tuple[str, float]) -> list[Passage]:
    """Passages in rank order, each named document#rank."""
    return [Passage(chunk_id=f"{d}#{i}", doc_id=d, title=d, text="", score=s) for i, (d, s) in enumerate(scores)]


def test_variety_lets_other_documents_in_when_their_passages_score_close() -> None:
    pool = ranked(("a", 1.0), ("a", 0.95), ("a", 0.9), ("b", 0.85), ("c", 0.8))
    chosen = diversify(pool, 4, per_document=2, margin=0.3)
    assert [p.chunk_id for p in chosen] == ["a#0", "a#1", "b#3", "c#4"]


def test_a_passage_far_better_than_the_ones_let_in_for_variety_keeps_its_place() -> None:
    pool = ranked(("a", 1.2), ("a", 1.18), ("a", 1.17), ("a", 1.13), ("b", 0.8), ("c", 0.75), ("d", 0.4))
    chosen = diversify(pool, 5, per_document=2, margin=0.3)
    # a#2 and a#3 beat c and d, let in for variety, by more than the margin
    assert [p.chunk_id for p in chosen] == ["a#0", "a#1", "a#2", "a#3", "b#4"]
    # without a margin the cap holds whatever the scores
    assert [p.chunk_id for p in diversify(pool, 5, per_document=2)] == ["a#0", "a#1", "b#4", "c#5", "d#6"]


def test_the_keyword_search_also_looks_for_the_other_words_for_the_act_asked() -> None:
    texts = [
        "A port enters the league by an admission procedure of three steps, ending in a council vote.",
        "Every port of the league votes.",
        "Bergen hosted the league's summit in 2004 and again in 2011.",
    ]
    index = KeywordIndex.build([(f"c{i}", t, {"doc_id": f"d{i}"}) for i, t in enumerate(texts)], "r1")
    question = "How does a port join the league?"
    assert index.search(question, 3)[0][0] == "c1"  # no word of the procedure says 'join'
    assert index.search(with_same_acts(question), 3)[0][0] == "c0"
    assert with_same_acts("Who chairs the league?") == "Who chairs the league?"  # no act: unchanged


def test_becoming_a_member_is_joining_for_the_keyword_search() -> None:
    assert "admission" in with_same_acts("How does a port become a full member of the league?")
    assert "admission" not in with_same_acts("Which ports are members of the league?")


def test_a_question_asking_the_rule_for_an_act_favours_the_passage_that_states_it() -> None:
    question = "How can a port leave the league?"
    assert ruled_acts(question) >= {"leav", "withdraw"}
    # what one port once did is not the rule, nor is a question about that port
    assert ruled_acts("When did Bergen leave the league?") == frozenset()
    assert ruled_acts("Who left the league in 2004?") == frozenset()
    rule = "A port may withdraw from the league after a year's notice to its council."
    case = "Bergen withdrew from the league in 2004 after a dispute over fishing quotas."
    blocking = "Any port can block a decision, and Bergen declined to leave quietly."
    acts = ruled_acts(question)
    assert states_rule(rule, acts) and not states_rule(case, acts) and not states_rule(blocking, acts)
    assert states_rule("The withdrawal procedure takes a year.", acts)
    pool = [passage("case", "", case), passage("rule", "", rule)]
    case_score, rule_score = rescore(pool, understand("Why did a port leave the league?"), index().idf, CONFIG)
    plain = rule_score - case_score  # the same words asked, no rule asked
    case_score, rule_score = rescore(pool, understand(question), index().idf, CONFIG)
    assert rule_score - case_score == pytest.approx(plain + CONFIG.rule_bonus)


def test_an_acronym_asked_is_found_in_a_passage_that_spells_out_its_long_name() -> None:
    """A list in an article titled by the long name never writes the acronym the question uses."""
    listed = "Observer states: Norway, Iceland, Denmark."
    pool = [
        Passage(chunk_id="a", doc_id="a", title="Ferry Union", text=listed, score=0.0, dense_score=0.5),
        Passage(chunk_id="b", doc_id="b", title="Harbour League of Cities", text=listed, score=0.0, dense_score=0.5),
    ]
    question = understand("Which countries are observers in the HLC?")
    other, spelled = rescore(pool, question, index().idf, CONFIG, {"HLC": "Harbour League of Cities"})
    assert spelled > other
    assert pool[1].support > pool[0].support
    # without the learned long name, the two are alike
    assert len(set(rescore(pool, question, index().idf, CONFIG))) == 1


def test_where_a_body_is_based_is_found_in_a_passage_that_says_it_is_headquartered() -> None:
    seated = "The harbour league is headquartered in Bergen."
    elsewhere = "The harbour league met in Bergen."
    pool = [passage("met", "", elsewhere), passage("seat", "", seated)]
    met, seat = rescore(pool, understand("Where is the harbour league based?"), index().idf, CONFIG)
    assert seat > met


def test_a_passage_holding_the_whole_list_asked_for_gets_the_list_bonus() -> None:
    """A bare list of ports under 'Member ports (4)' shares few words with 'which ports are members';
    a summit report that names members shares more. The list is what is asked."""
    report = passage("report", "2031 summit", "At the 2031 summit the members Bergen, Oslo and Riga met in Varna.")
    bullets = "Member ports (4)\n\n  * Bergen\n  * Oslo\n  * Riga\n  * Tallinn\n\n"
    bullets += "Observer ports (2)\n\n  * Turku\n  * Kiel\n\n## Chairs"
    listing = passage("list", "Membership", bullets)
    asked = understand("Which ports are members of the harbour league?")
    with_bonus = rescore([report, listing], asked, index().idf, CONFIG)
    without = rescore([report, listing], asked, index().idf, replace(CONFIG, list_bonus=0.0))
    assert with_bonus[1] - without[1] == pytest.approx(0.2) and with_bonus[0] == without[0]
    # not for a question that asks no list
    when = understand("When did the harbour league admit Bergen?")
    assert rescore([listing], when, index().idf, CONFIG) == rescore(
        [listing], when, index().idf, replace(CONFIG, list_bonus=0.0)
    )
