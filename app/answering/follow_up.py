"""Follow-up questions in a conversation, rewritten so they can be answered on their own.

A follow-up leans on what came before: on the previous question ('And the CSTO?', 'how
many?', 'where is it based?') or on the previous answer ('what post did she hold next?' after an
answer naming the person). Each earlier turn is resolved against the one before it, so a
chain of follow-ups keeps its subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.answering.gazetteer import COUNTRIES
from app.answering.query import ORGANISATION_ALIASES, names_in, organisations_named
from app.answering.wording import PARTIAL_OPENING

FOLLOW_UP_START = re.compile(r"^\s*(and|but|also|what about|how about|and what about|then)\b|^\s*(а|и)\s", re.I)
# A question made only of these words asks about what was said before.
BARE_QUESTION_WORDS = {"how", "many", "much", "long", "why", "when", "where", "who", "since", "exactly", "roughly"}
BARE_QUESTION_WORDS |= {"whom", "by", "with", "until", "which", "what", "year", "date"}
# A bare question word that can take the place of the previous question's own ('By whom?' after 'When was
# X proposed?' asks 'By whom was X proposed?'), and that question's auxiliary and what follows it
SWAPPABLE_WH = re.compile(
    r"(?:(?:by|with|for|from|to)\s+whom|(?:since|until)\s+when|(?:in\s+)?(?:what|which)\s+(?:year|date)"
    r"|when|where|why|how long)",
    re.I,
)
WH_THEN_AUX = re.compile(
    r"^\s*(?:(?:since|until)\s+when|(?:in|on)\s+(?:what|which)\s+(?:year|date|day)|(?:what|which)\s+year|how\s+(?:long|often)"
    r"|(?:by|with|for|from|to)\s+whom|when|where|why|how)\s+(?P<rest>(?:did|does|do|was|were|is|are|has|have|had|will|can)\s+\w.*)$",
    re.I,
)
PRONOUN = re.compile(r"\b(it|its|they|them|their|that|this|those|these|he|him|his|she|her|there|then)\b", re.I)
# 'who spoke at that congress?', 'what happened in those years?': a thing named before, even beside a new name
POINTS_AT_EARLIER = re.compile(
    r"\b(?:at|in|on|during|from|after|before|of)\s+(?:that|this|those|these)\s+\w+\W*$", re.I
)
DEFINITE = re.compile(r"\bthe\s+[a-z]")
BARE_PASSIVE = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+\w+(?:ed|en|t)\W*$", re.I)  # 'were sent?'
# 'did it also leave the CSTO?', 'when did it leave the CSTO?': the subject is what was spoken of, whatever
# else the question names ('is it true that ...' has no subject to point back at)
SUBJECT_PRONOUN = re.compile(
    r"^\s*(?:and\s+)?(?:(?:when|where|why|how)\s+)?(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)"
    r"\s+(?:it|they|he|she)\b"
    r"(?!\s+(?:true|possible|likely|known|the\s+case|important|necessary|difficult|hard|easy)\b)",
    re.I,
)
PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her)\b", re.I)
GROUP_PRONOUN = re.compile(r"\b(they|them|their)\b", re.I)
# A question whose answer is a name: its answer is what a later 'him' or 'them' points at.
ASKS_FOR_NAME = re.compile(r"^\s*(?:and\s+)?(?:who|whom|which)\b", re.I)
DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these)\s+[a-z]\w+", re.I)
CONNECTIVE = re.compile(r"^\s*(and|but|also|what about|how about|and what about)\b", re.I)
PREPOSITIONS = r"(?:after|before|since|until|than|by|to|from|with|against|for|of)"
PLURAL_NOUN = re.compile(r"\b[a-z]{3,}[^su\W]s\b")
MARKER = re.compile(r"\s*\[\d+\]")

# (persons, countries) a text names, in order: the index's reading of names (app/answering/facts.py).
NameReader = Callable[[str], tuple[list[str], list[str]]]


@dataclass(frozen=True)
class Resolution:
    """A follow-up made to stand alone.

    `text` is what retrieval reads; `asked`, when set, is the part of it the answer must answer
    (the rest is the conversation it follows); `earlier` is the text whose names still constrain
    the answer ('where is it based?' is still about the organisation asked about before)."""

    text: str
    asked: str = ""
    earlier: str = ""


def is_follow_up(question: str) -> bool:
    """Short questions that lean on the previous turn ('And the CSTO?', 'When was that?')."""
    words = re.findall(r"\w+", question)
    if FOLLOW_UP_START.search(question) and len(words) <= 8:
        return True
    if words and all(w.lower() in BARE_QUESTION_WORDS for w in words):  # 'how many?', 'why?', 'since when?'
        return True
    if len(words) <= 10 and POINTS_AT_EARLIER.search(question):  # '... at that congress?'
        return True
    if len(words) <= 10 and SUBJECT_PRONOUN.search(question):  # 'did it also leave the CSTO?'
        return True
    # 'how wide is the strait?': a short question about 'the' thing, naming nothing, means the one just spoken of;
    # so does one whose act has no doer or place ('how many troops were sent?')
    leaning = PRONOUN.search(question) or DEFINITE.search(question) or BARE_PASSIVE.search(question)
    return len(words) <= 6 and bool(leaning) and not names_in(question)


def resolve_follow_up(question: str, previous_questions: list[str]) -> str:
    """A follow-up rewritten with the earlier questions only (no answers): see `resolve`."""
    return resolve(question, [(q, "") for q in previous_questions]).text


def resolve(question: str, turns: Sequence[tuple[str, str]], names: NameReader | None = None) -> Resolution:
    """The question made to stand alone, given the earlier (question, answer) turns.

    'And the CSTO?' after 'When was the SCO founded?' becomes 'When was the CSTO founded?'.
    'what post did she hold next?' after a who-question whose answer led with a person asks about
    that person; 'and after them?' after 'which state chaired X after A?' answered with B becomes
    'which state chaired X after B?'. Other follow-ups are joined to the previous question, so
    retrieval sees both and the answer still answers the follow-up.
    """
    previous, previous_answer = "", ""
    for earlier_question, earlier_answer in turns:
        previous = step(earlier_question, previous, previous_answer, names).text
        previous_answer = earlier_answer
    return step(question, previous, previous_answer, names)


def step(question: str, previous: str, previous_answer: str, names: NameReader | None) -> Resolution:
    """One follow-up resolved against the previous question (already resolved) and its answer."""
    if not previous or not is_follow_up(question):
        return Resolution(question)
    referent = answer_referent(question, previous, previous_answer, names) if names else ""
    if referent:
        pronoun = PERSON_PRONOUN if PERSON_PRONOUN.search(question) else GROUP_PRONOUN
        said = pronoun.sub(lambda m: f"{referent}'s" if m.group().lower() in ("his", "their") else referent, question)
        swapped = swap_in(said, previous, referent)
        if swapped:
            return Resolution(swapped)
        return Resolution(f"{previous} {said}", asked=said)
    if country := country_swapped(question, previous):
        return Resolution(country)
    if asked := question_word_swapped(question, previous):
        return Resolution(asked)
    lead = answer_lead(previous_answer)
    if lead and ASKS_FOR_NAME.match(previous) and DEMONSTRATIVE.search(question):
        # 'which port was that meeting held in?' after an answer naming the state hosting it: the answer's names
        return Resolution(f"{previous} {lead} {question}", asked=question, earlier=lead)
    new_orgs = organisations_named(question)
    old_orgs = organisations_named(previous)
    if len(new_orgs) == 1 and len(old_orgs) == 1 and new_orgs != old_orgs:
        content = CONNECTIVE.sub("", question)
        if len(re.findall(r"\w+", content)) <= 3:  # nothing asked but the other organisation
            return Resolution(replace_organisation(previous, old_orgs[0], new_orgs[0]))
    joined = f"{previous} {question}"
    return Resolution(joined, asked=question, earlier=joined)


def answer_referent(question: str, previous: str, previous_answer: str, names: NameReader) -> str:
    """The person ('him', 'her') or country or person ('them') the previous answer led with, when the
    previous question asked for a name and the follow-up points at one; else ''."""
    person = PERSON_PRONOUN.search(question)
    if not ASKS_FOR_NAME.match(previous) or not (person or GROUP_PRONOUN.search(question)):
        return ""
    if not person and PLURAL_NOUN.search(previous):  # 'they' after 'who led the troops?' are the troops
        return ""
    lead = answer_lead(previous_answer)
    if not lead:
        return ""
    persons, countries = names(lead)
    asked = {w.lower() for w in re.findall(r"[\w'’-]+", previous)}
    found = persons if person else countries + persons
    new = [n for n in found if not all(w.lower() in asked for w in re.findall(r"[\w'’-]+", n))]
    return new[0] if new else ""


def answer_lead(answer: str) -> str:
    """The first cited sentence of an answer (without its marker), or '' for an answer that cites nothing."""
    if not MARKER.search(answer):
        return ""
    return MARKER.split(answer.strip().removeprefix(PARTIAL_OPENING), maxsplit=1)[0].strip()


def swap_in(said: str, previous: str, referent: str) -> str:
    """'and after B?' after 'which state chaired X after A?' -> 'which state chaired X after B?': an elliptical
    follow-up that repeats the previous question's preposition with a new name; else ''."""
    bare = CONNECTIVE.sub("", said).strip(" ?")
    match = re.fullmatch(rf"(?:who|whom|which|what)?\s*({PREPOSITIONS})\s+{re.escape(referent)}", bare, re.I)
    if not match:
        return ""
    old = re.search(rf"\b{match.group(1)}\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)", previous)
    if not old:
        return ""
    return previous[: old.start(1)] + referent + previous[old.end(1) :]


