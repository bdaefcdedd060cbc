"""Multilingual mode (issue 5): Russian and Chinese questions find English passages with
multilingual-e5-small, the index records the model, and the question file stays true to documents/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, DOCUMENTS, write_doc
from tests.test_questions import corpus_texts, evidence_quotes, normalise, read_rows

QUESTIONS = DATA / "multilingual_questions.jsonl"
LANGUAGES = {"ru", "zh"}


# --- the question file ----------------------------------------------------------------------------


@pytest.mark.unit
def test_question_file_follows_the_eval_schema_with_a_language() -> None:
    problems = []
    for number, row in read_rows(QUESTIONS):
        where = f"line {number} ({row.get('id')})"
        if row.get("language") not in LANGUAGES:
            problems.append(f"{where}: 'language' must be one of {sorted(LANGUAGES)}")
        elif not str(row.get("type", "")).startswith(f"{row['language']}-"):
            problems.append(f"{where}: 'type' should start with the language, e.g. '{row['language']}-factoid'")
        if row.get("answerable") is True:
            if not (row.get("answer") and row.get("sources") and row.get("evidence")):
                problems.append(f"{where}: an answerable question needs answer, sources and evidence")
            if "absent_terms" in row:
                problems.append(f"{where}: 'absent_terms' belongs to unanswerable questions only")
        elif row.get("answerable") is False:
            if row.get("answer") is not None or row.get("sources") != [] or row.get("evidence") is not None:
                problems.append(f"{where}: an unanswerable question has answer null, sources [] and evidence null")
            if not row.get("absent_terms"):
                problems.append(f"{where}: an unanswerable question needs 'absent_terms'")
        else:
            problems.append(f"{where}: 'answerable' must be true or false")
    assert not problems, f"{QUESTIONS.name}:\n" + "\n".join(problems)


@pytest.mark.unit
def test_each_language_has_its_questions_and_they_are_not_in_english() -> None:
    rows = [row for _, row in read_rows(QUESTIONS)]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for language, script in (("ru", "\u0400-\u04ff"), ("zh", "\u4e00-\u9fff")):
        mine = [row for row in rows if row["language"] == language]
        assert sum(row["answerable"] for row in mine) >= 15, f"{language}: need at least 15 answerable questions"
        assert sum(not row["answerable"] for row in mine) >= 4, f"{language}: need at least 4 unanswerable ones"
        latin_only = [row["id"] for row in mine if not re.search(f"[{script}]", row["question"])]
        assert not latin_only, f"{language} questions written without {language} script: {latin_only}"


@pytest.mark.unit
def test_sources_contain_the_evidence_and_absent_terms_are_absent() -> None:
    texts = corpus_texts(DOCUMENTS, shipped_only=True)
    normalised = {doc_id: normalise(text) for doc_id, text in texts.items()}
    problems = []
    for number, row in read_rows(QUESTIONS):
        where = f"line {number} ({row['id']})"
        unknown = [s for s in row["sources"] if s not in normalised]
        if unknown:
            problems.append(f"{where}: sources {unknown} are not documents in documents/")
            continue
        for quote in evidence_quotes(row):
            if not any(normalise(quote) in normalised[s] for s in row["sources"]):
                problems.append(f"{where}: evidence not found in {row['sources']}: {quote[:60]!r}")
        for term in row.get("absent_terms") or []:
            found = sorted(d for d, text in texts.items() if term.casefold() in text.casefold())
            if found:
                problems.append(f"{where}: absent term {term!r} occurs in {found}")
    assert not problems, f"{QUESTIONS.name}:\n" + "\n".join(problems)


@pytest.mark.unit
def test_the_eval_loader_accepts_the_file() -> None:
    from app.evaluation.questions import load_questions

    loaded = load_questions(QUESTIONS)
    assert [q.id for q in loaded] == [json.loads(line)["id"] for line in QUESTIONS.read_text("utf-8").splitlines()]


# --- the model, end to end --------------------------------------------------------------------------

CORPUS = {
    "rats.md": (
        "The Regional Anti-Terrorist Structure of the Shanghai Cooperation Organisation has its executive "
        "committee in Tashkent, Uzbekistan. It keeps a database of wanted terrorists and coordinates joint "
        "counter-terrorism exercises of the member states.",
        {"title": "SCO anti-terrorist structure", "organisation": "SCO"},
    ),
    "drugs.md": (
        "Operation Channel is an annual anti-drug operation of the Collective Security Treaty Organization. "
        "Police and customs officers seize heroin and opium smuggled from Afghanistan through Central Asia.",
        {"title": "CSTO anti-drug operation", "organisation": "CSTO"},
    ),
    "languages.md": (
        "The official working languages of the Shanghai Cooperation Organisation are Russian and Chinese. "
        "Documents are translated by the secretariat in Beijing.",
        {"title": "SCO languages", "organisation": "SCO"},
    ),
    "kazakhstan.md": (
        "In January 2022 the Collective Security Treaty Organization sent about two thousand peacekeepers to "
        "Kazakhstan after riots in Almaty. The troops guarded airports and power stations and left within "
        "two weeks.",
        {"title": "CSTO in Kazakhstan", "organisation": "CSTO"},
    ),
}


@pytest.fixture(scope="module")
def multilingual_index(tmp_path_factory: pytest.TempPathFactory):
    """Four short English documents embedded with multilingual-e5-small."""
    from ingest.refresh import refresh_index
    from ingest.settings import Settings

    docs: Path = tmp_path_factory.mktemp("ml-docs")
    for name, (body, meta) in CORPUS.items():
        write_doc(docs, name, body, **meta)
    settings = Settings(docs_dir=docs, index_dir=tmp_path_factory.mktemp("ml-index"), embed_model="multilingual")
    summary = refresh_index(settings)
    assert not summary.failed, summary.failed
    return settings


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Какие языки являются официальными в ШОС?", "languages.md"),
        ("Сколько миротворцев ОДКБ направила в Казахстан?", "kazakhstan.md"),
        ("集安组织的禁毒行动查获了哪些毒品？", "drugs.md"),
        ("上合组织反恐机构的执行委员会设在哪个城市？", "rats.md"),
    ],
)
def test_a_russian_or_chinese_question_ranks_the_english_document_first(
    multilingual_index, question: str, expected: str
) -> None:
    from app.answering.retrieval import HybridRetriever

    # Dense only: the keyword index cannot match Cyrillic or Chinese words against English text,
    # so this measures the multilingual model itself; no organisation filter helps either.
    retriever = HybridRetriever(multilingual_index)
    passages = retriever.retrieve(question, top_k=4, mode="dense").passages
    assert passages[0].doc_id == expected, [(p.doc_id, p.dense_score) for p in passages]


@pytest.mark.integration
def test_the_answer_engine_cites_the_english_document_for_a_russian_question(multilingual_index) -> None:
    from app.answering.engine import AnswerEngine

    answer = AnswerEngine(multilingual_index).ask("Какие языки являются официальными в ШОС?")
    assert answer.passages[0].doc_id == "languages.md"
    assert answer.filters.get("organisation") == "SCO"  # ШОС recognised as the SCO


@pytest.mark.integration
def test_the_index_records_the_model_and_refuses_minilm(multilingual_index) -> None:
    from dataclasses import replace

    from app.answering.retrieval import HybridRetriever
    from ingest.store import ChromaStore, IndexMismatchError

    assert ChromaStore(multilingual_index).facts["embed_model"] == "multilingual"
    with pytest.raises(
        IndexMismatchError, match=r"built with embedding model 'multilingual'.*--embed-model multilingual"
    ):
        HybridRetriever(replace(multilingual_index, embed_model="minilm"))
