"""Reversals without a negation word: 'higher' for 'lower', 'before' for 'after'.

A sentence that turns its passage around often keeps every fact and most words, so
coverage and similarity barely move. Two cheap signals catch the common cases:

- opposites: the sentence uses a word of one side of a general pair of opposites
  (direction, comparison, time order, change, voting rule, season) and the passage
  sentences it draws on use the other side and not its side;
- swapped contrast: 'A rather than B' (or 'A instead of B') where the passage says
  'B rather than A'.

The pairs are general English, not drawn from any evaluated passage.
"""

from __future__ import annotations

import re
from functools import cache

from app.answering.llm.words import content_stems, stem

_OPPOSITES = (
    ("before prior earlier preceding", "after following later subsequent"),
    ("more greater higher larger bigger exceeded exceeds most maximum", "fewer less lower smaller least minimum"),
    (
        "increase increased grow grew grown growing rise rose risen expand expanded improve improved strengthen "
        "strengthened stronger gain gained boost enhance enhanced widen deepen",
        "decrease decreased decline declined fall fell fallen shrink shrank erode eroded lapse lapsed weaken "
        "weakened weaker worsen worsened damage damaged collapse collapsed reduce reduced drop dropped narrow "
        "deteriorate deteriorated undermine undermined",
    ),
    ("join joined joins rejoin rejoined enter entered", "leave left leaves withdraw withdrew quit exit exited"),
    ("internal domestic inside", "external foreign outside"),
    ("consensus unanimity unanimous unanimously", "majority"),
    ("permanent standing", "temporary interim"),
    ("cautious reluctant hesitant wary", "eager keen willing enthusiastic"),
    ("distinctive unique peculiar unusual", "common usual typical widespread"),
    ("support supported supports", "oppose opposed opposes"),
    ("allow allowed allows permit permitted", "forbid forbade ban banned prohibit prohibited"),
)
SEASONS = ("spring", "summer", "autumn", "winter")  # one excludes the others
CONTRAST = re.compile(r"(\w+)\s+(?:rather than|instead of)\s+(\w+)", re.I)


@cache
def _groups() -> list[tuple[frozenset[str], frozenset[str]]]:
    pairs = [(frozenset(map(stem, a.split())), frozenset(map(stem, b.split()))) for a, b in _OPPOSITES]
    pairs += [(frozenset({s}), frozenset(SEASONS) - {s}) for s in SEASONS]
    return pairs


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", text.lower())}


def reversals(sentence: str, region: str) -> list[str]:
    """The opposites by which the sentence turns its passage sentences around, e.g. ['higher/lower']."""
    mine, theirs = _stems(sentence), _stems(region)
    out = []
    for side, other in _groups():
        for a, b in ((side, other), (other, side)):
            said, source = mine & a, theirs & b
            if said and source and not (theirs & a) and not (mine & b):
                out.append(f"{min(said)}/{min(source)}")
    out += swapped_contrasts(sentence, region)
    return sorted(set(out))


def swapped_contrasts(sentence: str, region: str) -> list[str]:
    """'A rather than B' in the sentence where the passage says 'B rather than A'."""
    theirs = {_pair(m) for m in CONTRAST.finditer(region)}
    return [f"{a} rather than {b}" for a, b in map(_pair, CONTRAST.finditer(sentence)) if (b, a) in theirs]


def _pair(match: re.Match[str]) -> tuple[str, str]:
    first, second = (content_stems(match.group(i)) or [match.group(i).lower()] for i in (1, 2))
    return first[0], second[0]
