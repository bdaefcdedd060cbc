"""What a sentence carries: person names, dates and periods, quantities with their units,
places, lists of countries or organisations, a definition, a cause.

Regular expressions and two gazetteers: the world's countries (with their adjectives)
and, from the index itself, the words its texts also write in lower case (so 'Council'
or 'Security' are never mistaken for a name). docs/quality.md compares these detectors
with spaCy's en_core_web_sm on the dev sets: as good for this job and ~100x cheaper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.answering.gazetteer import COUNTRIES, DEMONYMS, MONTHS, NOT_NAME_WORDS, REGIONS, TITLES
from ingest.keyword import tokenize

Span = tuple[int, int]
MONTH = r"(?:" + "|".join(MONTHS) + r")\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "million millions billion dozen dozens half quarter couple several few"
)
NUMBER = (
    r"(?:\d[\d,.]*\d|\d)(?:\s?(?:million|billion|thousand|hundred|%|per ?cent))?"
    rf"|\b(?:{'|'.join(NUMBER_WORDS.split())})\b"
    r"|\b(?:a|one|two)[\s-]+thirds?\b"  # a share; 'third countries' are those outside a treaty
)
PERIOD_UNITS = r"(?:days?|weeks?|months?|years?|decades?|centuries|century|hours?)"
# A length of time: 'two weeks', 'a three-year' (a date in DATE; no time by itself)
DURATION = rf"(?:{NUMBER})[\s-]+{PERIOD_UNITS}"
# The dashes texts put between two years or days, with the odd ones PDFs give ('2018 ̵ 2023')
DASH = r"[-–‒−\u0335]"
DATE_PATTERNS = [
    rf"\b{DAY}(?:\s*(?:{DASH}|and|to)\s*{DAY})?\s+{MONTH}(?:\s+\d{{4}})?",  # 15 May 1992, 18-23 / 5 and 9 May
    rf"\b{MONTH}\s+{DAY},?\s+\d{{4}}",  # May 15, 1992
    rf"\b(?:(?:early|mid|late|the end of|the start of|the beginning of|the spring of|the summer of|the autumn of"
    rf"|the winter of)[\s-]+)?{MONTH}\s+\d{{4}}",  # early January 2022
    r"\b(?:(?:early|mid|late)[\s-]+|the end of |the start of |the beginning of |the spring of |the summer of "
    rf"|the autumn of |the winter of |the )?(?:19|20)\d\d(?:s|\s*{DASH}\s*(?:19|20)?\d\d)?\b",  # 2003-2016, the 1990s
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b{DURATION}\b",  # two weeks, three-year
]
DATE = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS), re.I)
# A year after one of these names a plan or an exercise, not a time: 'Development Strategy 2030',
# 'Peace Mission 2007'.
# So does a year joined to a name by a hyphen ('Zenda-2031') or after an exercise's or operation's
# name ('the exercise North Shield 2031', 'operation Harbour Watch 2030-2032').
NAME_BEFORE_YEAR = re.compile(
    r"\b(?:Strategy|Agenda|Vision|Mission|Programme|Program|Plan|Concept|Expo|Games)\s+$|[A-Z][\w]*-$|"
    r"\b(?:exercises?|operations?|drills?|manoeuvres|maneuvers)\s+(?:[A-Z][\w-]*\s+){1,3}$"
)
# Before these, a year is the target a plan is named by ('the 2040 Agenda for Safe Harbours');
# before a strategy or programme it usually dates its adoption ('the 2019 Programme'), so those are left.
YEAR_BEFORE_NAME = re.compile(r"\s+(?:Agenda|Vision)\b")
# The second year of a range ('2019-2021', '2019 ̵ 2021'): read as the first one is
RANGE_BEFORE_YEAR = re.compile(r"(?:19|20)\d\d\s*[^\w\s]{1,2}\s*$")


def names_with_year(text: str, date: re.Match[str]) -> bool:
    """The date is a bare year (or range of years) that ends or opens a name ('Strategy 2030', 'the 2030
    Agenda'), not a time."""
    if not re.fullmatch(rf"(?:the )?(?:19|20)\d\d(?:\s*{DASH}\s*(?:19|20)?\d\d)?", date.group(), re.I):
        return False
    before = text[: date.start()]
    if ranged := RANGE_BEFORE_YEAR.search(before):
        before = before[: ranged.start()]
    return bool(NAME_BEFORE_YEAR.search(before) or YEAR_BEFORE_NAME.match(text, date.end()))


# Plans named by the year they aim at ('Strategy 2040', 'the 2040 Agenda'): that year is never a time
PLAN_NAMES = frozenset({"strategy", "agenda", "vision", "programme", "program", "plan", "concept"})


def years_of_names(text: str) -> list[tuple[Span, str]]:
    """The years that end a name other than a plan's ('operation Tidewatch 2029-2031'), each with the
    name's word beside it: no time, unless a question asks the time of that very name."""
    out = []
    for date in DATE.finditer(text):
        if names_with_year(text, date) and not YEAR_BEFORE_NAME.match(text, date.end()):
            word = "".join(re.findall(r"[\w’'-]+", text[: date.start()])[-1:])
            if word.lower() not in PLAN_NAMES:
                out.append((date.span(), word))
    return out


QUANTITY = re.compile(
    rf"(?:[$€£¥]\s?)?(?:about |some |around |nearly |almost |over |more than |up to )?(?:{NUMBER})", re.I
)
CURRENCY = re.compile(
    r"[$€£¥]|\b(?:dollars?|euros?|roubles?|rubles?|yuan|renminbi|rupees?|tenge|som|somoni|pounds?|USD|EUR|RUB|CNY)\b",
    re.I,
)
SHARE = re.compile(r"%|\bper ?cent\b|\b(?:half|quarter|third|share|proportion)\b", re.I)
NAME_WORD = r"[A-Z][a-zà-ÿ’'-]+(?:-[A-Z][a-zà-ÿ'-]+)?"
TITLE_NAME = re.compile(rf"\b(?:{'|'.join(TITLES)})\s+((?:{NAME_WORD}\s+){{0,2}}{NAME_WORD})")
NAME_RUN = re.compile(rf"\b{NAME_WORD}(?:\s+(?:{NAME_WORD}|[A-Z]\.))+")
INITIALS_NAME = re.compile(rf"(?<![\w.])(?:[A-Z]\.\s?){{1,2}}({NAME_WORD})")  # 'K. Haraldsen', 'A.B. Lund'
PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|beside|along|outside|inside|within|around|from|to|into|based in|headquartered in|seat in"
    r"|(?:city|town|village|port) of)\s+"
    r"((?:the\s+)?[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*)"
)
# '(Varna, 2-8 May 2018)': the place and date a declaration gives an event it names
PLACE_BRACKETED = re.compile(r"\(([A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*),\s*[^()]{0,30}?\b(?:19|20)\d\d\)")
DEFINING = re.compile(
    r"^(?:[\"“‘']?(?:The |An? )?)?(?P<subject>[^,;:]{2,80}?)\s*(?:\([^)]{1,60}\)\s*)?"
    r"(?:,[^,]{1,60},\s*)?(?:is|are|refers? to|means?|stands? for|denotes|describes)\b(?!\s+\w+ed\b)",
)
CAUSAL = re.compile(
    r"\b(?:because|since|as a result|in response to|in reaction to|due to|owing to|so that|in order to|led to|"
    r"prompted|caused|reason|explanation|explained|why|after|following|in the aftermath of|amid|over|"
    r"to protest|to prevent|to counter|to avoid|to ensure|"
    r"aimed at|intended to|meant to|motivated|at the request of|request|appealed|asked for|partly|largely|"
    r"reflects?|reflected|reflecting|stems? from|stemmed from|rooted in|results? from|resulted from|attributed to)\b",
    re.I,
)
# 'Zenda stayed out of the accord as it disagrees with the tolls': 'as' and a clause with its verb give the
# reason ('as it was called' does not)
CAUSAL_AS = re.compile(
    r"\bas\s+(?:it|they|he|she|we)\s+(?!(?:is|was|were|are)\s+(?:called|known|named|described)\b)"
    r"(?:(?:does|did|do)\s+not\s+\w+|\w+(?:s|ed))\b",
    re.I,
)
# A purpose after a comma: '..., to carry mail to the islands' (an infinitive with its object;
# not ', to the members' nor ', to member states')
PURPOSE = re.compile(
    r",\s+(?:so as |in order )?to\s+(?!(?:the|its|their|a|an|this|that|these|those)\b)[a-z]{3,}"
    r"(?:\s+and\s+[a-z]{3,})?\s+(?:the|its|their|a|an|all|these|those|this|that|them|it)\b"
)
# 'the first ferry run after the bridge opened', 'the first time since 1991': 'after' and 'since' order events
ORDERED_AFTER = re.compile(r"\b(?:first|last|second|third|only|earliest|latest|next)\b[^,;:.()]{0,100}$", re.I)


