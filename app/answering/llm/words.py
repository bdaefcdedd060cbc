"""Words as the checker compares them: lower-cased, stemmed, stop words out.

Shared by the checker and its signal modules (contrasts, binding) so that every
signal reads a sentence the same way.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.keyword import stem_word

NEGATIONS = {
    "not",
    "no",
    "never",
    "without",
    "neither",
    "nor",
    "none",
    "cannot",
    "refused",
    "refuses",
    "declined",
    "declines",
    "rejected",
    "rejects",
    "denied",
    "denies",
    "failed",
    "fails",
}
# Function words; 'same', 'only', 'before', 'after', 'against' and the like carry meaning here.
KEEP = {"same", "only", "more", "most", "against", "before", "after", "until", "over", "under", "few", "other"}
WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)


@cache
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(w for w in STOPWORDS_EN_PLUS if w not in KEEP) | NEGATIONS


def stem(word: str) -> str:
    """The Snowball stem (memoised; a PyStemmer object is not thread-safe, so each thread has its own)."""
    return stem_word(word)


def content_stems(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """Stemmed content words in order; words in `drop` (a sentence's facts) left out."""
    out = []
    for match in WORD.finditer(text.lower()):
        for part in re.split(r"[-–'’]", match.group(0)):
            if len(part) < 2 or part in stopwords() or part in drop or part.isdigit():
                continue
            out.append(stem(part))
    return out


def plain_words(text: str) -> list[str]:
    """Lower-cased words, "didn't" read as 'did not'."""
    out = []
    for match in WORD.finditer(text.lower().replace("’", "'")):
        word = match.group(0)
        out += [word[:-3], "not"] if word.endswith("n't") else [word]
    return out
