"""Which came first: 'Which was founded first, the league or the union?' asks when each one was.

No single sentence of the documents usually dates both, and the sentence most like the question
names both without a date. So the question is asked once per alternative, as a 'when' question
('When was the league founded?'), and the two dated answers are set side by side for the reader
to compare; the product does not compute the order itself, so every sentence stays a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answering.selection import DOCUMENT_NAME

# 'Which was founded first, A or B?', 'Which joined the league earlier, A or B?', 'Which is older, A or B?',
# and a part asked of each after it ('..., and who hosted each?')
ORDER_CHOICE = re.compile(
    r"^\s*which(?:\s+(?!was\b|were\b|is\b|are\b|came\b|began\b|became\b|met\b|held\b)[a-z]+(?<!ed))?\s+(?:(?P<aux>was|were|is|are)\s+)?(?P<verb>.*?)\s*"
    r"\b(?:first|earlier|sooner|later|last|older|newer|younger|more\s+recent(?:ly)?)\b\s*[,:;]?\s*"
    r"(?P<a>[^,;:?]+?),?\s+or\s+(?P<b>[^,;:?]+?)(?:,?\s+and\s+(?P<rest>[^?]*\beach\b[^?]*))?\s*\??\s*$",
    re.I,
)
# 'Is A older than B?': the same two 'when' questions, asked yes or no (like is compared with like;
# 'was the treaty signed after the war' compares a signature with an event, and stays one question)
OLDER_THAN = re.compile(
    r"^\s*(?:is|are|was|were)\s+(?P<a>.+?)\s+(?:older|newer|younger)\s+than\s+(?P<b>[^?]+?)\s*\??\s*$", re.I
)
# Orderings that name no act: the alternatives are compared by when they came into being.
NO_ACT = re.compile(r"^(?:came|come|happened|began|started|existed|)$", re.I)


@dataclass(frozen=True)
class Side:
    """One alternative ('the league') and the 'when' question asked of it."""

    label: str
    question: str


def ordering_sides(question: str) -> list[Side]:
    """The two 'when' questions an ordering question asks (with any part it asks of each), or []
    when it is not one."""
    text = " ".join(question.split())
    match = ORDER_CHOICE.match(text)
    if not match:
        return yes_no_sides(text)
    verb = match.group("verb").strip()
    sides = []
    for alternative in (match.group("a"), match.group("b")):
        alternative = alternative.strip()
        label = without_article(alternative)
        if match.group("aux") and match.group("aux").lower() in ("was", "were") and verb:
            asked = f"When was {alternative} {verb}?"  # 'which was founded first': when was each founded
        elif NO_ACT.match(verb) or match.group("aux"):  # 'which came first', 'which is older': made when
            asked = when_made(alternative)
        else:
            asked = f"When {alternative} {verb}?"  # 'which joined the league earlier': when A joined the league
        if match.group("rest"):  # '..., and who hosted each': asked of this one too
            rest = re.sub(r"\beach(?:\s+one)?\b", alternative, match.group("rest").strip(), flags=re.I)
            asked = f"{asked[:-1]}, and {rest}?"
        sides.append(Side(label, asked))
    return sides


def yes_no_sides(text: str) -> list[Side]:
    """'Is A older than B?' asked as 'when was it founded (signed)' of each, or []."""
    match = OLDER_THAN.match(text)
    if not match:
        return []
    alternatives = (match.group("a").strip(), match.group("b").strip())
    return [Side(without_article(alternative), when_made(alternative)) for alternative in alternatives]


def when_made(alternative: str) -> str:
    """When it came into being: a document is signed, an organisation founded."""
    made = "signed" if re.search(DOCUMENT_NAME, alternative, re.I) else "founded"
    return f"When was {alternative} {made}?"


def without_article(alternative: str) -> str:
    """How a side is headed: 'the league' -> 'league'."""
    return re.sub(r"^the\s+", "", alternative, flags=re.I)
