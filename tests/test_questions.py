"""Question sets: the eval schema holds, evidence is really in the named documents, absent terms are really absent."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.evaluation.questions import ANSWER_TYPES, OUTCOMES, QuestionFileError, load_questions
from ingest.corpus import find_document_paths
from ingest.loaders import load_document
from tests.conftest import DATA, DOCUMENTS, require_shared_corpus

pytestmark = pytest.mark.unit

# The question's kind, for the per-type rows of `scoqa eval`:
TYPES = {
    "factoid",  # one fact: a person, place, number or organisation
    "list",  # several items, often gathered from more than one passage
    "comparison",  # two things set side by side
    "temporal",  # a date, a period or a sequence of events
    "why",  # a reason or cause
    "definition",  # "What is X?": what a name, body or concept means
    "yes_no",  # answered by yes or no and the fact behind it
    "partial",  # two parts; the documents answer one and not the other (outcome partial)
    "near_miss",  # asked in the documents' own words about a detail no document contains (not answered)
    "off_topic",  # nothing to do with the corpus (not answered)
}
REQUIRED = {"id", "question", "answer", "sources", "evidence", "answerable", "type"}
OPTIONAL = {"absent_terms", "filters"}
# Sets written the way users ask also give the expected outcome and answer type (docs/evaluation.md).
USER_REQUIRED = {"outcome", "answer_type"}
USER_OPTIONAL = {"missing", "history"}
TYPES_BY_OUTCOME = {
    "answered": TYPES - {"partial", "near_miss", "off_topic"},
    "partial": {"partial"},
    "not_answered": {"near_miss", "off_topic"},
}
MIN_ANSWERABLE, MIN_UNANSWERABLE = 80, 20
# The user-style dev sets: at least this many questions of each kind, and of answered ones by answer type.
MIN_USER_KINDS = {"answered": 45, "partial": 10, "near_miss": 25, "off_topic": 5, "follow-up": 5}
MIN_ANSWERED_BY_ANSWER_TYPE = {"person": 8, "date": 8, "number": 6, "list": 6, "reason": 6, "definition": 6}
# dev-real is a 70-question set over the shared corpus, so its minimums are its own.
MIN_REAL_KINDS = {"answered": 36, "partial": 10, "near_miss": 20, "off_topic": 4, "follow-up": 4}
MIN_REAL_BY_ANSWER_TYPE = {"person": 6, "date": 5, "number": 5, "list": 4, "reason": 4, "definition": 4, "place": 3}


@dataclass(frozen=True)
class QuestionSet:
    """A question file and the corpus its doc_ids refer to."""

    name: str
    file: Path
    corpus: str  # "documents" or "shared"
    user_style: bool = False  # rows carry outcome, answer_type, missing and history
    min_answerable: int = MIN_ANSWERABLE
    min_unanswerable: int = MIN_UNANSWERABLE
    # a near miss names the word the corpus lacks; a table's near miss lacks a record, not a word
    absent_terms: bool = True

    def root(self) -> Path:
        return DOCUMENTS if self.corpus == "documents" else require_shared_corpus()

    def documents(self) -> dict[str, str]:
        """doc_id -> indexed text, read by the product's own loader."""
        return corpus_texts(self.root(), shipped_only=self.corpus == "documents")


SETS = [
    QuestionSet("dev", DATA / "questions.jsonl", "documents"),
    QuestionSet("shared", DATA / "shared_corpus_questions.jsonl", "shared"),
    QuestionSet("dev-user", DATA / "dev_user_questions.jsonl", "documents", user_style=True),
    # A dev split on the real, PDF-derived shared corpus (answered and partial rows count as answerable).
    QuestionSet("dev-real", DATA / "dev_real_questions.jsonl", "shared", user_style=True, min_answerable=40),
    # Facts only a table of the shared corpus gives, and near misses a table nearly answers.
    QuestionSet(
        "dev-tables",
        DATA / "dev_tables_questions.jsonl",
        "shared",
        user_style=True,
        min_answerable=15,
        min_unanswerable=5,
        absent_terms=False,
    ),
]
USER_MINIMUMS = {
    "dev-user": (MIN_USER_KINDS, MIN_ANSWERED_BY_ANSWER_TYPE),
    "dev-real": (MIN_REAL_KINDS, MIN_REAL_BY_ANSWER_TYPE),
    "dev-tables": ({"answered": 15, "near_miss": 5}, {"person": 3, "date": 6, "place": 3}),
}
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


