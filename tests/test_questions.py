"""Question sets: the eval schema holds, evidence is really in the named documents, absent terms are really absent."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ingest.corpus import find_document_paths
from ingest.loaders import load_document
from tests.conftest import DATA, DOCUMENTS, require_shared_corpus

TYPES = {"factoid", "list", "comparison", "temporal", "why"}
REQUIRED = {"id", "question", "answer", "sources", "evidence", "answerable", "type"}
OPTIONAL = {"absent_terms", "filters"}
MIN_ANSWERABLE, MIN_UNANSWERABLE = 80, 20


@dataclass(frozen=True)
class QuestionSet:
    """A question file and the corpus its doc_ids refer to."""

    name: str
    file: Path
    corpus: str  # "documents" or "shared"

    def root(self) -> Path:
        return DOCUMENTS if self.corpus == "documents" else require_shared_corpus()

    def documents(self) -> dict[str, str]:
        """doc_id -> indexed text, read by the product's own loader."""
        return corpus_texts(self.root(), shipped_only=self.corpus == "documents")


SETS = [
    QuestionSet("dev", DATA / "questions.jsonl", "documents"),
    QuestionSet("shared", DATA / "shared_corpus_questions.jsonl", "shared"),
]
_TEXTS: dict[tuple[Path, bool], dict[str, str]] = {}


def corpus_texts(root: Path, shipped_only: bool) -> dict[str, str]:
    """Texts of the indexed documents below root; for documents/ only the shipped top-level briefings,
    so primary texts a user fetched into documents/primary/ cannot change the result."""
    key = (root, shipped_only)
    if key not in _TEXTS:
        paths, _ = find_document_paths(root)
        if shipped_only:
            paths = [p for p in paths if p.parent == root and p.suffix == ".md"]
        _TEXTS[key] = {doc.doc_id: doc.text for doc in (load_document(p, root) for p in paths)}
    return _TEXTS[key]


