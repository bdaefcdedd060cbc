"""question -> ranked passages: dense (Chroma) and keyword (BM25) search fused by
reciprocal rank fusion, with metadata filters applied inside both searches."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from app.answering.analysis import FULL_NAMES, answer_type, counted_terms, definition_subject, subject_names
from app.answering.facts import counts, defines
from app.answering.filtering import dense_ranking, filter_mask
from app.answering.lexicon import (
    SEAT_ASKED,
    SEAT_SAID,
    defined_acronyms,
    ruled_acts,
    same_act,
    states_rule,
    with_long_names,
    with_same_acts,
)
from app.answering.models import RETRIEVAL_MODES, Filters, Passage
from app.answering.query import ORGANISATION_TERMS, QuestionFacts, organisations_named, question_terms, understand
from ingest.chunking import ordinal_of
from ingest.embedding import Embedder
from ingest.encoders import query_embedder
from ingest.keyword import KeywordIndex, current_keyword_index, search_text, term_sets, tokenize
from ingest.settings import Settings
from ingest.store import ChromaStore, StoredChunk
from ingest.tables import bullet_lists, table_lists, table_rows
from ingest.tunables import FromTunables


@dataclass(frozen=True)
class RerankConfig(FromTunables):
    """Fusion and re-scoring of the candidates (no cross-encoder is available offline).

    score = dense cosine + support_weight * IDF-weighted share of the question's terms
    the passage (with its title and section) contains + heading_weight * the same share for
    its title and section alone + definition_bonus when it says what the X of 'what is X'
    is + small bonuses when the passage's organisation or year matches one the question names. At most
    per_document passages of one document, unless one left out beats one let in by variety_margin.
    Reasons for each value: ingest/tunables.py.
    """

    rrf_k: int
    rerank_pool: int
    support_weight: float
    heading_weight: float
    definition_bonus: float
    count_bonus: float
    rule_bonus: float
    column_bonus: float
    organisation_bonus: float
    year_bonus: float
    profile_bonus: float
    seat_bonus: float
    list_bonus: float
    per_document: int
    variety_margin: float
    revision_check_seconds: float


# The column names of a table whose rows give the kind of answer asked ('Date | Country | Location').
ANSWER_COLUMNS = {
    "place": re.compile(r"\b(?:location|city|country|venue|place|host|headquarters|seat|capital)\b", re.I),
    "person": re.compile(r"\b(?:name|chair\w*|head|leader|secretar\w*|director|president|person)\b", re.I),
    "date": re.compile(r"\b(?:date|year|years|period|term|since|signed|ratified|ratification)\b", re.I),
}
MAX_ROWS = 1  # table rows that may join the prose passages of one answer
ROW_FETCH = 10  # rows each search gives before they are fused and re-scored
LIST_DOCUMENTS = 3  # the pool's first documents whose lists a list question reads


def diversify(ranked: list[Passage], top_k: int, per_document: int, margin: float = float("inf")) -> list[Passage]:
    """The top_k passages in rank order, no document taking more than `per_document`
    places while others wait (then the rest fill in), so a reader sees more sources.
    Variety never costs more than `margin` of score: a passage left out that beats the
    weakest one let in by at least that much takes its place."""
    chosen: list[Passage] = []
    counts: dict[str, int] = {}
    for passage in ranked:
        if len(chosen) < top_k and counts.get(passage.doc_id, 0) < per_document:
            chosen.append(passage)
            counts[passage.doc_id] = counts.get(passage.doc_id, 0) + 1
    chosen += [p for p in ranked if p not in chosen][: top_k - len(chosen)]
    left_out = [p for p in ranked if p not in chosen]
    while left_out and chosen:
        weakest = min(chosen, key=lambda p: p.score)
        if left_out[0].score - weakest.score < margin:
            break
        chosen.remove(weakest)
        chosen.append(left_out.pop(0))
    return sorted(chosen, key=ranked.index)


@dataclass
class Retrieved:
    """Passages in rank order, the question's vector, and what each step cost."""

    passages: list[Passage]
    query_vector: np.ndarray
    timings_ms: dict[str, float]


