"""No evaluation question leaks into code, docstrings or the question-analysis unit tests.

Rules, word lists and examples must be about English questions in general, not fitted to the
questions we are scored on. Five words in a row copied from any question of any set in
tests/data/*.jsonl, or (in app/ and ingest/) three words around one of its proper names, show an
example taken from an evaluation set rather than invented. Two things are not copies: a run that
is plain corpus wording (it occurs in documents/ and asks nothing: "the Regional Anti-Terrorist
Structure"), and a capitalised word the documents also write in lower case (a title such as
"Secretary") or in capitals (an acronym such as "CSTO"), which is not a proper name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "ingest").rglob("*.py")])
TESTS = [ROOT / "tests" / f"test_{name}.py" for name in ("analysis", "selection", "composer_answers", "query")]
WORD = re.compile(r"\w+")
QUESTION_WORDS = {"who", "whom", "whose", "what", "when", "where", "which", "why", "how"}
WINDOW, NAME_WINDOW = 5, 3


def _words(path: Path) -> list[str]:
    return WORD.findall(path.read_text(encoding="utf-8"))


def _grams(words: list[str], size: int) -> set[str]:
    """Every run of `size` words, lowercased and one space apart."""
    lower = [word.lower() for word in words]
    return {" ".join(lower[i : i + size]) for i in range(len(lower) - size + 1)}


def _questions() -> list[tuple[str, str]]:
    """(id, text) for every question and every history turn in every data file."""
    found = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line) if line.strip() else {}
            if "question" in row:
                qid = f"{path.name}:{row.get('id', number)}"
                found += [(qid, row["question"]), *((f"{qid} (history)", turn) for turn in row.get("history", []))]
    return found


def _named_windows(words: list[str], common: set[str]) -> set[str]:
    """Runs of NAME_WINDOW words holding a proper name: capitalised, not first, not a common word."""
    names = {i for i, word in enumerate(words) if i > 0 and word[0].isupper() and word.lower() not in common}
    return {
        " ".join(words[i : i + NAME_WINDOW]).lower()
        for i in range(len(words) - NAME_WINDOW + 1)
        if names & set(range(i, i + NAME_WINDOW))
    }


def _leaks() -> dict[str, list[str]]:
    """'file: window' -> ids of the questions it was copied from."""
    corpus = [word for path in sorted((ROOT / "documents").glob("*.md")) for word in _words(path)]
    common = {word.lower() for word in corpus if not word[0].isupper() or (len(word) > 1 and word.isupper())}
    corpus_wording = _grams(corpus, WINDOW) | _grams(corpus, NAME_WINDOW)
    files = {path: _words(path) for path in [*CODE, *TESTS]}
    plain = {path: _grams(words, WINDOW) for path, words in files.items()}
    named = {path: _grams(words, NAME_WINDOW) for path, words in files.items() if path in CODE}
    leaks: dict[str, list[str]] = {}
    for qid, question in _questions():
        words = WORD.findall(question)
        for path in files:
            hits = plain[path] & _grams(words, WINDOW)
            hits |= named.get(path, set()) & _named_windows(words, common)
            for window in hits:
                if window not in corpus_wording or QUESTION_WORDS & set(window.split()):
                    leaks.setdefault(f"{path.relative_to(ROOT)}: '{window}'", []).append(qid)
    return leaks


def test_no_evaluation_question_is_copied_into_code_or_analysis_tests() -> None:
    leaks = _leaks()
    assert not leaks, (
        "words copied from evaluation questions; rewrite each example generically, with invented "
        "entities and your own wording:\n"
        + "\n".join(f"{where} from {', '.join(ids)}" for where, ids in sorted(leaks.items()))
    )


def test_the_check_finds_a_copied_window() -> None:
    """The matcher itself: a question's own words are found, a rewording or a title is not."""
    words = WORD.findall("According to the 2009 charter, which Latvian envoy met the Secretary?")
    assert "which latvian envoy chaired" not in _grams(words, WINDOW)
    assert "which latvian envoy met the" in _grams(words, WINDOW)
    named = _named_windows(words, common={"secretary"})
    assert {"which latvian envoy", "charter which latvian", "latvian envoy met"} == named
    copied = WORD.findall('"""E.g. which LATVIAN envoy met the secretary."""')
    assert _grams(copied, WINDOW) & _grams(words, WINDOW)
    assert not _grams(WORD.findall("which Finnish diplomat met the secretary"), WINDOW) & _grams(words, WINDOW)
