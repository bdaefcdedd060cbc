"""Checks every generated sentence against the passages it cites, before anyone sees it.

No entailment model ships offline (see DESIGN.md), so support is decided from cheap,
explainable signals:

- the sentence is aligned with the passage sentences it draws on (the one sharing
  most content words, plus any other that adds words of its own);
- every number (in digits), date and name of the sentence must occur in the passage:
  a hard rule, since a fact the passage lacks is the commonest way a generated
  sentence goes wrong and the rule almost never refuses a true one;
- the other signals (numbers in words the passage lacks, facts bound to other facts
  or words, opposites, negation, content-word coverage, MiniLM similarity to the best
  passage sentence or pair of adjacent sentences) are weighed by a logistic
  regression fitted on the dev pairs (head.py).

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
from app.answering.llm.binding import swapped_facts, unbound_facts
from app.answering.llm.contrasts import reversals
from app.answering.llm.facts import Facts, Token, date_in, extract, name_in, tokens, words_of
from app.answering.llm.head import HEAD, Head
from app.answering.llm.negation import negation_conflict
from app.answering.llm.words import WORD, content_stems
from app.answering.sentences import sentence_spans, tidy
from ingest.shared_cache import SharedCache


@dataclass(frozen=True)
class CheckerConfig:
    """How the signals read a sentence; fitted by grid search on the dev pairs
    (tests/data/checker_pairs.jsonl's dev half and checker_pairs_dev2.jsonl), never on heldout.
    The decision itself is the head's (head.py)."""

    min_contribution: int = 1  # new content words a second passage sentence must add to be drawn on...
    min_shared: float = 0.3  # ...and the share of the sentence's content words it must contain
    context: int = 4  # tokens either side of a fact in the sentence that say what it is about...
    window: int = 6  # ...looked up this many tokens either side of it (or a rival) in the passage
    rival_margin: int = 0  # a rival must share more than margin words beyond the fact's own


@dataclass
class Evidence:
    """How one passage bears on one sentence."""

    support: float  # the head's probability that the passage supports the sentence
    coverage: float
    cosine: float
    cosine_sentence: float = 0.0  # the best cosine to a single passage sentence (`cosine` includes pairs)
    uncovered: int = 0  # content words of the sentence the passage lacks
    missing: list[str] = field(default_factory=list)  # digits, dates and names of the sentence the passage lacks
    spelt_missing: list[str] = field(default_factory=list)  # numbers in words ('two') the passage lacks
    unbound: list[str] = field(default_factory=list)  # facts the passage has, but about something else
    negation_conflict: bool = False
    reversed: list[str] = field(default_factory=list)  # opposites that turn the passage around
    swapped: list[str] = field(default_factory=list)  # facts the passage binds to another of the sentence's facts
    quote: str = ""  # the passage sentence closest to the sentence, verbatim

    @property
    def problems(self) -> list[str]:
        out = [f"{m!r} is not in the cited passage" for m in self.missing + self.spelt_missing]
        out += [f"the cited passage says {m!r} about something else" for m in self.unbound]
        if self.negation_conflict:
            out.append("the passage negates what the sentence states (or the reverse)")
        out += [f"the sentence reverses the passage ({r})" for r in self.reversed]
        out += [f"the cited passage pairs these facts differently ({s})" for s in self.swapped]
        return out

    @property
    def features(self) -> dict[str, float]:
        """The signals the head weighs (head.KNOWN_FEATURES)."""
        return {
            "cosine": self.cosine,
            "cosine_sentence": self.cosine_sentence,
            "coverage": self.coverage,
            "uncovered": float(self.uncovered),
            "spelt_missing": float(len(self.spelt_missing)),
            "unbound": float(len(self.unbound)),
            "swapped": float(len(self.swapped)),
            "reversed": float(len(self.reversed)),
            "negation": float(self.negation_conflict),
        }


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

    def __init__(  # type: ignore[no-untyped-def]
        self, embedder, config: CheckerConfig | None = None, cache_size: int = 256, head: Head | None = None
    ) -> None:
        from app.answering.composer import SentenceVectors  # the composer's sentence-embedding cache

        self.config = config or CheckerConfig()
        self.head = head or HEAD
        self.vectors = SentenceVectors(embedder, 20_000)
        self._passages: SharedCache[str, _Passage] = SharedCache(cache_size)  # server threads share one checker

    def evidence(self, sentence: str, passage: str, vector: np.ndarray | None = None) -> Evidence:
        """How well `passage` supports `sentence`: the signals, and the head's probability of support."""
        evidence = self.signals(sentence, passage, vector)
        evidence.support = round(1 - self.head.unsupported(evidence.features), 4)
        return evidence

    def signals(self, sentence: str, passage: str, vector: np.ndarray | None = None) -> Evidence:
        """The signals the docstring of this module lists (support left at 0: the head's to fill)."""
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
        single = cosines[: len(prepared.sentences)]
        missing, spelt_missing = missing_facts(facts, passage)
        return Evidence(
            support=0.0,
            coverage=round(len(stems & prepared.stems_all) / len(stems), 4) if stems else 1.0,
            cosine=round(float(cosines.max()), 4),
            cosine_sentence=round(float(single.max()), 4),
            uncovered=len(stems - prepared.stems_all),
            missing=missing,
            spelt_missing=spelt_missing,
            unbound=unbound_facts(
                tokens(sentence), prepared.tokens, self.config.context, self.config.window, self.config.rival_margin
            ),
            negation_conflict=negation_conflict(sentence, stems, region_text),
            reversed=reversals(sentence, region_text),
            swapped=swapped_facts(tokens(sentence), prepared.tokens),
            quote=prepared.quotes[int(np.argmax(single))],
        )

    def passes(self, evidence: Evidence) -> bool:
        """No digit, date or name the passage lacks (a hard rule), and the head does not reject it."""
        return not evidence.missing and self.head.unsupported(evidence.features) < self.head.threshold

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
        if about_the_prompt(text):  # 'The passage provides ...': it talks about our prompt, not the world
            return CheckedSentence(text, valid, 0.0, False, reason="it talks about the prompt, not the subject")
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


def missing_facts(facts: Facts, source: str) -> tuple[list[str], list[str]]:
    """The sentence's numbers, dates and names that `source` does not contain: those in
    digits, dates and names first; then numbers the sentence writes only in words
    ('the two sides', 'every two years' may count what the source lists, so they are a
    signal for the head, not a verdict)."""
    found = extract(source)
    words = words_of(source)
    lower = source.lower()
    numbers = [n for n in sorted(facts.numbers) if n not in found.numbers]
    missing = [n for n in numbers if n not in facts.spelt]
    missing += [_date_text(d) for d in sorted(facts.dates) if not date_in(d, set(found.dates))]
    missing += [n for n in sorted(facts.names) if not name_in(n, words, lower)]
    return missing, [n for n in numbers if n in facts.spelt]


def _date_text(date: tuple[int, int, int]) -> str:
    return "-".join(str(part) for part in date if part)


def repetitive(text: str) -> bool:
    """A sentence that loops: some three words recur three times, or under half its words are distinct."""
    words = [w.lower() for w in WORD.findall(text)]
    trigrams = Counter(zip(words, words[1:], words[2:], strict=False))
    if trigrams and max(trigrams.values()) >= 3:
        return True
    return len(words) >= 12 and len(set(words)) < len(words) / 2


# A sentence about the prompt: 'The passage provides ...', 'The correct response would be ...',
# '... in the passage provided by the user'. Its words may all be in a passage; its claim is not.
PROMPT_TALK = re.compile(
    r"\b(?:the|this|these|above|provided|given)\s+(?:passages?|excerpts?)\b(?!\s+of\b)"
    r"|\b(?:provided|given)\s+(?:context|text|documents?|information)\b"
    r"|\b(?:context|text|information)\s+(?:provided|given)\b"
    r"|\b(?:by|to|from)\s+the\s+user\b"
    r"|\b(?:the|a)\s+(?:correct|right|best|final)\s+(?:response|answer)\b"
    r"|\b(?:your|this)\s+question\b",
    re.I,
)


def about_the_prompt(text: str) -> bool:
    """The sentence speaks of the passages, the question or the user instead of the subject."""
    return bool(PROMPT_TALK.search(text))
