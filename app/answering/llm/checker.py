"""Checks every generated sentence against the passages it cites, before anyone sees it.

No entailment model ships offline (see DESIGN.md), so support is decided by cheap,
explainable signals, fitted on the dev half of tests/data/checker_pairs.jsonl:

- the sentence is aligned with the passage sentences it draws on (the one sharing
  most content words, plus any other that adds words of its own);
- every number, date and name of the sentence occurs in that aligned region, so a
  year or country borrowed from a neighbouring sentence of the passage is caught;
- a negation in the sentence must be in the region, and a negation in the region
  that governs the sentence's words must be in the sentence;
- the support score mixes content-word coverage with MiniLM similarity to the best
  passage sentence (or pair of adjacent sentences).

A sentence that fails against its cited passages but passes against another is
re-cited to it; one that passes nowhere is marked unsupported.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from app.answering.llm.acronyms import in_passage_form
from app.answering.llm.binding import swapped_facts
from app.answering.llm.contrasts import reversals
from app.answering.llm.facts import (
    Facts,
    Token,
    date_in,
    extract,
    kind_of,
    name_in,
    same_fact,
    tokens,
    words_of,
)
from app.answering.llm.words import NEGATIONS, WORD, content_stems, plain_words, stem, stopwords
from app.answering.sentences import sentence_spans, tidy
from ingest.shared_cache import SharedCache

NEGATION_SCOPE = 6  # words either side of a negation that it governs
CLAUSE_MARK = re.compile(r"[,;:()]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CLAUSE_BREAKS = {",", ".", "and", "but", "while", "whereas", "although", "though", "which", "who"}


@dataclass(frozen=True)
class CheckerConfig:
    """Settings fitted on the dev pairs (tests/data/checker_pairs.jsonl's dev half and
    tests/data/checker_pairs_dev2.jsonl) by bench/bench_checker.py --fit; never on heldout.

    The fit gave coverage no weight once facts, opposites and bindings were checked:
    the MiniLM cosine alone separates the rest as well as any mix."""

    coverage_weight: float = 0.0  # support = w * content-word coverage + (1 - w) * cosine
    threshold: float = 0.74
    min_contribution: int = 1  # new content words a second passage sentence must add to be drawn on...
    min_shared: float = 0.3  # ...and the share of the sentence's content words it must contain
    context: int = 4  # tokens either side of a fact in the sentence that say what it is about...
    window: int = 6  # ...looked up this many tokens either side of it (or a rival) in the passage
    rival_margin: int = 0  # a rival must share more than margin words beyond the fact's own


@dataclass
class Evidence:
    """How one passage bears on one sentence."""

    support: float
    coverage: float
    cosine: float
    missing: list[str] = field(default_factory=list)  # facts of the sentence the passage lacks
    unbound: list[str] = field(default_factory=list)  # facts the passage has, but about something else
    negation_conflict: bool = False
    reversed: list[str] = field(default_factory=list)  # opposites that turn the passage around
    swapped: list[str] = field(default_factory=list)  # facts the passage binds to another of the sentence's facts
    quote: str = ""  # the passage sentence closest to the sentence, verbatim

    @property
    def problems(self) -> list[str]:
        out = [f"{m!r} is not in the cited passage" for m in self.missing]
        out += [f"the cited passage says {m!r} about something else" for m in self.unbound]
        if self.negation_conflict:
            out.append("the passage negates what the sentence states (or the reverse)")
        out += [f"the sentence reverses the passage ({r})" for r in self.reversed]
        out += [f"the cited passage pairs these facts differently ({s})" for s in self.swapped]
        return out


@dataclass
class CheckedSentence:
    """One generated sentence after checking; `citations` are 1-based passage numbers."""

    text: str
    citations: list[int]
    support: float
    supported: bool
    recited: bool = False
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class _Passage:
    """A passage split into sentences, with what the checker needs of each."""

    sentences: list[str]
    quotes: list[str]  # the same sentences as exact slices of the passage text
    stems: list[set[str]]
    stems_all: set[str]
    tokens: list[list[Token]]  # per sentence
    vectors: np.ndarray  # one per sentence, then one per adjacent pair


class SupportChecker:
    """Decides, per generated sentence, whether the cited passages state it."""

    def __init__(self, embedder, config: CheckerConfig | None = None, cache_size: int = 256) -> None:  # type: ignore[no-untyped-def]
        from app.answering.composer import SentenceVectors  # the composer's sentence-embedding cache

        self.config = config or CheckerConfig()
        self.vectors = SentenceVectors(embedder, 20_000)
        self._passages: SharedCache[str, _Passage] = SharedCache(cache_size)  # server threads share one checker

    def evidence(self, sentence: str, passage: str, vector: np.ndarray | None = None) -> Evidence:
        """How well `passage` supports `sentence` (the signals the docstring of this module lists)."""
        prepared = self._prepare(passage)
        written = in_passage_form(sentence, passage)
        if vector is None or written != sentence:  # embedded as the passage writes it, as when fitted
            vector = self.vectors([written])[0]
        sentence = written
        facts = extract(sentence)
        drop = frozenset(words_of(" ".join(facts.names)) | facts.numbers)
        stems = set(content_stems(sentence, drop))
        cosines = prepared.vectors @ vector if len(prepared.vectors) else np.zeros(1)
        region = self._region(stems, prepared, cosines)
        region_text = " ".join(prepared.sentences[i] for i in region)
        coverage = len(stems & prepared.stems_all) / len(stems) if stems else 1.0
        cosine = float(cosines.max())
        best_sentence = int(np.argmax(cosines[: len(prepared.sentences)]))
        support = self.config.coverage_weight * coverage + (1 - self.config.coverage_weight) * cosine
        return Evidence(
            support=round(support, 4),
            coverage=round(coverage, 4),
            cosine=round(cosine, 4),
            missing=missing_facts(facts, passage),
            unbound=unbound_facts(
                tokens(sentence), prepared.tokens, self.config.context, self.config.window, self.config.rival_margin
            ),
            negation_conflict=negation_conflict(sentence, stems, region_text),
            reversed=reversals(sentence, region_text),
            swapped=swapped_facts(tokens(sentence), prepared.tokens),
            quote=prepared.quotes[best_sentence],
        )

    def passes(self, evidence: Evidence) -> bool:
        return not evidence.problems and evidence.support >= self.config.threshold

    def check(self, sentences: Sequence[tuple[str, list[int]]], passages: Sequence[str]) -> list[CheckedSentence]:
        """Check each (sentence, cited numbers) against numbered passages (1-based).

        Citation numbers that name no passage are ignored; a sentence without a valid
        citation is checked against every passage and cited to the one that supports it.
        """
        if not sentences:
            return []
        vectors = self.vectors([text for text, _ in sentences])
        return [
            self._check_one(text, cited, passages, vector)
            for (text, cited), vector in zip(sentences, vectors, strict=True)
        ]

    def _check_one(self, text: str, cited: list[int], passages: Sequence[str], vector: np.ndarray) -> CheckedSentence:
        valid = [n for n in dict.fromkeys(cited) if 1 <= n <= len(passages)]
        if repetitive(text):  # a small model looping; whatever its words match, it says nothing
            return CheckedSentence(text, valid, 0.0, False, reason="it repeats itself")
        reason = "" if valid else "cites no passage"
        if valid:
            joined = "\n\n".join(passages[n - 1] for n in valid)
            evidence = self.evidence(text, joined, vector)
            if self.passes(evidence):
                return CheckedSentence(text, valid, evidence.support, True)
            reason = "; ".join(evidence.problems) or "too little of it is in the cited passage"
        best: tuple[float, int] | None = None
        for n in range(1, len(passages) + 1):
            if n in valid:
                continue
            other = self.evidence(text, passages[n - 1], vector)
            if self.passes(other) and (best is None or other.support > best[0]):
                best = (other.support, n)
        if best is not None:
            return CheckedSentence(text, [best[1]], best[0], True, recited=bool(valid))
        support = evidence.support if valid else 0.0
        return CheckedSentence(text, valid, support, False, reason=reason)

    def _prepare(self, passage: str) -> _Passage:
        return self._passages.get(passage, self._read)

    def _read(self, passage: str) -> _Passage:
        """The passage's sentences, their stems, words and vectors (and those of adjacent pairs)."""
        quotes = [passage[s:e] for s, e in sentence_spans(passage)] or [passage]
        sentences = [tidy(q) for q in quotes]
        stems = [set(content_stems(s)) for s in sentences]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(sentences)]
        vectors = self.vectors(sentences + pairs)
        return _Passage(sentences, quotes, stems, set().union(*stems), [tokens(x) for x in sentences], vectors)

    def _region(self, stems: set[str], passage: _Passage, cosines: np.ndarray) -> list[int]:
        """The passage sentences the sentence draws on: the best-aligned one, plus any
        other that contributes content words the best one lacks and shares a fair part
        of the sentence's words (two shared words like 'member' and 'body' are chance)."""
        n = len(passage.sentences)
        overlap = [len(stems & s) for s in passage.stems]
        best = max(range(n), key=lambda i: (overlap[i], float(cosines[i])))
        enough = max(2, round(self.config.min_shared * len(stems)))
        region = [best]
        for i in range(n):
            added = (stems & passage.stems[i]) - passage.stems[best]
            if i != best and len(added) >= self.config.min_contribution and overlap[i] >= enough:
                region.append(i)
        return sorted(region)


