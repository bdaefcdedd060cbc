"""What the index knows about words, for selection and shaping: stems (irregular pasts brought
to their verbs), which words are common nouns, how rare each term is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.answering.wording import IRREGULAR_PAST
from ingest.keyword import tokenize


@lru_cache(maxsize=1)
def past_to_base() -> dict[str, str]:
    """Stemmed irregular past tenses -> stemmed verbs ('began' -> 'begin'), so tenses match."""
    pasts, bases = tokenize(list(IRREGULAR_PAST.values())), tokenize(list(IRREGULAR_PAST))
    return {p[0]: b[0] for p, b in zip(pasts, bases, strict=True) if p and b and p[0] != b[0]}


def base_terms(terms: set[str] | frozenset[str]) -> set[str]:
    """Terms with irregular past tenses replaced by their verbs."""
    table = past_to_base()
    return {table.get(t, t) for t in terms}


@dataclass
class Lexicon:
    """What the index knows about words: which are common nouns, how rare each stemmed term is."""

    is_common: Callable[[str], bool]
    idf: Callable[[str], float]

    @staticmethod
    @lru_cache(maxsize=50_000)
    def stem(text: str) -> tuple[str, ...]:
        """Stemmed terms, irregular past tenses brought to their verb ('began' -> 'begin')."""
        table = past_to_base()
        return tuple(table.get(t, t) for t in tokenize([text])[0])