def states_cause(text: str) -> bool:
    """A causal link: 'because', 'in response to', 'after' ... (not an 'after' that only orders
    events: 'the first drill after the two joined'), 'as it disagrees', ', to carry the mail'."""
    for match in CAUSAL.finditer(text):
        ordering = match.group().lower() in ("after", "since") and ORDERED_AFTER.search(text[: match.start()])
        if not ordering:
            return True
    return bool(CAUSAL_AS.search(text) or PURPOSE.search(text))


SEQUENCE = re.compile(r"\b(?:first|then|after|before|later|finally|steps?|stages?|once|until|by)\b|^\d{4}\b", re.I)


# a name of up to four words, with its article ('the Union State', 'the Collective Security Treaty Organization')
_CAP = r"(?:the\s+)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3}"
ENUMERATION = re.compile(rf"\b{_CAP}(?:,\s*{_CAP})*,?;?\s+and\s+{_CAP}")
# names that may hold 'of' ('the Association of Southeast Asian Nations'), listed and closed by others of
# their kind: 'A, B, C, as well as other interested states'
_CAP_OF = r"(?:the\s+)?[A-Z][\w’'-]+(?:\s(?:(?:of|for)\s(?:the\s)?)?[A-Z][\w’'-]+){0,5}"
OPEN_ENUMERATION = re.compile(rf"\b{_CAP_OF}(?:,\s*{_CAP_OF})+,?\s+(?:as\s+well\s+as|and)\s+(?:other|all)\b")
_SERIES_WORDS = 4  # words an item of a series may have ('viral haemorrhagic fevers (VHF)')


