"""Which candidate sentences answer which part of the question.

A sentence answers a part only if it carries the expected kind of answer (a person for
"who", a date for "when", a quantity of the thing asked for "how many" ...) that the
question does not already contain, and covers the part's constraints: every name, year
and reference, and enough of the other content words. A constraint the sentence lacks
may be covered by its passage's context (document title, section heading, the sentences
either side); the choice records that it was.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from app.answering.analysis import (
    ACT_NOUNS,
    DETERMINERS,
    DURATION_FORMS,
    GENERIC_PERSON,
    GROUP_NOUNS,
    HOW_MANY,
    LENGTH_OF,
    NAME_ASKED,
    PERSON_NOUNS,
    PHRASAL_ACTS,
    PLACE_NOUNS,
    REFERENCE,
    SAYS_ABOUT,
    SOURCE_WORDS,
    UNIT_CLASSES,
    WHEN_AUX,
    Constraint,
    QuestionPart,
    acting_together_in,
    definition_subject,
    subject_names,
)
from app.answering.facts import (
    CAUSAL_AS,
    DASH,
    DURATION,
    MONTH,
    NUMBER_WORDS,
    PERIOD_UNITS,
    PURPOSE,
    SentenceFacts,
    Span,
    defines,
    years_of_names,
)
from app.answering.gazetteer import COUNTRIES, IRREGULAR_DEMONYMS, MONTHS, is_demonym, words
from app.answering.lexicon import SEAT_ASKED, SEAT_SAID, Lexicon, ruled_acts, same_act, states_rule
from app.answering.query import (
    CONNECTORS,
    NAME_RUN,
    ORGANISATION_ALIASES,
    ORGANISATION_TERMS,
    is_organisation_name,
    organisations_named,
    other_organisation,
)
from app.answering.wording import PRONOUNS
from ingest.keyword import ORDINAL_WORDS
from ingest.tunables import Tunables

GENERIC_PLACE = {"city", "cities", "town", "country", "place", "location", "region", "capital", "where"}
GENERIC_PLACE |= {"state", "nation", "member"}  # 'which member state': any country
CITY_NOUNS = {"city", "cities", "town", "capital"}
STATE_PREFIX = re.compile(r"^(?:the\s+)?(?:Republic|Kingdom|Federation|State)\b(?:\s+of\s+)?", re.I)
# 'who was chair after Jonas Velde', 'which state held it before Ruritania': a place in an order of holders
ORDER_WORD = r"after|before|succeed(?:ed|s)?|preceded|follow(?:ed|s)?|replaced|successor|predecessor"
ORDER_ASKED = re.compile(
    r"\b(?:after|before|succeed(?:ed|s)?|preceded|follow(?:ed|s)?|replaced|(?:successor|predecessor)\s+(?:of|to))"
    r"\s+(?:the\s+)?[A-Z]"
)
# 'who followed X', 'who succeeded X', 'who came after X': the holder after X
AFTER_ASKED = re.compile(r"\b(?:after|succeed(?:ed|s)?|follow(?:ed|s)?|replaced)\s+(?:the\s+)?[A-Z]")


def order_asked(question: str, asked: re.Pattern[str] = ORDER_ASKED) -> re.Match[str] | None:
    """Where the question asks who came before or after a holder: the name after 'after' is a
    holder's, not an organisation's or a month's, nor a state's unless states hold the role asked
    ('who led it after Ruritania's attack', 'after the CSTO summit', 'after March 2020' date an
    event; 'who chaired it after Ruritania' asks the next chair)."""
    states_hold = bool(STATE_ROLES.search(question))
    for match in asked.finditer(question):
        first = re.match(r"[\w’'-]+", question[match.end() - 1 :])
        word = re.sub(r"[’']s$", "", first.group()) if first else ""
        state = _is_country(word) and not states_hold
        if not (state or word.upper() in ORGANISATION_ALIASES or word.capitalize() in MONTHS):
            return match
    return None


# 'who was the first chair', 'who became the first director': the earliest holder
FIRST_ASKED = re.compile(r"\bwho\s+(?:was|were|became)\s+(?:the\s+|its\s+|their\s+)?(?:first|founding)\b", re.I)
FIRST_SAID = re.compile(r"\b(?:first|founding|inaugural)\b", re.I)
HOLDERS_LISTED = 3  # a sentence naming this many people, each with their years, lists holders in turn
# the name just after these words came after the one the sentence is about
FOLLOWED_BY = re.compile(r"\b(?:followed|succeeded|replaced)\s+by\s+(?:[\w-]+\s+){0,3}$", re.I)
ORDER_SAID = re.compile(
    r"\b(?:succeed\w*|successor|predecessor|preceded|replac\w*|follow\w*|(?:took|take[sn]?|handed|hand\w*) over"
    r"|passed(?:\s+on)?\s+(?:[\w'’-]+\s+){0,4}?to|after|next|previous(?:ly)?)\b",
    re.I,
)
# 'from 1 January 2019 to 31 December 2021', '2019-2021': a term, given by its first and last years
TERM = re.compile(
    r"\bfrom\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(\d{4})\s+(?:to|until|till|through)\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(\d{4})"
    rf"|\b(\d{{4}})\s*{DASH}\s*(\d{{4}})\b"
)


def deadline_only(year: str, text: str) -> bool:
    """Every mention of the year in the text is a deadline or an end ('until 2025', 'towards 2030')."""
    mentions = [m.start() for m in re.finditer(rf"\b{year}\b", text)]
    return bool(mentions) and all(re.search(rf"{DEADLINE_WORDS}\s+$", text[:i], re.I) for i in mentions)


def later_terms(text: str, year: str) -> list[str]:
    """The years of the terms the text gives that begin after `year`."""
    years = []
    for match in TERM.finditer(text):
        first, last = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if first > year:
            years += [first, last]
    return years


def only_in_terms(text: str, asked: set[str]) -> bool:
    """The text says the years asked only as ends of terms ('a programme for 2025-2027') and dates
    itself by another year said alone ('2024, Astana: ... adopted a programme for 2025-2027'): it
    tells of that other year."""
    spans = [m.span() for m in TERM.finditer(text)]
    alone = {m.group() for m in YEARS.finditer(text) if not any(a <= m.start() < b for a, b in spans)}
    said = set(YEARS.findall(text))
    return bool(spans) and bool(said & asked) and not alone & asked and bool(alone - asked)


def relation_of(noun: str, question: str) -> bool:
    """'the capital of X': a place noun followed by 'of' names the place's relation to X."""
    return bool(re.search(rf"\b{re.escape(noun)}\s+of\b", question, re.I))


ORDINALS = {"first", "second", "third", "last", "current", "new", "former", "next", "previous"}
# The number at the start of a quantity span, so the word after it (its unit) can be read.
LEADING_NUMBER = (
    r"\s*(?:[$€£¥]\s?)?(?:(?:about|some|around|nearly|almost|over|more than|up to)\s+)?"
    r"(?:[\d][\d,.]*(?:\s?(?:million|billion|thousand|hundred))?|[a-z]+)[\s-]*"
)
OBJECT_PRONOUNS = {*PRONOUNS, "them", "which", "whom", "us", "whose"}
# 'five of the seven ports', '900 of its sailors': the number counts what follows 'of'
PARTITIVE = re.compile(
    rf"{LEADING_NUMBER}of\s+(?:(?:the|its|their|these|those|all)\s+)?(?:(?:\d[\d,]*|{'|'.join(NUMBER_WORDS.split())})\s+)?"
    r"([a-z][\w’'-]*)",
    re.I,
)
# 'the 1999 Ruritania Accord', 'their 1999 trade statement': a year before the name of a document
DOCUMENT_NAME = (
    r"(?:(?:[A-Z][\w-]*|joint|final|(?!(?:the|a|an|in|of|and|on|at|by|to|was|were|is|did)\b)[a-z][\w-]*)\s+){0,3}"
    r"(?i:Declaration|Statement|Charter|Convention|Treaty|Agreement|Accord|Resolution"
    r"|Communiqu[eé]|Report|Address|Memorandum|Protocol|Concept|Strategy|Programme|Plan|press release)\b"
)
# 'who plays the leading role in X', 'who bears responsibility for X': a role a state or a body may have
ROLE_ASKED = re.compile(
    r"^\s*who\s+(?:plays?|played|has|had|bears?|bore|holds?|held)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}"
    r"(?:role|responsibility|part)\b",
    re.I,
)
# and a text saying whose it is: 'the key role belongs to X', 'responsibility lies with X', 'played by X'
ROLE_GIVEN = re.compile(
    r"\b(?:role|responsibility|part)\b[^.;]{0,160}?\b(?:belongs?|lies|lie|rests?)\s+(?:to|with)\b"
    r"|\b(?:role|responsibility|part)\b[^.;]{0,160}?\b(?:is|are|was|were)\s+(?:played|borne)\s+by\b",
    re.I,
)


# The names of things of a general kind, by the noun that ends them: 'the Varna Charter' is a document,
# 'the Harbour Council' a body.
INSTANCES = {
    **dict.fromkeys(
        ("document", "documents", "text", "texts", "instrument", "instruments"),
        re.compile(
            r"\b[A-Z][\w'’-]*\s+(?:Declaration|Statement|Charter|Convention|Treaty|Agreement|Accord|Resolution"
            r"|Communiqu[eé]|Memorandum|Protocol|Concept|Strategy|Programme|Program|Plan)\b"
        ),
    ),
    **dict.fromkeys(
        ("body", "bodies", "organ", "organs", "institution", "institutions"),
        re.compile(
            r"\b[A-Z][\w'’-]*\s+(?:Council|Committee|Secretariat|Structure|Assembly|Centre|Center|Commission|Staff"
            r"|Board|Office|Forum|Conference)\b"
        ),
    ),
}


def placed_by_name(part: QuestionPart, text: str) -> bool:
    """The text gives the body asked with its place right after its name ('the Harbour Pilots Centre
    in Varna'): where it is, though no word says it is based there."""
    return any(
        re.search(rf"{re.escape(c.text)}(?:\s*\([^)]*\))?\s+(?:in|at)\s+(?:the\s+)?[A-Z]", text)
        for c in part.constraints
        if c.kind == "entity" and c.text.upper() not in ORGANISATION_ALIASES and len(c.text.split()) > 1
    )


def initials(name: str) -> str:
    """The initials of a name of two or more capitalised words, connectors skipped ('United Nations':
    UN, 'Harbour Anti-Smuggling Unit': HASU); '' for any other name."""
    words = [w for w in re.split(r"[\s-]+", name) if w.lower() not in CONNECTORS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def said_by_initials(name: str, text: str) -> bool:
    """The text names the name by its initials, or spells out the initials the name is: 'the UN' for
    'United Nations', 'the Harbour League' for 'HL', 'the Varna Port Authority' for 'VPA'."""
    short = initials(name)
    if short:
        return re.search(rf"\b{short}\b", text) is not None
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return False
    # 'the Office of the Harbour Pilots Board' spells 'HPB' too: some of a run's words may be the name
    spelled = [initials(run) for run in NAME_RUN.findall(text)]
    # 'the Treaty on the Harbour Non-Proliferation of Sea Tugs' is known by its kind last: 'HNPT'
    spelled += [initials(f"{m.group(2)} {m.group(1)}") for m in KIND_FIRST.finditer(text)]
    return any(run == name or (len(name) >= 3 and name in run) for run in spelled)


KIND_FIRST = re.compile(
    r"\b(Treaty|Convention|Agreement|Programme|Strategy|Code)\s+on\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)(?=\s+(?:of|on|for|against|in|between)\b|[\s,.;:)]*$|[,.;:)])"
)


def names_instance(kind: str, text: str) -> bool:
    """The text names a thing of the general kind asked ('which document': 'the Varna Charter')."""
    pattern = INSTANCES.get(kind.lower())
    return bool(pattern and pattern.search(text))


# A text dated by its year in a question: 'the 2031 Varna Declaration', 'Ida Berg's 2031 study'
DATED_TEXT = rf"(?:{DOCUMENT_NAME}|(?i:article|study|paper|book|essay|monograph|thesis)\b)"
# A text or meeting named by its place: 'the Varna Declaration', 'the Zenda summit', 'the New Varna one'.
NAMED_BY_PLACE = re.compile(
    r"\b((?:[A-Z][a-z][\w-]*\s+)*[A-Z][a-z][\w-]*)\s+(?i:declaration|statement|charter|convention|treaty|agreement|accords?|communiqu[eé]"
    r"|summit|address|memorandum|protocol)\b"
)
# A name that ends on a body's noun names the body, not a place: 'the Baltic Ferry Union treaty'
BODY_NAME = re.compile(
    r"\b(?:Union|Organi[sz]ation|Council|Community|Commonwealth|Nations|Assembly|Committee|League|Alliance"
    r"|Bank|Forum|Group|Partnership|Parliament|Structure|Centre|Center|Secretariat)$"
)
LENGTH_OR_PERIOD = rf"\b(?:kilomet\w*|km|miles?|met(?:re|er)s?)\b|{PERIOD_UNITS}"
# A sentence saying the figures or facts are not given: evidence that the documents lack them.
UNAVAILABLE = re.compile(
    r"\b(?:gives? none|(?:have|has|had) not been (?:published|disclosed|made public|released)"
    r"|(?:is|are|was|were|remains?) (?:not (?:publicly )?(?:known|available|disclosed)|unknown|undisclosed)"
    r"|no (?:official |reliable |published )?(?:figures|data|numbers) (?:have|has|were|was|are|is)\b"
    # the text says what it leaves out: 'this report does not give the figures'
    r"|\b(?:this|the) (?:briefing|document|report|article|source|text|paper) (?:does|did) not"
    r" (?:give|say|state|record|list|name)\b)",
    re.I,
)
# 'what number', 'which code': an identifier or figure, which a sentence without one does not give
NUMBER_HEADS = frozenset(words("number numbers code symbol"))
# A sentence that dates what it tells by the sentence before: 'In the same month, ...', 'Later that year'
SAME_TIME = re.compile(
    r"\W*(?:(?:in|on|during|later|earlier)\s+)?(?:the\s+same|that\s+same|that)\s+"
    r"(?:day|week|month|year|spring|summer|autumn|winter)\b",
    re.I,
)
DATED = re.compile(rf"\b(?:1[89]|20)\d\d\b|\b{MONTH}\b", re.I)
# 'how long is the mandate', 'length of the frontier?': a duration or a length, not a count
HOW_LONG_IS = re.compile(rf"\bhow long (?:is|are)\b|{LENGTH_OF}", re.I)
HOW_OFTEN = re.compile(r"\bhow often\b", re.I)
# 'for how many years': a count of periods, which one date does not give ('how long did it last' may be
# answered by when it ended)
COUNT_OF_PERIODS = re.compile(rf"\bhow many {PERIOD_UNITS}", re.I)
# Verbs that say only that an event happens: 'how often are summits held' asks how often they meet
HAPPENING = "held hold holds take takes took taking place occur occurs happen happens convened convene meet meets"
# How often something happens: 'once a year', 'twice yearly', 'annually', 'every two years'.
_PERIOD = r"(?:year|month|week|day|decade)s?"
FREQUENCY = re.compile(
    rf"\b(?:(?:once|twice|\w+ times)\s+(?:a|per|each|every)\s+{_PERIOD}|(?:once|twice)\s+(?:yearly|monthly)"
    rf"|annual(?:ly)?|yearly|monthly|weekly|daily|biennial(?:ly)?|every\s+(?:\w+\s+)?{_PERIOD}|each\s+{_PERIOD}"
    rf"|(?:a|per)\s+(?:year|month|week))\b",
    re.I,
)
# 'Varna, 4 July 2031' on a line of its own: where and when the document it closes was adopted
# (or the other way round: '16 September 2031, Zenda')
DATELINE_PLACE = r"(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*"
DATELINE_DATE = rf"(?:\d{{1,2}}\s+{MONTH}|{MONTH}\s+\d{{1,2}},?)\s+\d{{4}}"
DATELINE = re.compile(rf"(?:{DATELINE_PLACE},\s+{DATELINE_DATE}|{DATELINE_DATE},\s+{DATELINE_PLACE})\.?")


def is_dateline(text: str) -> bool:
    return DATELINE.fullmatch(text.strip()) is not None


# A chronology entry's head: its date (and place) before a colon, which date all the entry says
TIMELINE_HEAD = re.compile(r"^\W*(?:19|20)\d\d\b[^:.;]{0,60}:|^\W*\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d\b[^:.;]{0,40}:")
YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
YEAR_ASKED = re.compile(r"\b(?:what|which) year\b", re.I)
# A status short of full membership: counted apart from the members ('how many observer states')
LESSER_STATUS = frozenset({"observer", "observers", "partner", "partners", "dialogue", "associate", "associates"})
# A length of time alone: 'six months', 'a three-year' (a date question's answer is a time)
DURATION_ALONE = re.compile(DURATION, re.I)
# 'When did X start': a date after 'since' ('has run since 2008') is when it began
START_ASKED = re.compile(r"\b(?:start|started|begin|began|begun|commence|commenced)\b", re.I)
SINCE = re.compile(r"\bsince\s+$", re.I)
RELATIVE = re.compile(r"\s+(?:later|after|afterwards|ago|before|from|since)\b", re.I)
DAY_ASKED = re.compile(r"\b(?:what|which) (?:(?:exact|precise|specific) )?(?:date|day)\b", re.I)
# Words that state a cause outright; the facts' CAUSAL also counts 'after', 'amid', 'over' ...,
# which often only date the event. A why-lead that states one gains CAUSE_BONUS (dev sweep
# 0.05/0.1/0.15/0.2/0.3 over the five dev sets' why-questions: 0.1-0.2 picked the same leads, +2 right,
# none lost; 0.05 none).
STATED_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|as a result|so that|in order to|reflects?|reflected|the reason|"
    r"the explanation|explained by)\b",
    re.I,
)
CAUSE_BONUS = 0.15
CAUSE_FORMS = (STATED_CAUSE, CAUSAL_AS, PURPOSE)  # 'because ...', '... as it disagrees', ', to carry the mail'
# 'Why did X not act?' is answered by what stood in the way: a rule, a lack, a reading of the case
# ('has no mechanism for', 'outside its mandate', 'treating it as an internal matter', 'arguing that');
# the sentence that only says X did not act restates the question. Such a sentence carries a reason.
WHY_NOT = re.compile(r"\bwhy\b.*(?:n't\b|\b(?:not|never|refused?|refuses|declined?|declines|failed?|fails)\b)", re.I)
STATED_GROUNDS = re.compile(
    r"\b(?:argu(?:e|es|ed|ing)|on the grounds|treating|treated|regarded|considered|no mechanism|no mandate|"
    r"outside (?:its|their|the) (?:mandate|remit|scope)|not covered|does not cover|covers? only|only covers?|"
    r"could not|cannot|can not|unable|lacks?|lacked|ha[sd] no|did not allow|does not allow|not allowed|"
    r"no provision|not provide|did not provide)\b",
    re.I,
)
# A 'what is X' lead that says what X is ('X is the founding treaty') over one that only speaks of X
# ('X's principles stress sovereignty'), whose words are nearer the question's. Dev sweep
# 0.05/0.1/0.15/0.2/0.3: from 0.15 one dev answer better, none worse, the same leads up to 0.3.
DEFINITION_BONUS = 0.15
# A comparison's lead that sets the two side by side ('A is wider, while B is more hierarchical') over
# one that names both and compares nothing ('neither A nor B will dissolve'). The new probe sets'
# comparisons: 0.1 changed two leads (both better) and no other answer of any set.
COMPARISON_BONUS = 0.1
# A resolution's or declaration's preambular clause ('Noting the increase in ...,', 'Recalling its
# resolution ...,') gives the setting of what the text then decides; asked what the states do or plan,
# the operative sentence answers ('Member States will implement ...'). Such a clause loses PREAMBLE_PENALTY
# for the answer types that ask what is done.
PREAMBLE = re.compile(
    r"^\W*(?:Noting|Recogni[sz]ing|Reaffirming|Recalling|Emphasi[sz]ing|Stressing|Welcoming|Expressing|"
    r"Bearing in mind|Taking into account|Acknowledging|Considering|Guided by|Convinced|(?:Deeply )?Concerned|"
    r"Determined|Mindful|Aware|Underlining|Underscoring|Affirming|Reiterating|Highlighting|Having|Referring|"
    r"Taking note)\b"
)
PREAMBLE_PENALTY = 0.15

