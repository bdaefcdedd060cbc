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


def fold(text: str) -> str | None:
    """Lower case with ё as е, for finding literal prefixes; None when lower-casing changes the length."""
    folded = text.lower().replace("ё", "е")
    return folded if len(folded) == len(text) else None


_SCRIPTS = {"cyrillic": re.compile("[а-яёА-ЯЁ]"), "cjk": _CJK_CHAR}


def scripts_in(text: str) -> frozenset[str]:
    """Which of the scripts that need their own terms (Cyrillic, Chinese) a text uses."""
    return frozenset(name for name, pattern in _SCRIPTS.items() if pattern.search(text))


@dataclass(frozen=True)
class TermMatcher:
    """One term: a literal prefix to find fast, and the full pattern to confirm each find."""

    order: int
    prefix: str
    pattern: re.Pattern[str]
    script: str | None  # a Russian or Chinese term need not be looked for in a text without that script


def _terms(terms: tuple[str, ...]) -> tuple[TermMatcher, ...]:
    """Longest first, so at one position "international information security" wins over a shorter term."""
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    return tuple(
        TermMatcher(
            i,
            fold(t.split()[0].split("*")[0]) or "",
            re.compile(term_regex(t), re.IGNORECASE),
            next(iter(scripts_in(t)), None),
        )
        for i, t in enumerate(ordered)
    )


def _find(
    terms: tuple[TermMatcher, ...], text: str, folded: str | None, scripts: frozenset[str] | None = None
) -> list[tuple[int, int]]:
    """Leftmost, non-overlapping matches, earlier terms first where two start together: what one
    regular-expression alternation of the terms would find, but found with str.find (Python's re
    scans an alternation of many terms about 20 times slower)."""
    found: list[tuple[int, int, int]] = []
    for term in terms:
        if term.script and scripts is not None and term.script not in scripts:
            continue
        if folded is None or not term.prefix:
            found += [(m.start(), term.order, m.end()) for m in term.pattern.finditer(text)]
            continue
        at = folded.find(term.prefix)
        while at >= 0:
            match = term.pattern.match(text, at)
            if match:
                found.append((at, term.order, match.end()))
            at = folded.find(term.prefix, at + 1)
    found.sort()
    spans, last = [], -1
    for start, _, end in found:
        if start >= last and end > start:
            spans.append((start, end))
            last = end
    return spans


@dataclass(frozen=True)
class ConceptMatcher:
    """A concept compiled: where it occurs in a text, exclusions removed."""

    terms: tuple[TermMatcher, ...]
    exclude: tuple[TermMatcher, ...]

    def spans(
        self, text: str, folded: str | None = None, scripts: frozenset[str] | None = None
    ) -> list[tuple[int, int]]:
        """(start, end) of every occurrence, left to right, none overlapping another.

        `folded` (fold(text)) and `scripts` (scripts_in(text)) are passed by callers that keep
        them, as they are the same for every concept.
        """
        folded = folded if folded is not None else fold(text)
        found = _find(self.terms, text, folded, scripts)
        if not found or not self.exclude:
            return found
        return _without(found, _find(self.exclude, text, folded, scripts))


def _without(found: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that overlap no blocked span (both lists sorted and non-overlapping: one sweep)."""
    out, i = [], 0
    for start, end in found:
        while i < len(blocked) and blocked[i][1] <= start:
            i += 1
        if i == len(blocked) or blocked[i][0] >= end:
            out.append((start, end))
    return out


@cache
def matcher_for(concept: Concept) -> ConceptMatcher:
    """The compiled matcher of a concept (cached: concepts are frozen values)."""
    if not concept.terms:
        raise ValueError(f"concept {concept.name!r} has no terms")
    return ConceptMatcher(_terms(concept.terms), _terms(concept.exclude))


def count_words(text: str) -> int:
    """Words for the per-10,000-words rate: runs of letters/digits, and each Chinese character."""
    return len(_CJK_CHAR.findall(text)) + len(_NOT_CJK_WORD.findall(text))
