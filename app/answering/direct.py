"""The direct answer: the date a 'when' question asks for, said before the quote that states it
('On 17 June 2004 [1]. RATS was formally launched in Tashkent on 17 June 2004 ... [1].').

It is the shortest cited span that answers (issue 12, answer shape). It is said only when the quote
leaves no choice: the quote states one date the question does not already contain, and not in its
first words (a quote that opens with it says it first already).

Names, places and numbers were tried the same way and left out (docs/quality.md, twelfth pass): a
'who' quote names its person early anyway, and a wrong quote's name said alone misleads more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.answering.facts import DAY, MONTH
from app.answering.selection import HOW_LONG_IS, HOW_OFTEN, Choice, Selector

# A date said in full ('2 April 1999', 'April 2, 1999'), or by its month or year ('June 2010', '2004').
DAY_DATE = re.compile(rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY},?)\s+\d{{4}}", re.I)
MONTH_OR_YEAR = re.compile(rf"(?:{MONTH}\s+)?(?:19|20)\d\d", re.I)
SINCE_ASKED = re.compile(r"\bsince (?:when|what|which)\b", re.I)
UNTIL_ASKED = re.compile(r"\b(?:until|till) (?:when|what|which)\b", re.I)
# What a question can ask for: one span answers only a question that asks for one of them.
ASKED = re.compile(r"\b(?:when|where|who|whom|whose|how (?:many|much|long|often)|what year|which year)\b", re.I)
# 'which journal and year', 'the date and place': another thing asked beside the date
ALSO_ASKED = re.compile(r"\b(?:year|date) and\b|\band (?:year|date|place)\b", re.I)
OPENING_WORDS = 3  # a span starting within these words opens the quote


@dataclass(frozen=True)
class Direct:
    """The answer itself ('On 2 April 1999.') and the candidate of the quote that states it."""

    text: str
    candidate: Any


def direct_answer(choice: Choice, selector: Selector) -> Direct | None:
    """The date of the chosen sentence that answers a 'when' part, as a short sentence of its own;
    None when the sentence states two dates ('ratified on ..., withdrew on ...': which one answers is
    the reader's to see) or the part asks two things ('when and where')."""
    part, sentence = choice.part, choice.sentence
    if sentence is None or part.answer_type != "date" or choice.carried < 1.0 or ALSO_ASKED.search(part.text):
        return None
    if len({m.group().lower() for m in ASKED.finditer(part.text)}) > 1:
        return None  # 'when and where': one span answers half
    if HOW_LONG_IS.search(part.text) or HOW_OFTEN.search(part.text):
        return None  # a duration or a frequency: the quote says it best
    text, question = sentence.text, set(selector.stem(part.text))
    dated = selector.act_column_dates(part, sentence) if sentence.table_row else []
    if len(dated) == 1:  # 'Accession started 2 May 2029; Member since 4 July 2031': the act's column
        date = dated[0]
    else:
        dates = selector.unsaid(sentence.facts.dates, text, question)
        if len({text[a:b] for a, b in dates}) != 1 or len(text[: dates[0][0]].split()) < OPENING_WORDS:
            return None
        if not selector.date_spans(part, sentence, question):
            return None  # the one date stands far from what the question asks about
        date = text[dates[0][0] : dates[0][1]]
    if not (DAY_DATE.fullmatch(date) or MONTH_OR_YEAR.fullmatch(date)):
        return None  # a range, a season: the quote says it best
    opening = "On" if DAY_DATE.fullmatch(date) else "In"
    opening = "Since" if SINCE_ASKED.search(part.text) else "Until" if UNTIL_ASKED.search(part.text) else opening
    return Direct(f"{opening} {date}.", sentence.candidate)