class HybridRetriever:
    """Dense + BM25 retrieval over one index; notices refreshes without a restart."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        store: ChromaStore | None = None,
        rerank: RerankConfig | None = None,
    ) -> None:
        self.settings = settings
        self.rerank = rerank or RerankConfig.from_tunables(settings.tunables)
        self.store = store or ChromaStore(settings)
        self.embedder = embedder or query_embedder(settings)
        self.store.check_compatible(settings.embed_model, self.embedder.dim)
        self._keyword: KeywordIndex | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        # per keyword index (a refresh loads another) and document: its chunks holding a whole list,
        # with the terms of each list's lead line
        self._doc_lists: dict[tuple[int, str], list[tuple[str, frozenset[str]]]] = {}

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index for the collection's current revision, reloaded after a refresh.

        In server mode (or if the saved one is stale) it is rebuilt from Chroma's own
        contents, so every app instance agrees with the shared vectors.
        """
        now = time.monotonic()
        with self._lock:
            if self._keyword is not None and now - self._checked_at < self.rerank.revision_check_seconds:
                return self._keyword
            self._checked_at = now
            revision = str(self.store.facts.get("revision"))
            if self._keyword is None or self._keyword.revision != revision:
                self._keyword = current_keyword_index(self.store, self.settings.keyword_dir, revision)
            return self._keyword

    def embed_question(self, question: str) -> np.ndarray:
        return self.embedder.embed_queries([question])[0]

    def retrieve(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int = 5,
        mode: str = "hybrid",
        query_vector: np.ndarray | None = None,
        facts: QuestionFacts | None = None,
    ) -> Retrieved:
        """The top_k passages for the question within the filters, best first."""
        if top_k <= 0:
            raise ValueError("top_k must be a positive number of passages")
        if mode not in RETRIEVAL_MODES:
            raise ValueError(f"retrieval mode {mode!r} is not one of {', '.join(RETRIEVAL_MODES)}")
        filters = filters or Filters()
        timings: dict[str, float] = {}
        fetch = max(top_k * 4, 20)

        started = time.perf_counter()
        vector = query_vector if query_vector is not None else self.embed_question(question)
        timings["embed_ms"] = _ms(started)

        index = self.keyword_index()  # also holds every chunk's filter fields (app/answering/filtering.py)
        dense: list[tuple[str, float]] = []
        rows: dict[str, StoredChunk] = {}
        if mode in ("hybrid", "fusion", "dense"):
            started = time.perf_counter()
            dense, rows = dense_ranking(self.store, index, vector, fetch, filters, table_rows=False)
            timings["dense_ms"] = _ms(started)

        keyword: list[tuple[str, float]] = []
        if mode in ("hybrid", "fusion", "keyword"):
            started = time.perf_counter()
            asked = with_long_names(with_same_acts(question), index.long_names)
            keyword = index.search(asked, fetch, filter_mask(index, filters))
            timings["keyword_ms"] = _ms(started)

        started = time.perf_counter()
        facts = facts or understand(question)
        pool = self._fuse(index, vector, dense, rows, keyword, self.rerank.rerank_pool if mode == "hybrid" else top_k)
        if mode == "hybrid":
            pool += self._openings(index, vector, pool, filters)
            pool += self._lists(index, vector, pool, filters, facts)
        pool = self._rerank(index, pool, facts, reorder=mode == "hybrid")
        margin = self.rerank.variety_margin if mode == "hybrid" else float("inf")  # in re-scored units
        passages = diversify(pool, top_k, self.rerank.per_document, margin)
        if mode == "hybrid":  # a row takes the place its score earns, after the best passage of prose
            best_rows = self._best_rows(question, index, vector, filters, facts)
            passages = passages[:1] + sorted(passages[1:] + best_rows, key=lambda p: -p.score)[: top_k - 1]
        timings["fuse_ms"] = _ms(started)
        return Retrieved(passages, vector, timings)

    def _best_rows(
        self, question: str, index: KeywordIndex, vector: np.ndarray, filters: Filters, facts: QuestionFacts
    ) -> list[Passage]:
        """The table rows (ingest/chunking.row_chunks) that best match the question, searched apart
        from the prose: a table of forty rows would otherwise fill the candidates with rows and
        push prose out, where one row at most is the answer. A row must say in its own cells a
        word the question asks about (a year, a country, a name): its caption and column names
        alone match every question about the table."""
        if index.vectors is None or index.row_mask is None:
            return []
        dense, _ = dense_ranking(self.store, index, vector, ROW_FETCH, filters, table_rows=True)
        keyword = index.search(question, ROW_FETCH, filter_mask(index, filters), table_rows=True)
        asked = question_terms(question, topic_only=True) - ORGANISATION_TERMS
        fused = self._fuse(index, vector, dense, {}, keyword, ROW_FETCH)
        best = [p for p, cells in zip(fused, term_sets([p.text for p in fused]), strict=True) if asked & cells]
        ranked = self._rerank(index, best, facts)
        # 'where did the council meet in 2011': a row of a table with a place column, before a row of office holders;
        # it says what is asked in one cell, so it takes a place among the prose (column_bonus)
        columns = ANSWER_COLUMNS.get(answer_type(question))
        if columns:
            for passage in ranked:
                if columns.search(passage.lead):
                    passage.score = round(passage.score + self.rerank.column_bonus, 6)
            ranked.sort(key=lambda p: -p.score)
        return ranked[:MAX_ROWS]

    @staticmethod
    def support(term_weights: dict[str, float], terms: frozenset[str]) -> float:
        """Weighted share of the question's terms found in a passage's terms (with its title and section).
        A word for the same act counts as the question's own ('send troops': 'deployed'). Irregular
        pasts are not brought to their verbs here: 'met' for 'meet' let a meeting of other bodies rise."""
        total = sum(term_weights.values())
        if not total:
            return 0.0
        return sum(w for t, w in term_weights.items() if same_act(t) & terms) / total

    def _rerank(
        self, index: KeywordIndex, pool: list[Passage], facts: QuestionFacts, reorder: bool = True
    ) -> list[Passage]:
        """Score the fused candidates (RerankConfig) and, for hybrid retrieval, order by it.

        The single-method baselines keep their own order but get `support` too,
        because abstention uses it.
        """
        rescored = rescore(pool, facts, index.idf, self.rerank, index.long_names)
        if reorder:
            for passage, score in zip(pool, rescored, strict=True):
                passage.score = round(score, 6)
        return sorted(pool, key=lambda p: -p.score) if reorder else pool

    def _openings(
        self, index: KeywordIndex, vector: np.ndarray, pool: list[Passage], filters: Filters
    ) -> list[Passage]:
        """The first chunk of each document in the pool, when the pool lacks it: an article's opening
        paragraph says what its subject is, how many members it has, who founded it, in words too
        general for either search to rank it high. Re-scoring then judges it like the others."""
        have = {p.chunk_id for p in pool}
        mask = filter_mask(index, filters, table_rows=False)
        wanted: list[str] = []
        for passage in pool:
            first = index.openings.get(passage.doc_id)
            position = index.position(first) if first else None
            if first is None or position is None or first in have or first in wanted:
                continue
            if mask is None or mask[position]:
                wanted.append(first)
        read = self._read_with_cosines(index, vector, wanted, {})
        return [to_passage(chunk, 0.0, cosine, 0.0) for chunk, cosine in read.values()]

    def _lists(
        self, index: KeywordIndex, vector: np.ndarray, pool: list[Passage], filters: Filters, facts: QuestionFacts
    ) -> list[Passage]:
        """For a list question, the chunks of the pool's first documents that hold a whole list of
        what is asked, when the pool lacks them: 'Member ports (8)' and its bullets never name the
        organisation, and share one word with 'which countries are members of X'. Re-scoring then
        judges them like the others (list_bonus)."""
        listed = listed_terms(facts.text, index.long_names)
        if not listed:
            return []
        have = {p.chunk_id for p in pool}
        mask = filter_mask(index, filters, table_rows=False)
        wanted: list[str] = []
        for doc_id in list(dict.fromkeys(p.doc_id for p in pool))[:LIST_DOCUMENTS]:
            for cid, titles in self._lists_of(index, doc_id):
                position = index.position(cid)
                if cid in have or cid in wanted or position is None or not titles & listed:
                    continue
                if mask is None or mask[position]:
                    wanted.append(cid)
        read = self._read_with_cosines(index, vector, wanted, {})
        return [to_passage(chunk, 0.0, cosine, 0.0) for chunk, cosine in read.values()]

    def _lists_of(self, index: KeywordIndex, doc_id: str) -> list[tuple[str, frozenset[str]]]:
        """The document's chunks that hold a whole list, each with its lists' lead-line terms, read
        from the store once per keyword index."""
        key = (id(index), doc_id)
        if key not in self._doc_lists:
            found = []
            for chunk in self.store.rows(self.store.ids_of(doc_id)):
                if titles := list_terms(chunk.text):
                    found.append((chunk.chunk_id, titles))
            with self._lock:
                self._doc_lists = {k: v for k, v in self._doc_lists.items() if k[0] == id(index)}
                self._doc_lists[key] = found
        return self._doc_lists[key]

    def _read_with_cosines(
        self, index: KeywordIndex, vector: np.ndarray, ids: list[str], cosines: dict[str, float]
    ) -> dict[str, tuple[StoredChunk, float]]:
        """Chunks read from the store at once, each with its cosine to the question: the dense
        search's (`cosines`) where it found the chunk, else from the index's copy of its vector (or
        Chroma's, for an index saved without one)."""
        out = {}
        for cid, (chunk, vec) in self.store.get(ids, with_embeddings=index.vectors is None).items():
            if cid not in cosines:
                position = index.position(cid)
                if index.vectors is not None and position is not None:
                    vec = index.vectors[position]
            cosine = cosines[cid] if cid in cosines else float(np.dot(vec, vector)) if vec is not None else 0.0
            out[cid] = (chunk, cosine)
        return out

    def _fuse(
        self,
        index: KeywordIndex,
        vector: np.ndarray,
        dense: list[tuple[str, float]],
        rows: dict[str, StoredChunk],
        keyword: list[tuple[str, float]],
        top_k: int,
    ) -> list[Passage]:
        """Reciprocal rank fusion of (chunk id, distance) and (chunk id, BM25 score) lists; every fused
        passage also gets its dense cosine score. `rows` are chunks already read; the rest are read at once."""
        fused: dict[str, float] = {}
        for ranking in (dense, keyword):
            for rank, (chunk_id, _) in enumerate(ranking):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (self.rerank.rrf_k + rank + 1)
        ranked = sorted(fused, key=lambda cid: -fused[cid])[:top_k]

        cosines = {cid: 1.0 - distance for cid, distance in dense}
        found = {cid: (rows[cid], cosines[cid]) for cid in ranked if cid in rows}
        missing = [cid for cid in ranked if cid not in found]
        found.update(self._read_with_cosines(index, vector, missing, cosines))  # keyword-only hits among them
        keyword_scores = dict(keyword)
        passages = []
        for cid in ranked:
            if cid not in found:
                continue  # deleted by a refresh between the two searches
            chunk, cosine = found[cid]
            passages.append(to_passage(chunk, fused[cid], cosine, keyword_scores.get(cid, 0.0)))
        return passages


