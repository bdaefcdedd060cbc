"""Terms -> regular expressions, occurrences in a text, and the words a rate is counted per.

The rules are those documented in app/trends/lexicon.py: case-insensitive, whitespace runs
match whitespace runs, whole words for alphabetic scripts with `*` as "any ending", Chinese
by substring, and е/ё treated alike in Russian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.trends.lexicon import Concept

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
_NOT_CJK_WORD = re.compile(rf"[^\W{CJK_RANGES}]+")


def _is_word_char(ch: str) -> bool:
    """A letter or digit of a spaced script: where a whole-word boundary is needed."""
    return (ch.isalnum() or ch == "_") and not _CJK_CHAR.match(ch)


def _char(ch: str) -> str:
    return "[её]" if ch in "еёЕЁ" else re.escape(ch)


def term_regex(term: str) -> str:
    """One term as a regular expression (see the module docstring for the rules)."""
    words = term.split()
    if not words:
        raise ValueError("an empty term cannot be counted")
    parts = []
    for word in words:
        wildcard = word.endswith("*") and len(word) > 1
        body = word[:-1] if wildcard else word
        parts.append("".join(_char(ch) for ch in body) + (r"\w*" if wildcard else ""))
    pattern = r"\s+".join(parts)
    if _is_word_char(words[0][0]):
        pattern = r"(?<!\w)" + pattern
    last = words[-1]
    if not last.endswith("*") and _is_word_char(last[-1]):
        pattern += r"(?!\w)"
    return pattern


def _alternation(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """All terms in one pattern, longest first, so "international information security" wins
    over a shorter term starting at the same place and nothing is counted twice."""
    if not terms:
        return None
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    return re.compile("|".join(f"(?:{term_regex(t)})" for t in ordered), re.IGNORECASE)


@dataclass(frozen=True)
class ConceptMatcher:
    """A concept compiled: where it occurs in a text, exclusions removed."""

    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence, left to right, none overlapping another."""
        found = [m.span() for m in self.pattern.finditer(text)]
        if not found or self.exclude is None:
            return found
        blocked = [m.span() for m in self.exclude.finditer(text)]
        return [(s, e) for s, e in found if not any(bs < e and s < be for bs, be in blocked)]


@cache
def matcher_for(concept: Concept) -> ConceptMatcher:
    """The compiled matcher of a concept (cached: concepts are frozen values)."""
    pattern = _alternation(concept.terms)
    if pattern is None:
        raise ValueError(f"concept {concept.name!r} has no terms")
    return ConceptMatcher(pattern, _alternation(concept.exclude))


def count_words(text: str) -> int:
    """Words for the per-10,000-words rate: runs of letters/digits, and each Chinese character."""
    return len(_CJK_CHAR.findall(text)) + len(_NOT_CJK_WORD.findall(text))