def quote_length_ok(quote: str) -> bool:
    """8-40 words: a sentence, not a phrase or a page; a table row (cells between '|') is shorter."""
    return (3 if "|" in quote else 8) <= len(quote.split()) <= 40


def schema_errors(row: dict[str, Any], user_style: bool = False, absent_terms: bool = True) -> list[str]:
    """What is wrong with one row under the batch-evaluation schema (empty when it is valid)."""
    errors = []
    required = REQUIRED | (USER_REQUIRED if user_style else set())
    known = required | OPTIONAL | (USER_OPTIONAL if user_style else set())
    missing = required - set(row)
    if missing:
        return [f"missing keys {sorted(missing)}"]
    if set(row) - known:
        errors.append(f"unknown keys {sorted(set(row) - known)}")
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
        elif not all(isinstance(q, str) and quote_length_ok(q) for q in evidence_quotes(row)):
            errors.append("each evidence quote must be a string of 8-40 words (a table row: 3-40)")
        elif any("**" in q or q.lstrip().startswith("#") for q in evidence_quotes(row)):
            errors.append("evidence quotes must not contain Markdown markup")
        if "absent_terms" in row and not (user_style and row.get("outcome") == "partial"):
            errors.append("'absent_terms' belongs to unanswerable and partial questions only")
    else:
        if row["answer"] is not None or row["sources"] != [] or row["evidence"] is not None:
            errors.append("an unanswerable question has answer null, sources [] and evidence null")
        if absent_terms or "absent_terms" in row:
            errors.extend(absent_terms_errors(row, "an unanswerable question"))
    return errors + (outcome_errors(row) if user_style else [])


def absent_terms_errors(row: dict[str, Any], who: str) -> list[str]:
    terms = row.get("absent_terms")
    if isinstance(terms, list) and 1 <= len(terms) <= 3 and all(isinstance(t, str) and t.strip() for t in terms):
        return []
    return [f"{who} needs 'absent_terms': 1-3 words the corpus lacks"]


def outcome_errors(row: dict[str, Any]) -> list[str]:
    """What is wrong with the user-style fields: outcome, answer_type, missing, history."""
    outcome = row["outcome"]
    if outcome not in OUTCOMES:
        return [f"'outcome' is {outcome!r}; use one of {list(OUTCOMES)}"]
    errors = []
    if row["answer_type"] not in ANSWER_TYPES:
        errors.append(f"'answer_type' is {row['answer_type']!r}; use one of {list(ANSWER_TYPES)}")
    if (outcome == "not_answered") != (row.get("answerable") is False):
        errors.append("'answerable' must be false exactly when the outcome is not_answered")
    if row.get("type") not in TYPES_BY_OUTCOME[outcome]:
        errors.append(f"a question with outcome {outcome} has a type in {sorted(TYPES_BY_OUTCOME[outcome])}")
    if outcome == "partial":
        if not (isinstance(row.get("missing"), str) and row["missing"].strip()):
            errors.append("a partial question needs 'missing': a phrase naming what the documents do not say")
        errors.extend(absent_terms_errors(row, "a partial question"))
    elif "missing" in row:
        errors.append("'missing' belongs to partial questions only")
    history = row.get("history", ["-"])
    if not (isinstance(history, list) and history and all(isinstance(h, str) and h.strip() for h in history)):
        errors.append("'history' must be a non-empty list of the earlier questions")
    return errors


@pytest.fixture(params=SETS, ids=lambda s: s.name)
def question_set(request: pytest.FixtureRequest) -> QuestionSet:
    return request.param


def test_every_row_follows_the_eval_schema(question_set: QuestionSet) -> None:
    problems = [
        f"line {number} ({row.get('id')}): {error}"
        for number, row in read_rows(question_set.file)
        for error in schema_errors(row, question_set.user_style, question_set.absent_terms)
    ]
    assert not problems, f"{question_set.file.name}:\n" + "\n".join(problems)


