"""Understanding the question before retrieval: organisations named (in English, Russian
or Chinese), years, comparisons, follow-ups, and names the documents never mention."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.answering.gazetteer import COUNTRIES

JOINS = r"(?:and|or|vs\.?|versus)"  # what joins the two organisations of a comparison
# Aliases by organisation; matched case-insensitively on word boundaries (CJK: substring).
ORGANISATION_ALIASES: dict[str, tuple[str, ...]] = {
    "SCO": (
        r"\bSCO\b",
        r"Shanghai Cooperation Organi[sz]ation",
        r"Shanghai Five",
        r"\bШОС\b",
        r"Шанхайск\w* организаци\w* сотрудничества",
        r"上海合作组织",
        r"上合组织",
        r"上合",
    ),
    "CSTO": (
        r"\bCSTO\b",
        r"Collective Security Treaty",
        r"\bОДКБ\b",
        r"Организаци\w* Договора о коллективной безопасности",
        r"集体安全条约组织",
        r"集安组织",
    ),
}
# The organisations' short names as lower-case terms: named in most documents, they tell none apart.
ORGANISATION_TERMS = frozenset(a.lower() for a in ORGANISATION_ALIASES)
COMPARISON = re.compile(
    r"\b(compare|comparison|compared|differ|differs|difference|differences|versus|vs\.?|contrast|similar|"
    r"similarities|both)\b|отлича|сравн|区别|不同|比较",
    re.I,
)
# '... an alliance like the Harbour League?', '... how many ports, compared with the Harbour League?':
# the name that ends a question measures its subject against it ('Do states like Varna join?' gives
# an example instead)
LIKE_NAME = re.compile(
    r"\b(?:like|unlike|compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|as\s+opposed\s+to)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}\W*$"
)
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Capitalised words that are not names: question words and common sentence openers.
NOT_NAMES = {
    "what",
    "when",
    "which",
    "who",
    "whom",
    "whose",
    "how",
    "why",
    "where",
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "the",
    "in",
    "on",
    "and",
    "a",
    "an",
    "according",
    "under",
    "after",
    "before",
    "during",
    "since",
    "can",
    "could",
    "would",
    "should",
    "has",
    "have",
    "had",
    "name",
    "list",
    "give",
    "describe",
    "explain",
    "compare",
    "at",
    "of",
    "for",
    "to",
    "by",
    "apart",
    "besides",
    "other",
    "than",
    "with",
    "from",
    "i",
    "english",
    "russian",
    "chinese",
}


# Verbs that frame a question rather than name what it is about ("What did X say about Y?"):
# verbs of saying and reporting, and 'happen', which any event question may use.
FRAMING_WORDS = (
    "say said says tell told mention mentioned describe described explain explained happen happened according "
    "now today nowadays currently presently "  # when the question is asked, not what it is about
    "be been being were am "  # the forms of 'to be' the stop-word list keeps
    "also especially particularly mainly mostly really actually exactly precisely"  # how much, not what
)


# Question words the stop-word list keeps; they weigh as much as the texts make them.
INTERROGATIVES = "what which when who whom whose how why where did does"
# The words that make a sentence a question, beside the interrogatives ('how many', 'how often'): they
# say nothing of its topic.
QUESTION_FORM = INTERROGATIVES + " do can could has have it its many much often"


# 'Which countries are members of X': the class of the answer, whose passage names the countries
# ('China, Kazakhstan ...') rather than the word; 'may a state quit X': any state, whose passage
# says 'a member may withdraw'. A passage is not more on topic for saying 'countries'.
ANSWER_CLASS = re.compile(r"\b(?:which|what|a|any)\s+(countries|country|states|state|nations|nation)\b", re.I)


# 'Which countries are in X', 'what states make up X': asks for X's members in other words
MEMBERSHIP_ASKED = re.compile(
    r"\b((?:which|what)\s+(?:countries|states|nations))\s+(?:(?:are|were)\s+(?:in|within|part\s+of)|belong\s+to"
    r"|make\s+up|form|sit\s+in)\s",
    re.I,
)


# 'Which X members are also in Y': the members of both, in the words of the passage that names them
ALSO_MEMBERS = re.compile(
    r"\b(?:which|what)\s+(?:of\s+the\s+)?(?:the\s+)?(\w+)\s+(?:members|member\s+states|countries|states)\s+"
    r"(?:are|were)\s+also\s+(?:in|members\s+of|part\s+of|members\s+in)\s+",
    re.I,
)


# "Who was Ida Berg's successor?" asks who succeeded her, in the words the texts and the order rules read
POSSESSIVE_ORDER = re.compile(
    r"\b(?:who|which\s+\w+)\s+(?:was|is|were|became)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s?\s+(?P<order>successor|predecessor)\b",
    re.I,
)


# Shorthand analysts type, and the words the documents write instead: 'the CSTO HQ', 'govt', 'int'l'
SHORTHAND = {
    "hq": "headquarters",
    "hqs": "headquarters",
    "govt": "government",
    "gov't": "government",
    "int'l": "international",
    "intl": "international",
    "mtg": "meeting",
    "mtgs": "meetings",
    "dept": "department",
    "natl": "national",
    "yr": "year",
    "yrs": "years",
    "org": "organisation",
    "orgs": "organisations",
    "secgen": "Secretary-General",
    "sec-gen": "Secretary-General",
    "unga": "UN General Assembly",
    "unsc": "UN Security Council",
}
# ... and the shorthand that is only such in capitals ('pm' is a time of day)
SHORTHAND_CAPITALS = {
    "PM": "prime minister",
    "PMs": "prime ministers",
    "FM": "foreign minister",
    "FMs": "foreign ministers",
}
_SHORTHAND = re.compile(
    rf"(?<![\w'-])(?:(?i:{'|'.join(map(re.escape, SHORTHAND))})|{'|'.join(SHORTHAND_CAPITALS)})(?![\w'-])"
)


def written_out(question: str) -> str:
    """The question with its shorthand written out ('where is the CSTO HQ' -> 'where is the CSTO
    headquarters'), and '&' as 'and': retrieval and the answer rules read the documents' words."""
    question = re.sub(r"\s&\s", " and ", question)
    return _SHORTHAND.sub(lambda m: SHORTHAND_CAPITALS.get(m.group()) or SHORTHAND[m.group().lower()], question)


def order_as_verb(question: str) -> str:
    """ "Who was X's successor (predecessor)?" -> 'who succeeded (preceded) X?'."""
    return POSSESSIVE_ORDER.sub(
        lambda m: f"who {'succeeded' if m['order'].lower() == 'successor' else 'preceded'} {m['name']}", question
    )


def membership_query(question: str) -> str:
    """The question as it is answered: 'which countries are in X' asks which are 'members
    of' X, the words of the passage that lists them ('in', 'part' are no topic); 'which X members
    are also in Y' asks which countries are members of both."""
    also = ALSO_MEMBERS.search(question)
    if also and (organisations_named(also.group(1)) or re.fullmatch(r"[A-Z]{2,}", also.group(1))):  # an acronym
        rest = question[also.end() :]
        return f"{question[: also.start()]}which countries are members of both the {also.group(1)} and {rest}"
    match = MEMBERSHIP_ASKED.search(question)
    rest = question[match.end() :] if match else ""
    if not match or not (organisations_named(rest) or re.match(r"(?:the\s+)?[A-Z]", rest)):
        return question  # 'which countries are in talks with X' asks no membership
    return f"{question[: match.start()]}{match.group(1)} are members of {rest}"


def question_terms(
    question: str, vocabulary: Callable[[str], bool] | None = None, topic_only: bool = False
) -> set[str]:
    """The stemmed terms of the question that its answer should contain.

    With `vocabulary` (is this term in the texts?), question words the texts never use
    are dropped: in a small index they would otherwise be the rarest terms of all and
    outweigh everything the question is about. `topic_only` drops the question's form
    words always: a passage is not more on topic for containing "who" or "how".
    """
    from ingest.keyword import tokenize

    terms = set(tokenize([question])[0]) - set(tokenize([FRAMING_WORDS])[0])
    if topic_only:
        terms -= set(tokenize([" ".join([QUESTION_FORM, *ANSWER_CLASS.findall(question)])])[0])
    elif vocabulary is not None:
        terms -= {t for t in tokenize([INTERROGATIVES])[0] if not vocabulary(t)}
    return terms


@dataclass
class QuestionFacts:
    """What the question itself says about where its answer must be."""

    text: str
    organisations: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    comparison: bool = False
    names: list[str] = field(default_factory=list)
    latin: bool = True  # mostly Latin script: BM25 over the English texts can help


def latin_share(text: str) -> float:
    """Share of the letters that are Latin (1.0 for a text without letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) / len(letters) if letters else 1.0


def organisations_named(text: str) -> list[str]:
    """Organisations the text names, in a stable order (SCO before CSTO)."""
    return [org for org, patterns in ORGANISATION_ALIASES.items() if any(re.search(p, text, re.I) for p in patterns)]


CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in"})  # words a name's initials skip
# a run of capitalised words, connectors between them: 'Harbour League of Cities'
NAME_RUN = re.compile(r"[A-Z][\w-]*(?:\s+(?:(?i:of|the|and|for|on|in)\s+)*[A-Z][\w-]*)+")


def is_organisation_name(name: str) -> bool:
    """The name is one of the organisations' own names, whole ('Shanghai Cooperation Organisation')."""
    return any(re.fullmatch(p, name, re.I) for patterns in ORGANISATION_ALIASES.values() for p in patterns)


def acronyms(text: str) -> list[str]:
    """The acronyms a name of three or more capitalised words spells ('Harbour League of Cities':
    HLC), connectors skipped: a title that spells a name out also names its acronym."""
    out: list[str] = []
    for run in NAME_RUN.findall(text):
        initials = [w[0].upper() for w in run.split() if w.lower() not in CONNECTORS]
        out += ["".join(initials[i:j]) for i in range(len(initials)) for j in range(i + 3, len(initials) + 1)]
    return list(dict.fromkeys(out))


# 'Secretary-General of the CSTO X' in a list of a summit's guests: the guest's title, not what the
# sentence is about
OFFICIAL_OF = re.compile(
    r"\b(?:(?:Acting|Deputy)\s+)?(?:Secretary[- ]General|Executive\s+Secretary|Director|Chair(?:man|person)?)"
    r"\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*"
)


def other_organisation(question: str, text: str) -> str:
    """The organisation the text names when the question asks about the other one and the text does
    not name that ('CSTO' for an SCO question and a sentence about the CSTO alone), else ''. A name in
    an official's title ('Secretary-General of the CSTO X', among a summit's guests) does not count."""
    asked = organisations_named(question)
    said = organisations_named(OFFICIAL_OF.sub(" ", text))
    return said[0] if len(asked) == 1 and said and asked[0] not in said else ""


# 'the Harbour League (HL)', 'the HLC (ХЛК)': a name, and in brackets another form of it
UPPER = "A-ZÀ-ÞА-ЯЁ"
BRACKETED_FORM = re.compile(rf"\b([{UPPER}][\w’'-]*(?:\s+[{UPPER}][\w’'-]*){{0,5}})\s*\(([{UPPER}][\w’' -]{{0,40}})\)")


def one_form(text: str, knows: Callable[[str], bool]) -> str:
    """The question with one form of each bracketed name: the one the texts know, when they know
    only one and it is one word. A spelling the documents never use ('the HLK (ХЛК)') is no name
    they lack; a long name known only word by word ('the Varna Harbour Pact (VHP)') may be one."""

    def known(match: re.Match[str]) -> str:
        name, other = match.group(1), match.group(2).strip()
        kept = name if knows(name) else other
        if knows(name) == knows(other) or len(kept.split()) > 1:
            return match.group()
        return kept

    return BRACKETED_FORM.sub(known, text)


def name_phrases(text: str) -> list[list[str]]:
    """Runs of adjacent capitalised words past the first: a person's full name, 'Grand Central Hall'.

    The sentence-initial word is skipped (its capital says nothing) unless it is an
    acronym or a country, or begins one ('India SCO accession', 'New Zealand's bid'); quotes and possessives are
    stripped ("'Falcon'" -> "Falcon", "Norway's" -> "Norway").
    """
    phrases: list[list[str]] = []
    previous_end = -1
    # 'New Zealand's bid ...': a country of two words opens the question
    opening = " ".join(re.sub(r"[’']s?$", "", w) for w in re.findall(r"[A-Za-z][\w\-’']*", text)[:2]).lower()
    for position, match in enumerate(re.finditer(r"[A-Za-z][\w\-’']*", text)):
        word = re.sub(r"[’']s?$", "", match.group()).strip("-")
        is_name = (
            word[:1].isupper()
            and word.lower() not in NOT_NAMES
            and (
                position > 0 or (len(word) > 1 and word.isupper()) or word.lower() in COUNTRIES or opening in COUNTRIES
            )
        )
        if not is_name:
            previous_end = -1
            continue
        # an organisation's acronym after a country is a name of its own: 'India SCO accession'
        country = phrases and (phrases[-1][-1].lower() in COUNTRIES or " ".join(phrases[-1][-2:]).lower() in COUNTRIES)
        after_country = country and word.isupper() and len(word) > 1  # 'New Zealand HLC talks' too
        if phrases and previous_end >= 0 and not text[previous_end : match.start()].strip() and not after_country:
            phrases[-1].append(word)
        else:
            phrases.append([word])
        # A possessive ends the name: "Norway's Falcon" is two names.
        previous_end = -1 if re.search(r"[’']s?$", match.group()) else match.end()
    return phrases


def restore_names(text: str, is_name: Callable[[str], bool]) -> str:
    """Capitalise the words a question typed in lower case that the texts only ever write
    as names ('who chaired the tallinn talks' -> '... Tallinn talks'), so they are read as
    names that an answer must mention, as they would be had the user typed the capital."""

    from ingest.keyword import ORDINAL_WORDS  # 'the Sixth Summit' names one; 'the sixth meeting' asks which

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < 3 or word in NOT_NAMES or word in ORDINAL_WORDS or not is_name(word):
            return word
        if word.upper() in ORGANISATION_ALIASES:  # 'csto' -> 'CSTO', not 'Csto'
            return word.upper()
        return word[0].upper() + word[1:]

    return re.sub(r"(?<![\w'’-])[a-z][\w-]*", fix, text)


def names_in(text: str) -> list[str]:
    """Every capitalised name word of the text (see name_phrases)."""
    return [word for phrase in name_phrases(text) for word in phrase]


def understand(question: str) -> QuestionFacts:
    """The facts retrieval and abstention use."""
    organisations = organisations_named(question)
    return QuestionFacts(
        text=question,
        organisations=organisations,
        years=sorted({int(y) for y in YEAR.findall(question)}),
        comparison=bool(COMPARISON.search(question) or LIKE_NAME.search(question))
        and len(organisations) >= 2
        and has_topic(question),
        names=names_in(question),
        latin=latin_share(question) >= 0.5,
    )


def has_topic(question: str) -> bool:
    """The question says what to compare the organisations on ('... on collective defence'), not just
    that they differ ('X vs Y: what is the difference?'). Without a topic, each side alone has
    nothing to look for: the question is answered whole, by passages that compare the two."""
    topic = LIKE_NAME.sub(" ", COMPARISON.sub(" ", question))
    for pattern in (p for patterns in ORGANISATION_ALIASES.values() for p in patterns):
        topic = re.sub(pattern, " ", topic, flags=re.I)
    return bool(question_terms(topic, topic_only=True))


def side_question(question: str, keep: str) -> str:
    """One side of a comparison: the question with the other organisation's names removed.
    'Is X an alliance like Y?' asks the same of both: 'Is X an alliance?', 'Is Y an alliance?'."""
    like = LIKE_NAME.search(question)
    if like:
        question = question[: like.start()].rstrip(" ,") + "?"
    for org, patterns in ORGANISATION_ALIASES.items():
        if org == keep:
            continue
        for pattern in patterns:
            if like:  # the subject named is the other one: put this one in its place
                question = re.sub(pattern, keep, question, flags=re.I)
                continue  # with its article and conjunction: 'the bank or the league' -> 'the league'
            question = re.sub(rf"(?:\bthe\s+)?(?:{pattern})\s+{JOINS}\s+", "", question, flags=re.I)
            question = re.sub(rf"\s+{JOINS}\s+(?:the\s+)?(?:{pattern})", "", question, flags=re.I)
            question = re.sub(pattern, "", question, flags=re.I)
    question = re.sub(rf"\b{JOINS}\s+(the\s+)?(?=[?,.]|$)", "", question, flags=re.I)
    return re.sub(r"\s+", " ", question).strip()
