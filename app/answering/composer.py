"""Passages -> a cited answer without a language model.

The answer is made of the retrieved sentences that best answer the question, each
marked with the number of its passage. Every sentence is a real quote, so every
citation is true by construction. When the best evidence is weak, the composer
abstains and the caller shows the nearest passages instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.answering.analysis import QuestionAnalysis, QuestionPart
from app.answering.lexicon import Lexicon, read_terms, same_act
from app.answering.models import Answer, Passage
from app.answering.query import question_terms
from app.answering.selection import SelectionConfig, Selector
from app.answering.sentences import in_table_line, is_caption, is_footnote, quotable_spans, tidy
from app.answering.shaping import cite, compose_by_type
from app.answering.wording import indirect
from ingest.embedding import Embedder
from ingest.shared_cache import SharedCache
from ingest.tables import TableRow, bullet_lists, table_lists, table_rows
from ingest.tunables import FromTunables

ABSTAIN_MESSAGE = "The indexed documents do not answer this question."
UNSURE_NOTE = "The evidence for this answer is weak: check the cited passages before relying on it."
# The shipped briefings open with this line (two sentences); it says nothing about the question.
BOILERPLATE = re.compile(
    r"briefing written for the SCO/CSTO Security Q&A product"
    r"|^\W*Check the facts against the sources listed in its metadata",
    re.I,
)


@dataclass(frozen=True)
class ComposerConfig(FromTunables):
    """Tunables of the extractive composer (declared, with their reasons, in ingest/tunables.py)."""

    max_sentences: int
    max_passages: int
    passages_read: int
    min_words: int
    abstain_below: float
    unsure_below: float
    cross_lingual_abstain_below: float
    relative_floor: float
    semantic_weight: float
    rank_weight: float
    duplicate_cosine: float
    max_embedded: int
    sentence_cache_size: int

    def __post_init__(self) -> None:
        if self.max_sentences < 1:
            raise ValueError("max_sentences must be at least 1")
        if not 0 <= self.abstain_below <= self.unsure_below <= 1:
            raise ValueError("thresholds must satisfy 0 <= abstain_below <= unsure_below <= 1")


@dataclass(frozen=True)
class Candidate:
    """A sentence of a passage that could be quoted."""

    passage_index: int
    start: int
    end: int
    text: str
    score: float  # evidence plus a preference for higher-ranked passages: orders the choice
    evidence: float  # how well the sentence matches the question: decides abstention
    semantic: float  # cosine with the question alone (all a non-English question can use)
    vector: np.ndarray | None  # None: not embedded (lexically unpromising); scored by its terms alone
    terms: frozenset[str] = frozenset()  # stemmed terms of the sentence
    row: TableRow | None = None  # a table row, which reads with its header (ingest/tables.py)

    @property
    def shown(self) -> str:
        """How it reads in an answer."""
        return self.row.reading if self.row else tidy(self.text)


class SentenceVectors:
    """A bounded cache of sentence embeddings that server threads share: the same passages come back often."""

    def __init__(self, embedder: Embedder, size: int) -> None:
        self.embedder = embedder
        self._cache: SharedCache[str, np.ndarray] = SharedCache(size)

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack(self._cache.get_many(texts, self.embedder.embed_passages))


class ExtractiveComposer:
    """Selects, orders and cites the best sentences of the retrieved passages."""

    def __init__(
        self, embedder: Embedder, config: ComposerConfig | None = None, selection: SelectionConfig | None = None
    ) -> None:
        self.config = config or ComposerConfig.from_tunables()
        self.selection = selection or SelectionConfig.from_tunables()
        self.vectors = SentenceVectors(embedder, self.config.sentence_cache_size)

    def candidates(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: list[Passage],
        vocabulary: Callable[[str], bool] | None = None,
        lead_ins: dict[str, str] | None = None,
    ) -> list[Candidate]:
        """Every quotable sentence of the passages, scored against the question.

        `vocabulary` tells which stemmed terms occur in the indexed texts (see
        app.answering.query.question_terms)."""
        spans: list[tuple[int, int, int, str, TableRow | None]] = []  # passage, start, end, text read, table row
        seen: set[str] = set()
        passages = passages[: self.config.passages_read]
        # A table row indexed alone (it has a lead) is read after the other passages: the same row in
        # its table's chunk knows the rows above and below it (who came before, who after).
        for index, passage in sorted(enumerate(passages), key=lambda item: bool(item[1].lead)):
            # table rows read with their headers, not as one run-on 'sentence'
            rows = table_rows(passage.text, (lead_ins or {}).get(passage.chunk_id) or under_section(passage))
            rows += table_lists(rows, passage.text)
            prose = [
                (s, e) for s, e in quotable_spans(passage.text) if not any(s < r.end and r.start < e for r in rows)
            ]
            rows += bullet_lists(passage.text)  # its items stay sentences too: 'Ida Berg (Norway)' alone
            for start, end, row in [(s, e, None) for s, e in prose] + [(r.start, r.end, r) for r in rows]:
                text = passage.text[start:end]
                clean = row.reading if row else tidy(text)
                key = clean.lower()
                if (
                    len(clean.split()) < self.config.min_words
                    or (
                        row is None
                        and (
                            text.lstrip().startswith(("#", "|"))
                            or is_caption(passage.text, start, end)
                            or in_table_line(passage.text, start)
                        )
                    )
                    or is_footnote(text)
                    or BOILERPLATE.search(clean)
                    or key in seen  # the same sentence in two overlapping chunks
                ):
                    continue
                seen.add(key)
                spans.append((index, start, end, clean, row))
        if not spans:
            return []
        sentence_terms = [set(t) for t in read_terms([s[3] for s in spans])]
        lexical = term_coverage(question_terms(question, vocabulary), sentence_terms)
        # Embedding every sentence costs ~6 ms each on two cores: embed the most promising only.
        prior = [lexical[i] + 0.1 * (1 - spans[i][0] / max(len(passages), 1)) for i in range(len(spans))]
        keep = sorted(range(len(spans)), key=lambda i: -prior[i])[: self.config.max_embedded]
        # A sentence often leaves its topic to its document ('The member states plan joint checks' in
        # a statement on ferry safety): it is embedded alone and after its document's title, and
        # scores the better of the two. Its own vector, alone, judges duplicates and parts.
        texts = [spans[i][3] for i in keep]
        both = self.vectors(texts + [titled(passages[spans[i][0]].title, spans[i][3]) for i in keep])
        alone, with_title = both[: len(keep)], both[len(keep) :]
        vectors = dict(zip(keep, alone, strict=True))
        best = np.maximum(alone @ query_vector, with_title @ query_vector)
        semantic = {i: float(cosine) for i, cosine in zip(keep, best, strict=True)}
        floor = min(semantic.values(), default=0.0)  # what an unembedded sentence is assumed to reach at most
        weight = self.config.semantic_weight
        out = []
        for i, (index, start, end, _, row) in enumerate(spans):
            sem = semantic.get(i, floor)
            evidence = weight * sem + (1 - weight) * lexical[i]
            # Sentences of passages retrieval scored lower pay for the gap, not for their rank:
            # a close second passage can still supply the answer.
            score = evidence - self.config.rank_weight * (passages[0].score - passages[index].score)
            text = passages[index].text[start:end]
            out.append(
                Candidate(
                    index,
                    start,
                    end,
                    text,
                    score,
                    evidence,
                    sem,
                    vectors.get(i),
                    frozenset(sentence_terms[i]),
                    row,
                )
            )
        return sorted(out, key=lambda c: -c.score)

    def select(self, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentences, skipping near-duplicates of ones already chosen."""
        if not candidates:
            return []
        candidates = [c for c in candidates if c.vector is not None]
        if not candidates:
            return []
        floor = candidates[0].score * self.config.relative_floor
        chosen: list[Candidate] = []
        for cand in candidates:
            if cand.score < floor or len(chosen) >= self.config.max_sentences:
                break
            cited = {c.passage_index for c in chosen}
            if cand.passage_index not in cited and len(cited) >= self.config.max_passages:
                continue
            if any(float(cand.vector @ c.vector) >= self.config.duplicate_cosine for c in chosen):
                continue
            chosen.append(cand)
        return chosen

    def compose(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: list[Passage],
        unknown_names: list[str] | None = None,
        cross_lingual: bool = False,
        vocabulary: Callable[[str], bool] | None = None,
        analysis: QuestionAnalysis | None = None,
        lexicon: Lexicon | None = None,
        lead_ins: dict[str, str] | None = None,
        avoid: frozenset[str] = frozenset(),
    ) -> Answer:
        """An Answer: answered, partial, or not answered (an abstention that makes no claim).

        First, may it answer at all? Names the question hinges on that no indexed document
        mentions (`unknown_names`) and weak evidence (the mean of the best sentence's score and
        the best passage's support) say no. A question in another script than the texts shares
        no terms with them (`cross_lingual`): its evidence is the best sentence's cosine alone,
        against its own threshold, and its answer is the most similar sentences.
        Then, with the question's `analysis` and the index's `lexicon`, each part of the
        question needs a sentence that carries what it asks (app/answering/selection.py). Quotes
        in `avoid` (another side of a comparison already gave them) are not quoted again.
        """
        candidates = self.candidates(question, query_vector, passages, vocabulary, lead_ins)
        confidence, threshold = self.evidence(candidates, passages, cross_lingual)
        candidates = [c for c in candidates if c.text not in avoid]
        typed = not cross_lingual and analysis is not None and lexicon is not None
        unknown_parts: list[str] = []
        if unknown_names and typed and len(analysis.parts) > 1:  # one part about an unknown name: answer the rest
            known = [p for p in analysis.parts if not any(n in p.text for n in unknown_names)]
            if known:
                unknown_parts = [indirect(p.text) for p in analysis.parts if p not in known]
                analysis = QuestionAnalysis(analysis.text, known)
                unknown_names = []
        if unknown_names:
            note = "No indexed document mentions " + ", ".join(unknown_names) + "."
            return Answer(question, ABSTAIN_MESSAGE, True, [], passages, confidence=confidence, note=note)
        # A question of several parts is judged part by part: one part the documents lack
        # lowers the evidence of the whole, so a weak whole may still answer a part well.
        several = typed and len(analysis.parts) > 1
        if confidence < threshold and not several:
            return Answer(question, ABSTAIN_MESSAGE, True, [], passages, confidence=confidence)
        if not typed:
            return self.cite(question, self.select(candidates), passages, confidence)
        selector = Selector(self.selection, lexicon.stem, lexicon.idf)
        limits = (self.config.max_sentences, self.selection.max_answer_chars, self.config.duplicate_cosine)
        by_part = self.part_scores(analysis, candidates, vocabulary) if len(analysis.parts) > 1 else None
        chosen, missing, note, strong, direct = compose_by_type(
            question, analysis, candidates, passages, selector, lexicon, limits, by_part
        )
        missing = unknown_parts + missing
        if confidence < threshold and not strong:
            return Answer(question, ABSTAIN_MESSAGE, True, [], passages, confidence=confidence)
        if not chosen:
            note = f"The nearest passages do not say {' or '.join(missing)}." if missing else ""
            return Answer(
                question, ABSTAIN_MESSAGE, True, [], passages, confidence=confidence, note=note, missing=missing
            )
        if confidence < self.config.unsure_below:
            note = " ".join(x for x in (note, UNSURE_NOTE) if x)
        return cite(question, chosen, passages, missing, confidence, note, direct)

    def part_scores(
        self, analysis: QuestionAnalysis, candidates: list[Candidate], vocabulary: Callable[[str], bool] | None
    ) -> list[list[float]]:
        """Each candidate's score against each part alone (in candidate order).

        The whole question's score would give every part the sentence that best matches all of
        it; a question about when a pact was agreed and when it was ratified asks two things. A part is read
        with the names it inherits from the part before ("it"), and embedded on its own.
        """
        texts = [part_query(part) for part in analysis.parts]
        vectors = self.vectors.embedder.embed_queries(texts)
        weight = self.config.semantic_weight
        terms = [set(c.terms) for c in candidates]
        out = []
        for text, vector in zip(texts, vectors, strict=True):
            lexical = term_coverage(question_terms(text, vocabulary), terms)
            semantic = [float(c.vector @ vector) if c.vector is not None else None for c in candidates]
            floor = min((x for x in semantic if x is not None), default=0.0)
            out.append(
                [
                    weight * (floor if sem is None else sem) + (1 - weight) * lex + (c.score - c.evidence)
                    for c, sem, lex in zip(candidates, semantic, lexical, strict=True)
                ]
            )
        return out

    def evidence(
        self, candidates: list[Candidate], passages: list[Passage], cross_lingual: bool
    ) -> tuple[float, float]:
        """(confidence, the threshold it must reach): the best sentence's score with the best
        passage's support, or for a question in another script the best sentence's cosine alone."""
        if cross_lingual:
            return round(max((c.semantic for c in candidates), default=0.0), 4), self.config.cross_lingual_abstain_below
        best_sentence = max((c.evidence for c in candidates if c.vector is not None), default=0.0)
        support = max((p.support for p in passages[:3]), default=0.0)
        return round((best_sentence + support) / 2, 4), self.config.abstain_below

    def cite(self, question: str, chosen: list[Candidate], passages: list[Passage], confidence: float) -> Answer:
        """The most similar sentences, cited (questions the analysis cannot read, e.g. not in English)."""
        note = UNSURE_NOTE if confidence < self.config.unsure_below else ""
        return cite(question, chosen, passages, [], confidence, note)


