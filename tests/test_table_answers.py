"""Facts only a table gives, answered end to end on the real model and Chroma.

The document and the questions are written for this test (none is in an evaluation set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answering.engine import AnswerEngine
from app.answering.models import Answer
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.conftest import write_doc

pytestmark = pytest.mark.integration

SECRETARIAT = """# The Secretariat of the Shanghai Cooperation Organisation

The Secretariat of the SCO sits in Beijing and prepares the meetings of the organisation's councils.
Its head is appointed by the Council of Heads of State for a three-year term.

Heads of the SCO Secretariat  Years in office | Name
---|---
**Executive Secretary**
2004 – 2006 |  Arvid Tammsaare
**Secretaries-General**
2007–2009 |  Lidia Koskinen
2010–2012 |  Oskar Valdmaa
2013–2015 |  Helmi Rautio

The Secretariat also keeps the organisation's archive of signed documents.

### Observer states

State | Status granted
---|---
Norway | 2004
Chile | 7 June 2012

**Former observers**
Peru | 5 July 2005
Kenya | 2015

Observer states take part in the summits but not in the decisions.

Three bodies are invited to the SCO summits as guests:

  * Harbour League of Cities
  * Ferry Union
  * Baltic Port Council

Guests may speak at the summits but do not sign their documents.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnswerEngine, Settings]:
    from ingest.refresh import refresh_index

    docs = tmp_path_factory.mktemp("table-docs")
    write_doc(docs, "secretariat.md", SECRETARIAT, title="SCO Secretariat", organisation="SCO", kind="briefing")
    settings = Settings(docs_dir=Path(docs), index_dir=tmp_path_factory.mktemp("table-index"))
    assert not refresh_index(settings).failed
    return AnswerEngine(settings), settings


def answered(engine: tuple[AnswerEngine, Settings], question: str) -> Answer:
    answer = engine[0].ask(question)
    assert answer.outcome == "answered", answer.answer
    return answer


def stored_quote(answer: Answer, settings: Settings) -> str:
    """The first citation's quote, checked to be a slice of the chunk the index stores."""
    citation = answer.citations[0]
    assert citation.quote in ChromaStore(settings).get([citation.chunk_id])[citation.chunk_id][0].text
    return citation.quote


def test_a_who_question_is_answered_by_the_table_row_read_with_its_header(
    engine: tuple[AnswerEngine, Settings],
) -> None:
    answer = answered(engine, "Who was the SCO Secretary-General from 2010 to 2012?")
    assert answer.answer.startswith(
        "Heads of the SCO Secretariat (Secretaries-General): Years in office 2010–2012; Name Oskar Valdmaa [1]."
    )
    assert "Helmi Rautio" not in answer.answer and "Lidia Koskinen" not in answer.answer  # other rows: other facts
    assert stored_quote(answer, engine[1]) == "2010–2012 |  Oskar Valdmaa"  # the row itself, so its highlight is exact


def test_a_table_of_office_holders_does_not_say_who_did_something_else(engine: tuple[AnswerEngine, Settings]) -> None:
    answering, _ = engine
    answer = answering.ask("Who signed the SCO archive agreement in 2011?")
    assert "Oskar Valdmaa" not in answer.answer


def test_who_came_after_a_holder_is_the_next_row_of_the_table(engine: tuple[AnswerEngine, Settings]) -> None:
    answer = answered(engine, "Who became SCO Secretary-General after Oskar Valdmaa?")
    assert "Name Helmi Rautio [1]." in answer.answer and "Name Oskar Valdmaa" not in answer.answer


def test_a_list_question_is_answered_by_the_rows_under_the_caption_it_asks_for(
    engine: tuple[AnswerEngine, Settings],
) -> None:
    answer = answered(engine, "Which states are SCO observer states?")
    assert answer.answer.startswith("Observer states: Norway and Chile [1].")
    assert "Peru" not in answer.answer  # a former observer is not an observer
    quote = stored_quote(answer, engine[1])
    assert quote.startswith("Norway | 2004") and quote.endswith("Chile | 7 June 2012")
    assert "Peru and Kenya" in answered(engine, "Which states are former SCO observers?").answer


def test_a_list_question_is_answered_by_the_items_under_the_line_that_says_what_they_are(
    engine: tuple[AnswerEngine, Settings],
) -> None:
    answer = answered(engine, "Which bodies are invited to SCO summits as guests?")
    assert answer.answer.startswith(
        "Three bodies are invited to the SCO summits as guests: Harbour League of Cities, Ferry Union and "
        "Baltic Port Council [1]."
    )
    quote = stored_quote(answer, engine[1])  # the items themselves, so the highlight is exact
    assert quote.startswith("* Harbour League of Cities") and quote.endswith("* Baltic Port Council")


FIRST = ["Ida", "Per", "Sara", "Eva", "Ola", "Kari", "Nils", "Liv", "Jon", "Siri"]
LAST = ["Berg", "Lund", "Holm", "Dahl", "Strand", "Vik", "Moe"]


@pytest.fixture(scope="module")
def long_table(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnswerEngine, Settings]:
    """A table long enough to run over several chunks: its later rows are in chunks without its header."""
    from ingest.refresh import refresh_index

    rows = "\n".join(f"{1960 + n} | {FIRST[n % 10]} {LAST[n % 7]}" for n in range(140))  # 70 different names, twice
    body = f"# Harbour League\n\nChairs of the Harbour League  Year | Chair\n---|---\n{rows}\n"
    docs = tmp_path_factory.mktemp("long-table-docs")
    write_doc(docs, "chairs.md", body, title="Harbour League chairs", organisation="SCO", kind="briefing")
    settings = Settings(docs_dir=Path(docs), index_dir=tmp_path_factory.mktemp("long-table-index"))
    assert not refresh_index(settings).failed
    assert len(ChromaStore(settings).ids_of("chairs.md")) >= 3  # the header in the first only
    return AnswerEngine(settings), settings


def test_a_row_in_a_chunk_without_its_header_is_read_with_the_header_before_it(
    long_table: tuple[AnswerEngine, Settings],
) -> None:
    answer = answered(long_table, "Who chaired the Harbour League in 2025?")
    assert answer.answer.startswith("Chairs of the Harbour League: Year 2025; Chair Kari Holm [1]."), answer.answer
    quote = stored_quote(answer, long_table[1])
    assert quote == "2025 | Kari Holm"
    chunk = ChromaStore(long_table[1]).get([answer.citations[0].chunk_id])[answer.citations[0].chunk_id][0]
    assert "Chairs of the Harbour League" not in chunk.text  # its chunk starts after the table's header


def test_the_row_a_question_names_is_retrieved_as_a_passage_of_its_own(
    long_table: tuple[AnswerEngine, Settings],
) -> None:
    answer = answered(long_table, "Who chaired the Harbour League in 2071?")
    assert [p.text for p in answer.passages if p.lead] == ["2071 | Per Moe"]  # the one row it names, read alone
    assert not answer.passages[0].lead  # the best passage of prose keeps the first place
    assert "Year 2071; Chair Per Moe [1]." in answer.answer
    # a question that names no cell of any row brings no row: its caption alone matches every question
    asked = long_table[0].ask("How are the chairs of the Harbour League chosen?")
    assert not [p for p in asked.passages if p.lead]