def rescore(
    pool: list[Passage],
    facts: QuestionFacts,
    idf: Callable[[str], float],
    config: RerankConfig,
    long_names: dict[str, str] | None = None,
) -> list[float]:
    """Each passage's re-scoring (RerankConfig); sets its `support` on the way. An acronym the
    question uses is in a passage that spells out its long name (`long_names`, learned from the
    texts): an article titled by the long name says the acronym in its first lines only."""
    weights = {t: idf(t) for t in question_terms(facts.text, topic_only=True)}
    spelled = spelled_acronyms(facts.text, long_names or {})
    subject = definition_subject(facts.text)
    names = subject_names(subject) if subject else []
    counted = counted_terms(facts.text)
    acts = ruled_acts(facts.text)
    profiled = profile_names(facts, long_names or {})
    seat_asked = answer_type(facts.text) == "place" and bool(SEAT_ASKED.search(facts.text))
    listed = listed_terms(facts.text, long_names or {})
    texts = [search_text(p.text, {"title": p.title, "section": p.section, "lead": p.lead}) for p in pool]
    headings = term_sets([f"{p.title}. {p.section}" for p in pool])
    scores = []
    for passage, terms, heading in zip(pool, term_sets(texts), headings, strict=True):
        terms = terms | {acronym for acronym, words in spelled.items() if words <= terms}
        heading = heading | {acronym for acronym, words in spelled.items() if words <= heading}
        heading = heading | {t.removesuffix("ship") for t in heading if t.endswith("ship")}  # 'Membership': members
        passage.support = round(HybridRetriever.support(weights, terms), 6)
        score = passage.dense_score + config.support_weight * passage.support
        # A heading that names what is asked marks the section written about it ("Current members").
        score += config.heading_weight * HybridRetriever.support(weights, heading)
        if subject and any(defines(passage.text, name) for name in names):
            score += config.definition_bonus
        if profiled and profiles(passage, profiled):
            score += config.profile_bonus
        if seat_asked and SEAT_SAID.search(passage.text):
            score += config.seat_bonus
        if listed and holds_list_of(passage.text, listed):
            score += config.list_bonus
        if counted and counts(passage.text, counted):
            score += config.count_bonus
        if acts and states_rule(passage.text, acts):
            score += config.rule_bonus
        if len(facts.organisations) == 1 and passage.organisation in (facts.organisations[0], "both"):
            score += config.organisation_bonus
        if facts.years and any(str(y) in passage.text or str(y) == passage.date[:4] for y in facts.years):
            score += config.year_bonus
        scores.append(score)
    return scores