@dataclass(frozen=True)
class SentenceFacts:
    """Spans (offsets into the sentence) of each kind of fact the sentence states."""

    persons: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    quantities: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # countries and organisations named, in order
    countries: list[str] = field(default_factory=list)  # the countries among them
    series: list[str] = field(default_factory=list)  # items of a series in any case ('wind power, solar power and ...')
    defining_subject: str = ""  # 'X' of 'X is ...', 'X refers to ...'
    causal: bool = False
    sequence: bool = False
    money: bool = False
    share: bool = False


def is_name_word(word: str, is_common: Callable[[str], bool]) -> bool:
    """A capitalised word that can be part of a person's name: not a country, month, title or common word."""
    bare = re.sub(r"[’']s$", "", word)
    low = bare.lower()
    return (
        bool(bare)
        and low not in NOT_NAME_WORDS
        and low not in COUNTRIES
        and low not in DEMONYMS
        and bare not in MONTHS
        and not is_common(bare)
    )


def person_spans(text: str, is_common: Callable[[str], bool], known: set[str] | None = None) -> list[Span]:
    """Names of people: after a title ('President X'), runs of two or more name words, or a surname already seen."""
    spans: list[Span] = []
    for match in TITLE_NAME.finditer(text):
        words = match.group(1).split()
        if all(is_name_word(w, is_common) for w in words):
            spans.append(match.span(1))
    for match in NAME_RUN.finditer(text):
        # 'Republic of Ruritania Ana Vela', 'Federation Ana Vela': the name is the run of name words at its end
        run: list[tuple[int, int]] = []
        for word in [*re.finditer(r"\S+", match.group()), None]:
            if word is not None and (is_name_word(word.group(), is_common) or re.fullmatch(r"[A-Z]\.", word.group())):
                run.append((match.start() + word.start(), match.start() + word.end()))
                continue
            if len(run) >= 2:
                spans.append((run[0][0], run[-1][1]))
            run = []
    for match in INITIALS_NAME.finditer(text):
        if is_name_word(match.group(1), is_common):
            spans.append(match.span())
    for surname in known or ():
        for match in re.finditer(rf"\b{re.escape(surname)}\b", text):
            spans.append(match.span())
    countries = [span for _, span in country_mentions(text)]
    return [s for s in merge(spans) if not any(cs <= s[0] < ce or s[0] <= cs < s[1] for cs, ce in countries)]


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans joined, in order."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def quantity_spans(text: str, dates: list[Span]) -> list[Span]:
    """Numbers with what follows them ('about 2,000 troops'), leaving out years, dates and names like 'Art. 4'."""
    spans = []
    for match in QUANTITY.finditer(text):
        start, end = match.span()
        token = match.group().strip()
        if any(s <= start < e for s, e in dates) and not re.search(PERIOD_UNITS, text[start : end + 12], re.I):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", token) or re.search(r"[-/]$|^[-/]", text[max(start - 1, 0) : start]):
            continue
        if token[:1].isupper() and not re.search(r"(?:^|[.!?:;]\s+|\n)\s*$", text[:start]):
            continue  # a capitalised number word inside a sentence names something: 'the Varna Half Marathon'
        if re.search(
            r"(?i)\b(?:article|art\.|resolution|chapter|paragraph|no\.|point|stage|phase)\s*$",
            text[max(0, start - 14) : start],
        ):
            continue
        # its unit: up to three words, not across 'and' or another number ('4 ports and 300 ferries')
        unit = re.match(r"[\s-]*((?:(?!(?:and|or)\b)[^\W\d][\w’'-]*\s*){0,3})", text[end:])
        spans.append((start, end + (unit.end() if unit else 0)))
    return spans


