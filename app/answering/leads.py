"""A lead sentence that cannot stand alone is quoted with its neighbour.

Two ways a quoted sentence fails to answer on its own, both common in analysts' prose:
- it points back ("These principles ...", "This was ...", "It ...") to the sentence before it,
  which holds what it refers to, or the occasion it places itself by ("At the same session ...");
- it echoes the question (most of its words are the question's own) and announces what the
  next sentence says: the reason, the figures, the difference.
The neighbour comes from the same passage, next to the lead in the text, so every quote and
citation stays exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.answering.models import Passage
from app.answering.selection import Sentence

# Openers that refer to something said just before.
POINTS_BACK = re.compile(
    r"^\W*(?:these|this|that|those|such|it|they|both|the two|the same|the latter|the former|he|she|its|their|"
    r"thus|therefore|hence|consequently|accordingly|as a result|for this reason)\b"  # 'Thus, ...': its cause before
    # 'In this connection, the ministers adopted a code', 'To that end, ...', 'By that accord, ...'
    r"|^\W*(?:in|to|for|with|on|against|at|from|under|by)\s+(?:this|that|these|those|such)\b",
    re.I,
)
# Openers that place the sentence by the one before: 'At the same session, ...', 'Three weeks later, ...',
# 'The following year ...', 'Since then ...': which meeting, or later than what, is said there. (Every
# opener selection.SAME_TIME dates a sentence by, 'In the same month', is one of them.)
PLACED_BACK = re.compile(
    r"^\W*(?:(?:at|in|on|during|from|by|after|since|later|earlier|within)\s+)?"
    r"(?:the\s+same|that\s+same|that|this|the\s+following|the\s+next|the\s+previous)\s+"
    r"(?:meeting|summit|session|conference|event|occasion|gathering|ceremony|day|week|month|year|time|spring|summer|"
    r"autumn|winter)\b"
    r"|^\W*(?:[\w-]+\s+){1,2}(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier|afterwards|after that)\b"
    r"|^\W*(?:since then|after that|soon after|shortly after(?:wards)?|thereafter)\b",
    re.I,
)
# A sentence that goes on about the subject of the one before: 'It is ...', 'In Russian it is ...'.
GOES_ON = re.compile(r"^\W*(?:[\w-]+\s+){0,3}(?:it|its|they|their)\b", re.I)
# Openers that limit what the sentence before says: 'However, this must not stop ...'.
QUALIFIES = re.compile(r"^\W*(?:however|but|nevertheless|nonetheless|yet|at the same time|even so|that said)\b", re.I)
# A sentence about the text itself ('The table below lists ...', 'This section covers ...'): it tells
# the reader where to look, and says nothing that completes an echo of the question
ABOUT_THE_TEXT = re.compile(
    r"\b(?:(?:the|a) (?:list|table|section|chapter|timeline|overview) (?:below|above)|(?:below|above) (?:is|are)|"
    r"this (?:list|table|section|chapter|chronology|briefing|overview|note|paper|article|page))\b",
    re.I,
)
# Answer types whose answer is a fact the lead itself must carry; an echo of these is not completed.
FACT_TYPES = {"person", "date", "number", "place", "list"}


def novelty(sentence: Sentence, question_terms: set[str]) -> float:
    """Share of the sentence's terms the question does not already contain."""
    if not sentence.terms:
        return 0.0
    return len(sentence.terms - question_terms) / len(sentence.terms)


def adjacent(first: Sentence, second: Sentence, passages: list[Passage]) -> bool:
    """The two sentences follow each other in one passage with nothing but space between them."""
    return follows(first.candidate, second.candidate, passages)


def follows(a: Any, b: Any, passages: list[Passage]) -> bool:
    """Candidate `b` comes right after candidate `a` in one passage, with nothing but space between."""
    if a.passage_index != b.passage_index or b.start < a.end:
        return False
    return not passages[a.passage_index].text[a.end : b.start].strip()


def neighbour(sentence: Sentence, sentences: list[Sentence], passages: list[Passage], step: int) -> Sentence | None:
    """The sentence just before (step -1) or after (step 1) this one in its passage, if quotable."""
    for other in sentences:
        pair = (other, sentence) if step < 0 else (sentence, other)
        if other is not sentence and adjacent(*pair, passages):
            return other
    return None


def complete(
    lead: Sentence,
    answer_type: str,
    carried: float,
    question_terms: set[str],
    sentences: list[Sentence],
    passages: list[Passage],
    echo_below: float,
    stands_for_asked: bool = False,
) -> list[Sentence]:
    """The lead with the neighbours it needs to be read alone, in document order.

    A lead that states the fact asked (a person, date, number, place or list) stands alone, so
    the direct answer comes first; unless its opening pronoun stands for the name asked
    (`stands_for_asked`: 'It ... meets in Varna') or it is dated or placed by the sentence before ('In
    the same month, ...', 'At the same session, ...'), when that sentence comes first."""
    if answer_type in FACT_TYPES and carried >= 1.0:  # it states the name, date or number asked: it leads
        # 'In the same month, Varna left': the sentence before says which month
        placed = stands_for_asked or PLACED_BACK.match(lead.text)
        before = neighbour(lead, sentences, passages, -1) if placed else None
        return [before, lead] if before else [lead]
    out = [lead]
    if (POINTS_BACK.match(lead.text) or PLACED_BACK.match(lead.text)) and (
        before := neighbour(lead, sentences, passages, -1)
    ):
        out.insert(0, before)
    if novelty(lead, question_terms) < echo_below:
        after = neighbour(lead, sentences, passages, 1)
        if after is not None and not ABOUT_THE_TEXT.search(after.text):
            out.append(after)
    return out