def listed_terms(question: str, long_names: dict[str, str]) -> set[str]:
    """What a list question asks the items of ('members', 'observers'), as terms: its topic words but
    the organisations' names; none for another question."""
    if answer_type(question) != "list":
        return set()
    names = set(spelled_acronyms(question, long_names)) | ORGANISATION_TERMS
    return set(question_terms(question, topic_only=True)) - names


def holds_list_of(text: str, terms: set[str]) -> bool:
    """The text holds a whole list (of bullets, or a table's rows) whose lead line or caption says one
    of the terms: 'Member ports (8)' and its items, for 'which ports are members'."""
    return bool(list_terms(text) & terms)


@lru_cache(maxsize=512)
def list_terms(text: str) -> frozenset[str]:
    """The terms of the lead lines and captions of the whole lists the text holds (none: empty). Kept
    for the texts last read: re-scoring reads the same passages for every list question."""
    lists = bullet_lists(text) + table_lists(table_rows(text), text)
    return frozenset(t for terms in tokenize([found.title for found in lists]) for t in terms)


# What an organisation's profile says: when and by whom it was founded, who its members are,
# where it sits ('which countries founded X', 'who are X's members', 'where is X based').
PROFILE_ASKED = re.compile(
    r"\b(?:found(?:ed|ing|ers?)?|establish(?:ed|ment)?|creat(?:ed|ion)|set up|members?|member states|"
    r"headquart\w*|based|seat)\b",
    re.I,
)