# capitalised as names are: 'Central Asia', 'South-East Asia'
REGION_NAMES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(r.title()).replace("\\ ", r"\s+") for r in sorted(REGIONS, key=len, reverse=True))
    + r")\b"
)


def place_spans(text: str, persons: list[Span], is_common: Callable[[str], bool]) -> list[Span]:
    """Countries, capitalised names after 'in', 'at', 'near', 'based in' ... that are not people or
    months, and the name a bracketed date follows ('(Varna, 2 May 2018)')."""
    spans = [m.span(1) for m in PLACE_BRACKETED.finditer(text) if m.group(1).split()[0] not in MONTHS]
    for match in PLACE_AFTER.finditer(text):
        start, end = match.span(1)
        name = match.group(1)
        if name.startswith("the "):
            start += 4
            name = name[4:]
        first = name.split()[0].strip("’'")
        if (
            first in MONTHS
            or any(s <= start < e for s, e in persons)
            or (is_common(first) and first.lower() not in COUNTRIES)
            or (all(w.isupper() and len(w) > 1 for w in name.split()) and name.lower() not in COUNTRIES)
        ):
            continue  # a month, a person, a common word, or a body's acronym ('to the SCO RATS')
        spans.append((start, end))
    for country, (start, end) in country_mentions(text):
        del country
        spans.append((start, end))
    for match in REGION_NAMES.finditer(text):  # 'the league calls Central Asia its core'
        if not re.search(r"\b[a-z][\w’'-]*\W*$|^\W*$", text[: match.start()]):
            continue  # inside a longer name: 'the Greater Middle East'
        spans.append(match.span())
    return merge(spans)


def country_mentions(text: str) -> list[tuple[str, Span]]:
    """Country names the text mentions, as (lower-case name, span)."""
    out = []
    for match in re.finditer(r"\b[A-Z][\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]+){0,3}", text):
        words = match.group().split()
        i = 0
        while i < len(words):
            for size in (4, 3, 2, 1):
                phrase = " ".join(words[i : i + size]).lower()
                phrase = re.sub(r"[’']s$", "", phrase)
                if phrase in COUNTRIES:
                    offset = match.start() + len(" ".join(words[:i])) + (1 if i else 0)
                    out.append((phrase, (offset, offset + len(" ".join(words[i : i + size])))))
                    i += size
                    break
            else:
                i += 1
    return out


def list_items(text: str, countries_only: bool = False) -> list[str]:
    """Countries and organisations named in the sentence, once each, in order ('Armenia', 'CSTO', 'Operation X')."""
    items = [name for name, _ in country_mentions(text)]
    if countries_only:
        return list(dict.fromkeys(items))
    items += [m.group() for m in re.finditer(r"\b(?:Operation|Exercise)\s+[A-Z][\w-]+", text)]
    # 'Russian and Chinese', 'Channel, Illegal and PROXY'; read past a bracket's aside ('the Union (and its
    # councils), the Guild and the Board')
    for series in ENUMERATION.finditer(re.sub(r"\s*\([^()]*\)", "", text)):
        names = re.split(r"[,;]\s*(?:and\s+)?|\s+and\s+", series.group())
        items += [re.sub(r"^the\s+", "", w.strip(), flags=re.I) for w in names if w.strip()]
    for series in OPEN_ENUMERATION.finditer(text):
        names = re.findall(_CAP_OF, series.group())
        items += [re.sub(r"^the\s+", "", w.strip(), flags=re.I) for w in names]
    items += [m.group() for m in re.finditer(r"\b[A-Z]{2,6}\b", text) if m.group().lower() not in COUNTRIES]
    return list(dict.fromkeys(items))