# A heading or signature block: at least this many lines, half of them at most this long
MASTHEAD_LINES = 4
MASTHEAD_LINE_CHARS = 35
DOING_ASKED = frozenset({"other", "process"})
# 'What did the port mayors agree (decide, propose) to do?': what was agreed is said with that verb
# ('The mayors agreed to share pilots ...'), not by the sentences that set the meeting's scene.
UNDERTAKING_ASKED = re.compile(
    r"^\s*what\b[^?]*?\b(?:did|do|does|will|would|have|has|had)\b[^?]*?\b(agree|decide|propose|recommend)d?\b",
    re.I,
)
# 'What did the mayors say should be funded and improved?': what they said is said with those verbs
# ('... stressed the need to fund the ferries and improve the piers'), not by the meeting's scene.
SAID_NEEDED_ASKED = re.compile(
    r"^\s*what\b[^?]*?\b(?:did|do|does|have|has|had)\b[^?]*?\b(?:say|stress|believe|think|argue|consider|feel)\b"
    r"[^?]*?\b(?:should|must|ought\s+to|needs?\s+to|needed\s+to)\s+(?:be\s+)?([\w-]+)(?:\s+and\s+([\w-]+))?",
    re.I,
)
# 'Who is / heads / chairs X?' asks for today's holder: a sentence that calls its person the current
# one gains CURRENT_BONUS over one that names a holder in a dated past event.
PRESENT_ASKED = re.compile(
    r"^\s*who\s+(?:(?:is|are|(?:has|have)\s+been)\b|(?:currently\s+|now\s+)?(?:heads|leads|chairs|runs|directs|serves|holds)\b"
    r"|(?:has|have)\s+(?:headed|led|chaired|run|directed|served|held)\b)",
    re.I,
)
CURRENT_SAID = re.compile(rf"\b(?:current(?:ly)?|incumbent|at present|presently)\b|{DASH}\s*present\b", re.I)
# A holder named as an example, not as the one in office now: 'for example, a Chinese official, X'
EXAMPLE_BEFORE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as)\b[^.;]*$", re.I)
EXAMPLE_REACH = 60  # characters before the name in which 'for example' introduces it
# A term that has ended, said after a holder's name: '(2027-2028)', 'from 2009 until the end of 2015'
_YEAR = r"(?:19|20)\d\d"
CLOSED_TENURE = re.compile(
    rf"\(\s*{_YEAR}\s*{DASH}\s*(?:{_YEAR}|\d\d)\s*\)|\bfrom\s+(?:\w+\s+){{0,2}}{_YEAR}\s+(?:to|until|till)\s+"
    rf"(?:the\s+end\s+of\s+)?(?:\w+\s+){{0,2}}{_YEAR}|\b(?:served|held)\b.*\b(?:until|till)\s+(?:the\s+end\s+of\s+)?{_YEAR}",
    re.I,
)
YEAR_RANGE = re.compile(rf"{_YEAR}\s*{DASH}\s*{_YEAR}")
# Succeeding to an office, said right after the name ('X of Norway took over in 2031')
TOOK_OFFICE = re.compile(
    r"^\W*(?:\(?(?:of|from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\)?,?\s+)?"
    r"(?:took\s+(?:over|office|up\s+the\s+post)|has\s+held\s+the\s+post|assumed\s+(?:office|the\s+post))\b"
)
# 'Who signed X?': 'X was signed by A and B' over 'at the signing, A said ...', which often stands
# nearer the question's words. Dev sweep 0.15/0.25/0.4: from 0.25 two answers better, none worse.
AGENT_BONUS = 0.25
# 'Which Varnan proposal': a sentence on Varna's proposal ('Varna's proposal', 'the proposal of
# Varna') over one that names Varna and someone else's proposal. It only breaks near ties.
KIND_OWNED_BONUS = 0.05
KIND_OWNED_WINDOW = 3  # words between the name and the noun asked: 'the Republic of Varna's new proposal'
LOCATION_COLUMNS = ("location", "venue", "place")  # table columns whose cells are places of any kind
# 'How can a member withdraw?': the sentence that gives the rule over one about a state that did it.
# Dev sweep 0.1/0.15/0.25: 0.1 kept the case, 0.15 and 0.25 the same answers.
RULE_BONUS = 0.15
# 'Founding' as a role's adjective: 'the founding Chairman', 'a founding member', 'founding states'
FOUNDING_ROLE = re.compile(
    r"\bfounding\s+(?:chair\w*|members?|states?|fathers?|documents?|countr(?:y|ies)|parties|signator(?:y|ies)"
    r"|directors?|president|secretar\w*)\b",
    re.I,
)
# A whole list under a lead line that names what is asked ('Member ports (8)'), for a list question
WHOLE_LIST_BONUS = 0.3
CURRENT_BONUS = 0.15  # dev sweep 0.1-0.3: no dev answer moved; the smallest that put the current holder first in probes
# 'When was X signed?' is best answered with the day: a sentence dating the act to a day gains
# DATE_PRECISION_BONUS over one that gives only its year (half for a month). Dev sweep
# 0.05/0.1/0.15/0.3: from 0.15 three dev answers better and one a token worse, the same up to 0.3.
DATE_PRECISION_BONUS = 0.15
# 'what UN year', 'over what period': a day is not better
YEAR_WANTED = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}(?:years?|period|term)\b", re.I)
DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\s+\d{{1,2}}\b|\d{{4}}-\d\d-\d\d", re.I)
# 'who holds the chairmanship', 'who hosted it', 'who founded it': states as often as people
STATE_ROLES = re.compile(
    r"\b(?:chairmanship|presidency|host|hosts|hosted|hosting|found|founded|founders?|set up|established"
    r"|signed|signatories|ratified|acceded|joined)\b",
    re.I,
)
# Lists of events no state can be an item of ('which exercises': not the states that took part)
THING_LISTS = re.compile(r"exercises|drills|manoeuvres|maneuvers|operations|missions", re.I)
BODY_LISTS = {"bodies", "organisations", "organizations", "institutions", "agencies"}
# 'Where was the study published?': the journal, paper or publisher it appeared in or was issued by
PUBLISHED_ASKED = re.compile(r"\bwhere\b.*\b(?:published|appeared|printed|issued)\b", re.I)
VENUE = re.compile(
    r"\b(?:appeared|published|printed|issued)\s+(?:\w+\s+){0,3}?(?:in|by)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+)*"
    r"(?:Journal|Review|Quarterly|Affairs|Studies|Press|Times|Post|Magazine|Bulletin|Gazette|Herald|Monitor|Yearbook)\b",
    re.I,
)
NAME_LISTS = {"names", "nicknames", "titles"}  # 'what other names': what the thing is called
CALLED = re.compile(
    r"\b(?:called|known\s+as|referred\s+to\s+as|nicknamed|dubbed|renamed|titled|styled|termed|"
    r"(?:is|are|was|were|been)\s+named)\s+(?:an?\s+|the\s+)?[\"“'‘]?[A-Z]"
)
COUNTRY_LISTS = {"countries", "states", "nations", "members", "partners", "observers", "participants", "parties"}
OPEN_LISTS = {"participants", "partners"}  # taken by states and by organisations alike
# 'How many states ...': a list of this many states answers it without a number
STATE_UNITS = {"countries", "states", "nations", "members", "signatories", "parties"}
LISTED_TO_COUNT = 2
# A quote after the direct answer scores at least this share of the lead's score: no far-fetched
# extras. Dev sweep 0.85/0.75/0.65/0.5 for supporting quotes (which also meet the constraints and come
# from the lead's passage): 0.65 gave the most token recall before citation precision fell. A list's
# further items come from any passage, so they need more (0.85/0.7/0.65/none: 0.7 kept most items
# and cut quotes from unrelated passages).
SUPPORT_FLOOR = 0.65
# A supporting quote that itself carries the kind of answer asked (a date for 'when', a person for
# 'who') is preferred, and needs only this share (dev: none / 0.45; none cost 0.016 citation precision).
ANSWERING_SUPPORT_FLOOR = 0.45
# Words that set two things side by side: what a comparison's answer says.
CONTRAST = re.compile(
    r"\b(?:differ\w*|different|difference|whereas|unlike|versus|contrast\w*|similar\w*|rather than|"
    r"instead of|(?:more|less|larger|smaller|bigger|older|newer|wider|narrower) than|the same as)\b",
    re.I,
)
# A joint between two clauses: 'A has wider functions, and B is more hierarchical' speaks of each in turn
CLAUSE_JOINT = re.compile(r",\s*(?:and|but|while|whereas)\b|;|\b(?:while|whereas)\b", re.I)
# Answer types whose kind a sentence can be seen to carry or not (Selector.carries); any sentence
# 'carries' an open question ('what ...', yes/no).
KINDS_SEEN = {"person", "date", "number", "place", "list", "definition", "reason", "process", "comparison"}
LIST_ITEM_FLOOR = 0.7
# A name of capitalised words joined by 'of', 'the', 'for' ... ('Plan of Events of the Expert Group')
LONG_NAME = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:(?:of|the|for|on|in)\s+)*[A-Z][\w-]*)*")
# A sentence that adds an item named by the kind asked ('Operation Seagull' for 'which operations')
# joins a list answer at half the lead's score. Dev sweep 0.3/0.5/0.7: one answer better from 0.5.
KIND_NAMED_FLOOR = 0.5
MONEY_WORDS = {"budget", "cost", "costs", "price", "payment", "payments", "salary", "fee", "fees", "spending"}
MONEY_WORDS |= {"funding", "investment", "investments", "contribution", "contributions", "debt", "owe", "paid", "pay"}
MONEY_WORDS |= {"finance", "financing", "funds", "loan", "loans", "grant", "grants", "sum", "sums"}
MONEY_WORDS |= {"spend", "spends", "spent", "invest", "invests", "invested", "lend", "lent"}
MONEY_WORDS |= {"save", "saved", "saving", "savings", "prices"}
# What a sum is: a budget is not a saving, a cost not a loan. A question naming one asks for a sum
# said to be of that kind (words of one family name the same kind).
MONEY_KINDS = [
    frozenset(words(kind))
    for kind in (
        "budget budgets fund funds funded funding finance financed financing",
        "cost costs price prices spend spends spent spending expenditure",
        "payment payments pay paid fee fees salary",
        "investment investments invest invests invested",
        "loan loans lend lent debt owe credit",
        "contribution contributions contribute contributed",
        "grant grants granted",
        "save saves saved saving savings",
    )
]


@dataclass(frozen=True)
class SelectionConfig:
    """Thresholds of the selection rules (declared, with reasons, in ingest/tunables.py)."""

    min_word_coverage: float  # IDF-weighted share of a part's content words a sentence must contain
    slot_window: int  # words between a person's name and the role or qualifier that describes them
    context_weight: float  # how much a word found only in the context counts
    max_answer_chars: int  # an answer longer than this drops its last supporting quotes
    required_slack: float  # share of a part's names, years and references an answer may leave unsaid
    echo_below: float  # a lead with less than this share of new words is quoted with its next sentence

    @classmethod
    def from_tunables(cls, tunables: Tunables | None = None) -> SelectionConfig:
        """The selection settings as resolved (defaults when none are given)."""
        return cls(**(tunables or Tunables()).pick(f.name for f in fields(cls)))


@dataclass
class Sentence:
    """A candidate sentence with the stemmed terms of itself and of its context."""

    index: int  # position in the candidate list
    text: str
    terms: set[str]
    context_terms: set[str]
    facts: SentenceFacts
    score: float  # how well it matches the question overall (the composer's evidence score)
    candidate: Any = None  # the composer's Candidate: passage, offsets, vector
    heading: str = ""  # the section heading of its passage ('SCO dialogue partners (as of 2024)')
    antecedent: str = ""  # the sentence before, when this one opens with a pronoun ('It meets in Varna.')
    previous: str = ""  # the sentence before it in its paragraph
    numbered: str = ""  # the number of the numbered paragraph it is in ('4. Welcomes ...'), if any

    @property
    def table_row(self) -> bool:
        """A row of a table, read with its header: a fact of its own, not a sentence among others."""
        return self.row is not None

    @property
    def row(self) -> Any:
        """The table row (ingest/tables.TableRow) this sentence is, if it is one."""
        return getattr(self.candidate, "row", None)


@dataclass
class Choice:
    """The sentence chosen for one part, or the reason none was."""

    part: QuestionPart
    sentence: Sentence | None = None
    from_context: list[str] = field(default_factory=list)  # constraints only the context covers
    strength: float = 0.0
    share: float = 0.0  # weighted share of the part's constraint terms the sentence covers
    carried: float = 0.0  # how strongly the sentence carries the answer type (Selector.carries)


@lru_cache(maxsize=1)
def stemmed_demonyms() -> dict[str, set[str]]:
    """Stemmed adjective <-> stemmed country for the irregular ones ('chines' <-> 'china')."""
    table: dict[str, set[str]] = {}
    for adjective, country in IRREGULAR_DEMONYMS.items():
        a, c = Lexicon.stem(adjective), Lexicon.stem(country)
        if a and c:
            table.setdefault(a[0], set()).add(c[-1])
            table.setdefault(c[-1], set()).add(a[0])
    return table


def numbered_in(reference: str, terms: set[str]) -> bool:
    """'Resolution 12/17' asked of a passage whose document is titled 'RES 12 17': a number of two parts
    or more is the document's own, however short the title spells its kind."""
    asked = REFERENCE.fullmatch(reference)
    parts = re.findall(r"\d+", asked.group(2)) if asked else []
    return len(parts) >= 2 and all(p in terms for p in parts)


def names_country(word: str, country: str) -> bool:
    """'Norway' or 'Norwegian' (the parliament that ratified) names Norway; 'Kazakh' names Kazakhstan."""
    low = word.lower()
    if low == country or IRREGULAR_DEMONYMS.get(low) == country:
        return True
    return low[:4] == country[:4] and low != country and is_demonym(word)


def unrealised(before: str, after: list[str] | None = None) -> bool:
    """Do the words just before an act deny it or make it one not (yet) done: 'not', 'never',
    'declined to' within two words; 'procedure for', 'applied for', 'plans to', 'would' within three;
    or does the word after it make it a step towards the act ('the admission procedure', 'an
    accession bid')."""
    if STATUS_SOUGHT.search(before):
        return True  # 'a memorandum on Ruritania to obtain the status of a permanent member'
    if after and after[0].lower() in STEPS_TOWARDS:
        return True
    words = [w.lower() for w in re.findall(r"[\w'’-]+", before)]
    denied = any(w in NEGATIONS or w in REFUSALS or w.endswith("n't") for w in words[-2:])
    return denied or any(w in PROSPECTIVE for w in words[-3:])


def membership_changed(stems: list[str], text: str) -> bool:
    """The text says the act by the membership it gives or ends: to join is to become a member
    ('granting Belarus full membership', a 'Member since' column), to leave is to end one's
    membership ('X suspended its membership'); not a membership only sought."""
    taken = any(not unrealised(text[: m.start()]) for m in MEMBERSHIP_TAKEN.finditer(text))
    if taken and any("join" in same_act(t) for t in stems):
        return True
    return bool(MEMBERSHIP_ENDED.search(text)) and any("leav" in same_act(t) for t in stems)


def is_organisation(word: str) -> bool:
    """'SCO', 'CSTO's': a name of one of the organisations, possessive or not."""
    return re.sub(r"['’]s$", "", word).upper() in ORGANISATION_ALIASES


def word_matches(term: str, terms: set[str], acts: bool = True) -> bool:
    """A stemmed term in a set, allowing a nationality adjective to match its country ('georgian' ~
    'georgia') and, unless the word is part of a name (`acts` False), another word for the same act
    ('left' ~ 'withdrew', see lexicon.SAME_ACT)."""
    if term in terms or (acts and not same_act(term).isdisjoint(terms)):
        return True
    for other in stemmed_demonyms().get(term, ()):
        if other in terms:
            return True
    if len(term) < 4:
        return False
    if acts and len(term) >= 5 and term[-1] in "ds" and term[:-1] + ("s" if term[-1] == "d" else "d") in terms:
        return True  # the verb and its noun: 'divide' ~ 'division', 'decide' ~ 'decision', 'extend' ~ 'extension'
    return any(
        len(t) >= 4 and (t.startswith(term) or term.startswith(t)) and abs(len(t) - len(term)) <= 4 for t in terms
    )