def continuation(lead: Sentence, sentences: list[Sentence], passages: list[Passage], room: int) -> list[Sentence]:
    """The sentences after a definition that go on about its subject ('It is defined as ...'), in order:
    what a thing is is rarely said in one sentence, and the ones after it refer back with 'it'. A
    lead cut from a long sentence at a comma goes on in the rest of that sentence ('..., conducted
    under the plan, | to stop the smuggling of ...'): what the thing does is often said there."""

    def goes_on(current: Sentence, after: Sentence) -> bool:
        return bool(GOES_ON.match(after.text) and not own_subject(after)) or cut_from_one(current, after)

    return run_after(lead, sentences, passages, room, goes_on)


def rest_of_sentence(lead: Sentence, sentences: list[Sentence], passages: list[Passage], room: int) -> list[Sentence]:
    """The pieces after a lead cut from a sentence too long to quote whole ('... a forum for trade; |
    shared ports; | and safe crossings.'): a list's items run on in them."""
    return run_after(lead, sentences, passages, room, cut_from_one)


def run_after(
    lead: Sentence,
    sentences: list[Sentence],
    passages: list[Passage],
    room: int,
    joined: Callable[[Sentence, Sentence], bool],
) -> list[Sentence]:
    """The sentences after `lead` in its passage, at most `room`, while each is `joined` to the one before."""
    out: list[Sentence] = []
    current = lead
    while len(out) < room and (after := neighbour(current, sentences, passages, 1)) and joined(current, after):
        out.append(after)
        current = after
    return out


def own_subject(sentence: Sentence) -> bool:
    """The sentence opens with a person or country of its own ('Norway formally ended its ...'): its
    pronoun stands for that name, not for the subject of the sentence before."""
    facts = sentence.facts
    if facts is None:
        return False
    opening = sentence.text.lstrip(" \t\"'‘“(")
    if any(start == len(sentence.text) - len(opening) for start, _ in facts.persons):
        return True
    return any(opening.lower().startswith(country) for country in facts.countries)


def cut_from_one(first: Sentence, second: Sentence) -> bool:
    """The two are pieces of one sentence too long to quote whole, cut after a comma or a semicolon:
    the first ends with one and the second goes on in lower case."""
    return first.text.rstrip().endswith((",", ";")) and second.text[:1].islower()


# A sentence that gives one item of a list announced before it: 'First, ...', 'A second, for ...'
ORDINAL_OPENER = re.compile(
    r"^\W*(?:(?:first|second|third|fourth|fifth|sixth)(?:ly)?\b|finally\b|lastly\b|"
    r"(?:the|an?)\s+(?:first|second|third|fourth|fifth|sixth|further|final|last)\b)",
    re.I,
)


def enumeration(lead: Sentence, sentences: list[Sentence], passages: list[Passage]) -> list[Sentence]:
    """The items given after `lead`, when there are at least two: a writer announces a list ('three
    patrols', 'three ferry lines:') and gives its items one sentence at a time, each opening with an
    ordinal ('First, ...', 'A second, ...'), or after a colon in clauses cut at semicolons ('... ferry
    lines: the Line of A, which ...; the Line of B, ...'). No single one lists them all."""
    run: list[Sentence] = []
    current = lead
    colon = lead.text.rstrip().endswith(":")
    while (after := neighbour(current, sentences, passages, 1)) and not after.table_row:
        if colon and not current.text.rstrip().endswith((":", ";")):
            break  # the announcing sentence has ended
        if not colon and not ORDINAL_OPENER.match(after.text):
            break
        run.append(after)
        current = after
    return run if len(run) >= 2 else []


def items_announced(
    lead: Sentence, answer_type: str, sentences: list[Sentence], passages: list[Passage]
) -> list[Sentence]:
    """The items a lead announces, quoted after it: those of a list asked ('... three patrols.' 'First,
    ...'), and whatever any lead announces with a colon ('the members will take these further steps:'),
    as the lead alone says only that there are some."""
    if answer_type == "list" or (answer_type not in FACT_TYPES and lead.text.rstrip().endswith(":")):
        return enumeration(lead, sentences, passages)
    return []  # a lead that gives the name, date or place asked needs no list after it


def with_qualifications(chosen: list[Sentence], sentences: list[Sentence], passages: list[Passage]) -> list[Sentence]:
    """The quotes, each followed by the sentence after it in its passage when that one limits it
    ('However, this must not ...'): a quote whose writer goes on to qualify it says more than the
    writer did, and a caveat is often what an analyst asks for."""
    out: list[Sentence] = []
    for sentence in chosen:
        if sentence not in out:
            out.append(sentence)
        after = neighbour(sentence, sentences, passages, 1)
        if after is not None and QUALIFIES.match(after.text) and after not in chosen and after not in out:
            out.append(after)
    return out