def normalise(text: str) -> str:
    """Case and whitespace do not matter when matching a quote (as in evidence_recall)."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Every line of a JSONL file as (line number, object); a bad line fails naming its number."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name} line {number}: empty line; remove it"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name} line {number}: malformed JSON ({exc.msg}); one JSON object per line")
        assert isinstance(row, dict), f"{path.name} line {number}: expected a JSON object"
        rows.append((number, row))
    return rows


def evidence_quotes(row: dict[str, Any]) -> list[str]:
    evidence = row["evidence"]
    return [evidence] if isinstance(evidence, str) else list(evidence or [])


def schema_errors(row: dict[str, Any]) -> list[str]:
    """What is wrong with one row under the batch-evaluation schema (empty when it is valid)."""
    errors = []
    missing = REQUIRED - set(row)
    if missing:
        return [f"missing keys {sorted(missing)}"]
    if set(row) - REQUIRED - OPTIONAL:
        errors.append(f"unknown keys {sorted(set(row) - REQUIRED - OPTIONAL)}")
    if not (isinstance(row["id"], str) and row["id"].strip()):
        errors.append("'id' must be a non-empty string")
    if not (isinstance(row["question"], str) and row["question"].strip()):
        errors.append("'question' must be a non-empty string")
    if row["type"] not in TYPES:
        errors.append(f"'type' is {row['type']!r}; use one of {sorted(TYPES)}")
    if not isinstance(row["answerable"], bool):
        errors.append("'answerable' must be true or false")
    elif row["answerable"]:
        if not (isinstance(row["answer"], str) and row["answer"].strip()):
            errors.append("an answerable question needs a reference 'answer' string")
        sources = row["sources"]
        if not (isinstance(sources, list) and sources and all(isinstance(s, str) and s for s in sources)):
            errors.append("'sources' must be a non-empty list of doc_ids")
        quotes = row["evidence"]
        if not (isinstance(quotes, str) or (isinstance(quotes, list) and quotes)):
            errors.append("'evidence' must be a quote or a non-empty list of quotes")
        elif not all(isinstance(q, str) and 8 <= len(q.split()) <= 40 for q in evidence_quotes(row)):
            errors.append("each evidence quote must be a string of 8-40 words")
        elif any("**" in q or q.lstrip().startswith("#") for q in evidence_quotes(row)):
            errors.append("evidence quotes must not contain Markdown markup")
        if "absent_terms" in row:
            errors.append("'absent_terms' belongs to unanswerable questions only")
    else:
        if row["answer"] is not None or row["sources"] != [] or row["evidence"] is not None:
            errors.append("an unanswerable question has answer null, sources [] and evidence null")
        terms = row.get("absent_terms")
        if not (isinstance(terms, list) and 1 <= len(terms) <= 3 and all(isinstance(t, str) and t for t in terms)):
            errors.append("an unanswerable question needs 'absent_terms': 1-3 words the corpus lacks")
    return errors


@pytest.fixture(params=SETS, ids=lambda s: s.name)
def question_set(request: pytest.FixtureRequest) -> QuestionSet:
    return request.param


def test_every_row_follows_the_eval_schema(question_set: QuestionSet) -> None:
    problems = [
        f"line {number} ({row.get('id')}): {error}"
        for number, row in read_rows(question_set.file)
        for error in schema_errors(row)
    ]
    assert not problems, f"{question_set.file.name}:\n" + "\n".join(problems)


def test_ids_are_unique_and_counts_are_met(question_set: QuestionSet) -> None:
    rows = [row for _, row in read_rows(question_set.file)]
    ids = [row.get("id") for row in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{question_set.file.name}: duplicate ids {duplicates}"
    answerable = sum(1 for row in rows if row.get("answerable") is True)
    unanswerable = sum(1 for row in rows if row.get("answerable") is False)
    assert answerable >= MIN_ANSWERABLE, f"{question_set.file.name}: {answerable} answerable, need {MIN_ANSWERABLE}"
    assert unanswerable >= MIN_UNANSWERABLE, (
        f"{question_set.file.name}: {unanswerable} unanswerable, need {MIN_UNANSWERABLE}"
    )


def test_the_eval_loader_accepts_the_file(question_set: QuestionSet) -> None:
    questions_module = pytest.importorskip("app.evaluation.questions", reason="batch evaluation not installed")
    loaded = questions_module.load_questions(question_set.file)
    rows = {str(row["id"]): row for _, row in read_rows(question_set.file)}
    assert [q.id for q in loaded] == list(rows)
    assert [q.answerable for q in loaded] == [row["answerable"] for row in rows.values()]
    assert all(q.sources == rows[q.id]["sources"] for q in loaded)


def test_sources_exist_and_contain_the_evidence(question_set: QuestionSet) -> None:
    texts = {doc_id: normalise(text) for doc_id, text in question_set.documents().items()}
    problems = []
    for number, row in read_rows(question_set.file):
        if row.get("answerable") is not True:
            continue
        unknown = [s for s in row["sources"] if s not in texts]
        if unknown:
            problems.append(f"line {number} ({row['id']}): sources {unknown} are not documents in the corpus")
            continue
        for quote in evidence_quotes(row):
            if not any(normalise(quote) in texts[s] for s in row["sources"]):
                problems.append(f"line {number} ({row['id']}): evidence not found in {row['sources']}: {quote[:70]!r}")
    assert not problems, f"{question_set.file.name} (fix the quote or the document):\n" + "\n".join(problems)


def test_absent_terms_appear_in_no_document(question_set: QuestionSet) -> None:
    texts = {doc_id: text.casefold() for doc_id, text in question_set.documents().items()}
    problems = []
    for number, row in read_rows(question_set.file):
        for term in row.get("absent_terms") or []:
            found = sorted(doc_id for doc_id, text in texts.items() if term.casefold() in text)
            if found:
                problems.append(f"line {number} ({row['id']}): {term!r} occurs in {found}")
    assert not problems, (
        f"{question_set.file.name}: unanswerable questions hinge on terms the corpus contains; "
        "rewrite the question or move it to the answerable set:\n" + "\n".join(problems)
    )