def country_swapped(question: str, previous: str) -> str:
    """'and Chile?' after 'Why did Norway and Iceland sign?' -> 'Why did Chile sign?': a follow-up that
    names only a country asks the previous question of it, in place of the countries that question
    named together; else ''."""
    asked = CONNECTIVE.sub("", question).strip(" ?.!").lower()
    asked = re.sub(r"^the\s+", "", asked)
    if asked not in COUNTRIES:
        return ""
    names = "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
    run = re.search(rf"\b(?:{names})\b(?:(?:,\s*|,?\s+(?:and|or)\s+)(?:{names})\b)*", previous, re.I)
    if not run or run.group().lower() == asked:
        return ""
    written = " ".join(w[:1].upper() + w[1:] for w in asked.split())
    return previous[: run.start()] + written + previous[run.end() :]


def question_word_swapped(question: str, previous: str) -> str:
    """'By whom?' after 'When was X first proposed?' -> 'By whom was X first proposed?': a follow-up of
    a bare question word asks the previous question with it in place of that question's own, when
    that one is an adverb or 'whom' ('who chaired X' is the subject, 'how many troops' holds the
    object); else ''."""
    bare = CONNECTIVE.sub("", question).strip(" ?.!")
    earlier = WH_THEN_AUX.match(previous.strip())
    if not SWAPPABLE_WH.fullmatch(bare) or not earlier:
        return ""
    return f"{bare[:1].upper()}{bare[1:]} {earlier.group('rest').strip()}"


def replace_organisation(text: str, old: str, new: str) -> str:
    """Swap every alias of one organisation for the plain name of the other."""
    for pattern in ORGANISATION_ALIASES[old]:
        text = re.sub(pattern, new, text, flags=re.I)
    return text