class Selector:
    """Applies the rules of this module to the candidates of one question."""

    def __init__(self, config: SelectionConfig, stem: Callable[[str], list[str]], idf: Callable[[str], float]):
        self.config = config
        self.stem = stem
        self.idf = idf
        self._happening = set(stem(HAPPENING))
        self._future_terms = set(stem(" ".join(FUTURE_WORDS)))

    def coverage(self, part: QuestionPart, sentence: Sentence) -> tuple[bool, float, list[str]]:
        """(every name/year/reference covered, weighted share of all constraint terms, constraints met only by context).

        A name of several words is covered when at least half its words are ('UN Secretary-General'
        by 'the Secretary-General'); a comparison weighs its names instead of requiring each, as each
        side of the answer speaks of one. A country the question names is not covered by the context
        of a sentence that names other countries and not it: that sentence is about them.
        """
        from_context: list[str] = []
        compare = part.answer_type == "comparison"
        # the sentence is about the other one, or (naming neither) its section is
        about = sentence.text if organisations_named(sentence.text) else sentence.heading
        if sentence.antecedent:  # 'It grew out of the NBFU assembly': 'it' is what the sentence before names
            about = f"{sentence.antecedent} {about}"
        if not compare and other_organisation(part.text, about):
            return False, 0.0, from_context
        # a sentence that dates nothing itself goes on about the time the sentence before it in its
        # paragraph gives ('The worst fighting came in May 2031. Official figures reached 60 dead.')
        dated_by = sentence.antecedent or ("" if YEARS.search(sentence.text) else sentence.previous)
        if of_another_month(part.text, f"{dated_by} {sentence.text}"):
            return False, 0.0, from_context
        if of_another_ordinal(part.text, sentence.text):
            return False, 0.0, from_context
        required = [] if compare else part.required()
        by_order: set[str] = set()  # terms of a name said by the table row above or below
        # A question sets its scene with names the answer need not repeat: a share may be missing.
        may_miss = int(len(scene_setting(required)) * self.config.required_slack)
        for constraint in required:
            terms = self.stem(constraint.text)
            if constraint.kind == "entity" and self._named_before(constraint, terms, sentence):
                from_context.append(constraint.text)  # 'It meets in Varna': 'it' is the body the sentence before names
                continue
            if constraint.kind == "entity" and of_another_body(constraint.text, sentence.text, part.text):
                return False, 0.0, from_context  # 'the UN Mission' asked; the sentence's mission is NATO's
            # 'Article 9' asked: what the sentence says is that article's (a text the answer is read from,
            # 'according to Resolution 12/3', is the document's own number, which its sentences do not repeat)
            if constraint.kind == "reference" and constraint.text not in sources_named(part.text):
                if says_reference(constraint.text, f"{sentence.heading} {sentence.antecedent} {sentence.text}"):
                    continue
                if numbered_as(constraint.text, sentence.numbered):
                    continue  # 'paragraph 4' is the one numbered '4.'
                if len(terms) > 1 and self._names(constraint, terms, sentence.terms | sentence.context_terms):
                    from_context.append(constraint.text)
                    continue
                if numbered_in(constraint.text, sentence.context_terms):
                    from_context.append(constraint.text)
                    continue
                return False, 0.0, from_context
            if constraint.kind == "head" and names_instance(constraint.text, sentence.text):
                continue  # 'which document': 'the Varna Charter' is one, though the sentence never says 'document'
            if constraint.kind == "topic":  # its words together, in the sentence or in its section's heading
                if says_topic(terms, self.stem(sentence.text)):
                    continue
                if sentence.heading and says_topic(terms, self.stem(sentence.heading)):
                    from_context.append(constraint.text)
                    continue
                return False, 0.0, from_context
            if not terms or self._names(constraint, terms, sentence.terms, self.stem(sentence.text)):
                continue
            if names_organisation(constraint.text, sentence.text):  # 'Shanghai Five' names the SCO
                continue
            if constraint.kind == "entity" and said_by_initials(constraint.text, sentence.text):
                continue  # 'the United Nations' names the UN; 'the UN' the United Nations
            if names_person(constraint.text, sentence):  # 'Pashinyan said' names Nikol Pashinyan
                continue
            if self._scene_told_before(part, constraint, terms, sentence):
                from_context.append(constraint.text)
                continue
            if follows_in_table(part.text, constraint.text, sentence):  # 'who came after Ida Berg': her row above
                by_order.update(terms)
                continue
            if self._other_country(part, constraint.text, sentence):
                if self._items_elsewhere(part):
                    continue  # the answer is another country than the one named
                return False, 0.0, from_context
            if counts_own(constraint.text, part):
                return False, 0.0, from_context  # its neighbours naming Varna do not make the force's size Varna's
            # by its context: a body's own words, not its organisation's ('CSTO Parliamentary Assembly' is not
            # named by a CSTO document's 'parliamentary debates in the National Assembly', another assembly)
            own = tuple(t for t in terms if t not in ORGANISATION_TERMS) or terms
            if (
                self._names(constraint, own, sentence.terms | sentence.context_terms)
                and not (constraint.kind == "entity" and names_another_of_kind(constraint.text, sentence.text))
                and not of_another_year_before(part, constraint, sentence)
                and not counted_elsewhere(part, constraint, sentence.text)
            ):
                if constraint.kind == "entity" and opens_with_other_body(sentence, constraint.text):
                    return False, 0.0, from_context  # 'The HLC Ferry Board, also in Varna, ...' under a heading
                from_context.append(constraint.text)  # that names the HLC Assembly too: the sentence is the board's
                continue
            if constraint.text in part.kind_names:  # 'which Estonian proposal': whose is what is asked
                return False, 0.0, from_context
            if constraint.text in MEETING_OF_BODY.findall(part.text) or constraint.text in counted_whole(part):
                return False, 0.0, from_context  # 'who chaired the meeting of the Port Council': not another's
            if (
                may_miss <= 0
                or self._other_years_around(part, constraint, sentence)
                or of_another_year_before(part, constraint, sentence)
            ):
                return False, 0.0, from_context
            if of_another_place(constraint.text, part.text, sentence):
                return False, 0.0, from_context  # 'its meeting in Varna', unsaid around; the sentence's in Zenda
            if (
                constraint.text in NAMED_BY_PLACE.findall(part.text)
                or said_about(constraint.text, part.text)
                or acted_for(constraint.text, part)
                or constraint.text in PARTY_WITH.findall(part.text)
            ):
                # what 'the Varna Declaration' says is said in it, or of it; what it says about Zenda names
                # Zenda; who represented Zenda is named beside Zenda
                return False, 0.0, from_context
            may_miss -= 1
        terms = [t for c in part.constraints if not c.inherited for t in self.stem(c.text)]
        if HOW_OFTEN.search(part.text):  # 'how often are summits held': it 'meets once a year', said another way
            terms = [t for t in terms if t not in self._happening]
        if by_order:  # and the word that asks for the order ('after'), which the row's place says
            by_order.update(
                t for c in part.constraints if re.fullmatch(ORDER_WORD, c.text, re.I) for t in self.stem(c.text)
            )
        if not terms:
            return True, 1.0, from_context
        # 'who heads X': a Secretary-General or director named in the sentence (or its passage) heads it
        heading = {t for c in part.constraints if HEADING_ACT.fullmatch(c.text) for t in self.stem(c.text)}
        # a dateline ('Varna, 4 July 2031') says nothing but when and where its document was adopted:
        # the document's title and section are what it speaks of
        own = sentence.terms | sentence.context_terms if is_dateline(sentence.text) else sentence.terms
        total = weight = 0.0
        for term in dict.fromkeys(terms):
            w = self.idf(term)
            total += w
            chief = term in heading and self._chief_named(sentence.terms)
            said = word_matches(term, own) or term in by_order or seated(part, term, sentence.terms)
            if said or chief or (term in self._future_terms and FORESEEN.search(sentence.text)):
                weight += w
            elif word_matches(term, sentence.context_terms) or (
                term in heading and self._chief_named(sentence.context_terms)
            ):
                weight += w * self.config.context_weight
        return True, weight / total if total else 1.0, from_context

    def _named_before(self, constraint: Constraint, terms: tuple[str, ...], sentence: Sentence) -> bool:
        """The sentence's opening pronoun stands for the name asked: the sentence before names it (a
        like name in this one, 'the NBFU assembly' it grew out of, is another body)."""
        subject = subject_of(sentence.antecedent)
        return bool(subject) and self._names(constraint, terms, set(self.stem(subject)), self.stem(subject))

    def _scene_told_before(
        self, part: QuestionPart, constraint: Constraint, terms: tuple[str, ...], sentence: Sentence
    ) -> bool:
        """'What did Varna ask for after the Zendan raid of May 2031?': a name of the event that sets
        the scene may be said only by the sentence before, which tells of the event
        ('In May 2031 Zendan troops raided ... Varna asked for talks.')."""
        scene = SCENE_CLAUSE.search(part.text)
        if not scene or not sentence.previous or constraint.text not in scene.group(1):
            return False
        previous = self.stem(sentence.previous)
        return self._names(constraint, terms, set(previous), previous)

    def _names(
        self, constraint: Constraint, terms: tuple[str, ...], present: set[str], sequence: tuple[str, ...] = ()
    ) -> bool:
        """Whether `present` covers the constraint: every term of a year or reference; for a name of
        several words, its last words carrying at least half its weight (IDF), so 'the
        Secretary-General' covers 'UN Secretary-General' but 'the mission' does not cover 'Nordic
        Mission', nor 'crisis response' 'Crisis Response Centre'. Given the sentence's own terms in
        order (`sequence`), those words must stand together: 'information security ... the treaty's
        anniversary' does not name the 'Collective Security Treaty'."""
        if constraint.kind != "entity" or len(terms) <= 1:  # 'IT' stems to no term: nothing to find
            return all(word_matches(t, present) for t in terms)
        found = [word_matches(t, present, acts=False) for t in terms]  # 'Crisis Response Centre' is no act
        weights = [self.idf(t) for t in terms]
        if not sequence:
            return found[-1] and sum(w for w, hit in zip(weights, found, strict=True) if hit) >= 0.5 * sum(weights)
        for k in range(len(terms), 0, -1):  # the longest ending of the name that the sentence says
            if sum(weights[-k:]) < 0.5 * sum(weights):
                return False
            if says_phrase(sequence, terms[-k:]):
                return True
        return False

    @staticmethod
    def _other_years_around(part: QuestionPart, constraint: Constraint, sentence: Sentence) -> bool:
        """A year asked that the sentence leaves unsaid while its context (its document's title and
        heading, its neighbours) gives only years the question does not ask: it speaks of another
        time. (Asked of two documents, '2022 and 2023', a sentence of either may leave the other.)"""
        if constraint.kind != "year" or constraint.text in bound_years(part.text):
            return False
        asked = {c.text for c in part.constraints if c.kind == "year"}
        around = {t for t in sentence.context_terms | sentence.terms if re.fullmatch(r"(?:19|20)\d\d", t)}
        return bool(around) and not around & asked

    def _items_elsewhere(self, part: QuestionPart) -> bool:
        """A list of countries, or the state holding a chairmanship: the answer names other countries
        than those the question names."""
        if part.answer_type == "person":
            return self._state_role(part)
        return part.answer_type == "list" and part.list_of in COUNTRY_LISTS

    @staticmethod
    def _state_role(part: QuestionPart) -> bool:
        """'Who holds the chairmanship', 'who hosted it', 'who signed it': asks for a state, unless a
        person is named ('which president hosted it') or acts for one ('on behalf of')."""
        if ACTING_FOR.search(part.text):
            return False  # 'who signed it on behalf of Norway' ('for Norway'): the person who acted for the state
        # 'who took over' says the presidency an earlier part asked of
        said = " ".join([part.text, *(c.text for c in part.constraints if c.inherited)])
        return bool(STATE_ROLES.search(said)) and not any(w.lower() in PERSON_NOUNS for w in part.focus)

    def _other_country(self, part: QuestionPart, name: str, sentence: Sentence) -> bool:
        """The constraint is a country (or its adjective) and the sentence names only other countries.
        A possessor ('Ruritania's base in Norway') may go unsaid by a sentence naming the question's
        other country: 'the base may stay in Norway until 2040' speaks of it. So may the members of a
        group the question names ('Peru, Chile and Bolivia share a border with Brazil'): 'these three
        share ... with Brazil' names one of them and stands for the rest."""
        if not _is_country(name):
            return False
        names = [name.lower()]
        if re.search(rf"\b{re.escape(name)}['’]s\b", part.text) or acting_together_in(part.text):
            names += [c.text.lower() for c in part.required() if _is_country(c.text)]
        return bool(sentence.facts.countries) and not any(
            c.startswith(low[:4]) or low.startswith(c[:4]) for c in sentence.facts.countries for low in names
        )

    def carries(self, part: QuestionPart, sentence: Sentence) -> float:
        """How strongly the sentence carries the answer type: 0 (not at all) to 1."""
        kind, facts, text = part.answer_type, sentence.facts, sentence.text
        if sentence.table_row and (verdict := self._row_carries(part, sentence)) is not None:
            return verdict
        question = set(self.stem(part.text))
        if is_dateline(text) and kind not in ("date", "place"):
            return 0.0  # 'Varna, 4 July 2031' says when and where, and nothing the document says
        if kind == "person" and order_asked(part.text) and not ORDER_SAID.search(text):
            return 0.0  # 'who was chair after Jonas Velde': a sentence naming both says nothing of who followed whom
        first_asked = kind == "person" and FIRST_ASKED.search(part.text)
        if first_asked and not sentence.table_row and not self._first_said(sentence):
            return 0.0  # 'who was the first chair': not a chair named at some meeting
        if kind == "person":
            people = self.unsaid(facts.persons, text, question)
            if PRESENT_ASKED.search(part.text):  # 'who is X': not one whose term has ended
                people = serving(text, people)
                if any(self._took_office(part, sentence, span) for span in people):
                    return 1.0
            if any(self._fills_slot(part, text, span, sentence.table_row, sentence.antecedent) for span in people):
                return 1.0
            if order_asked(part.text, AFTER_ASKED) and any(self._came_after(part, sentence, span) for span in people):
                return 1.0
            if part.act and self._done_by_group(part.act, text):
                return 1.0  # 'who criticised X': 'X was criticised by Varna politicians'
            if ROLE_ASKED.search(part.text) and ROLE_GIVEN.search(text):
                return 1.0  # 'who has the main part in it': 'that part belongs to the ports and their pilots'
            # 'who holds the chairmanship', 'who hosted the summit': states hold these, not people
            held = self._state_role(part) and any(not self.known(c, question) for c in facts.countries)
            return 1.0 if held else 0.0
        if HOW_OFTEN.search(part.text):  # a frequency, not a count: 'once a year', 'annually'
            return self._frequency(part, sentence)
        if kind == "date" or DURATION_FORMS.search(part.text):  # a period may be given by its dates
            dated = self._date(part, sentence, question)
            if kind != "number":
                return dated
            if COUNT_OF_PERIODS.search(part.text) and not self._gives_length(part, sentence, question):
                dated = 0.0  # 'for how many years is the director appointed': 'from 1 January 2013' is no length
            if HOW_LONG_IS.search(part.text):  # a mandate (a duration) or a frontier (a length), not a count
                measures = [s for s in facts.quantities if re.search(LENGTH_OR_PERIOD, text[s[0] : s[1]], re.I)]
                return max(dated, 1.0 if measures else 0.0)
            return max(dated, self._quantity(part, sentence, question))
        if kind == "number":
            return self._quantity(part, sentence, question)
        if kind == "place":
            if PUBLISHED_ASKED.search(part.text) and VENUE.search(text):
                return 1.0  # 'where was it published': in a journal, not a city
            places = [
                p for p in self.unsaid(facts.places, text, question) if not self._placed_other_event(part, text, p)
            ]
            if any(w.lower() in CITY_NOUNS for w in part.focus):  # 'which city': a country does not answer it
                places = [s for s in places if not is_state(text[s[0] : s[1]])]
            # 'in which capital' takes any city; 'the capital of X' asks for the one the sentence calls so
            specific = [
                w
                for w in part.focus
                if (w.lower() not in GENERIC_PLACE or relation_of(w, part.text))
                and w.upper() not in ORGANISATION_ALIASES  # 'the CSTO naval depot': the depot, not the CSTO
            ]
            return 1.0 if any(not specific or self._near(text, span, specific) for span in places) else 0.0
        if kind == "list":
            if STATUS_DENIED.search(text) and any(re.fullmatch(STATUS_NOUN, w, re.I) for w in part.words()):
                return 0.0  # 'X and Y kept taking part without being member states': not the members asked
            if FORMER_STATUS.search(text) and not former_asked(part.text):
                return 0.0  # 'Former members were X and Y': not the members asked
            if part.list_of in NAME_LISTS:  # 'by what other names is it known': 'it is sometimes called the Varna Pact'
                return 1.0 if CALLED.search(text) else 0.0
            found = self.items(part, facts) + self.named_of_kind(part, text)
            new = [i for i in dict.fromkeys(found) if not self.known(i, question)]
            if part.list_of in BODY_LISTS:  # 'which bodies': the people who head them are none
                people = {text[a:b] for a, b in facts.persons}
                new = [i for i in new if not any(i in person or person in i for person in people)]
            whole_table = sentence.row is not None and sentence.row.rows > 1  # the rows under its caption
            if len(new) >= 2 and (whole_table or counted_in_full(text, len(new))):
                return 1.0  # 'two observer states: Afghanistan and Mongolia' is the whole list
            return min(1.0, len(new) / 5) if len(new) >= 2 else 0.2 if new else 0.0
        if kind == "definition":
            subject = definition_subject(part.text)
            names = subject_names(subject)
            if expands_only(text, names):
                return 0.6  # 'HL is the Harbour League': its name spelled out, not what it is
            if any(defines(text, name) for name in names):
                return 1.0  # 'The CSTO is a military alliance' says what the long name is
            return 1.0 if facts.defining_subject and self.known(facts.defining_subject, question) else 0.6
        if kind == "reason":  # causes are phrased too many ways to require a connective
            return 1.0 if facts.causal or (WHY_NOT.search(part.text) and STATED_GROUNDS.search(text)) else 0.5
        if kind == "process":
            return 1.0 if facts.sequence else 0.6
        if kind == "comparison":  # a comparison is answered by a sentence that sets two things side by side
            return 1.0 if CONTRAST.search(text) or side_by_side(text, part.text) else 0.6
        if kind == "other" and NAME_ASKED.match(part.text):  # 'what was it called': 'it was called the Varna Pact'
            return 1.0 if CALLED.search(text) else 0.0
        if part.head().lower() in NUMBER_HEADS:  # 'what file number was it given': a number the question lacks
            numbers = [m.span() for m in re.finditer(r"\b\w*\d[\w/.-]*", text)]
            numbers = [(a, b) for a, b in numbers if not any(d <= a and b <= e for d, e in facts.dates)]
            return 1.0 if self.unsaid(numbers, text, question) else 0.0
        return 1.0

    @staticmethod
    def _first_said(sentence: Sentence) -> bool:
        """Does the sentence say who came first: in words ('the first chair was ...', 'founding
        director'), or by listing the holders in turn ('the chairs have been: A (2001-2004), B ...')?"""
        listed = len(sentence.facts.persons) >= HOLDERS_LISTED <= len(YEAR_RANGE.findall(sentence.text))
        return bool(FIRST_SAID.search(sentence.text)) or listed

    def _row_carries(self, part: QuestionPart, sentence: Sentence) -> float | None:
        """What a table row (or a table's list) carries where it differs from a sentence, else None.
        A row is one record: who, when, where, how many, not a definition, reason or comparison; the
        rows under a caption are a list of what the caption says, present or former; either says
        whether A has the status its caption names; and in a list of office holders, the row after
        (before) X's is who came after (before) X."""
        row = sentence.row
        if part.answer_type not in (ROW_KINDS if row.rows == 1 else {"list"}) | {"yes_no"}:
            return 0.0
        if row.rows > 1:
            words = [c.text for c in part.constraints if c.kind == "word"]
            if former_list_not_asked(part.text, row.title) or (
                words and not any(self._mentions(row.title, w) for w in words)
            ):
                return 0.0  # 'which are observers': not the former observers, nor the dialogue partners
            return None
        # a column named by the place asked, or one that holds any place ('Location', 'Venue')
        asked_nouns = [w.lower() for w in part.focus if w.lower() in PLACE_NOUNS] + list(LOCATION_COLUMNS)
        if part.answer_type == "place" and self._cell_under(row, asked_nouns, set(self.stem(part.text))):
            return 1.0  # 'what is its capital': 'Capital Oslo' names it, whatever the gazetteer knows
        if (
            part.answer_type == "person"
            and PRESENT_ASKED.search(part.text)
            and YEAR_RANGE.search(sentence.text)
            and not CURRENT_SAID.search(sentence.text)
        ):
            return 0.0  # 'who is X': a row of a holder whose years in office have ended
        if part.answer_type == "person" and FIRST_ASKED.search(part.text):
            return 0.0 if row.above else None  # 'who was the first X': the first row of the holders
        asked = order_asked(part.text) if part.answer_type == "person" else None
        if asked is None:
            return None
        named = re.match(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", part.text[asked.end() - 1 :])
        return 1.0 if named and follows_in_table(part.text, named.group(), sentence) else 0.0

    @staticmethod
    def items(part: QuestionPart, facts: SentenceFacts) -> list[str]:
        """The list items of the kind asked: countries for 'which countries/states/members', names for
        'which bodies', else names or the items of a series ('which energy sources': 'wind power, solar
        power and hydropower')."""
        if part.list_of in OPEN_LISTS:  # 'which participants': states, or organisations ('the Baltic Ferry Union')
            return list(dict.fromkeys(facts.countries + facts.items))
        if part.list_of in COUNTRY_LISTS:
            return facts.countries
        if part.list_of in BODY_LISTS:  # 'which bodies': a state is none ('the leaders of A, B and C')
            return [i for i in facts.items if not is_state(i)]
        if part.list_of in GROUP_NOUNS:  # organisations, bodies: named things
            return facts.items
        items = list(dict.fromkeys(facts.items + facts.series))
        if THING_LISTS.fullmatch(part.list_of):  # 'what exercises': 'Serbia and Afghanistan' are none
            return [i for i in items if not is_state(i)]
        return items

    def named_of_kind(self, part: QuestionPart, text: str) -> list[str]:
        """Names of the kind a list asks for, however long ('which plans': 'the Plan of Events of the
        Expert Group for Ferries ... and the Plan of Events of the Expert Group for Ports')."""
        if not part.list_of or any(part.list_of in kinds for kinds in (COUNTRY_LISTS, BODY_LISTS, GROUP_NOUNS)):
            return []
        return [name for name in dict.fromkeys(LONG_NAME.findall(text)) if self.names_kind(part, name)]

    def names_kind(self, part: QuestionPart, item: str) -> bool:
        """The item's name says the kind of thing the list asks for ('Operation Seagull' for
        'which operations', 'the Council of Harbour Masters' for 'which councils')."""
        kind = self.stem(part.list_of) if part.list_of else ()
        return bool(kind) and any(word_matches(kind[-1], {t}) for t in self.stem(item))

    def known(self, span_text: str, question_terms: set[str]) -> bool:
        """True when every term of the span is already in the question (the answer must add something)."""
        terms = self.stem(span_text)
        if any(number not in question_terms for number in re.findall(r"\b\d\b", span_text)):
            return False  # '4 ports': a one-digit number is no term, yet it is what the span adds
        return bool(terms) and all(word_matches(t, question_terms) for t in terms)

    def unsaid(self, spans: list[Span], text: str, question_terms: set[str]) -> list[Span]:
        """The spans of the text (dates, names, numbers) whose words the question does not already say."""
        return [(a, b) for a, b in spans if not self.known(text[a:b], question_terms)]

    def _fills_slot(
        self, part: QuestionPart, text: str, span: tuple[int, int], table_row: bool = False, antecedent: str = ""
    ) -> bool:
        """Is this name the person asked about? Its nationality or ordinal qualifiers and one of its
        roles stand beside it, and some other word of the question is nearby (not across the sentence).
        A table row names no more than its columns: the other words need only be near if it has them
        (its table's caption or passage gives the rest, which coverage checks)."""
        qualifiers = [w for w in part.focus if is_demonym(w)]
        # the role, not the organisation the passage is about ('X became Secretary-General' in a text
        # about the SCO; a table's caption and columns): coverage asks for the organisation
        roles = office_roles(part) or role_words(part)
        if qualifiers and not all(self._near(text, span, [q]) for q in qualifiers):
            return False
        reach = self.config.slot_window + len(roles) - 1  # a role of several words takes their room
        if roles and not all(self._near(text, span, [r], reach) for r in roles):
            return False
        if roles and second_in_office(text, span) and not re.search(SECOND_IN_OFFICE, part.text, re.I):
            return False  # 'Deputy Secretary-General X' is not the Secretary-General asked about
        chief = bool(HEADING_ACT.fullmatch(part.act)) and self._near(
            text, span, CHIEF_TITLES, 2 * self.config.slot_window
        )
        if (
            part.act
            and not chief  # 'It is headed by a director ...; for example, X became director'
            and self._mentions(text, part.act)
            and not self._near(text, span, [part.act], 2 * self.config.slot_window)
        ):
            return False  # the sentence tells who did the act asked about, and it is someone else
        if (
            not table_row
            and OFFICE_ACT.fullmatch(part.act)
            and not self._near(text, span, [part.act, *PERSON_NOUNS], 2 * self.config.slot_window)
        ):
            return False  # 'who chairs X': a name with no office or chairing beside it holds none
        others = [c.text for c in part.constraints if c.kind in ("entity", "word", "reference")]
        if chief:
            others = [o for o in others if o != part.act]  # 'who heads X': its Secretary-General, its director
        # an organisation the sentence leaves to its passage ('X became Secretary-General' in a text
        # about it) is for coverage to find; one it says must be said of this name
        others = [o for o in others if not is_organisation(o) or self._mentions(text, o)]
        # 'It is headed by a director, Ida Berg': 'it' is the body the sentence before names
        others = [o for o in others if not (antecedent and self._mentions(antecedent, o))]
        # 'who chairs it according to the Varna report': the source is where it is said, not beside whom
        sources = sources_named(part.text)
        others = [o for o in others if not re.search(rf"\b{re.escape(o)}\b", sources)]
        if table_row:
            if part.act and not self._mentions(text, part.act) and not self._lists_office(part.act, text):
                return False  # 'who signed it': a list of directors says who directed, not who signed
            others = [o for o in others if self._mentions(text, o)]
        return not others or self._near(text, span, others, 2 * self.config.slot_window)

    def _came_after(self, part: QuestionPart, sentence: Sentence, span: tuple[int, int]) -> bool:
        """'He was followed by X', in a passage on the office asked (if the question names one): X came
        after the holder the sentence (or the one before it) names, though it leaves the office to its
        passage."""
        return bool(FOLLOWED_BY.search(sentence.text[: span[0]])) and self._office_of_passage(part, sentence)

    def _chief_named(self, terms: set[str]) -> bool:
        """The terms name an organisation's top office ('Secretary-General', 'director')."""
        return any(all(word_matches(t, terms) for t in self.stem(title)) for title in CHIEF_TITLES)

    def _office_of_passage(self, part: QuestionPart, sentence: Sentence) -> bool:
        """The office asked (its role words; none asked, any) is said by the sentence or its passage."""
        known = sentence.terms | sentence.context_terms
        return all(word_matches(t, known) for r in office_roles(part) for t in self.stem(r))

    def _took_office(self, part: QuestionPart, sentence: Sentence, span: tuple[int, int]) -> bool:
        """'X took over at the start of 2031', in a passage on the office asked: the name succeeded to
        it, though the sentence leaves the office to the one before it ('held the post', 'followed by')."""
        if not TOOK_OFFICE.match(clause_after(sentence.text, span)):
            return False
        if office_roles(part):
            return self._office_of_passage(part, sentence)
        # 'who heads X now': the passage is on X's top office, whatever its name
        return bool(HEADING_ACT.fullmatch(part.act)) and self._chief_named(sentence.terms | sentence.context_terms)

    def takes_office(self, part: QuestionPart, sentence: Sentence) -> bool:
        """The sentence tells who holds the office now: it calls its holder the current one, or a
        holder of it took office ('X took over in 2023')."""
        if CURRENT_SAID.search(sentence.text):
            return True
        return any(self._took_office(part, sentence, span) for span in serving(sentence.text, sentence.facts.persons))

    def _cell_under(self, row: Any, nouns: list[str], question: set[str]) -> bool:
        """A cell the question does not already say, under a column named by one of `nouns`."""
        return any(
            cell.strip() and not self.known(cell, question) and any(w.lower() in nouns for w in name.split())
            for name, cell in zip(row.names, row.cells, strict=False)
        )

    def _row_words(self, part: QuestionPart, sentence: Sentence) -> float:
        """IDF-weighted share of the question's content words that the row's own reading says. A row
        is a labelled record: its caption and column names say what it is about, where a sentence
        may paraphrase. 'When did Riga become a member?' is not answered by a row of the partner
        ports, nor 'where did the ministers meet' by a row of the governors' meetings."""
        of_members = any(c.kind == "word" and c.text.lower() in ("member", "members") for c in part.constraints)
        words = [
            c.text
            for c in part.constraints
            if c.kind == "word"
            and not re.fullmatch(ORDER_WORD, c.text, re.I)
            and not self._lists_office(c.text, sentence.text)  # 'headed': what a list of heads says
            and c.text.lower() not in TABLE_WORDS  # 'in the members table': the table itself
            and not (of_members and c.text.lower() in MEMBER_QUALIFIERS)  # 'Member since' dates a full member
        ]
        terms = list(dict.fromkeys(t for w in words for t in self.stem(w)))  # 'after': said by its place
        # the act asked, said by the row's column ('Member since' says when a state joined)
        acted = set(self.stem(part.act)) if part.act and self._says(part.act, sentence) else set()
        total = sum(self.idf(t) for t in terms)
        said = sum(self.idf(t) for t in terms if word_matches(t, sentence.terms) or t in acted)
        return said / total if total else 1.0

    def _says(self, act: str, sentence: Sentence) -> bool:
        """The sentence says the act, by its verb, a form of it or a word for the same act
        ('ratified', 'ratification'; 'joined', 'admitted', 'membership'; 'launched', 'established').
        A treaty is signed, adopted and concluded on one day, and a document is dated by the act
        that made it: 'the Treaty ... of 16 August 2007', 'the Programme (Tashkent, 2019)'."""
        stems, terms, text = self.stem(act), sentence.terms, sentence.text
        if self._only_unrealised(stems, text):
            return False  # 'has not applied for membership', 'a procedure for admitting X' date no act done
        if self._only_presupposed(stems, sentence):
            return False  # 'Despite the freeze, X had not filed notice as of late 2024' dates the filing
        if stems == ("forc",):  # 'entered into force', 'took effect'; not 'the forces' nor 'effective'
            return bool(IN_FORCE.search(text))
        if stems == ("say",):  # 'stated that', 'declared', 'told': not 'the member states'
            return bool(SPOKEN.search(text))
        if stems == ("found",) and FOUNDING_ROLE.search(text) and not re.search(r"\bfound(?:ed|ation)\b", text, re.I):
            return False  # 'the founding Chair Varna' names a role, and dates no founding
        if all(word_matches(t, terms) for t in stems) or membership_changed(stems, text):
            return True
        if not any(word_matches(t, DOCUMENT_ACTS) for t in stems):
            return False
        return any(t in DOCUMENT_ACTS for t in terms) or any(
            re.search(r"\bof\s*$|\([^()]*$", text[: s[0]]) for s in sentence.facts.dates
        )

    def act_column_dates(self, part: QuestionPart, sentence: Sentence) -> list[str]:
        """The dates of a table row in the columns whose names say the act asked ('Member since' for
        when X joined, 'Ratified' for when it ratified), each once."""
        row = sentence.row
        if not part.act or row is None:
            return []
        stems = self.stem(part.act)
        asked = set(self.stem(part.text)) - set(stems) - ORGANISATION_TERMS
        dates: dict[str, int] = {}  # each date, with how many other words of the question its column says
        for name, cell in zip(row.names, row.cells, strict=False):
            terms = set(self.stem(name))
            says = (bool(stems) and all(word_matches(t, terms) for t in stems)) or membership_changed(stems, name)
            if START_ASKED.search(name) and not START_ASKED.search(part.text):
                says = False  # 'Accession started': when the joining began, not when it was done
            date = cell.strip()
            if says and DATE_CELL.fullmatch(date) and date not in dates:
                dates[date] = len(terms & asked)
        best = max(dates.values(), default=0)
        # 'Ratification of the ferry accord', 'Ratification of the charter': the charter's, when it is asked
        if best and sum(n == best for n in dates.values()) == 1:
            return [date for date, n in dates.items() if n == best]
        return list(dates)

    def act_family(self, act: str) -> set[str]:
        """The stemmed words for the act asked and for the same act ('left': leave, withdraw, exit ...)."""
        return {t for s in self.stem(act) for t in same_act(s)}

    def _act_of_subject(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'When did X join?' asked of one country: the act is said near that country's name, not of
        others in a long list ('admitting A and B, ..., and granted partner status to C, X')."""
        if self._act_of_another_name(part, sentence):
            return False
        asked = [c for c in part.constraints if c.kind == "entity" and c.text.lower() in COUNTRIES]
        if len(asked) != 1:
            return True
        words = re.findall(r"[\w'’-]+", sentence.text)
        family = self.act_family(part.act)
        acts = self.saying(words, family | {"member"})
        names = [i for i, w in enumerate(words) if names_country(re.sub(r"['’]s$", "", w), asked[0].text.lower())]
        return not acts or not names or any(abs(a - n) <= ACT_REACH for a in acts for n in names)

    def _act_of_another_name(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'When was the X Bank established?' and 'the Y Union was founded' (under X's heading), or
        'When was the harbour league founded?' and 'HPS was formally launched': the act is said of another
        body, named as its subject, every time the sentence says it."""
        family = self.act_family(part.act)
        if self._act_on_another_body(part, sentence, family):
            return True
        entities = [c.text for c in part.constraints if c.kind == "entity"]
        entities = [e for e in entities if not any(e != o and e in o for o in entities)]  # 'SCO Charter', not 'SCO'
        if not entities or any(e.lower() in COUNTRIES for e in entities):
            return False  # a country's act: `_act_of_subject`
        if self._made_of_another(sentence.text, family, entities):
            return True
        subjects = [
            m.group(1)
            for m in PASSIVE_SUBJECT.finditer(sentence.text)
            if any(word_matches(t, set(self.stem(m.group(2)))) for t in family)
        ]
        asked = set(self.stem(part.text))
        return bool(subjects) and not any(
            # '... in the Field of Safe Harbour Pilotage was signed': what the name ends
            # with, of two words or more, is what the question asks by its words
            self._asked_by_words(s, asked) or any(self._is_named(s, e) for e in entities)
            for s in subjects
        )

    def _asked_by_words(self, name: str, asked: set[str]) -> bool:
        last = self.stem(re.split(r"\s+(?:of|on|for|against)\s+", name)[-1])
        return len(last) >= 2 and all(t in asked for t in last)

    def _made_of_another(self, text: str, family: set[str], entities: list[str]) -> bool:
        """'the creation, in 1995, of the joint HLC Ferry Command': every time the sentence names the act
        by its noun, what it made is a body that bears the name asked and more (the HLC's Ferry
        Command, not the HLC)."""
        made = []
        for match in re.finditer(r"[\w'’-]+", text):
            if not match.group().lower().endswith(("tion", "ment", "ing")) or not any(
                word_matches(t, set(self.stem(match.group()))) for t in family
            ):
                continue
            of = NOMINAL_ACT_OBJECT.match(text, match.end())
            if of is None:
                return False  # the act said with no body it made: it may be the body asked
            made.append(of.group("name"))
        return bool(made) and all(name not in entities and any(e in name for e in entities) for name in made)

    def _is_named(self, subject: str, entity: str) -> bool:
        """The subject of a sentence names the entity asked: the same organisation under any of its
        names, the acronym of its name, or its last word ('the Bank' for 'the SCO Development Bank')."""
        asked = organisations_named(entity)
        if asked and entity.upper() in ORGANISATION_ALIASES:
            return asked[0] in organisations_named(subject)
        initials = "".join(w[0] for w in re.split(r"[\s-]+", entity) if w[:1].isupper())
        if subject.isupper() and subject in initials:
            return True  # 'HPS' for the 'Harbour League Patrol Service'
        return self._mentions(subject, entity.split()[-1])

    def _act_on_another_body(self, part: QuestionPart, sentence: Sentence, family: set[str]) -> bool:
        """'When did X leave the league?' and 'X had left the NBFU grouping': every time the sentence
        says the act, a body other than the organisation asked is its object."""
        asked = organisations_named(" ".join([part.text, *(c.text for c in part.constraints if c.kind == "entity")]))
        if len(asked) != 1:
            return False
        words = re.findall(r"[\w'’-]+", sentence.text)
        said = self.saying(words, family)
        if not said:
            return False
        for i in said:
            after = [w for w in words[i + 1 : i + 4] if w.lower() not in BEFORE_OBJECT][:1]
            body = after[0] if after else ""
            if body.lower() == "it":  # 'X joined it in 1999': the body named last before the act
                body = next((w for w in reversed(words[:i]) if OTHER_BODY.fullmatch(w)), "")
            if not OTHER_BODY.fullmatch(body) or asked[0] in organisations_named(
                " ".join([body, *words[i + 1 : i + 6]])
            ):
                return False
        return True

    def _states_status(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'Is X a member / an observer of Y?' is answered by a sentence that gives X a status ('belongs
        to neither', 'joined', 'observer states: ... X', or another status than the one asked, which
        answers no) and names X itself, not by one that names X and the organisation only, nor by one
        about other countries in X's passage."""
        # any status answers: 'Is X a member?' is answered (no) by 'X became a dialogue partner in 2012'
        words = tuple(w for ws in STATUS_WORDS.values() for w in ws) if part.act in STATUS_WORDS else (part.act,)
        countries = [c.text for c in part.constraints if c.kind == "entity" and c.text.lower() in COUNTRIES]
        if not any(word_matches(t, sentence.terms) for w in words for t in self.stem(w)):
            return False
        said = re.findall(r"[\w'’-]+", sentence.text)
        statuses = self.saying(said, {t for w in words for t in self.stem(w)})
        return all(self._mentions(sentence.text, c) for c in countries) and all(
            self._status_of(sentence.text, said, statuses, c) for c in countries
        )

    @staticmethod
    def _status_of(text: str, said: list[str], statuses: list[int], country: str) -> bool:
        """A status word is said of the country: within a few words of its name, of the country that
        opens the sentence, or heading the list the name is in ('Observer states: A and B'); not 'the
        wars in X ... the league's member states'."""
        if ":" in text and any(i < len(text[: text.index(":")].split()) for i in statuses):
            return True
        low = country.lower().split()[0]
        names = [i for i, w in enumerate(said) if w.lower().startswith(low[:5])]
        if not names or min(names) <= 1:
            return True  # 'X, which follows a policy of ..., belongs to neither': the sentence's subject
        return any(abs(i - n) <= ACT_REACH for i in statuses for n in names)

    def _of_document_asked(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'When was the league's charter signed?' is not answered by 'In 2031 the league signed an
        agreement with the union': a sentence that dates the signing (adoption, conclusion) of a
        document says, or has in its context, the kind of document asked."""
        if not any(word_matches(t, DOCUMENT_ACTS) for t in self.stem(part.act)):
            return True
        kinds = {m.group(1).lower() for m in DOCUMENT_KIND.finditer(part.text)}
        said = sentence.terms | sentence.context_terms
        # 'The Protocol entered into force on ...' asked of an agreement: the sentence's subject is another text
        subject = SUBJECT_DOCUMENT.match(sentence.text)
        if kinds and subject and subject.group(1).lower() not in kinds:
            return False
        return all(any(word_matches(t, said) for t in self.stem(kind)) for kind in kinds)

    def _on_another_topic(self, part: QuestionPart, text: str) -> bool:
        """'the statement on pilot training' asked; the sentence names only 'the statement ... on
        tug safety', a document of the kind on another topic: fewer than half the
        words of the topic asked."""
        asked = TOPIC_OF_DOCUMENT.search(part.text)
        if not asked:
            return False
        # 'on tug safety adopted that the 2032 charter recalls': the topic ends at its verb or clause
        wanted = set(self.stem(TOPIC_END.split(asked.group(2))[0]))
        kind = asked.group(1).lower()
        topics = [set(self.stem(m.group(2))) for m in TOPIC_OF_DOCUMENT.finditer(text) if m.group(1).lower() == kind]
        return bool(wanted and topics) and all(2 * len(wanted & topic) < len(wanted) for topic in topics)

    def _only_presupposed(self, stems: list[str], sentence: Sentence) -> bool:
        """Every word of the sentence that says the act names it as already known ('despite the
        freeze', 'after the merger', 'since its launch') with no date right after it: the sentence dates
        something else that happened since."""
        text = sentence.text
        said = [
            m for m in re.finditer(r"[\w'’-]+", text) if any(word_matches(t, set(self.stem(m.group()))) for t in stems)
        ]
        if not said:
            return False
        for word in said:
            if not KNOWN_ACT.search(text[: word.start()]):
                return False
            if any(0 <= start - word.end() <= DATE_AFTER_ACT for start, _ in sentence.facts.dates):
                return False  # 'after the freeze of February 2024': the act is dated here
        return True

    def _only_done_by_it(self, part: QuestionPart, text: str) -> bool:
        """'When was X founded?' (or 'X's founding date') asks when X was made; a sentence whose every
        mention of the act is a verb with its own object tells what X made: 'the league grew quickly,
        establishing new bodies', 'in 2031 the league established relations with the union'."""
        asked = WHEN_AUX.match(part.text)
        passive = asked and asked.group(1).lower() in ("was", "were", "is", "are")
        if not passive and part.act not in ACT_NOUNS:  # 'the league's founding date': when it was founded
            return False
        stems = self.stem(part.act)
        # the thing asked about, in the question's own words: as the verb's object, it is made
        asked = set(self.stem(part.text)) - set(stems) - ORGANISATION_TERMS
        words = [w.lower() for w in re.findall(r"[\w'’-]+", text)]
        said = self.saying(words, stems)
        return bool(said) and all(
            has_object(words, i) and not asked & set(self.stem(" ".join(words[i + 1 : i + 1 + OBJECT_WORDS])))
            for i in said
        )

    def _done_by_group(self, act: str, text: str) -> bool:
        """The act asked, done by a group of people the sentence names as its agent ('was criticised by
        Varna politicians') or by a state's office ('proposed by the King of Norway'): who did
        it, when no person is named."""
        family = self.act_family(act)
        verbs = [m.group(1) for m in GROUP_AGENT.finditer(text)]
        verbs += [
            PHRASAL_ACTS.get(" ".join(m.group(1).lower().split()), m.group(1)) for m in OFFICE_AGENT.finditer(text)
        ]
        return any(any(word_matches(t, set(self.stem(verb))) for t in family) for verb in verbs)

    def saying(self, words: list[str], stems: Iterable[str]) -> list[int]:
        """The positions of the words that say any of the stemmed acts ('withdrew' for 'leav')."""
        stems = tuple(stems)
        return [i for i, w in enumerate(words) if any(word_matches(t, set(self.stem(w))) for t in stems)]

    def _only_unrealised(self, stems: list[str], text: str) -> bool:
        """Every word of the text that says the act is denied or only begun, sought or planned
        ('has not applied', 'a procedure for admitting', 'applied for full membership')."""
        words = re.findall(r"[\w'’-]+", text)
        said = self.saying(words, stems)
        return bool(said) and all(unrealised(" ".join(words[:i]), words[i + 1 : i + 2]) for i in said)

    def _lists_office(self, act: str, reading: str) -> bool:
        """'Who headed / chaired it' asked of a table row whose caption names holders of an office
        ('Chairs of the council: Years in office ...; Name ...', not 'Meetings of heads of ...'): holding
        it is what the table lists."""
        holders = reading.split(":", 1)[0].split(" of ")[0].split()[-1:]  # 'Chairs' of 'Chairs of the council'
        return bool(OFFICE_ACT.fullmatch(act)) and any(self._mentions(" ".join(holders), n) for n in PERSON_NOUNS)

    def _mentions(self, text: str, word: str) -> bool:
        return any(word_matches(t, set(self.stem(text))) for t in self.stem(word))

    def _near(self, text: str, span: tuple[int, int], focus: list[str], window: int = 0, lists: bool = False) -> bool:
        """A role or qualifier word of the question within `slot_window` words of the name; for a name
        in a list after a colon, the words before the colon too ('The heads have been: A (...), B').
        `lists`: a list of names between counts as one word (for a date; a person's role may be
        inside a list of people and their roles)."""
        window = window or self.config.slot_window
        squeeze = (lambda part: NAME_LIST.sub("names", part)) if lists else (lambda part: part)
        before = re.findall(r"[\w’'-]+", squeeze(text[: span[0]]))[-window:]
        if ":" in text[: span[0]]:
            before += re.findall(r"[\w’'-]+", text[: text.rindex(":", 0, span[0])])[-2 * window :]
        after = re.findall(r"[\w’'-]+", squeeze(text[span[1] :]))[:window]
        near = set(self.stem(" ".join(before + after)))
        return any(word_matches(t, near) for w in focus for t in self.stem(w))

    def _placed_other_event(self, part: QuestionPart, text: str, span: Span) -> bool:
        """A place in a '(Varna, 4 May 2031)' places the event named just before it: not the one asked
        when those words share fewer than two of the question's, or its date is not the day asked
        ('the ports forum (Varna, 4-5 May 2031)' does not say where the pilots met on 9 May)."""
        if not BRACKET_OPEN.search(text[: span[0]]):
            return False
        asked = set(self.stem(part.text)) - ORGANISATION_TERMS
        named = named_before_bracket(text, span[0], self.stem)
        # the event's own name, when the question gives one ('the Harbour Pilots Council'): half of it
        capitalised = [w for w in re.findall(r"(?<=\s)[A-Z][a-z][\w’'-]*", part.text) if w not in MONTHS]
        own = {t for w in capitalised for t in self.stem(w)} - ORGANISATION_TERMS
        if len(asked & named) < 2 or 2 * len(own & named) < len(own):
            return True
        day = DAY_MONTH.search(part.text)
        bracket = text[span[1] : text.find(")", span[1]) + 1]
        return bool(day) and not set(re.findall(r"\d+", day.group())) <= set(re.findall(r"\d+", bracket))

    def _frequency(self, part: QuestionPart, sentence: Sentence) -> float:
        """1 when the sentence says how often ('meets once a year') beside a word of the question other
        than the organisation ('the chairmanship rotates every year' says nothing of how often it meets)."""
        words = [c.text for c in part.constraints if c.kind == "word"]
        spans = [m.span() for m in FREQUENCY.finditer(sentence.text)]
        return 1.0 if any(not words or self._near(sentence.text, s, words) for s in spans) else 0.0

    def _date(self, part: QuestionPart, sentence: Sentence, question: set[str]) -> float:
        """1 when the sentence states a date that answers the part (`date_spans`), or opens by
        saying it happened when the sentence before did ('In the same month, ...'), else 0."""
        same = SAME_TIME.match(sentence.text)
        # 'on what day' is answered only by 'that same day' after a sentence that gives the day
        day = not DAY_ASKED.search(part.text) or (
            same and "day" in same.group().lower() and DAY_MONTH.search(sentence.previous)
        )
        if same and day and DATED.search(sentence.previous) and not HOW_LONG_IS.search(part.text):
            return 1.0
        return 1.0 if self.date_spans(part, sentence, question) else 0.0

    def _gives_length(self, part: QuestionPart, sentence: Sentence, question: set[str]) -> bool:
        """A length of time is said by a duration ('three years'), a range ('2013-2016'), the two dates of
        its start and end, or its start until now ('since 2008'); not by one date."""
        text = sentence.text
        spans = self.date_spans(part, sentence, question)
        return (
            len(spans) >= 2
            or any(re.search(rf"{PERIOD_UNITS}|\d\s*{DASH}\s*\d", text[a:b], re.I) for a, b in spans)
            or any(SINCE.search(text[:a]) for a, _ in spans)
        )

    def names_agent(self, part: QuestionPart, sentence: Sentence) -> bool:
        """A person named as the one who did the act asked ('signed by X', 'X signed'), not one
        named beside it ('at the signing, X said ...')."""
        stems = self.stem(part.act)
        if not stems:
            return False
        act = rf"\b(?:{'|'.join(re.escape(t) for t in same_act(stems[0]))})\w*"
        text = sentence.text
        for start, end in sentence.facts.persons:
            if re.search(rf"{act}\s+(?:jointly\s+)?by\s+(?:[\w-]+\s+){{0,4}}$", text[:start], re.I):
                return True
            if re.match(rf"(?:\s*\([^)]*\))?,?\s+(?:\w+ly\s+|also\s+|who\s+|had\s+|has\s+)?{act}", text[end:], re.I):
                return True
        return False

    def date_precision(self, part: QuestionPart, sentence: Sentence) -> float:
        """1 when a date that answers the part names its day, 0.5 its month only, else 0."""
        text = sentence.text
        spans = [text[a:b] for a, b in self.date_spans(part, sentence, set(self.stem(part.text)))]
        if any(DAY_MONTH.search(s) for s in spans) or (spans and DAY_MONTH.search(text)):
            return 1.0
        return 0.5 if any(re.search(MONTH, s, re.I) for s in spans) else 0.0

    def date_spans(self, part: QuestionPart, sentence: Sentence, question: set[str]) -> list[tuple[int, int]]:
        """The dates the sentence states that the question does not contain, of the kind asked
        ('on what day' wants a day, 'how long is' a duration, 'on what day in 2019' a day of 2019),
        near a word of the question other than the organisation, as for a person."""
        text = sentence.text
        # 'over which years does operation Tidewatch run': the years its name carries ('Tidewatch 2029-2031')
        named = [span for span, word in years_of_names(text) if any(t in question for t in self.stem(word))]
        spans = self.unsaid([*sentence.facts.dates, *named], text, question)
        if DAY_ASKED.search(part.text):
            spans = [s for s in spans if re.search(rf"{MONTH}|\d{{4}}-\d\d-\d\d", text[s[0] : s[1]], re.I)]
            years = {
                c.text for c in part.constraints if c.kind == "year" and re.search(rf"\bin (\w+ )?{c.text}", part.text)
            }
            if years:  # not 'the 2017 accord': the year of the time asked
                spans = [s for s in spans if set(YEARS.findall(text[s[0] : s[1]])) <= years]
        if HOW_LONG_IS.search(part.text):
            spans = [s for s in spans if re.search(PERIOD_UNITS, text[s[0] : s[1]], re.I)]
        elif not DURATION_FORMS.search(part.text):  # 'when': 'a period of six months' is no time,
            spans = [  # but 'six months later' is
                s for s in spans if not DURATION_ALONE.fullmatch(text[s[0] : s[1]]) or RELATIVE.match(text[s[1] :])
            ]
        others = [
            c.text
            for c in part.constraints
            if c.kind in ("entity", "word", "reference") and c.text.upper() not in ORGANISATION_ALIASES
        ]
        # 'on what day did the pact take effect': 'came into force on 1 May' says the act beside the date
        if others and part.act:
            others.append(part.act)
        window = 2 * self.config.slot_window
        heading = TIMELINE_HEAD.match(text)  # '2001, Shanghai (China), 15 June: ...' dates the whole entry,
        asked_years = {c.text for c in part.constraints if c.kind == "year"}
        if heading and asked_years and not asked_years & set(YEARS.findall(heading.group())):
            heading = None  # an entry of another year than the one asked
        started = START_ASKED.search(part.text)  # 'carried out since 2008' dates the start of what it tells
        dateline = is_dateline(text)  # dates the whole document: its title is the context
        spans = [s for s in spans if not beside_year_asked(text, s, asked_years)]
        return [
            s
            for s in spans
            if not others
            or (heading and s[1] <= heading.end())
            or dateline
            or (started and SINCE.search(text[: s[0]]))
            or self._near(text, s, others, window, lists=True)
        ]

    def _quantity(self, part: QuestionPart, sentence: Sentence, question: set[str]) -> float:
        """A number the question does not contain: of money when money is asked, of a share when
        'how much of' is asked, and with the thing counted beside it when it is named."""
        text, facts = sentence.text, sentence.facts
        spans = self.unsaid(facts.quantities, text, question)
        if not spans:
            return self._counted_by_listing(part, sentence, question)
        asked = {w.lower() for w in re.findall(r"\w+", part.text)}  # 'climate-finance' asks for finance
        if re.search(r"\bhow much of\b|\b(?:share|percentage|proportion|rate)\b", part.text, re.I):
            return 1.0 if facts.share else 0.0
        if asked & MONEY_WORDS:
            kinds = [kind for kind in MONEY_KINDS if asked & kind]
            said = {w.lower() for w in re.findall(r"\w+", text)}
            return 1.0 if facts.money and (not kinds or any(said & kind for kind in kinds)) else 0.0
        if not part.focus:
            return 1.0
        qualifiers = [w for w in part.focus if is_demonym(w)]  # 'how many Chilean troops': Chile's
        # the thing counted is the last word: 'coastal ferries' counts ferries, not coastal things
        counted = [w for w in part.focus if w not in qualifiers][-1:]
        focus = [u for w in counted for u in UNIT_CLASSES.get(w.lower(), [w])]
        wanted = [t for w in focus for t in self.stem(w)]
        if qualifiers and not all(self._mentions(text, q) for q in qualifiers):
            return 0.0  # a count of other countries' troops
        # 'how many observer states': a count of observers, not of the 'ten member states'
        status = [t for w in part.focus if w.lower() in LESSER_STATUS for t in self.stem(w)]
        for start, end in spans:
            own = set(self.stem(text[start:end]))  # the number with its unit: 'about 900 soldiers'
            if status:
                if all(word_matches(t, own) for t in status):
                    return 1.0  # 'two observer states', 'two observers'
                continue
            if any(word_matches(t, own) for t in wanted):
                return 1.0
            unit = re.match(rf"{LEADING_NUMBER}([a-z]{{2,}})?", text[start:end], re.I)
            if (counted := PARTITIVE.match(text, start)) and counted.group(1).lower() not in OBJECT_PRONOUNS:
                named = set(self.stem(counted.group(1)))  # '900 of its sailors', 'five of the members'
                if any(word_matches(t, named) for t in [*wanted, *(t for w in part.focus for t in self.stem(w))]):
                    return 1.0
                continue  # 'five of the seven ports' counts ports, whatever stands near it
            if (not unit or unit.group(1) in (None, "to", "and", "or", "of")) and self._near(text, (start, end), focus):
                return 1.0  # a bare number ('numbered 2,500') beside the thing counted
        return 0.0

    def _counted_by_listing(self, part: QuestionPart, sentence: Sentence, question: set[str]) -> float:
        """'How many states signed it?' is answered, with no number, by a sentence that lists the
        states that did ('A, B, C and D signed it'): the reader counts them. Only states are counted
        so: other things listed are rarely all the things asked for."""
        counted = [w.lower() for w in part.focus if not is_demonym(w)][-1:]
        if not counted or counted[0] not in STATE_UNITS or not HOW_MANY.search(part.text):
            return 0.0
        named = [c for c in dict.fromkeys(sentence.facts.countries) if not self.known(c, question)]
        asked = {a for c in part.constraints if c.kind == "word" for t in self.stem(c.text) for a in same_act(t)}
        if len(named) < LISTED_TO_COUNT or not asked:
            return 0.0
        # the states listed are the ones the question asks about ('signed', 'members'): said next to the list
        words = [w.lower() for w in re.findall(r"[\w'’-]+", sentence.text)]
        acts = self.saying(words, asked)
        listed = [i for i, w in enumerate(words) if any(w == c.split()[-1] for c in named)]
        return 1.0 if any(abs(a - n) <= ACT_REACH for a in acts for n in listed) else 0.0

    def states_kind(self, part: QuestionPart, sentence: Sentence, question: str) -> bool:
        """The sentence states something of the kind the part asks for (a date, place or person) that the
        whole question does not already say, wherever it stands in the sentence. Not a number: 'and how
        many ships?' counts its own thing, which another number does not count."""
        spans = {
            "date": sentence.facts.dates,
            "place": sentence.facts.places,
            "person": sentence.facts.persons,
        }.get(part.answer_type, [])
        return bool(self.unsaid(spans, sentence.text, set(self.stem(question))))

    def answers_in_kind(self, part: QuestionPart, sentence: Sentence) -> bool:
        """The sentence answers the part and fully carries its kind of answer (a date for 'when' ...),
        for the types whose kind can be seen in a sentence."""
        judged = self.judge(part, sentence) if part.answer_type in KINDS_SEEN else None
        return judged is not None and judged[0] >= 1.0

    def judge(self, part: QuestionPart, sentence: Sentence) -> tuple[float, float, list[str]] | None:
        """(how strongly it carries the answer, share of constraint terms, constraints met only by
        context) when the sentence answers the part (see `verdict`); else None."""
        refused, carried, share, from_context = self.verdict(part, sentence)
        return None if refused else (carried, share, from_context)

    def verdict(self, part: QuestionPart, sentence: Sentence) -> tuple[str, float, float, list[str]]:
        """(the rule that refuses the sentence for the part, '' when none does; how strongly it carries
        the answer; share of constraint terms; constraints met only by context). A sentence answers
        when it carries the part's kind of answer, does not say the fact is unpublished, covers the
        part's constraints and states no other year or reference. bench/diagnose_outcomes.py counts
        the refusing rules."""
        carried = self.carries(part, sentence)
        if carried <= 0:
            return "no answer of the type", carried, 0.0, []
        if UNAVAILABLE.search(sentence.text):
            return "says it is not published", carried, 0.0, []
        ok, share, from_context = self.coverage(part, sentence)
        if not ok:
            return "name/year/reference not covered", carried, share, from_context
        if share < self.config.min_word_coverage:
            return "too few content words", carried, share, from_context
        if sentence.table_row and self._row_words(part, sentence) < ROW_WORD_SHARE:
            return "a row of another record", carried, share, from_context
        if (
            part.answer_type == "date"
            and part.act
            and not sentence.table_row
            and not self._says(part.act, sentence)
            and not quotes_asked(part.text, sentence.text)  # 'call it "a danger to ferries"': the words are the act
            and not is_dateline(sentence.text)  # a document's closing date and place: its adoption
        ):
            return "not the act dated", carried, share, from_context
        if part.answer_type == "date" and part.act and self._only_done_by_it(part, sentence.text):
            return "not the act dated", carried, share, from_context  # 'the league ... establishing new bodies'
        if (
            part.answer_type == "date"
            and part.act
            and not sentence.table_row
            and not self._act_of_subject(part, sentence)
        ):
            return "the act of another", carried, share, from_context
        if part.answer_type == "date" and part.act and not self._of_document_asked(part, sentence):
            return "not the document asked", carried, share, from_context
        if part.answer_type == "date" and self._on_another_topic(part, sentence.text):
            return "not the document asked", carried, share, from_context
        if part.answer_type == "date" and dates_only_other_meetings(part, sentence, self.stem):
            return "the date of another meeting", carried, share, from_context
        next_asked = part.answer_type in ("date", "place") and NEXT_ASKED.search(part.text)
        if next_asked and not FUTURE_SAID.search(sentence.text):
            return "not the next one", carried, share, from_context  # 'the first summit was held on D'
        if (
            part.answer_type == "place"
            and not sentence.table_row
            and SEAT_ASKED.search(part.text)
            and not SEAT_SAID.search(sentence.text)
            and not placed_by_name(part, sentence.text)
        ):
            return "not where it sits", carried, share, from_context  # 'signed in Varna': no seat
        if (
            part.answer_type == "place"
            and not sentence.table_row
            and (body := seat_asked_of(part.text))
            and not any(word_matches(t, sentence.terms | sentence.context_terms) for t in self.stem(body))
        ):
            return "the seat of another body", carried, share, from_context  # the 'ferry board' asked
        if part.answer_type in ("date", "place") and not sentence.table_row:
            said = sentence.terms | sentence.context_terms
            if any(not word_matches(t, said) for q in meeting_qualifiers(part.text) for t in self.stem(q)):
                return "another body's meeting", carried, share, from_context  # the fisheries ministers asked
        if part.answer_type == "reason" and part.act and self._only_presupposed(self.stem(part.act), sentence):
            return "the act only presupposed", carried, share, from_context
        if part.answer_type == "person" and part.act and self._only_unrealised(self.stem(part.act), sentence.text):
            return "the act not done", carried, share, from_context  # 'who hosted': not 'X declined to host'
        if part.answer_type == "yes_no" and part.act and not self._states_status(part, sentence):
            return "not the status asked", carried, share, from_context
        if self.year_conflict(part, sentence):
            return "another year", carried, share, from_context
        if self.reference_conflict(part, sentence):
            return "another article or resolution", carried, share, from_context
        if self.done_elsewhere(part, sentence):
            return "the act done elsewhere", carried, share, from_context
        return "", carried, share, from_context

    def done_elsewhere(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'When was the Varna Declaration adopted?': a sentence that names another place where the act
        was done ('the Plan (adopted in Zenda on 4 May 2018)') and not Varna dates another text, even
        in the Varna Declaration itself."""
        if part.answer_type != "date" or not part.act or sentence.table_row:
            return False
        named = [name for name in NAMED_BY_PLACE.findall(part.text) if not BODY_NAME.search(name)]
        if not named or any(re.search(rf"\b{re.escape(name)}\b", sentence.text) for name in named):
            return False
        acts = self.stem(part.act)
        for start, _ in sentence.facts.places:
            verb = re.search(r"([\w-]+)\s+(?:in|at)\s+(?:the\s+)?$", sentence.text[:start])
            if verb and any(word_matches(t, set(self.stem(verb.group(1)))) for t in acts):
                return True
        return False

    def year_conflict(self, part: QuestionPart, sentence: Sentence) -> bool:
        """The sentence states its own years and none of those the question asks about: another time."""
        asked = {c.text for c in part.constraints if c.kind == "year"}
        if YEAR_ASKED.search(part.text):  # 'which year did X propose, in a plan backed in 2021': another year
            return False
        if NEXT_ASKED.search(part.text):
            return False  # 'where will the next one be held, says the 2031 statement': a later year
        # 'the 1999 Ruritania Accord': a year naming the document the sentence is from says nothing
        # of the time the sentence speaks of
        # (a month before the year dates an event: 'the November 2031 resolution' is a time asked)
        asked -= {
            y
            for y in asked
            if (named := re.search(rf"\b{y}\s+{DATED_TEXT}", part.text))
            and not re.search(rf"\b{MONTH}\s+$", part.text[: named.start()], re.I)
            and y in sentence.context_terms
        }
        asked -= bound_years(part.text)
        if not asked:
            return False
        stated = set(YEARS.findall(sentence.text))
        if not any(re.search(rf"{DEADLINE_WORDS}\s+{y}\b", part.text, re.I) for y in asked):
            # 'the Strategy until 2025' names a deadline, not a time the sentence speaks of ('... in 2025?')
            stated = {y for y in stated if not deadline_only(y, sentence.text)}
        if all(y in sentence.context_terms for y in asked) and stated <= set(later_terms(sentence.text, max(asked))):
            return False  # a passage about that year sets a term after it: 'for 2019-2021', 'from 2019 to 2021'
        if stated and not stated & asked:
            return True
        return not TERM.search(part.text) and only_in_terms(sentence.text, asked)  # a term asked: its ends

    @staticmethod
    def reference_conflict(part: QuestionPart, sentence: Sentence) -> bool:
        """The question names 'Article 4' (or a resolution, chapter ...) and the sentence names
        another of the same kind and not it: the sentence is about that other one.
        'Article 2 ... Article 4' asked: either is one asked."""
        asked: dict[str, set[str]] = {}
        for constraint in part.constraints:
            named = REFERENCE.fullmatch(constraint.text) if constraint.kind == "reference" else None
            if named:
                asked.setdefault(named.group(1).lower().rstrip("."), set()).add(named.group(2).lower())
        for kind, numbers in asked.items():
            stated = {n.lower() for k, n in REFERENCE.findall(sentence.text) if k.lower().rstrip(".") == kind}
            if stated and not stated & numbers:
                return True
        return False

    def choose(self, part: QuestionPart, sentences: list[Sentence], scores: list[float] | None = None) -> Choice:
        """The best sentence that carries the part's answer and covers its constraints, if any
        (judged by `scores`, one per sentence, when given; else by each sentence's own score)."""
        best = Choice(part)
        if ordinal_unsaid(part.text, sentences):
            return best
        judged_all = [self.judge(part, sentence) for sentence in sentences]
        # 'who is X': once a sentence says who took the office, a holder named only before then is a past one
        current = part.answer_type == "person" and bool(PRESENT_ASKED.search(part.text))
        acts = ruled_acts(part.text)
        undertakings = self.undertakings(part)
        # 'where is X based': once a sentence says where it is based, a place after its name is second best
        seat_said = (
            part.answer_type == "place"
            and bool(SEAT_ASKED.search(part.text))
            and any(j and SEAT_SAID.search(s.text) for s, j in zip(sentences, judged_all, strict=True))
        )
        # 'what did they agree to do': once a sentence says what was agreed, the meeting's scene is no answer
        undertaken = bool(undertakings) and any(
            j and self._undertakes(undertakings, s) for s, j in zip(sentences, judged_all, strict=True)
        )
        # 'on what legal basis': once a sentence says what the thing rests on ('based on', 'in accordance
        # with'), one that does not is no answer
        basis_said = part.head() in BASIS_HEADS and any(
            j and BASIS_SAID.search(s.text) for s, j in zip(sentences, judged_all, strict=True)
        )
        took = [s for s, j in zip(sentences, judged_all, strict=True) if current and j and self.takes_office(part, s)]
        since = max((latest_year(s.text) for s in took), default=0)
        # 'what concept do they share': once a sentence names one ('the concept of "X"'), one that does not is no answer
        naming = part.answer_type == "other" and any(
            j and j[0] >= 1.0 and names_one_of_kind(part, s.text) for s, j in zip(sentences, judged_all, strict=True)
        )
        for n, sentence in enumerate(sentences):
            judged = judged_all[n]
            if judged is None or (took and sentence not in took and latest_year(sentence.text) < since):
                continue
            if naming and not names_one_of_kind(part, sentence.text):
                continue
            if undertaken and not self._undertakes(undertakings, sentence):
                continue
            if seat_said and not sentence.table_row and not SEAT_SAID.search(sentence.text):
                continue
            if basis_said and not BASIS_SAID.search(sentence.text):
                continue
            carried, share, from_context = judged
            type_weight = (
                0.4 if part.answer_type == "list" else 0.2
            )  # a list is judged by how much of it a sentence has
            score = sentence.score if scores is None else scores[n]
            strength = score + type_weight * carried + 0.2 * share - 0.05 * len(from_context)
            strength -= 0.02 * math.log1p(len(sentence.text.split()))  # the shorter of two equal answers
            if part.answer_type == "reason" and any(c.search(sentence.text) for c in CAUSE_FORMS):
                strength += CAUSE_BONUS  # 'because ...' over a sentence that only tells what happened
            if part.answer_type == "reason" and carried >= 1.0 and part.act and self._says(part.act, sentence):
                strength += CAUSE_BONUS  # 'after X refused, Y froze ...': the act, with what led to it
            if part.answer_type == "definition" and carried >= 1.0:
                strength += DEFINITION_BONUS
            if part.answer_type == "comparison" and carried >= 1.0:
                strength += COMPARISON_BONUS  # the two set side by side, over a sentence that names both
            if part.answer_type == "date" and not YEAR_WANTED.search(part.text):
                strength += DATE_PRECISION_BONUS * self.date_precision(part, sentence)
            if acts and states_rule(sentence.text, acts):
                strength += RULE_BONUS
            if part.answer_type in DOING_ASKED and (PREAMBLE.match(sentence.text) or masthead(raw_text(sentence))):
                strength -= PREAMBLE_PENALTY
            if current and CURRENT_SAID.search(sentence.text):
                strength += CURRENT_BONUS  # 'who is X' asks for the holder now: 'the current X is ...'
            if part.answer_type == "list" and carried >= 1.0 and sentence.table_row and sentence.row.rows > 1:
                strength += WHOLE_LIST_BONUS  # 'Member ports (8): A, B, ...' over a summit's guests
            if part.answer_type == "person" and part.act and self.names_agent(part, sentence):
                strength += AGENT_BONUS
            if carried >= 1.0 and self._kind_owned(part, sentence):
                strength += KIND_OWNED_BONUS
            if best.sentence is None or strength > best.strength:
                best = Choice(part, sentence, from_context, strength, share, carried)
        return best

    def undertakings(self, part: QuestionPart) -> list[str]:
        """The verbs that say what was undertaken or said to be needed ('agree', 'funded', 'improved')."""
        if part.answer_type not in DOING_ASKED:
            return []
        asked = UNDERTAKING_ASKED.match(part.text) or SAID_NEEDED_ASKED.match(part.text)
        return [stems[0] for verb in asked.groups() if verb and (stems := self.stem(verb))] if asked else []

    @staticmethod
    def _undertakes(undertakings: list[str], sentence: Sentence) -> bool:
        return any(word_matches(verb, sentence.terms) for verb in undertakings)

    def _kind_owned(self, part: QuestionPart, sentence: Sentence) -> bool:
        """'Which Varnan proposal': the name asked stands beside the noun asked ('Varna's proposal',
        'the proposal of Varna'), not across the sentence from it."""
        head = part.head()
        if not part.kind_names or not head:
            return False
        return any(
            self._near(sentence.text, m.span(), part.kind_names, KIND_OWNED_WINDOW)
            for m in re.finditer(rf"\b{re.escape(head)}", sentence.text, re.I)
        )


FORMER = re.compile(r"\b(?:former|past|previous|ex-)", re.I)
BASIS_HEADS = frozenset({"basis", "grounds"})
BASIS_SAID = re.compile(
    r"\b(?:based\s+on|on\s+the\s+(?:basis|grounds?)\s+of|in\s+accordance\s+with|pursuant\s+to|in\s+line\s+with)\b",
    re.I,
)
# What one table row can answer: who, when, where, how many, or what a column holds.
ROW_KINDS = frozenset({"person", "date", "number", "place", "other"})
# 'Become a full member': a table of members lists full members without saying 'full'.
MEMBER_QUALIFIERS = frozenset({"full", "new"})
# Share of the question's content words a table row must say itself (its labels are all it has).
ROW_WORD_SHARE = 0.34
# Membership ended without the words for leaving: 'X suspended its membership', 'membership
# suspended' tell when X left ('when did X leave'); a frozen participation is not a departure.
MEMBERSHIP_ENDED = re.compile(
    r"\b(?:suspend(?:s|ed|ing)?|suspension\s+of|terminat(?:e|es|ed|ing|ion\s+of))\s+(?:(?:its|their|the)\s+)?"
    r"membership\b|\bmembership\s+(?:was\s+|had\s+been\s+)?(?:suspended|terminated)\b",
    re.I,
)
# The words after an -ing verb that hold its object ('opening the Varna ferry route').
OBJECT_WORDS = 4
# Words after a past verb that begin no object of it: 'established in 2031', 'formed by', 'set up as'
NOT_OBJECTS = frozenset(
    words(
        "in on at by as under from to during after before when with and or following upon through within into until "
        "since for of jointly formally officially together"
    )
    + [m.lower() for m in MONTHS]
)
# A text in force is in effect: either phrase says when it began to bind (analysis.dated_act's 'force').
IN_FORCE = re.compile(
    r"\b(?:in|into)\s+force\b|\b(?:take|takes|took|taken|taking|come|comes|came|coming)\s+(?:into\s+)?effect\b"
    r"|\bin\s+effect\b|\beffective\s+(?:from|as\s+of|on)\b",
    re.I,
)
# A status denied to those named: 'without being member states', 'is not a member', 'never an observer'
STATUS_NOUN = r"(?:members?|observers?|partners?|parties|signatories)"
STATUS_DENIED = re.compile(
    rf"\b(?:not|never|no longer|without being|without becoming)\s+(?:\w+\s+){{0,2}}{STATUS_NOUN}\b", re.I
)
# A status once held: 'former members', 'ex-observers'
FORMER_STATUS = re.compile(rf"\b(?:former|past|previous|ex-)\s*(?:member\s+)?{STATUS_NOUN}\b", re.I)
# A status sought, not held: 'to obtain the status of a', 'to gain the status of an'
STATUS_SOUGHT = re.compile(r"\bto\s+(?:obtain|gain|acquire|receive|seek)\s+(?:the\s+)?status\s+of\s+(?:an?\s+)?$", re.I)
# A cell that is a date: '4 July 2023', 'July 2023', '2023'
DATE_CELL = re.compile(rf"(?:(?:\d{{1,2}}\s+)?{MONTH}\s+)?(?:19|20)\d\d|{MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d", re.I)
# Membership taken, not members named ('other CSTO members' says no one joined)
MEMBERSHIP_TAKEN = re.compile(
    r"\b(?:full|permanent|its|their|[\w-]+['’]s)\s+membership\b|\bmembership\s+(?:of|in)\b|"
    r"\b(?:full|new|permanent|became|become|becoming|as|an?|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth)\s+(?:\w+\s+){0,2}members?\b|\bmembers?\s+since\b",
    re.I,
)
# 'the Baltic Ferry Union was founded', 'HPS was formally launched': a name of two or more
# words, or an acronym, as the subject of a passive act
PASSIVE_SUBJECT = re.compile(  # a name may hold 'of', 'on', 'for', 'against' ('the HLC Convention on Piracy')
    r"\b((?:[A-Z][\w'’-]+\s+(?:(?:of|on|for|against)\s+)?)+[A-Z][\w'’-]+|[A-Z]{3,})\s+"
    r"(?:was|were|has been|had been|have been)\s+"
    r"(?:\w+ly\s+)?(\w+)"
)
# A group of people as the agent of a passive act: 'criticised by (the) (Varna) politicians'
GROUP_AGENT = re.compile(
    r"\b([\w'’-]+)\s+by\s+(?:the\s+|some\s+|many\s+)?(?:[A-Z][\w'’-]+\s+)?(?:politicians|officials|leaders|critics"
    r"|analysts|commentators|experts|diplomats|lawmakers|parliamentarians|deputies|activists|ministers|generals)\b"
)
# 'proposed by the Prime Minister of the Republic of Norway': an act done by a state's office-holder,
# whom the sentence leaves unnamed
OFFICE_AGENT = re.compile(
    r"\b((?:put|set|brought)\s+forward|[\w'’-]+)\s+by\s+the\s+(?:President|Prime\s+Minister|Foreign\s+Minister"
    r"|Minister\s+of\s+[A-Z][\w-]*(?:\s+Affairs)?|King|Queen|Emir|Chancellor|Head\s+of\s+State|Government)\s+of\s+(?:the\s+)?[A-Z]"
)
# Words between an act and the body it is done to: 'withdrew from the NBFU', 'left its grouping'
BEFORE_OBJECT = frozenset({"the", "its", "their", "from", "out", "of"})
# what an act named by its noun made: '(, in 1995,) of the (joint) HLC Ferry Command'
NOMINAL_ACT_OBJECT = re.compile(
    r"(?:,[^,]{0,24},)?\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
OTHER_BODY = re.compile(r"[A-Z]{3,}")  # an acronym names a body: 'left the NBFU grouping'
# An act named as already known, by a preposition and 'the' or a possessive ('despite the freeze').
KNOWN_ACT = re.compile(r"\b(?:despite|after|since|following|amid|given|before)\s+(?:the|its|their|this|that)\s+$", re.I)
DATE_AFTER_ACT = 12  # characters between such an act and a date that dates it ('the freeze of 2024')
DEADLINE_WORDS = r"\b(?:until|till|towards?|through|up to)"  # 'the Strategy until 2025': a deadline
ACT_REACH = 10  # words between a country asked about and the act the sentence dates for it
# Words that make an act one begun, sought or planned rather than done
PROSPECTIVE = frozenset(
    {"procedure", "process", "bid", "application", "apply", "applied", "applying", "intention", "intends"}
    | {"intend", "plan", "plans", "planned", "proposal", "proposed", "seek", "seeks", "sought", "seeking"}
    | {"would", "could", "might", "candidate", "propose", "proposes", "proposing"}
    | {"suggest", "suggests", "suggested", "suggesting", "urge", "urged", "urges"}
)
# The words that give a country the status a yes/no question asks about ('is X a member of Y')
STATUS_WORDS = {"member": ("member", "belong", "join"), "observer": ("observer",), "partner": ("partner",)}
NEGATIONS = frozenset({"not", "never", "no", "nor"})
# After the act's noun: a step towards it ('admission procedure', 'membership application').
STEPS_TOWARDS = frozenset({"procedure", "procedures", "process", "bid", "bids", "application", "applications", "talks"})
# A refusal denies the act after it: 'declined to host', 'refused to send', 'failed to ratify', 'ruled out joining'.
REFUSALS = frozenset(
    words("declined declines decline refused refuses refuse failed fails rejected rejects ruled rules")
)
# The kind of document a question names ('the league's charter', 'the 2031 ferry accord')
DOCUMENT_KIND = re.compile(
    r"\b(declaration|statement|charter|convention|treaty|agreement|accord|resolution|communiqu[eé]|"
    r"memorandum|protocol|concept|strategy|programme|plan)\b",
    re.I,
)
# 'The Protocol entered into force', 'This agreement was signed': the kind of text the sentence is about
SUBJECT_DOCUMENT = re.compile(rf"\W*(?:the|this|that|its|their)\s+(?:[a-z-]+\s+){{0,2}}?{DOCUMENT_KIND.pattern}", re.I)
# 'the statement of the heads of port on pilot training': the kind of document and its topic
TOPIC_OF_DOCUMENT = re.compile(rf"{DOCUMENT_KIND.pattern}[^.;()?]{{0,80}}?\bon\s+([^.;,()?]+)", re.I)
TOPIC_END = re.compile(r"\s+(?:that|which|who|by|at|when|where|\w+ed)\b", re.I)
DOCUMENT_ACTS = {"sign", "adopt", "conclud", "forc"}  # stemmed: the acts that make (or bring into force) a text
TABLE_WORDS = frozenset({"table", "tables", "figures"})  # 'according to its members table'; not the record
# 'who headed / led / chaired it': holding the office, which is what a table of office holders lists
OFFICE_ACT = re.compile(r"(?:head|lead|led|direct|chair|run|ran|serve|held|hold)(?:s|ed|ing)?", re.I)
# 'Who heads / leads / runs X?' asks for the official at its top, whatever the office's name
HEADING_ACT = re.compile(r"(?:head|lead|led|run|ran)(?:s|ed|ing)?", re.I)
CHIEF_TITLES = ["Secretary-General", "Director", "Executive Secretary", "Chairman", "Chair", "President", "Head"]


# 'Deputy Secretary-General', 'Vice-Chairman': the office below the one named
DEPUTY_WORDS = r"(?:deputy|vice|assistant|under)"
SECOND_IN_OFFICE = rf"\b{DEPUTY_WORDS}\b"


CLAUSE_END = re.compile(r";|,\s+(?:and|while|but|succeeding|replacing|after|following)\b|\.\s")


NUMBER_NAMES = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
COUNTS = dict(zip(NUMBER_NAMES, range(2, 13), strict=True))
# 'had two observer states: A and B', 'its 9 members (A, B, ...)': a count, then the items
COUNT_BEFORE_ITEMS = re.compile(
    rf"\b(?P<n>{'|'.join(COUNTS)}|\d{{1,2}})\s+(?:[\w-]+\s+){{0,2}}[\w-]+s\b\s*(?::|\(|,|—|–|-|are\b|were\b)", re.I
)


def counted_in_full(text: str, items: int) -> bool:
    """The sentence counts the things it lists, and lists as many as it counts: the whole list."""
    for match in COUNT_BEFORE_ITEMS.finditer(text):
        said = match.group("n").lower()
        if (COUNTS.get(said) or (int(said) if said.isdigit() else 0)) == items:
            return True
    return False


def role_words(part: QuestionPart) -> list[str]:
    """The words of a 'who' question that name the role ('Secretary-General', 'chair', 'CSTO'), not its
    nationality ('Armenian'), a general person noun or an order ('first', 'current')."""
    return [w for w in part.focus if not is_demonym(w) and w.lower() not in GENERIC_PERSON | ORDINALS]


def office_roles(part: QuestionPart) -> list[str]:
    """The role words that name the office itself, not the organisation it is of."""
    return [r for r in role_words(part) if not is_organisation(r)]


# 'according to the Varna report': the text the question takes its answer from
SOURCE_NAMED = re.compile(rf"\b(?:{SOURCE_WORDS})\s+([^,?;]+)", re.I)


@lru_cache(maxsize=256)
def sources_named(question: str) -> str:
    """The texts the question names as its sources ('the Varna report'), asked once per question,
    not once per candidate name."""
    return " ".join(m.group(1) for m in SOURCE_NAMED.finditer(question))


def serving(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names whose clause does not say their term has ended ('Per Lund (2009-2015)'), nor gives
    them as an example of the post's holders ('for example, Per Lund became director in 2013')."""
    return [
        s
        for s in spans
        if not CLOSED_TENURE.search(clause_after(text, s)) and not EXAMPLE_BEFORE.search(text[: s[0]][-EXAMPLE_REACH:])
    ]


def clause_after(text: str, span: tuple[int, int]) -> str:
    """The words after a name up to the end of its clause (the next ';', ', and', ', succeeding'), at
    most 20: what it says of this name, not of the one it succeeded."""
    rest = CLAUSE_END.split(text[span[1] :], maxsplit=1)[0]
    return " ".join(rest.split()[:20])


def latest_year(text: str) -> int:
    return max((int(y) for y in YEARS.findall(text)), default=0)


def second_in_office(text: str, span: tuple[int, int]) -> bool:
    """The title just before the name (its last four words) makes the person a deputy of the office."""
    title = re.findall(r"[\w’'-]+", text[: span[0]])[-4:]
    return any(re.fullmatch(rf"{DEPUTY_WORDS}(?:-.*)?", w, re.I) for w in title)


# Where a body sits, said any of these ways: 'based in', 'headquartered in', 'located in' (stemmed).
SEAT_TERMS = frozenset({"base", "headquart", "locat", "sit", "seat", "situat", "hous"})


# 'When is the next summit?', 'when will the league next meet?': a time still to come, which a sentence
# says as to come ('will be held', 'is scheduled for', 'the next summit')
# ('where will the next talks be held?' asks for a place to come; 'According to X, when and where were
# the next talks to be held?' asks the same of an older text)
NEXT_ASKED = re.compile(
    r"^(?:[^,]+,\s*)?\s*(?:when|where)\s+(?:and\s+(?:when|where)\s+)?"
    r"(?:(?:is|are|will|shall)\b.*\b(?:next|following)\b|(?:was|were)\b.*\b(?:next|following)\b.*\bto\s+(?:be|take)\b)",
    re.I,
)
FUTURE_SAID = re.compile(
    r"\b(?:next|will|shall|upcoming|forthcoming|scheduled|planned|(?:is|are)\s+to\s+be|due\s+to)\b", re.I
)
# 'Where is the league's ferry board based?': the body whose seat is asked, by its last word
SEAT_OF = re.compile(
    r"^\s*where\s+(?:is|are|was|were|does|do|did)\s+(?P<body>.+?)\s+(?:based|headquartered|located|situated|seated"
    r"|housed|sits?)\b",
    re.I,
)


def seat_asked_of(question: str) -> str:
    """The common noun naming the body whose seat a question asks ('board' of 'Where is the league's
    ferry board based?'); '' for a name ('the Ferry Board': its words are a constraint of their own),
    an organisation or a pronoun. A sentence that says where a body sits must say that it is this one:
    'the Harbour Pilots' Office in Varna' is no answer."""
    match = SEAT_OF.match(question)
    words = re.findall(r"[\w'’-]+", match.group("body")) if match else []
    last = words[-1] if words else ""
    if not last or last[:1].isupper() or last.lower() in PRONOUNS or is_organisation(last):
        return ""
    return last


# 'When did the league's fisheries ministers meet?': the body whose meeting is asked, before the verb
MEETING_OF = re.compile(
    r"^(?:.*?\b)?(?:when|where|(?:on|in|at)\s+(?:what|which)\s+[\w\s]+?)\s+(?:did|do|does|will|was|were|is|are)\s+"
    r"(?:the\s+)?(?P<body>[\w\s'’-]+?)\s+(?:meet|convene|gather)\b",
    re.I,
)


MEETING_ADVERBS = frozenset(words("next first last again ever also usually regularly formally jointly actually"))


@lru_cache(maxsize=256)
def meeting_qualifiers(question: str) -> tuple[str, ...]:
    """The words that say which body's meeting is asked: 'fisheries' of 'When did the league's
    fisheries ministers meet?'. A body of one common noun ('the ministers') or of names only has none."""
    match = MEETING_OF.match(question)
    if not match:
        return ()
    body = re.split(r"['’]s?\s", match.group("body"))[-1]  # 'the league's defence chiefs': the chiefs
    said = [w for w in re.findall(r"[\w-]+", body) if w.lower() not in MEETING_ADVERBS]
    if len(said) < 2 or any(w.lower() in ("and", "or", "of") for w in said):  # a list, or a compound noun
        return ()
    return tuple(w for w in said[:-1] if w.islower() and w not in DETERMINERS and len(w) > 2)


# 'What future do they foresee?', 'what are its prospects?': asked of what is to come, which a
# sentence says by what is likely or will be ('the league is likely to shrink', 'it will grow')
FUTURE_WORDS = ("future", "foresee", "foresees", "prospect", "prospects", "outlook", "predict", "predicts", "forecast")
FORESEEN = re.compile(r"\b(?:likely|unlikely|will|shall|expected\s+to|set\s+to|bound\s+to|going\s+to)\b", re.I)


def names_one_of_kind(part: QuestionPart, text: str) -> bool:
    """The sentence gives a name to a thing of the kind a 'what X' question asks for: 'the concept
    of "open regionalism"', 'a doctrine known as Forward Defence', 'a plan called North Star'."""
    head = part.head()
    if not head:
        return False
    return bool(re.search(rf"\b(?i:{re.escape(head)})\w*\s+(?i:of|called|known\s+as|termed|dubbed)\s+[‘'\"“A-Z]", text))


def seated(part: QuestionPart, term: str, terms: set[str]) -> bool:
    """'Where is X based?' is answered by 'X, headquartered in Y': for a place asked, the words for
    where a body sits stand for each other (only there: 'treaty-based' says nothing of a seat)."""
    return part.answer_type == "place" and term in SEAT_TERMS and bool(SEAT_TERMS & terms)


def is_state(place: str) -> bool:
    """'Norway', 'the Republic of Norway', or the 'Republic' of such a name: a state, not a city."""
    rest = STATE_PREFIX.sub("", place)
    return not rest or _is_country(rest)


def _is_country(name: str) -> bool:
    return name.lower() in COUNTRIES or is_demonym(name)


def subject_of(text: str) -> str:
    """The name a sentence opens with, up to its first lower-case word but 'of', 'and', 'the', 'for'
    ('The HLC Ferry Board of Varna', not the names after its verb): what a pronoun after it stands for."""
    words = []
    for word in text.split():
        if word[:1].islower() and word not in ("of", "and", "the", "for"):
            break
        words.append(word)
    return " ".join(words)


# The name a sentence opens with, its subject: 'The HLC Ferry Board, ...' -> 'HLC Ferry Board'
OPENING_NAME = re.compile(r"\W*(?:The\s+)?((?:[A-Z][\w’'-]*\s+)+[A-Z][\w’'-]*)\b(?!\s+[A-Z])")


def opens_with_other_body(sentence: Sentence, name: str) -> bool:
    """The sentence's subject is a body led by an acronym, as the name asked is, and none of its other
    words is the name's ('The HLC Ferry Board' for 'HLC Assembly'): it speaks of that body, whatever
    its heading names."""
    opening = OPENING_NAME.match(sentence.text)
    if opening is None or len(name.split()) < 2 or not ACRONYM.fullmatch(name.split()[0]):
        return False
    said = opening.group(1).split()
    if not ACRONYM.fullmatch(said[0]):
        return False
    words = {w.lower() for w in said if not ACRONYM.fullmatch(w)}
    return bool(words) and not words & {w.lower() for w in name.split()}


def of_another_body(name: str, text: str, question: str) -> bool:
    """A name led by a body's acronym ('UN Mission', 'HLC Secretary-General') that the text does not
    say, by the acronym or spelled out ('United Nations'), while it names another body by its acronym,
    one the question does not name ('a NATO mission', 'NBFU Secretary-General'): the text's mission or
    office is that other body's."""
    words = name.split()
    body = words[0]
    if len(words) < 2 or not ACRONYM.fullmatch(body) or re.search(rf"\b{body}\b", text):
        return False
    asked = set(ACRONYM.findall(question)) | runs_initials(question)  # 'the United Nations' asks of the UN
    return body not in runs_initials(text) and any(other not in asked for other in ACRONYM.findall(text))


def runs_initials(text: str) -> set[str]:
    """The initials of each run of capitalised words ('United Nations': 'UN')."""
    return {"".join(w[0] for w in run.split()) for run in re.findall(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", text)}


# a body's acronym: not a Roman numeral, nor a part of a document symbol ('S/PRST/2010/1')
ACRONYM = re.compile(r"(?<![/\w])(?![IVX]+\b)[A-Z]{2,6}\b(?!/)")


# where a thing happened, as a question sets it ('held in Varna', 'at Zenda') and as a text says it
PLACE_SET = re.compile(r"\b(?:in|at)\s+([A-Z][a-z’'-]+(?:[ -][A-Z][a-z’'-]+)*)")
# a declaration's '(Varna, 4 May 2031)' after a meeting: where and when it was held
PLACE_DATED = re.compile(rf"\(([A-Z][a-z’'-]+(?:[ -][A-Z][a-z’'-]+)*),\s*\d{{1,2}}(?:\s*{DASH}\s*\d{{1,2}})?\s+{MONTH}")


def of_another_place(name: str, question: str, sentence: Sentence) -> bool:
    """The question sets its event in a place ('the meeting in Varna'), which the sentence does not
    name while it places its own event elsewhere ('held in Zenda', '(Zenda, 4 May 2031)'): the
    sentence tells of another event. Months, countries (see _other_country) and the question's other
    names are no such place."""
    if name not in PLACE_SET.findall(question) or name in MONTHS or _is_country(name):
        return False
    text = sentence.text
    if re.search(rf"\b{re.escape(name)}\b", text):
        return False
    said = {text[a:b] for a, b in sentence.facts.places} | set(PLACE_DATED.findall(text))
    return any(
        p not in question and not _is_country(p) and p.split()[0] not in MONTHS and not organisations_named(p)
        for p in said
    )


def names_another_of_kind(name: str, text: str) -> bool:
    """The text gives the last word of the name only inside other names: 'the Zenda City Assembly' (and
    no other assembly) where the 'HLC Pilots Assembly' is asked."""
    words = name.split()
    last = words[-1]
    if len(words) < 2 or not last[:1].isupper():
        return False
    found = re.findall(rf"((?:(?!(?:The|A|An|Its|Their|This|That)\s)[A-Z][\w'’-]*\s+)*){re.escape(last)}\b", text)
    return bool(found) and all(before and not set(before.split()) <= set(words) for before in found)


def dates_only_other_meetings(part: QuestionPart, sentence: Sentence, stem: Callable[[str], Any]) -> bool:
    """Every date of the sentence stands in a meeting's '(Varna, 4 May 2031)' after words that are not
    the question's (at most one shared): 'the ministers' meeting (Varna, 4 May 2031) and the opening of
    the Zenda Ferry Office' dates the meeting, not the opening asked; 'the Joint Statement on Ferries
    (Varna, 4 May 2031)' dates the ferry statement asked."""
    text = sentence.text
    dated = list(PLACE_DATED.finditer(text))
    if not dated or not sentence.facts.dates:
        return False
    if any(not any(m.start() <= a < m.end() + 20 for m in dated) for a, _ in sentence.facts.dates):
        return False  # a date of its own
    asked = set(stem(part.text)) - ORGANISATION_TERMS
    return all(len(asked & named_before_bracket(text, m.start(), stem)) < 2 for m in dated)


BRACKETED_NAME_WORDS = 10  # words before '(Varna, 4 May 2031)' that name what it places and dates


def named_before_bracket(text: str, at: int, stem: Callable[[str], Any]) -> set[str]:
    """The terms of the words before a '(Varna, 4 May 2031)' at `at`: they name what it places and dates."""
    return set(stem(" ".join(text[:at].split()[-BRACKETED_NAME_WORDS:])))


BRACKET_OPEN = re.compile(r"\(\s*$")


def counted_elsewhere(part: QuestionPart, constraint: Constraint, text: str) -> bool:
    """'How many ships form the SCO Ferry Force?': a body of several words, named only around the
    sentence, while the sentence counts for its organisation ('the SCO sent 200 of its ships to
    Varna'): that is the organisation's count, not the force's, unless the force is spoken of ('the
    force has ...'). A sentence naming no owner ('About 900 ships sailed.') goes on about its passage."""
    words = constraint.text.split()
    if part.answer_type != "number" or constraint.kind != "entity" or len(words) < 2:
        return False
    if is_organisation_name(constraint.text):
        return False  # the organisation itself ('the Shanghai Cooperation Organisation')
    if not organisations_named(text):
        return False
    return not re.search(rf"\b{re.escape(words[-1])}", text, re.I)


def of_another_year_before(part: QuestionPart, constraint: Constraint, sentence: Sentence) -> bool:
    """A year asked that the sentence does not give, while the sentence before it in its paragraph
    gives only years not asked: 'The 2031 exercise was held in Varna. About 900 sailors joined.'
    speaks of 2031, whatever year the heading or the next paragraph names. (The year of a document
    asked, 'the 2031 Varna Declaration', is not a time its sentences speak of.)"""
    if constraint.kind != "year" or YEARS.search(sentence.text):
        return False
    if re.search(rf"\b{constraint.text}\s+{DATED_TEXT}", part.text):
        return False
    before = set(YEARS.findall(sentence.previous))
    return bool(before) and not before & {c.text for c in part.constraints if c.kind == "year"}


QUOTED = re.compile(r"[\"“‘]([^\"”’]{12,})[\"”’]")  # a quoted phrase of some length ('“a danger to ...”')


def quotes_asked(question: str, text: str) -> bool:
    """The text says a phrase the question quotes (three words or more), however it is quoted or wrapped."""
    said = " ".join(text.lower().split())
    return any(len(q.split()) >= 3 and " ".join(q.lower().split()) in said for q in QUOTED.findall(question))


def says_reference(reference: str, text: str) -> bool:
    """The text names the article (resolution, chapter ...) by its kind and number: 'Article 9' by
    'Art. 9' too, but not by 'Article 19' nor by 'article' alone."""
    asked = REFERENCE.fullmatch(reference)
    if not asked:
        return False
    key = (reference_kind(asked.group(1)), asked.group(2).lower())
    return any((reference_kind(k), n.lower()) == key for k, n in REFERENCE.findall(text))


def numbered_as(reference: str, number: str) -> bool:
    """'Paragraph 4' (or 'Section 4') asked, and the sentence is in the paragraph numbered '4.'."""
    asked = REFERENCE.fullmatch(reference)
    if not (number and asked):
        return False
    return reference_kind(asked.group(1)) in ("paragraph", "section") and asked.group(2) == number


def reference_kind(word: str) -> str:
    """'Article', 'article', 'Art.' -> 'article'; 'Resolution' -> 'resolution'."""
    kind = word.lower().rstrip(".")
    return "article" if kind == "art" else kind


def names_organisation(constraint: str, text: str) -> bool:
    """The constraint is one of the organisations and the text names it by any of its names."""
    return constraint.upper() in organisations_named(text)


def has_object(words: list[str], i: int) -> bool:
    """The verb at `i` (lower-case words) is active with an object of its own after it: 'establishing
    new bodies', 'has established relations'; not 'was established in 2031', 'established by the
    league', nor the adjective in 'the established order'."""
    if i + 1 >= len(words) or (i and words[i - 1] in DETERMINERS | {"of", "his", "her", "our", "'s"}):
        return False
    after = words[i + 1]
    if words[i].endswith("ing"):
        return after in DETERMINERS or after.isdigit() or (after.isalpha() and after not in NOT_OBJECTS)
    passive = i and words[i - 1] in ("was", "were", "been", "being", "be", "is", "are")
    return not passive and after.isalpha() and after not in NOT_OBJECTS


def expands_only(text: str, names: list[str]) -> bool:
    """The text says what a name is only by its other name ('HL is the Harbour League (also spelt
    ...)'): the acronym spelled out, not the kind of thing it names."""
    spelled = [r"[*_\s]*".join(re.escape(w) for w in n.split()) for n in names if n]
    return any(
        re.search(rf"\b{a}\b[*_\s]*(?:is|stands\s+for|means)\s+(?:the\s+)?[*_]*{b}\b[*_]*\s*(?:[.(]|$)", text, re.I)
        for a in spelled
        for b in spelled
        if a != b
    )


def former_list_not_asked(question: str, title: str) -> bool:
    """A table's list of former members (observers, partners) does not answer a question about
    the present ones; nor does the list of present ones answer a question about former ones."""
    if not FORMER.search(title):
        return bool(FORMER.search(question))
    return not former_asked(question)


# 'in 2009, 2013 and 2018': years joined in a list, each of its own instance of what is told
YEAR_SERIES = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s*(?:,|and|or|&)\s*(?:19|20)\d\d(?!\d))+")


def beside_year_asked(text: str, span: Span, asked: set[str]) -> bool:
    """A year listed beside the one asked ('drills held in 2009 and 2013', asked of 2013's) dates
    another instance: the question already has its year."""
    return any(
        m.start() <= span[0] and span[1] <= m.end() and asked & set(YEARS.findall(m.group()))
        for m in YEAR_SERIES.finditer(text)
    )


def former_asked(question: str) -> bool:
    """The question asks of former members (observers, ...): it says so, or asks in the past tense
    ('which states were ...')."""
    return bool(FORMER.search(question) or re.search(r"\b(?:were|was|had|used to)\b", question, re.I))


def follows_in_table(question: str, name: str, sentence: Sentence) -> bool:
    """The sentence is the table row just after the one naming `name` when the question asks who
    came after (succeeded) them, or just before it when it asks who came before (preceded) them.
    The rows of a list of office holders run in time order."""
    row = sentence.row
    asked = order_asked(question)
    if row is None or asked is None or not name.strip():
        return False
    next_to = row.below if re.match(r"before|preceded|predecessor", asked.group(), re.I) else row.above
    surname = name.split()[-1].lower()
    return surname in next_to.lower().split()


def names_person(name: str, sentence: Sentence) -> bool:
    """A full name the question gives is named by a person of the sentence with its last word."""
    words = name.split()
    if len(words) < 2:
        return False
    last = words[-1].lower()
    return any(
        re.sub(r"[’']s?$", "", sentence.text[a:b].split()[-1]).lower() == last for a, b in sentence.facts.persons
    )


def says_phrase(sequence: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """The stemmed phrase of a name occurs in the stemmed sentence, its words next to each other (and
    as they are: the words of a name are no acts)."""
    n = len(phrase)
    return any(
        all(word_matches(t, {sequence[i + j]}, acts=False) for j, t in enumerate(phrase))
        for i in range(len(sequence) - n + 1)
    )


# The topic's words stand within this many words more than the topic has ('a member state may leave'
# speaks of members leaving).
TOPIC_SPREAD = 2


def says_topic(terms: tuple[str, ...], sequence: tuple[str, ...]) -> bool:
    """The stemmed topic is said with its words close together, in any order ('information security',
    'the security of information'), not scattered ('exchange of information' in a sentence naming the
    Collective Security Treaty)."""
    width = len(terms) + TOPIC_SPREAD
    return not terms or any(
        all(word_matches(t, set(sequence[i : i + width])) for t in terms)
        for i in range(max(1, len(sequence) - width + 1))
    )


# 'on behalf of Norway', 'for Norway', 'for the Union': whom a person acted for
ACTING_FOR = re.compile(r"\b(?:(?i:on behalf of)|for)\s+(?:the\s+)?([A-Z][\w’'-]*)")


# Three or more names in a row ('Russia, Armenia, Kazakhstan and Uzbekistan'): one word apart, not
# several, from a date or a name the question asks about ('On 3 May 2031 six ports - A, B, C and D -
# signed the Charter')
_NAME = r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*"
NAME_LIST = re.compile(rf"{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME}){{2,}}")


def masthead(text: str) -> bool:
    """A run of short lines that ends in no full stop: a document's heading block ('Ferry Council\n
    Resolution 12/4\nDistr.: General') or its signatures, which name and date things without saying
    what anyone did."""
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if len(lengths) < MASTHEAD_LINES or text.rstrip().endswith("."):
        return False
    return lengths[len(lengths) // 2] <= MASTHEAD_LINE_CHARS


def raw_text(sentence: Sentence) -> str:
    """The sentence as its passage has it, line breaks included (`text` reads them as spaces)."""
    return str(getattr(sentence.candidate, "text", None) or sentence.text)


# 'who represented Zenda', 'who spoke on behalf of Zenda' (and in a who-question ACTING_FOR's 'who signed
# for Zenda'): the state a person acted for
REPRESENTED = re.compile(r"\b(?:represent(?:ed|s|ing)?|(?i:on behalf of))\s+(?:the\s+)?([A-Z][\w’'-]*)")


def acted_for(name: str, part: QuestionPart) -> bool:
    """Is the name the state the person asked for acted for? Then the answer must name it. (Not a body:
    a body is named many ways, by its acronym or spelled out, and its envoy by his office.)"""
    said = REPRESENTED.findall(part.text) + (ACTING_FOR.findall(part.text) if part.answer_type == "person" else [])
    return _is_country(name) and any(name.split()[0] == word for word in said)


# 'its memorandum with NBFU', 'the accord signed with the Zenda Port Authority': the other party of a
# pact, which the answer must name (a memorandum with another body is another memorandum)
PARTY_WITH = re.compile(
    r"\b(?:memorandum|agreement|accord|treaty|protocol|deal|pact|cooperation|partnership|signed|concluded)\b"
    r"[^?,;]{0,40}?\bwith\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


# 'how many troops did Varna send', 'how much does Zenda pay': the state that did what is counted
COUNTED_DOER = re.compile(r"\b(?:did|does|do|has|have)\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+[a-z]")


# 'How many troops make up the Varna Ferry Guard?': the whole whose members are counted
COUNTED_WHOLE = re.compile(
    r"\b(?i:how)\s+many\b[^?]*?\b(?:make\s+up|makes\s+up|form|forms|comprise|comprises|constitute|serve\s+in|belong\s+to)"
    r"\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)


def counted_whole(part: QuestionPart) -> list[str]:
    """The name of the whole a 'how many' question counts the members of: the answer must say it
    (in its sentence or context), as a count of another force is no count of it."""
    whole = COUNTED_WHOLE.search(part.text) if part.answer_type == "number" else None
    return [whole.group("name")] if whole else []


def counts_own(name: str, part: QuestionPart) -> bool:
    """Is the name the state whose own number a 'how many/much' question asks ('how many troops did
    Varna send')? Then the answer must name it: the force's whole size is not Varna's share."""
    doer = COUNTED_DOER.search(part.text) if part.answer_type == "number" else None
    return bool(doer) and _is_country(name) and doer.group("name") == name


MONTH_YEAR = re.compile(rf"\b({MONTH})\s+(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?,?\s+)?((?:19|20)\d\d)\b", re.I)


def of_another_month(question: str, text: str) -> bool:
    """'its July 2031 meeting' asked; the text dates its event to other months of 2031 only ('held on
    17 September 2031'): it tells of another event."""
    asked = {(m.lower()[:3], y) for m, y in MONTH_YEAR.findall(question)}
    if not asked:
        return False
    said = {(m.lower()[:3], y) for m, y in MONTH_YEAR.findall(text)}
    years = {y for _, y in asked}
    of_those_years = {d for d in said if d[1] in years}
    return bool(of_those_years) and not of_those_years & asked


# 'the seventh summit', 'the 7th Meeting': an ordinal and the words after it
ORDINAL_OF = re.compile(
    rf"\b(?P<n>{'|'.join(ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<what>(?:[\w/-]+\s*){{1,3}})", re.I
)
# Words that say someone spoke: what 'when did X say ...' dates
SPOKEN = re.compile(
    r"\b(?:said|says|say|saying|stated\s+that|states\s+that|stating\s+that|stated:|declared|announced|told|"
    r"remarked|added|asserted|claimed|insisted)\b",
    re.I,
)
# The body whose meeting a question asks about: 'the meeting of the Varna Port Council held in ...'
MEETING_OF_BODY = re.compile(
    r"\b(?:meetings?|sessions?|summits?|conferences?)\s+of\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w-]*)*)"
)
# What is numbered in turn: 'the 7th Meeting of Ministers', 'the fifth summit'
NUMBERED_EVENTS = frozenset(words("meeting meetings summit summits session sessions conference congress forum"))
# Words after an ordinal that say nothing of what it numbers
ORDINAL_FILLERS = frozenset(words("of the a an and in on at to for was were is be by with"))


# what stands before an ordinal that numbers a thing: 'the second summit', "the league's fifth meeting"
ORDINAL_DETERMINED = re.compile(r"\b(?:the|its|their|his|her|our|this|that|[\w-]+['’]s?)\s+$", re.I)


def ordinals(text: str) -> list[tuple[int, set[str]]]:
    """(number, the next three words but fillers) of each ordinal the text says: 'the second CICA
    summit was' -> (2, {'cica', 'summit'})."""
    out = []
    for match in ORDINAL_OF.finditer(text):
        word = match.group("n").lower()
        if word in ORDINAL_WORDS and not ORDINAL_DETERMINED.search(text[: match.start()]):
            continue  # 'when did Varna first propose it': an adverb, numbering nothing
        number = ORDINAL_WORDS.index(word) + 1 if word in ORDINAL_WORDS else int(word[:-2])
        out.append((number, {w.lower() for w in match.group("what").split()} - ORDINAL_FILLERS))
    return out


# The clause of a question that names the event after which (or during which) the thing asked happened
SCENE_CLAUSE = re.compile(r"\b(?:after|following|during|amid|in\s+response\s+to)\s+(the\s+[^?,;]+)", re.I)
# A year that dates the event bounding the time asked, not the time itself: 'between the Zenda
# summit and the 2031 Varna summit', 'after the May 2031 flood' (a bare 'since 2031' or 'between 2031
# and 2033' is the time asked)
EVENT_AFTER_YEAR = r"(?=\s+(?!and\b|or\b)[A-Za-z])"
BOUND_YEAR = re.compile(
    rf"\b(?:after|before|since|until|till|following|prior\s+to|ahead\s+of|between)\s+(?:the\s+)?"
    rf"(?:[\w’'-]+\s+){{0,3}}?({_YEAR}){EVENT_AFTER_YEAR}",
    re.I,
)
BOUND_YEAR_AFTER_AND = re.compile(
    rf"\bbetween\b[^?]*?\band\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?({_YEAR}){EVENT_AFTER_YEAR}", re.I
)


def bound_years(question: str) -> set[str]:
    return {m.group(1) for bound in (BOUND_YEAR, BOUND_YEAR_AFTER_AND) for m in bound.finditer(question)}


def of_another_ordinal(question: str, text: str) -> bool:
    """'the seventh summit' asked; the text numbers the same kind of thing otherwise and never so
    ('The second summit was held in ...'): it tells of another one."""
    return numbered_otherwise(ordinals(question), ordinals(text))


def ordinal_unsaid(question: str, sentences: list[Sentence]) -> bool:
    """'Where was the 7th ferry meeting held?': the passages number these meetings ('the 6th Ferry
    Meeting') and none says the seventh, so none tells of it (the first one is often told of without
    its number, 'founded at a summit', and is not judged so)."""
    asked = [(n, what) for n, what in ordinals(question) if n >= 2 and what & NUMBERED_EVENTS]
    said = [o for s in sentences for text in (s.text, s.heading) for o in ordinals(text)] if asked else []
    return numbered_otherwise(asked, said)


def numbered_otherwise(asked: list[tuple[int, set[str]]], said: list[tuple[int, set[str]]]) -> bool:
    """The text numbers a thing of the kind asked, and says the number asked of nothing at all ('the
    eighth such meeting was in Zenda and the twelfth in Varna' says the twelfth, in passing)."""
    alike = [n for n, following in said if any(following & what for _, what in asked)]
    return bool(alike) and not {n for n, _ in asked} & {n for n, _ in said}


def said_about(name: str, question: str) -> bool:
    """Is the name what 'what does X say about ...' asks about ('... say about Zenda and Varna')?"""
    asked = SAYS_ABOUT.match(question)
    return bool(asked) and re.search(rf"\b{re.escape(name)}\b", asked.group("topic")) is not None


def scene_setting(required: list[Constraint]) -> list[Constraint]:
    """The constraints that count towards the share an answer may leave unsaid: not the organisation
    every document is about ('SCO'), and not a name inside a longer one ('CSTO' of 'CSTO Crisis
    Response Centre'). Naming them must not let the answer skip the name the question is about."""
    out = []
    for c in required:
        if c.text.upper() in ORGANISATION_ALIASES:
            continue
        if any(o is not c and c.text.lower() in o.text.lower() for o in required):
            continue
        out.append(c)
    return out


def gather_items(
    part: QuestionPart, chosen: Sentence, sentences: list[Sentence], selector: Selector, limit: int
) -> list[Sentence]:
    """More sentences for a list question, each adding items the earlier ones did not name."""
    question = set(selector.stem(part.text))
    seen = {i.lower() for i in selector.items(part, chosen.facts)}
    floor = chosen.score * LIST_ITEM_FLOOR
    kind_floor = chosen.score * KIND_NAMED_FLOOR
    out: list[Sentence] = []
    for sentence in sorted(sentences, key=lambda s: -s.score):
        if sentence is chosen or len(out) >= limit or sentence.table_row:  # a row: one record, not a list's items
            continue
        new = {i.lower() for i in selector.items(part, sentence.facts) if not selector.known(i, question)} - seen
        ok, share, _ = selector.coverage(part, sentence)
        # an item named by the kind asked ('Operation Seagull' for 'which operations') is one for sure
        kind_named = any(selector.names_kind(part, item) for item in new)
        if (
            len(new) >= 1
            and ok
            and share >= selector.config.min_word_coverage
            and sentence.score >= (kind_floor if kind_named else floor)
            and not selector.year_conflict(part, sentence)  # 'the 2031 members': not those of 2030
        ):
            out.append(sentence)
            seen |= new
    return out


def side_by_side(text: str, question: str) -> bool:
    """The sentence names both organisations the question compares, each in a clause of its own
    ('the SCO is wider, and the CSTO more hierarchical'): it compares them without a contrast word.
    Named in one breath ('SCO and CSTO leaders') they are not compared."""
    asked = organisations_named(question)[:2]
    if len(asked) < 2:
        return False
    first = [
        min((m.start() for p in ORGANISATION_ALIASES[org] for m in re.finditer(p, text, re.I)), default=-1)
        for org in asked
    ]
    if min(first) < 0:
        return False
    return bool(CLAUSE_JOINT.search(text, min(first), max(first)))
