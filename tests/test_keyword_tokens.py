"""Our tokenizer is bm25s's, word for word, except that an underscore separates words and an ordinal in
digits reads as its word: the keyword index and the composer must agree with it."""

from __future__ import annotations

import threading
from pathlib import Path

import bm25s
import pytest
import Stemmer

from ingest import keyword
from ingest.keyword import spell_ordinals, tokenize

pytestmark = pytest.mark.unit

DOCS = Path(__file__).resolve().parent.parent / "documents"


def _paragraphs() -> list[str]:
    texts = [p for path in sorted(DOCS.glob("*.md")) for p in path.read_text(encoding="utf-8").split("\n\n")]
    return [*texts, "", "a", "Ёлка и ШОС 2024", "CSTO's peace-keeping (2022)", "x_y 12 ab"]


def test_tokens_equal_bm25s_on_every_paragraph_of_the_corpus() -> None:
    texts = _paragraphs()
    expected = bm25s.tokenize(
        [spell_ordinals(t.lower().replace("_", " ")) for t in texts],
        stopwords="en",
        stemmer=Stemmer.Stemmer("english"),
        return_ids=False,
        show_progress=False,
    )
    assert len(texts) > 300
    assert tokenize(texts) == expected


def test_markdown_emphasis_does_not_hide_the_words_it_marks() -> None:
    """'_Varna Accord_' (a title in italics) is found by 'Varna Accord'; bm25s would read '_varna'."""
    assert tokenize(["The _Varna Accord_ was signed."]) == tokenize(["The Varna Accord was signed."])
    assert tokenize(["x_y"]) == [[]]  # two one-letter words, as 'x y'


def test_an_ordinal_in_digits_reads_as_its_word() -> None:
    """'the sixth meeting' finds 'the 6th Meeting'; a number past the twentieth, or a plain one, stays."""
    assert tokenize(["the 6th Meeting of the 11th Council"]) == tokenize(["the sixth meeting of the eleventh council"])
    assert tokenize(["1st, 2nd, 3rd and 20th"]) == tokenize(["first, second, third and twentieth"])
    assert tokenize(["the 21st century, 6 members, 6thly"]) == [["21st", "centuri", "member", "6thli"]]


def test_threads_tokenizing_at_once_get_the_sequential_tokens() -> None:
    texts = _paragraphs()
    expected = tokenize(texts)
    keyword._stems.clear()  # every thread stems afresh, each with its own stemmer
    results: list[list[list[str]]] = []

    def work() -> None:
        results.append(tokenize(texts))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 6