def profile_names(facts: QuestionFacts, long_names: dict[str, str]) -> list[str]:
    """The acronym and long names of the one organisation whose profile the question asks about, or
    []: the passage that says what the organisation is ('The Harbour League (HL) is a ...') opens an
    article and goes on with its founders and members, in words too general to rank high."""
    if not PROFILE_ASKED.search(facts.text):
        return []
    acronyms = list(dict.fromkeys([*facts.organisations, *defined_acronyms(facts.text, long_names)]))
    if len(acronyms) != 1:
        return []
    full = [name for name in (long_names.get(acronyms[0]), FULL_NAMES.get(acronyms[0])) if name]
    return list(dict.fromkeys([acronyms[0], *full])) if full else []


def profiles(passage: Passage, names: list[str]) -> bool:
    """The passage opens a document about the organisation alone (its title names it and no other)
    and introduces it as a profile does: its long name, then the kind of thing it is ('The Harbour
    League (HL) is a union of ports'); a declaration's 'The HL is a reliable platform' is no
    profile. The opening is the first chunk or the next one: a first chunk may be a subtitle alone."""
    if (ordinal_of(passage.chunk_id) or 0) > 1:
        return False
    title = passage.title
    if not any(re.search(rf"\b{re.escape(n)}\b", title, re.I) for n in names):
        return False
    if not set(organisations_named(title)) <= set(names):
        return False
    return any(defines(passage.text, name, kind_only=True) for name in names[1:])


def spelled_acronyms(question: str, long_names: dict[str, str]) -> dict[str, frozenset[str]]:
    """The question's acronyms that the texts define, each as its term and the terms of its long
    name ('cica' -> the terms of 'Conference on Interaction and ... in Asia')."""
    out: dict[str, frozenset[str]] = {}
    for word in defined_acronyms(question, long_names):
        acronym = next(iter(term_sets([word])[0]), "")
        words = term_sets([long_names[word]])[0]
        if acronym and words:
            out[acronym] = frozenset(words)
    return out


def to_passage(chunk: StoredChunk, score: float, dense_score: float, keyword_score: float) -> Passage:
    """A stored chunk as the answer composer and the UI see it."""
    meta = chunk.metadata
    return Passage(
        chunk_id=chunk.chunk_id,
        doc_id=str(meta.get("doc_id", "")),
        title=str(meta.get("title", "")),
        text=chunk.text,
        score=round(score, 6),
        organisation=str(meta.get("organisation", "")),
        kind=str(meta.get("kind", "")),
        date=str(meta.get("date", "")),
        source_url=str(meta.get("source_url", "")),
        section=str(meta.get("section", "")),
        page=int(meta.get("page") or 0),
        start=int(meta.get("start") or 0),
        lead=str(meta.get("lead") or ""),
        dense_score=round(dense_score, 6),
        keyword_score=round(keyword_score, 6),
    )


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