def missing_facts(facts: Facts, source: str) -> list[str]:
    """The sentence's numbers, dates and names that `source` does not contain."""
    found = extract(source)
    words = words_of(source)
    lower = source.lower()
    missing = [n for n in sorted(facts.numbers) if n not in found.numbers]
    missing += [_date_text(d) for d in sorted(facts.dates) if not date_in(d, set(found.dates))]
    missing += [n for n in sorted(facts.names) if not name_in(n, words, lower)]
    return missing


def _date_text(date: tuple[int, int, int]) -> str:
    return "-".join(str(part) for part in date if part)


def negation_conflict(sentence: str, stems: set[str], region: str) -> bool:
    """A negation in one of sentence and source that the other lacks.

    The source's negation only counts when it governs words the sentence uses: up to
    NEGATION_SCOPE words after it in its sentence, and before it back to the start of
    its clause, so 'X did A but not B' and 'X was the first, and has not applied' still
    support 'X did A' and 'X was the first'.
    """
    sentence_negated = any(w in NEGATIONS for w in plain_words(sentence))
    words = _marked_words(region)
    cues = [i for i, w in enumerate(words) if w in NEGATIONS]
    if sentence_negated:
        return not cues
    for i in cues:
        start, end = i, i + 1
        while start > max(0, i - NEGATION_SCOPE) and words[start - 1] not in CLAUSE_BREAKS:
            start -= 1
        while end < min(len(words), i + NEGATION_SCOPE + 1) and words[end] != ".":
            end += 1
        scope = set(content_stems(" ".join(w for w in words[start:end] if w not in NEGATIONS)))
        if scope & stems:
            return True
    return False


