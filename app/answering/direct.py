"""The direct answer: the date a 'when' question asks for, said before the quote that states it
('On 17 June 2004 [1]. RATS was formally launched in Tashkent on 17 June 2004 ... [1].').

It is the shortest cited span that answers (issue 12, answer shape). It is said only when the quote
leaves no choice: the quote states one date the question does not already contain (or, of several,
the one that dates the document the question names: 'the Charter of D1, the Treaty on Ferries of
D2' asked of the Treaty on Ferries, or the one the act asked is said just before: 'adopted on D2'),
and not in its first words (a quote that opens with
it says it first already).

Names, places and numbers were tried the same way and left out (docs/quality.md, twelfth pass): a
'who' quote names its person early anyway, and a wrong quote's name said alone misleads more. One
kind of name is said: the one attendee of a long list of people that says the name asked (the
thirtieth pass), whom the quote names late; and one place with its date: the '(Place, date)' after
the one item of a list of events that a 'when and where' question names (the thirty-third pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.answering.facts import DAY, MONTH
from app.answering.gazetteer import NOT_NAME_WORDS, words
from app.answering.query import ORGANISATION_ALIASES, ORGANISATION_TERMS
from app.answering.selection import DOCUMENT_NAME, HOW_LONG_IS, HOW_OFTEN, Choice, Selector, is_dateline

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
ACT_WORDS_BEFORE = 6  # 'adopted by the Harbour Council on <date>': the act this near dates it
DOCUMENT_NAME_WORDS = 12  # at most these words of the phrase before 'of <date>' name the document it dates
# Words between a subject and its verb ('was formally adopted', 'had been opened')
AUXILIARY_WORDS = frozenset(words("is are was were be been being has have had formally officially also first"))


@dataclass(frozen=True)
class Direct:
    """The answer itself ('On 2 April 1999.') and the candidate of the quote that states it."""

    text: str
    candidate: Any


def direct_answer(choice: Choice, selector: Selector) -> Direct | None:
    """The direct answer of the chosen sentence: its date for 'when' (`direct_date`), or the one
    attendee a 'who' question names among many (`direct_attendee`); None when it leaves a choice."""
    return (
        direct_dateline(choice)
        or direct_date(choice, selector)
        or direct_place_and_date(choice, selector)
        or direct_attendee(choice)
    )


def direct_dateline(choice: Choice) -> Direct | None:
    """A document's closing 'Varna, 4 July 2031' chosen for 'when (and where) was it adopted':
    'In Varna, on 4 July 2031.', or 'On 4 July 2031.' when only the time is asked."""
    sentence = choice.sentence
    if sentence is None or choice.part.answer_type != "date" or not is_dateline(sentence.text):
        return None
    place, date = (x.strip(" .") for x in sentence.text.split(",", 1))
    if place[:1].isdigit():  # '16 September 2031, Zenda'
        place, date = date, place
    on = "in" if MONTH_OR_YEAR.fullmatch(date) else "on"
    where = re.search(r"\bwhere\b", choice.part.text, re.I)
    return Direct(f"In {place}, {on} {date}." if where else f"{on.capitalize()} {date}.", sentence.candidate)


# 'a meeting of the ferry ministers (Riga, 24-25 May 2031)': the place and date a list gives an event
BRACKETED_EVENT = re.compile(
    rf"\(([A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*),\s*((?:{DAY}(?:\s*[-–]\s*{DAY})?\s+)?(?:{MONTH}\s+)?(?:19|20)\d\d)\)"
)
# the bracket that closes an item of such a list, whatever it holds ('(online, 2031)' is no place and date)
ITEM_BRACKET = re.compile(r"\([^()]*\)(?=\s*(?:[;,.]|$))")


def direct_place_and_date(choice: Choice, selector: Selector) -> Direct | None:
    """'When and where did ferry ministers meet' over a list of events, each followed by its
    '(Place, date)': the bracket after the item that says most of the question's words ('In Riga,
    on 24-25 May 2031.'). None unless the part asks both when and where and one item says more of
    them than any other (the organisation's name, said everywhere, does not count)."""
    part, sentence = choice.part, choice.sentence
    asked_kinds = {m.group().lower() for m in ASKED.finditer(part.text)}
    if sentence is None or not {"when", "where"} <= asked_kinds:
        return None
    asked = set(selector.stem(part.text)) - ORGANISATION_TERMS
    text, counts = sentence.text, []
    for match in ITEM_BRACKET.finditer(text):
        item = text[max(text.rfind(";", 0, match.start()), text.rfind(":", 0, match.start())) + 1 : match.start()]
        counts.append((len(asked & set(selector.stem(item))), match))
    best = max((n for n, _ in counts), default=0)
    named = [match for n, match in counts if n == best]
    event = BRACKETED_EVENT.fullmatch(named[0].group()) if best and len(named) == 1 else None
    if event is None:
        return None
    place, date = event.group(1), event.group(2)
    return Direct(f"In {place}, {'in' if MONTH_OR_YEAR.fullmatch(date) else 'on'} {date}.", sentence.candidate)


# Where one item of a list of people ends: 'A, President of X B, and C as well as D'
ITEM_BREAK = re.compile(r",\s*(?:and\s+|as\s+well\s+as\s+)?|;\s*|\s+as\s+well\s+as\s+|\s+and\s+(?=[A-Z])")
LIST_OPENING = re.compile(r"^.*?\b(?:were|by|included|including)\s+(?=[A-Z])|^[^:]*:\s*")
LIST_OF_PEOPLE = 3  # persons a sentence names for it to be a list of them


def direct_attendee(choice: Choice) -> Direct | None:
    """'Who represented Norway at the Varna summit?', chosen sentence 'Taking part were President of
    Sweden A, President of Norway B, ...': the one item of its list of people that says the name
    asked (Norway) and a person, said first ('President of Norway B.'). None unless exactly one item
    says every name the question asks that the sentence says and that not every item says."""
    part, sentence = choice.part, choice.sentence
    if sentence is None or part.answer_type != "person" or choice.carried < 1.0 or sentence.table_row:
        return None
    text = sentence.text
    if len(sentence.facts.persons) < LIST_OF_PEOPLE:
        return None
    items, start = [], 0
    for cut in [*ITEM_BREAK.finditer(text), None]:
        end = cut.start() if cut else len(text)
        items.append((start, end))
        start = cut.end() if cut else end
    said = [
        c.text
        for c in part.constraints
        if c.kind == "entity"
        and c.text.upper() not in ORGANISATION_ALIASES
        and re.search(rf"\b{re.escape(c.text)}", text)
    ]
    telling = [n for n in said if sum(bool(re.search(rf"\b{re.escape(n)}", text[a:b])) for a, b in items) == 1]
    if not telling:
        return None
    found = [
        (a, b)
        for a, b in items
        if all(re.search(rf"\b{re.escape(n)}", text[a:b]) for n in telling)
        and any(a <= p < b for p, _ in sentence.facts.persons)
    ]
    if len(found) != 1:
        return None
    item = text[found[0][0] : found[0][1]].strip(" .;:")
    if found[0][0] == 0:  # 'Taking part were A': the item, not the words that open the list
        item = LIST_OPENING.sub("", item)
    return Direct(f"{item[:1].upper()}{item[1:]}.", sentence.candidate)


def direct_date(choice: Choice, selector: Selector) -> Direct | None:
    """The date of the chosen sentence that answers a 'when' part, as a short sentence of its own;
    None when the sentence states two dates and does not date the document asked by one of them
    ('applied on ..., was admitted on ...': which one answers is the reader's to see) or the part asks
    two things ('when and where')."""
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
        if len({text[a:b] for a, b in dates}) > 1:  # 'the Charter of D1, the Treaty ... of D2'
            dates = (
                after_the_words_asked(part, sentence, dates, selector)
                or right_after_the_act(part, text, dates, selector)
                or right_after_the_name_asked(part, text, dates, selector)
            )
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


def right_after_the_act(
    part: Any, text: str, dates: list[tuple[int, int]], selector: Selector
) -> list[tuple[int, int]]:
    """Of a sentence's several dates, the one the act asked is said just before: 'Circulated 9 May
    2031 ... Resolution adopted by the Harbour Council on 8 May 2031', asked when it was adopted. []
    when no date, or more than one, follows the act within a few words."""
    if not part.act:
        return []
    family, asked = selector.act_family(part.act), set(selector.stem(part.text))
    near = []
    for start, end in dates:
        before = re.findall(r"[\w'’-]+", text[:start])
        window = before[-ACT_WORDS_BEFORE:]
        acts = selector.saying(window, family)
        if not acts:
            continue
        at = len(before) - len(window) + acts[0]  # the act's word
        name = subject_name(before[:at])
        if name and not set(selector.stem(name[-1])) & asked:
            continue  # 'With the Bergen Secretariat opened in D1 and the ferry office in D2': another's act
        near.append((start, end))
    return near if len({text[a:b] for a, b in near}) == 1 else []


def subject_name(words: list[str]) -> list[str]:
    """The name said right before a verb, as its subject ('the Bergen Secretariat (was) opened'),
    whose last word says what it is; [] when a common noun or nothing stands there. The first word
    of the text may be capitalised only for starting it ('The', 'It'), unless it is no common word."""
    n = len(words)
    while n and words[n - 1].lower() in AUXILIARY_WORDS:
        n -= 1
    name = []
    while n and words[n - 1][:1].isupper() and (n > 1 or words[0].lower() not in NOT_NAME_WORDS):
        n -= 1
        name.insert(0, words[n])
    return name


def right_after_the_name_asked(
    part: Any, text: str, dates: list[tuple[int, int]], selector: Selector
) -> list[tuple[int, int]]:
    """Of a sentence's several dates, the one said right after the name the question asks about, the
    verb left out ('Varna joined the league in 2023, and Zenda in 2024', asked when Zenda joined). []
    unless exactly one date follows such a name; the organisation's name, said everywhere, does not count."""
    asked = set(selector.stem(part.text)) - ORGANISATION_TERMS
    near = []
    for start, end in dates:
        said = re.search(r"([A-Z][\w'’-]*)\s+(?:in|on)\s+$", text[:start])
        if said and said.group(1).lower() not in NOT_NAME_WORDS and set(selector.stem(said.group(1))) & asked:
            near.append((start, end))
    return near if len({text[a:b] for a, b in near}) == 1 else []


def after_the_words_asked(
    part: Any, sentence: Any, dates: list[tuple[int, int]], selector: Selector
) -> list[tuple[int, int]]:
    """Of a sentence's several dates, the one that dates the document the question names: in 'the
    Charter of 7 June 2002, the Treaty on Ferries of 16 August 2007', asked when the Treaty on Ferries
    was signed, the date after 'of' in the phrase that says the Treaty's words. [] when no one such
    date has more of the question's words before it than the others (the organisation's name, said
    everywhere, does not count), for a question that names no document, and for a table row (its
    columns say which date is which)."""
    if sentence.table_row or not re.search(DOCUMENT_NAME, part.text, re.I):
        return []  # 'when did X become an observer': 'the summit of 2005' dates no document asked
    asked = {
        t
        for c in part.constraints
        if c.kind in ("entity", "word", "reference", "topic") and c.text.upper() not in ORGANISATION_ALIASES
        for t in selector.stem(c.text)
    }
    text, counts = sentence.text, []
    for start, end in sorted(dates):
        if not re.search(r"\bof\s+$", text[:start]):
            continue  # a document is dated 'of D'; a date after 'on' or 'in' may be of anything the sentence says
        clause = max(text.rfind(mark, 0, start) for mark in ",;:()")  # the name is in the date's own phrase
        before = " ".join(re.findall(r"[\w'’-]+", text[clause + 1 : start])[-DOCUMENT_NAME_WORDS:])
        counts.append((len(asked & set(selector.stem(before))), (start, end)))
    best = max((n for n, _ in counts), default=0)
    led_up_to = [span for n, span in counts if n == best]
    return led_up_to if best and len(led_up_to) == 1 else []
