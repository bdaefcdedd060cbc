"""Question files (JSONL or CSV) -> validated EvalQuestion values, errors naming the line."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.answering.models import ANSWER_TYPES, OUTCOMES, Filters

KNOWN_FIELDS = (
    "id",
    "question",
    "answer",
    "sources",
    "evidence",
    "answerable",
    "type",
    "filters",
    "outcome",
    "answer_type",
    "missing",
    "absent_terms",
    "history",
)
# What the answer should do: answer, answer in part and name what is missing, or say the documents do not answer.
# CSV cells that may hold a JSON list or object.
JSON_FIELDS = ("sources", "evidence", "filters", "absent_terms", "history")
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


class QuestionFileError(ValueError):
    """A question file that cannot be used; the message names the file, the line and the fix."""


@dataclass
class EvalQuestion:
    """One question with its gold answer, gold documents and evidence quotes."""

    id: str
    question: str
    line: int
    answer: str | None = None
    sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    answerable: bool = True
    type: str = ""
    filters: Filters = field(default_factory=Filters)
    outcome: str = ""  # "" means: derived from answerable
    answer_type: str | None = None
    missing: str | None = None  # partial questions: what the documents do not say
    absent_terms: list[str] = field(default_factory=list)  # words that occur in no document
    history: list[str] = field(default_factory=list)  # earlier questions of a follow-up

    def __post_init__(self) -> None:
        if not self.outcome:
            self.outcome = "answered" if self.answerable else "not_answered"

    def to_dict(self) -> dict[str, Any]:
        """The gold side of a results.jsonl row."""
        return {
            "id": self.id,
            "line": self.line,
            "question": self.question,
            "reference_answer": self.answer,
            "sources": self.sources,
            "evidence": self.evidence,
            "answerable": self.answerable,
            "type": self.type,
            "gold_outcome": self.outcome,
            "answer_type": self.answer_type,
            "missing": self.missing,
            "history": self.history,
            "question_filters": self.filters.to_dict(),
        }


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a .csv file as CSV and anything else as JSONL; raise QuestionFileError on bad input."""
    path = Path(path)
    if not path.is_file():
        raise QuestionFileError(f"{path}: no such file; give a JSONL or CSV question file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionFileError(f"{path}: not UTF-8 text ({exc.reason}); save the file as UTF-8") from exc
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _jsonl_rows(path, text)
    questions: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        question = parse_row(row, line, path)
        if question.id in seen:
            raise QuestionFileError(
                f"{path} line {line}: id {question.id!r} was already used on line {seen[question.id]}; "
                "ids must be unique"
            )
        seen[question.id] = line
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{path}: no questions found; write one JSON object per line with a 'question' field")
    return questions


def _jsonl_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(
                f"{path} line {number}: malformed JSON ({exc.msg} at column {exc.colno}); "
                "each line must be one JSON object"
            ) from exc
        if not isinstance(row, dict):
            raise QuestionFileError(
                f'{path} line {number}: expected a JSON object like {{"question": ...}}, got {type(row).__name__}'
            )
        rows.append((number, row))
    return rows


def _csv_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or "question" not in [f.strip() for f in reader.fieldnames]:
        raise QuestionFileError(f"{path} line 1: the CSV header needs a 'question' column (got {reader.fieldnames})")
    rows = []
    start = reader.line_num + 1
    for record in reader:
        row = {(k or "").strip(): _csv_value((k or "").strip(), v) for k, v in record.items() if k}
        if any(v not in (None, "") for v in row.values()):
            rows.append((start, row))
        start = reader.line_num + 1
    return rows


def _csv_value(key: str, value: str | None) -> Any:
    """CSV cells are text: lists and objects may be JSON, lists may also be separated by ';' or '|'."""
    value = (value or "").strip()
    if value == "":
        return None
    if key in JSON_FIELDS and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if key == "sources":
        sep = ";" if ";" in value else "|"
        return [part.strip() for part in value.split(sep) if part.strip()]
    return value


def parse_row(row: dict[str, Any], line: int, path: Path | str = "<questions>") -> EvalQuestion:
    """Validate one row; unknown fields are ignored."""

    def bad(message: str) -> QuestionFileError:
        return QuestionFileError(f"{path} line {line}: {message}")

    question = row.get("question")
    if not isinstance(question, str) or not question.strip():
        raise bad("missing 'question' (a non-empty string is required)")
    raw_id = row.get("id")
    qid = str(line) if raw_id in (None, "") else str(raw_id)
    answer = row.get("answer")
    if answer is not None and not isinstance(answer, str):
        answer = str(answer)
    answerable, outcome = _answerable_and_outcome(row, bad)
    missing = row.get("missing")
    if missing is not None and not isinstance(missing, str):
        raise bad(f"'missing' must be a string naming what the documents do not say, got {json.dumps(missing)[:80]}")
    return EvalQuestion(
        id=qid,
        question=question.strip(),
        line=line,
        answer=answer if answer and answer.strip() else None,
        sources=_string_list(row.get("sources"), "sources", bad),
        evidence=_string_list(row.get("evidence"), "evidence", bad),
        answerable=answerable,
        type=str(row.get("type") or ""),
        filters=_filters(row.get("filters"), bad),
        outcome=outcome,
        answer_type=_choice(row.get("answer_type"), "answer_type", ANSWER_TYPES, bad) or None,
        missing=missing.strip() if missing and missing.strip() else None,
        absent_terms=_string_list(row.get("absent_terms"), "absent_terms", bad),
        history=_string_list(row.get("history"), "history", bad),
    )


def _answerable_and_outcome(row: dict[str, Any], bad: Any) -> tuple[bool, str]:
    """A given outcome must agree with answerable; without answerable, not_answered implies false."""
    outcome = _choice(row.get("outcome"), "outcome", OUTCOMES, bad)
    answerable = _boolean(row.get("answerable"), bad)
    if row.get("answerable") in (None, "") and outcome == "not_answered":
        return False, outcome
    if outcome and (outcome == "not_answered") == answerable:
        raise bad(
            f"'outcome' is {outcome!r} but 'answerable' is {str(answerable).lower()}; "
            "use answerable false exactly when the outcome is not_answered"
        )
    return answerable, outcome


def _choice(value: Any, name: str, allowed: tuple[str, ...], bad: Any) -> str:
    """One of the allowed words, or "" when absent."""
    if value in (None, ""):
        return ""
    if value not in allowed:
        raise bad(f"'{name}' is {json.dumps(value)[:40]}; use one of {', '.join(allowed)}")
    return str(value)


def _string_list(value: Any, name: str, bad: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    raise bad(f"'{name}' must be a string or a list of strings, got {json.dumps(value)[:80]}")


def _boolean(value: Any, bad: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    raise bad(f"'answerable' must be true or false, got {value!r}")


def _filters(value: Any, bad: Any) -> Filters:
    if value is None:
        return Filters()
    if not isinstance(value, dict):
        raise bad('\'filters\' must be an object like {"organisation": "SCO", "year_from": 2015}')
    try:
        return Filters.from_dict(value)
    except ValueError as exc:
        raise bad(str(exc)) from exc
