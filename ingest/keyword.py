"""The keyword (BM25) index: built once per refresh and persisted beside the vectors.

We call bm25s (the engine inside llama-index's BM25Retriever) directly: that
retriever fixes its metadata filters when it is built, so per-question filters would
mean rebuilding it for every question, the slowness Open WebUI #8579 reports.
Here a filter is a weight mask over the persisted index, applied per query.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest import revisions

if TYPE_CHECKING:
    from ingest.store import ChromaStore

FILTER_FIELDS = ("doc_id", "organisation", "kind", "year")
LOWERCASE_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+")


TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s's (and scikit-learn's) token pattern
_threads = threading.local()
MAX_MEMO_STEMS = 500_000
_stems: dict[str, str] = {}  # word -> stem; plain dict reads and writes are atomic under the GIL


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def stem_word(word: str) -> str:
    """The Snowball stem, memoised: a PyStemmer object is not thread-safe, so each thread has its own."""
    stem = _stems.get(word)
    if stem is None:
        stemmer = getattr(_threads, "stemmer", None)
        if stemmer is None:
            import Stemmer

            stemmer = _threads.stemmer = Stemmer.Stemmer("english")
        if len(_stems) > MAX_MEMO_STEMS:  # a long-running server meets ever new words
            _stems.clear()
        stem = _stems[word] = stemmer.stemWord(word)
    return stem


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed word lists (the same for passages and questions).

    Exactly `bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer("english"), return_ids=False)`
    (tests/test_keyword_tokens.py holds the two equal), without its per-call setup: the composer
    tokenizes hundreds of single sentences per question.
    """
    stop = _stopwords()
    return [[stem_word(word) for word in TOKEN.findall(text.lower()) if word not in stop] for text in texts]