def defines(text: str, subject: str, kind_only: bool = False) -> bool:
    """Whether the text says what `subject` is: 'X is a/an/the ...', 'The Long Name (X) is an ...',
    'X refers to ...' (markdown emphasis and a parenthesised short name allowed between). With
    `kind_only`, only by the kind of thing it is ('X is an alliance of ...'), as an article opens."""
    if not subject:
        return False
    name = r"[\s-]+".join(re.escape(w) for w in subject.split())  # "Confidence-Building" for "Confidence Building"
    # a parenthesis may hold the short name, or the name in other languages with their own brackets
    between = r"[*_\s)]*(?:\((?:[^()]|\([^()]{0,60}\)){1,240}\)[*_\s]*)?,?\s*"
    article = r"an?" if kind_only else r"(?:an?|the|one)"
    verb = rf"(?:(?:is|are|was|were)\s+(?:\w+ly\s+)?{article}\b|(?:refers?\s+to|stands?\s+for|means)\b)"
    # the short name first in a parenthesis that goes on: '(X, Russian: ...) is an ...'
    rest = r"(?:\s*,(?:[^()]|\([^()]{0,60}\)){0,240})?"
    for match in re.finditer(rf"(?<![\w-]){name}(?![\w-]){rest}{between}{verb}", text, re.I):
        if not re.search(r"\bof\s+(?:the\s+)?$", text[: match.start()], re.I):
            return True  # 'The Charter of X is ...' says what the Charter is
    if kind_only:
        return False
    # 'The league's joint patrols are called Harbour Watch': what X is, said before its name
    called = r"\b(?:is|are|was|were)\s+(?:called|known\s+as|named)\s+[*_\"“]?"
    return bool(re.search(rf"{called}{name}(?![\w-])", text, re.I))


def series_items(text: str) -> list[str]:
    """The items of the sentence's series of three or more phrases, once each, in order. A list of
    things that are not names (diseases, energy sources, areas of cooperation) is written this way:
    'A, B, C and D', each item a few words, the first item the last words of its clause. Read by
    splitting on commas (a regular expression over nested phrases backtracks on long lists)."""
    items: list[str] = []
    run: list[str] = []
    for piece in text.split(","):
        words = piece.split()
        closing = re.split(r"\s(?:and|or)\s+(?:other\s+)?", f" {piece.strip()}", maxsplit=1)
        # once two items have set the series going, its second-last item may run longer ('A, B, C,
        # the opening up of new markets and D')
        longest = _SERIES_WORDS if len(run) < 2 else 2 * _SERIES_WORDS
        if run and len(closing) == 2 and len(closing[0].split()) <= longest:
            last = [w for w in (closing[0].strip(), " ".join(closing[1].split()[:_SERIES_WORDS])) if w]
            if len(run) + len(last) >= 3:
                items += run + last
            run = []
        elif run and 0 < len(words) <= _SERIES_WORDS:
            run.append(" ".join(words))
        else:
            run = [" ".join(words[-_SERIES_WORDS:])] if words else []
    return list(dict.fromkeys(i.strip(" .;:") for i in items if i.strip(" .;:")))


def analyse_sentence(
    text: str, is_common: Callable[[str], bool], known_people: set[str] | None = None
) -> SentenceFacts:
    """Every fact detector over one sentence."""
    persons = person_spans(text, is_common, known_people)
    dates = [m.span() for m in DATE.finditer(text) if not names_with_year(text, m)]
    defining = DEFINING.match(text)
    return SentenceFacts(
        persons=persons,
        dates=dates,
        quantities=quantity_spans(text, dates),
        places=place_spans(text, persons, is_common),
        items=list_items(text),
        countries=list_items(text, countries_only=True),
        series=series_items(text),
        defining_subject=defining.group("subject") if defining else "",
        causal=states_cause(text),
        sequence=bool(SEQUENCE.search(text)),
        money=bool(CURRENCY.search(text)),
        share=bool(SHARE.search(text)),
    )


def surnames(texts: list[str], is_common: Callable[[str], bool]) -> set[str]:
    """Last words of the full names in these texts, so a later 'Pashinyan said' is known as a person."""
    found = set()
    for text in texts:
        for start, end in person_spans(text, is_common):
            words = text[start:end].split()
            if len(words) >= 2 and len(words[-1]) > 3:
                found.add(re.sub(r"[’']s$", "", words[-1]))
    return found


COUNT_REACH = 3  # words between a number and the thing it counts: 'six member states', '2,000 of its troops'


def counts(text: str, counted: frozenset[str]) -> bool:
    """The text gives a number of the thing counted (stemmed terms): a number with one of those terms
    within COUNT_REACH words after it."""
    for match in re.finditer(NUMBER, text, re.I):
        if re.fullmatch(r"(?:19|20)\d\d", match.group()):
            continue  # a year: 'in 2022 members met'
        after = tokenize([" ".join(text[match.end() :].split()[:COUNT_REACH])])[0]
        if counted & set(after):
            return True
    return False
