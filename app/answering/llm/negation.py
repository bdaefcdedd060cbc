"""A negation in one of sentence and passage that the other lacks turns the claim around.

'Mongolia has applied for membership' holds every word of 'Mongolia has not applied',
so overlap and similarity cannot tell them apart; the negation words can, as long as
a negation in the passage only counts where it governs the sentence's words.
"""

from __future__ import annotations

import re

from app.answering.llm.words import NEGATIONS, content_stems, plain_words

NEGATION_SCOPE = 6  # words either side of a negation that it governs
CLAUSE_MARK = re.compile(r"[,;:()]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CLAUSE_BREAKS = {",", ".", "and", "but", "while", "whereas", "although", "though", "which", "who"}


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
