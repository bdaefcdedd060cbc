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
from ingest.acronyms import defined_acronyms
from ingest.chunking import doc_id_of, ordinal_of
from ingest.shared_cache import SharedCache

if TYPE_CHECKING:
    from ingest.store import ChromaStore

FILTER_FIELDS = ("doc_id", "organisation", "kind", "year")
DOCUMENTS_FILE = "documents.json"
VECTORS_FILE = "vectors.npy"
LOWERCASE_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+")


TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s's (and scikit-learn's) token pattern
# Saved with an index; one saved with other tokens is rebuilt. 2: an underscore separates words.
# 3: an ordinal in digits is its word ('6th' reads 'sixth').
TOKENS_VERSION = 3
ORDINAL_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
)
# Declarations number their meetings in digits ('the 6th Meeting'), people ask in words ('the sixth')
ORDINAL_DIGITS = re.compile(r"\b(1\d|20|[1-9])(?:st|nd|rd|th)\b")
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
    tokenizes hundreds of single sentences per question. Two differences: an underscore separates
    words, as markdown's emphasis ('_Varna Accord_') would otherwise hide the names it marks; and an
    ordinal up to the 20th in digits is its word, so 'the sixth meeting' finds 'the 6th Meeting'.
    """
    stop = _stopwords()
    return [
        [stem_word(word) for word in TOKEN.findall(spell_ordinals(text.lower().replace("_", " "))) if word not in stop]
        for text in texts
    ]


def spell_ordinals(text: str) -> str:
    """'the 6th meeting' -> 'the sixth meeting' (lower case, up to the 20th)."""
    return ORDINAL_DIGITS.sub(lambda m: ORDINAL_WORDS[int(m.group(1)) - 1], text)


_TERMS: SharedCache[str, frozenset[str]] = SharedCache(50_000)


def term_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """tokenize() of each text as a set, remembered: retrieval scores the same passages (title and
    section included) again and again, about 24 per question."""
    return _TERMS.get_many(texts, lambda missing: map(frozenset, tokenize(missing)))


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
    # doc_id -> the fingerprints its chunks carry, as ChromaStore.document_states gives them: a
    # refresh with nothing to do reads this small file instead of every chunk's metadata.
    documents: dict[str, list[str]] = field(default_factory=dict)
    # Every chunk's dense vector, row i for chunk_ids[i] (None: not saved): exact dense search over
    # 100,000 chunks takes ~5 ms in numpy, filtered or not (app/answering/filtering.py).
    vectors: np.ndarray | None = field(default=None, repr=False, compare=False)
    # BM25 over the table rows indexed alone (ingest/chunking.row_chunks), apart from the prose:
    # their words would change how rare each word of the prose is, and so every prose ranking.
    bm25_rows: Any = None
    # Acronyms the texts define, with their long names ('CIS': 'Commonwealth of Independent States')
    long_names: dict[str, str] = field(default_factory=dict)
    _columns: dict[str, tuple[dict[Any, int], np.ndarray]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls, rows: Iterable[tuple[str, str, dict[str, Any]]], revision: str, vectors: np.ndarray | None = None
    ) -> KeywordIndex:
        """Index (chunk_id, text to search, metadata) rows, with their dense vectors if given."""
        import bm25s

        rows = list(rows)
        tokens = tokenize([text for _, text, _ in rows]) if rows else []
        table_row = [bool(meta.get("lead")) for _, _, meta in rows]
        prose = [terms for terms, row in zip(tokens, table_row, strict=True) if not row]
        bm25, bm25_rows = bm25s.BM25(), None
        if prose:
            bm25.index(prose, show_progress=False)
        if any(table_row):
            bm25_rows = bm25s.BM25()
            bm25_rows.index([terms for terms, row in zip(tokens, table_row, strict=True) if row], show_progress=False)
        fields = [
            {k: meta.get(k) for k in FILTER_FIELDS} | ({"row": True} if row else {})
            for (_, _, meta), row in zip(rows, table_row, strict=True)
        ]
        doc_freq = dict(Counter(term for terms in prose for term in set(terms)))
        lowercase = {w for _, text, _ in rows for w in LOWERCASE_WORD.findall(text)}
        documents: dict[str, set[str]] = {}
        for _, _, meta in rows:
            documents.setdefault(str(meta.get("doc_id")), set()).add(str(meta.get("fingerprint")))
        states = {doc: sorted(prints) for doc, prints in documents.items()}
        ids = [cid for cid, _, _ in rows]
        long_names = defined_acronyms(text for _, text, _ in rows)
        return cls(bm25, ids, fields, revision, doc_freq, lowercase, states, vectors, bm25_rows, long_names)

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency of a stemmed term (0 docs -> the largest value)."""
        n, df = len(self._part(table_rows=False)), self.doc_freq.get(term, 0)
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

    def field_in(self, name: str, values: Iterable[Any]) -> np.ndarray:
        """True for each chunk whose filter field `name` is one of `values`: a column test, so a
        filter over 100,000 chunks costs well under a millisecond rather than a Python loop's 50."""
        labels, codes = self._column(name)
        return np.isin(codes, [labels[v] for v in values if v in labels])

    def _column(self, name: str) -> tuple[dict[Any, int], np.ndarray]:
        """A filter field as codes (one per chunk) and the code of each value; built once per index."""
        column = self._columns.get(name)
        if column is None:  # two threads may both build it: the same result either way
            labels: dict[Any, int] = {}
            codes = np.fromiter((labels.setdefault(f.get(name), len(labels)) for f in self.fields), dtype=np.int32)
            column = self._columns[name] = (labels, codes)
        return column

    @cached_property
    def years(self) -> np.ndarray:
        """Each chunk's year (0: unknown), for year-range filters."""
        return np.fromiter((int(f.get("year") or 0) for f in self.fields), dtype=np.int32, count=len(self.fields))

    @cached_property
    def row_mask(self) -> np.ndarray | None:
        """True for each table row indexed alone (ingest/chunking.row_chunks); None when there are none."""
        mask = np.fromiter((bool(f.get("row")) for f in self.fields), dtype=bool, count=len(self.fields))
        return mask if mask.any() else None

    def _part(self, table_rows: bool) -> np.ndarray:
        """Positions of the table rows indexed alone, or of the other chunks, in `chunk_ids` order:
        the order each BM25 model numbers its documents in."""
        return self._parts[1 if table_rows else 0]

    @cached_property
    def _parts(self) -> tuple[np.ndarray, np.ndarray]:
        rows = self.row_mask
        if rows is None:
            return np.arange(len(self.chunk_ids)), np.arange(0)
        return np.flatnonzero(~rows), np.flatnonzero(rows)

    def position(self, chunk_id: str) -> int | None:
        """Where a chunk is in `chunk_ids` (and `fields`), or None when the index does not hold it."""
        return self._positions.get(chunk_id)

    @cached_property
    def openings(self) -> dict[str, str]:
        """doc_id -> the id of its first chunk (ordinal 0), for the documents whose ids say it."""
        out: dict[str, str] = {}
        for cid in self.chunk_ids:
            if ordinal_of(cid) == 0 and (doc := doc_id_of(cid)) is not None:
                out[doc] = cid
        return out

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.chunk_ids)}

    def search(
        self, question: str, k: int, allowed: np.ndarray | None = None, table_rows: bool = False
    ) -> list[tuple[str, float]]:
        """Top-k (chunk_id, BM25 score) with a positive score, within `allowed` (a mask over
        `chunk_ids`), among the table rows indexed alone or (by default) among the other chunks."""
        positions = self._part(table_rows)
        model = self.bm25_rows if table_rows else self.bm25
        if not len(positions) or model is None or k <= 0:
            return []
        weights = None if allowed is None else np.asarray(allowed, dtype=np.float32)[positions]
        if weights is not None and not weights.any():
            return []
        indexes, scores = model.retrieve(
            tokenize([question]), k=min(k, len(positions)), show_progress=False, weight_mask=weights, n_threads=0
        )
        return [
            (self.chunk_ids[positions[int(i)]], float(s)) for i, s in zip(indexes[0], scores[0], strict=True) if s > 0
        ]

    # -- persistence: one folder per revision and a CURRENT pointer (see ingest.revisions) --
    def save(self, folder: Path, *, replaces: object = revisions.ANY) -> bool:
        """Make this the saved index; with `replaces`, only if the saved one is still that (see load_current)."""
        return revisions.publish(folder, self.revision, self._write, replaces=replaces)

    def _write(self, target: Path) -> None:
        if len(self._part(table_rows=False)):
            self.bm25.save(str(target / "bm25"))
        if self.bm25_rows is not None:
            self.bm25_rows.save(str(target / "bm25_rows"))
        data = {
            "revision": self.revision,
            "chunk_ids": self.chunk_ids,
            "fields": self.fields,
            "doc_freq": self.doc_freq,
            "lowercase_words": sorted(self.lowercase_words),
            "long_names": self.long_names,
            "tokens": TOKENS_VERSION,
        }
        (target / "chunks.json").write_text(json.dumps(data), encoding="utf-8")
        if self.vectors is not None:
            np.save(target / VECTORS_FILE, self.vectors.astype(np.float32))
        documents = {"revision": self.revision, "chunks": len(self.chunk_ids), "documents": self.documents}
        (target / DOCUMENTS_FILE).write_text(json.dumps(documents), encoding="utf-8")

    @staticmethod
    def saved_document_states(folder: Path, revision: str) -> tuple[dict[str, set[str]], int] | None:
        """doc_id -> fingerprints as saved with the index, and its number of chunks, if the saved index
        is of `revision` (else None: read them from the store). 10,000 documents: a tenth of a second,
        where reading every chunk's metadata from Chroma takes seconds."""
        with revisions.reading(folder) as target:
            if target is None:
                return None
            try:
                data = json.loads((target / DOCUMENTS_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):  # saved by an older version, or torn: read the store
                return None
        if data.get("revision") != revision or not isinstance(data.get("documents"), dict) or "chunks" not in data:
            return None
        return {doc: set(prints) for doc, prints in data["documents"].items()}, int(data["chunks"])

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
                if data.get("tokens") != TOKENS_VERSION:
                    return None  # tokenized another way: its terms would not match the questions'
                bm25 = bm25s.BM25.load(str(target / "bm25")) if (target / "bm25").exists() else bm25s.BM25()
                with_rows = (target / "bm25_rows").exists()
                bm25_rows = bm25s.BM25.load(str(target / "bm25_rows")) if with_rows else None
                vectors = np.load(target / VECTORS_FILE) if (target / VECTORS_FILE).exists() else None
                if vectors is not None and vectors.shape[0] != len(data["chunk_ids"]):
                    return None
                return cls(
                    bm25,
                    data["chunk_ids"],
                    data["fields"],
                    data["revision"],
                    data["doc_freq"],
                    set(data["lowercase_words"]),
                    vectors=vectors,
                    bm25_rows=bm25_rows,
                    long_names=data["long_names"],
                )
            except (OSError, ValueError, KeyError):  # torn by hand or from an older version: rebuild
                return None


def search_text(text: str, metadata: dict[str, Any]) -> str:
    """What BM25 indexes for a chunk: its title and section too, so names in titles match; a table
    row's caption and column names too (its `lead`), which say what its cells are."""
    title = str(metadata.get("title") or "")
    section = str(metadata.get("section") or "")
    return f"{title}. {section}.\n{metadata.get('lead') or ''}{text}"


def rebuild_keyword_index(store: ChromaStore, revision: str) -> KeywordIndex:
    """BM25 over everything in Chroma, and a copy of its vectors, so it can never disagree with them."""
    rows, vectors = [], []
    for chunk in store.iter_metadata(with_text=True, with_vectors=True):
        rows.append((chunk.chunk_id, search_text(chunk.text, chunk.metadata), chunk.metadata))
        vectors.append(chunk.vector)
    return KeywordIndex.build(rows, revision, np.stack(vectors) if vectors else None)


def current_keyword_index(store: ChromaStore, folder: Path, revision: str) -> KeywordIndex:
    """The keyword index for the collection's `revision`: the saved one, else rebuilt from Chroma.

    A reader saves what it rebuilt for the next reader only when the collection is not in the
    middle of a refresh (whose content is about to change; the refresh saves its own) and no
    one saved another index meanwhile, so it never overwrites a refresh's newer index.
    """
    seen = revisions.current_name(folder)
    saved = KeywordIndex.load(folder)
    if saved is not None and saved.revision == revision and (saved.vectors is not None or not saved.chunk_ids):
        return saved  # one saved without vectors (by an older version) is rebuilt once
    facts = store.facts
    settled = facts.get("revision") == revision and not facts.get("refreshing")
    rebuilt = rebuild_keyword_index(store, revision)
    if settled:
        rebuilt.save(folder, replaces=seen)
    return rebuilt