def test_ids_are_unique_and_counts_are_met(question_set: QuestionSet) -> None:
    rows = [row for _, row in read_rows(question_set.file)]
    ids = [row.get("id") for row in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{question_set.file.name}: duplicate ids {duplicates}"
    answerable = sum(1 for row in rows if row.get("answerable") is True)
    unanswerable = sum(1 for row in rows if row.get("answerable") is False)
    least, least_unanswerable = question_set.min_answerable, question_set.min_unanswerable
    assert answerable >= least, f"{question_set.file.name}: {answerable} answerable, need {least}"
    assert unanswerable >= least_unanswerable, (
        f"{question_set.file.name}: {unanswerable} unanswerable, need {least_unanswerable}"
    )


def test_the_eval_loader_accepts_the_file(question_set: QuestionSet) -> None:
    loaded = load_questions(question_set.file)
    rows = {str(row["id"]): row for _, row in read_rows(question_set.file)}
    assert [q.id for q in loaded] == list(rows)
    assert [q.answerable for q in loaded] == [row["answerable"] for row in rows.values()]
    assert all(q.sources == rows[q.id]["sources"] for q in loaded)
    for q in loaded:
        row = rows[q.id]
        assert q.outcome == row.get("outcome", "answered" if row["answerable"] else "not_answered"), q.id
        carried = (q.answer_type, q.missing, q.absent_terms, q.history)
        assert carried == (
            row.get("answer_type"),
            row.get("missing"),
            row.get("absent_terms", []),
            row.get("history", []),
        )


@pytest.mark.parametrize("question_set", [s for s in SETS if s.user_style], ids=lambda s: s.name)
def test_the_user_set_has_every_kind_of_question(question_set: QuestionSet) -> None:
    """Enough answered questions of each answer type, partial ones, near misses, off-topic ones and follow-ups."""
    min_kinds, min_by_answer_type = USER_MINIMUMS[question_set.name]
    rows = [row for _, row in read_rows(question_set.file)]
    kinds = Counter(row["outcome"] for row in rows)
    kinds.update(row["type"] for row in rows if row["type"] in ("near_miss", "off_topic"))
    kinds["follow-up"] = sum(1 for row in rows if row.get("history"))
    answered = Counter(row["answer_type"] for row in rows if row["outcome"] == "answered")
    short = {kind: kinds[kind] for kind, least in min_kinds.items() if kinds[kind] < least}
    short |= {f"answered {t}": answered[t] for t, least in min_by_answer_type.items() if answered[t] < least}
    assert not short, (
        f"{question_set.file.name} has too few of {short}; minimums {min_kinds}, answered by type {min_by_answer_type}"
    )


def test_the_loader_names_bad_outcome_fields(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    cases = {
        '{"question": "q?", "outcome": "maybe"}': "'outcome' is \"maybe\"; use one of answered, partial, not_answered",
        '{"question": "q?", "answer_type": "colour"}': "'answer_type' is \"colour\"; use one of person, date,",
        '{"question": "q?", "answerable": false, "outcome": "partial"}': "'outcome' is 'partial' but 'answerable' is",
        '{"question": "q?", "missing": ["a budget"]}': "'missing' must be a string naming what",
        '{"question": "q?", "history": [1]}': "'history' must be a string or a list of strings",
    }
    for line, message in cases.items():
        path.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(QuestionFileError, match=re.escape(f"{path} line 1: {message}")):
            load_questions(path)
    path.write_text(
        '{"question": "a?", "outcome": "not_answered"}\n{"question": "b?", "answerable": false}\n'
        '{"question": "c?", "outcome": "partial", "missing": " the budget ", "history": "earlier?"}\n',
        encoding="utf-8",
    )
    first, second, third = load_questions(path)
    assert (first.answerable, first.outcome, second.outcome) == (False, "not_answered", "not_answered")
    assert (third.answerable, third.outcome, third.missing, third.history) == (
        True,
        "partial",
        "the budget",
        ["earlier?"],
    )


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
    texts = {doc_id: normalise(text) for doc_id, text in question_set.documents().items()}
    problems = []
    for number, row in read_rows(question_set.file):
        for term in row.get("absent_terms") or []:
            found = sorted(doc_id for doc_id, text in texts.items() if normalise(term) in text)
            if found:
                problems.append(f"line {number} ({row['id']}): {term!r} occurs in {found}")
    assert not problems, (
        f"{question_set.file.name}: unanswerable questions hinge on terms the corpus contains; "
        "rewrite the question or move it to the answerable set:\n" + "\n".join(problems)
    )
