"""Issue-5 capabilities on a real index of documents/: filters, aliases, follow-ups,
comparisons and abstention that names what the documents never mention."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Filters
from ingest.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine(documents_index: Settings) -> AnswerEngine:
    return AnswerEngine(documents_index)


def test_filters_narrow_the_passages(engine: AnswerEngine) -> None:
    question = "Which joint exercises and operations does the organisation run?"
    csto = engine.ask(question, Filters(organisation="CSTO"), top_k=8)
    assert csto.passages and all(p.organisation in ("CSTO", "both") for p in csto.passages)
    one_doc = engine.ask(question, Filters(doc_ids=["sco_joint_exercises.md"]), top_k=8)
    assert {p.doc_id for p in one_doc.passages} == {"sco_joint_exercises.md"}
    recent = engine.ask(question, Filters(year_from=2020), top_k=8)
    assert all(p.date[:4] >= "2020" for p in recent.passages)


def test_an_organisation_named_in_russian_becomes_a_filter(engine: AnswerEngine) -> None:
    answer = engine.ask("Когда ОДКБ отправила войска в Казахстан? Kazakhstan January 2022 deployment")
    assert answer.filters.get("organisation") == "CSTO"
    assert all(p.organisation in ("CSTO", "both") for p in answer.passages)


def test_an_inferred_filter_that_empties_the_results_falls_back(engine: AnswerEngine) -> None:
    only_sco_doc = Filters(doc_ids=["sco_charter.md"])
    answer = engine.ask("What does the CSTO charter say about membership?", only_sco_doc)
    assert answer.passages and answer.filters.get("organisation") is None


def test_a_follow_up_is_resolved_with_the_previous_turn(engine: AnswerEngine) -> None:
    first = engine.ask("In which city was the CSTO Charter signed?")
    follow = engine.ask("And the SCO?", history=[Turn(first.question, first.answer)])
    assert follow.resolved_question == "In which city was the SCO Charter signed?"
    assert not follow.abstained
    assert follow.citations[0].organisation in ("SCO", "both")
    assert "St Petersburg" in " ".join(c.passage for c in follow.citations) or "Petersburg" in follow.answer


def test_a_comparison_answers_each_organisation_with_its_own_citations(engine: AnswerEngine) -> None:
    # (no one sentence of the corpus sets the two side by side on it: one that does is kept whole)
    answer = engine.ask("How do the SCO and the CSTO differ on information security?")
    assert not answer.abstained
    assert "**SCO:**" in answer.answer and "**CSTO:**" in answer.answer
    cited_orgs = {c.organisation for c in answer.citations}
    assert {"SCO", "CSTO"} <= cited_orgs | {
        "SCO" if "both" in cited_orgs else "",
        "CSTO" if "both" in cited_orgs else "",
    }
    sco_part, csto_part = answer.answer.split("**CSTO:**")
    assert "[" in sco_part and "[" in csto_part
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.answer
        assert citation.quote in citation.passage


def test_unknown_names_make_it_abstain_and_say_which(engine: AnswerEngine) -> None:
    answer = engine.ask("What did the SCO agree at its summit in Zyrgolandia in 2019?")
    assert answer.abstained and answer.citations == []
    assert "Zyrgolandia" in answer.note
    known = engine.ask("What did the SCO agree at its summit in Astana in 2017?")
    assert not known.abstained


def test_a_one_document_index_still_answers_what_it_holds(tmp_path: Path) -> None:
    """In a tiny index the question words ('what') are the rarest terms; they must not sink the evidence."""
    import shutil

    from ingest.refresh import refresh_index
    from tests.conftest import DOCUMENTS

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "sco_regional_anti_terrorist_structure.md", docs / "rats.md")
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    answer = AnswerEngine(settings).ask("What is the SCO Regional Anti-Terrorist Structure?")
    assert not answer.abstained, answer.confidence
    assert answer.citations[0].doc_id == "rats.md"


def test_the_sides_of_a_comparison_do_not_repeat_one_quote(tmp_path: Path) -> None:
    """A sentence on both things answers each side's question; said once, the other side gets its own."""
    from ingest.refresh import refresh_index
    from tests.conftest import write_doc

    docs = tmp_path / "docs"
    body = (
        "# Harbour drills\n\n"
        "Analysts compared the 2014 Zenda crane drill with the 2011 Varna lifeboat drill and found the "
        "2014 drill far larger.\n\n"
        "## The 2011 Varna lifeboat drill\n\n"
        "The 2011 Varna lifeboat drill trained four lifeboat crews of the Harbour League in Varna harbour "
        "over two days in May.\n\n"
        "## The 2014 Zenda crane drill\n\n"
        "The 2014 Zenda crane drill moved forty containers with six cranes at Zenda port under a joint "
        "command of the Harbour League.\n"
    )
    write_doc(docs, "drills.md", body, title="Harbour League drills", organisation="SCO", kind="briefing")
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    answer = AnswerEngine(settings).ask("How did the 2011 Varna lifeboat drill differ from the 2014 Zenda crane drill?")
    assert answer.outcome == "answered", answer.answer
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == len(set(quotes)), answer.answer
    first, second = answer.answer.split("\n\n")
    assert "lifeboat crews" in first and "containers" in second, answer.answer


def test_two_organisations_set_side_by_side_in_one_passage_are_answered_whole(tmp_path: Path) -> None:
    """'How does the SCO differ from the CSTO in Berg's study?': the study's sentence that speaks of
    each in turn answers it, with the study named by the document's title; asked as two questions,
    'What is the SCO?' and 'What is the CSTO?', both sides had quoted the same sentences."""
    from ingest.refresh import refresh_index
    from tests.conftest import write_doc

    docs = tmp_path / "docs"
    body = (
        "# Harbour security study\n\n"
        "This study examines ferry security in two regional organisations. The SCO has wider formal "
        "functions, while the CSTO is more hierarchical in practice. Neither the SCO nor the CSTO is "
        "likely to be dissolved. Their ferry patrols are confirmed in port records of Varna and Zenda.\n"
    )
    write_doc(
        docs, "berg.md", body, title="Berg 2031 study of the SCO and the CSTO", organisation="both", kind="analysis"
    )
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    answer = AnswerEngine(settings).ask("How does the SCO differ from the CSTO in Berg's study?")
    assert answer.outcome == "answered", answer.answer
    assert "**SCO:**" not in answer.answer, answer.answer
    assert answer.answer.startswith("The SCO has wider formal functions"), answer.answer