@dataclass
class KeywordIndex:
    """BM25 over chunk texts, with each chunk's id and filterable metadata."""

    bm25: Any
    chunk_ids: list[str]
    fields: list[dict[str, Any]]
    revision: str
    doc_freq: dict[str, int] = field(default_factory=dict)  # stemmed term -> chunks containing it
    # Words the texts also write in lower case ("corridor", "group"): common nouns, not names.
    lowercase_words: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, dict[str, Any]]], revision: str) -> KeywordIndex:
        """Index (chunk_id, text to search, metadata) rows."""
        import bm25s

        rows = list(rows)
        bm25 = bm25s.BM25()
        tokens = tokenize([text for _, text, _ in rows]) if rows else []
        if rows:
            bm25.index(tokens, show_progress=False)
        fields = [{k: meta.get(k) for k in FILTER_FIELDS} for _, _, meta in rows]
        doc_freq = dict(Counter(term for terms in tokens for term in set(terms)))
        lowercase = {w for _, text, _ in rows for w in LOWERCASE_WORD.findall(text)}
        return cls(bm25, [cid for cid, _, _ in rows], fields, revision, doc_freq, lowercase)

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency of a stemmed term (0 docs -> the largest value)."""
        n, df = len(self.chunk_ids), self.doc_freq.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def is_common_word(self, word: str) -> bool:
        """True when the texts use `word` in lower case too, i.e. it is not only a name."""
        return word.lower() in self.lowercase_words

    @cached_property
    def lowercase_stems(self) -> frozenset[str]:
        """Stemmed terms of the words the texts write in lower case (computed once per index)."""
        return frozenset(t for terms in tokenize(sorted(self.lowercase_words)) for t in terms)

    def is_name_word(self, word: str) -> bool:
        """True when the texts know `word` only as a name: every term occurs, and no word they
        write in lower case shares its stem ('kanal' yes; 'regarded', 'meaning' no)."""
        terms = tokenize([word])[0]
        return bool(terms) and all(self.has_term(t) and t not in self.lowercase_stems for t in terms)

    def has_term(self, term: str) -> bool:
        """True when the stemmed term occurs somewhere in the indexed text."""
        return self.doc_freq.get(term, 0) > 0

    def knows(self, word: str) -> bool:
        """True when every term of `word` occurs somewhere in the indexed text."""
        return all(self.has_term(t) for t in tokenize([word])[0])

    def search(self, question: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, BM25 score) with a positive score, within `allowed` (a 0/1 mask)."""
        if not self.chunk_ids or k <= 0:
            return []
        if allowed is not None and not allowed.any():
            return []
        k = min(k, len(self.chunk_ids))
        indexes, scores = self.bm25.retrieve(
            tokenize([question]), k=k, show_progress=False, weight_mask=allowed, n_threads=1
        )
        return [(self.chunk_ids[int(i)], float(s)) for i, s in zip(indexes[0], scores[0], strict=True) if s > 0]

    def mask(self, keep: Any) -> np.ndarray:
        """0/1 weights: 1 where `keep(fields)` is true."""
        return np.array([1.0 if keep(f) else 0.0 for f in self.fields], dtype=np.float32)

    # -- persistence: one folder per revision and a CURRENT pointer (see ingest.revisions) --
    def save(self, folder: Path, *, replaces: object = revisions.ANY) -> bool:
        """Make this the saved index; with `replaces`, only if the saved one is still that (see load_current)."""
        return revisions.publish(folder, self.revision, self._write, replaces=replaces)

    def _write(self, target: Path) -> None:
        if self.chunk_ids:
            self.bm25.save(str(target / "bm25"))
        data = {
            "revision": self.revision,
            "chunk_ids": self.chunk_ids,
            "fields": self.fields,
            "doc_freq": self.doc_freq,
            "lowercase_words": sorted(self.lowercase_words),
        }
        (target / "chunks.json").write_text(json.dumps(data), encoding="utf-8")

    @staticmethod
    def saved_revision(folder: Path) -> str | None:
        """The revision of the saved index, read from the pointer alone (cheap)."""
        return revisions.current_revision(folder)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The saved index, or None when there is none (or it is unreadable: rebuild it)."""
        import bm25s

        with revisions.reading(folder) as target:
            if target is None:
                return None
            try:
                data = json.loads((target / "chunks.json").read_text(encoding="utf-8"))
                bm25 = bm25s.BM25.load(str(target / "bm25")) if data["chunk_ids"] else bm25s.BM25()
                return cls(
                    bm25,
                    data["chunk_ids"],
                    data["fields"],
                    data["revision"],
                    data["doc_freq"],
                    set(data["lowercase_words"]),
                )
            except (OSError, ValueError, KeyError):  # torn by hand or from an older version: rebuild
                return None


def search_text(text: str, metadata: dict[str, Any]) -> str:
    """What BM25 indexes for a chunk: its title and section too, so names in titles match."""
    title = str(metadata.get("title") or "")
    section = str(metadata.get("section") or "")
    return f"{title}. {section}.\n{text}"


def rebuild_keyword_index(store: ChromaStore, revision: str) -> KeywordIndex:
    """BM25 over everything in Chroma, so it can never disagree with the vectors."""
    rows = [(c.chunk_id, search_text(c.text, c.metadata), c.metadata) for c in store.iter_metadata(with_text=True)]
    return KeywordIndex.build(rows, revision)


def current_keyword_index(store: ChromaStore, folder: Path, revision: str) -> KeywordIndex:
    """The keyword index for the collection's `revision`: the saved one, else rebuilt from Chroma.

    A reader saves what it rebuilt for the next reader only when the collection is not in the
    middle of a refresh (whose content is about to change; the refresh saves its own) and no
    one saved another index meanwhile, so it never overwrites a refresh's newer index.
    """
    seen = revisions.current_name(folder)
    saved = KeywordIndex.load(folder)
    if saved is not None and saved.revision == revision:
        return saved
    facts = store.facts
    settled = facts.get("revision") == revision and not facts.get("refreshing")
    rebuilt = rebuild_keyword_index(store, revision)
    if settled:
        rebuilt.save(folder, replaces=seen)
    return rebuilt