def _marked_words(text: str) -> list[str]:
    """plain_words, with ',' closing each clause and '.' each sentence."""
    out: list[str] = []
    for sentence in SENTENCE_END.split(text):
        for clause in CLAUSE_MARK.split(sentence):
            out += [*plain_words(clause), ","]
        out[-1] = "."
    return out


def unbound_facts(
    sentence: list[Token], source: list[list[Token]], context: int, window: int, margin: int = 0
) -> list[str]:
    """Facts of the sentence that the source attaches to something else.

    'Belarus received observer status at the Beijing summit' names Belarus, Beijing and
    'observer', all of which a passage may contain while it says Afghanistan was made an
    observer at Beijing and Belarus at Ufa. The words around a fact in the sentence
    (content words and other facts, `context` tokens either side) are looked up within
    `window` tokens of each occurrence of the fact in the source's sentences, and of
    each rival: a fact of the same kind (year, number, month, name, acronym) that the
    sentence does not mention. A rival that shares at least two of those words, and
    more than any occurrence of the fact itself, has taken the fact's place.
    """
    facts = [t for t in sentence if t.kind != "word"]
    unbound = []
    for index, token in enumerate(sentence):
        if token.kind == "word":
            continue
        rest = [t for t in _around(sentence, index, context) if not same_fact(t, token)]
        own, rival = 0, 0
        for part in source:
            for j, other in enumerate(part):
                if kind_of(other) != kind_of(token):
                    continue
                shared = _shared(rest, _around(part, j, window))
                if same_fact(token, other):
                    own = max(own, shared)
                elif not any(same_fact(f, other) for f in facts):
                    rival = max(rival, shared)
        if rival >= 2 and rival > own + margin:
            unbound.append(token.value)
    return list(dict.fromkeys(unbound))


def _is_content(token: Token) -> bool:
    return token.kind != "word" or (token.value not in stopwords() and len(token.value) > 1)


def _around(sequence: list[Token], index: int, width: int) -> list[Token]:
    """The facts and content words (stemmed) within `width` tokens of sequence[index]."""
    out = []
    for token in sequence[max(0, index - width) : index] + sequence[index + 1 : index + width + 1]:
        if token.kind != "word":
            out.append(token)
        elif _is_content(token):
            out.append(Token("word", stem(token.value)))
    return out


def _shared(near: list[Token], around: list[Token]) -> int:
    return sum(1 for a in near if any(same_fact(a, b) for b in around))


def repetitive(text: str) -> bool:
    """A sentence that loops: some three words recur three times, or under half its words are distinct."""
    words = [w.lower() for w in WORD.findall(text)]
    trigrams = Counter(zip(words, words[1:], words[2:], strict=False))
    if trigrams and max(trigrams.values()) >= 3:
        return True
    return len(words) >= 12 and len(set(words)) < len(words) / 2