def part_query(part: QuestionPart) -> str:
    """The part's own words plus the names it inherits and does not repeat."""
    inherited = [c.text for c in part.required() if c.text.lower() not in part.text.lower()]
    return " ".join([part.text, *inherited])


def titled(title: str, sentence: str) -> str:
    """The sentence as read under its document's title ('Harbour League Statement on Ferry Safety:
    The member states plan ...')."""
    return f"{title}: {sentence}" if title else sentence


# Credit for another word of the act asked ('withdrew' for 'leave'), as a share of the question's own
# word's. Dev sweep 0.3/0.5/0.7/1.0: 0.3 lost the rule for leaving, from 0.7 'why did X leave'
# quoted a sentence about X leaving a council instead of the one that says 'leave'.
OTHER_WORD_CREDIT = 0.5


def term_coverage(terms: set[str], sentences: list[set[str]]) -> list[float]:
    """Share of the question's terms each sentence contains, rarer terms weighing more
    (inverse frequency among the candidate sentences, so a name every sentence repeats counts least)."""
    if not terms:
        return [0.0] * len(sentences)
    n = len(sentences)
    weights = {t: math.log(1 + n / (1 + sum(t in s for s in sentences))) for t in terms}
    total = sum(weights.values())
    acts = {t: same_act(t) for t in terms}
    return [
        sum(w if t in s else w * OTHER_WORD_CREDIT if not acts[t].isdisjoint(s) else 0.0 for t, w in weights.items())
        / total
        for s in sentences
    ]


def under_section(passage: Passage) -> str:
    """The heading of the section a passage starts in, as text before it: a table that opens the
    passage is read under its section's name ('### Observer states'), as in the document, when the
    heading itself fell into the chunk before."""
    return f"### {passage.section}\n\n" if passage.section and not passage.text.lstrip().startswith("#") else ""
