"""What a question asks for: the expected answer type and the constraints an answer must satisfy.

No model: the wording of English questions is regular enough. "Who ..." wants a person,
"how many X" a quantity of X, "when" a date or period, "where" a place, "which countries"
a list, "why" a reason, "what is X" a definition. Constraints are what the answer must be
about: names, years, references such as "Article 8", qualifiers such as a nationality, and
the content words. A question with two questions in it ("When ..., and who ...?") is split
into parts, so an answer can say which part the documents answer and which they do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from app.answering.gazetteer import COUNTRIES, MONTHS, is_demonym, words
from app.answering.lexicon import PARTICIPLES, PHRASAL_ACTS
from app.answering.query import COMPARISON, LIKE_NAME, ORGANISATION_ALIASES, YEAR, name_phrases, organisations_named
from app.answering.wording import IRREGULAR_PAST
from ingest.keyword import tokenize

MONTH_NAMES = {m.lower() for m in MONTHS}
AUXILIARIES = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must)"
WH = r"(?:who|whom|whose|what|which|when|where|why|how)"
# Nouns that make "which/what NOUN" a question about a person, place, date or quantity.
PERSON_NOUNS = words(
    "person people president presidents minister ministers leader leaders official officials head heads "
    "chief chair chairman chairwoman chairperson secretary secretary-general director commander general spokesman "
    "spokeswoman spokesperson representative envoy ambassador adviser advisor founder author scholar "
    "professor king prime premier governor mayor diplomat deputy successor predecessor head-of-state "
    "heads-of-state head-of-government heads-of-government"
)
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that", "these", "those"})
PLACE_NOUNS = words("city cities town country place location capital region province site venue building base ground")
PLACE_NOUNS += words("headquarters seat range ranges port river border")
DATE_NOUNS = words("year years date dates day days month months time period decade century")
QUANTITY_NOUNS = words(
    "number size budget cost costs price population total amount share percentage percent toll strength "
    "length area figure figures payment payments salary value sum count staff contribution contributions "
    "rate turnover volume capacity tally margin headcount turnout vote"
)
# Plural heads of what is described, not named ('what problems did X cause', 'what are its effects'):
# answered by what the text says, not by a list of names
ABSTRACT_PLURALS = words(
    "problems challenges issues difficulties consequences effects impacts benefits advantages disadvantages "
    "risks implications lessons outcomes achievements limits limitations weaknesses strengths criticisms "
    "concerns obstacles tensions measures steps actions commitments"
)
# Singular nouns of one body: 'which council' asks for one name, not a list.
BODY_NOUNS = words(
    "body organ council committee commission organisation organization institution agency ministry court "
    "secretariat assembly state country nation member party"
)
# Plural heads that ask for several items ("which countries", "what operations").
GROUP_NOUNS = words("countries states members nations organisations organizations bodies parties")
# Nouns of what was done in answer to an event ('the league's responses to the flood'): asked as
# 'how did the league respond', not as a list of named things.
RESPONSE_NOUNS = words("response responses reaction reactions")
RELATION_NOUNS = {"members", "observers", "partners", "participants", "parties", "signatories", "founders"}
CAUSAL_OPENERS = re.compile(
    r"^\s*(why|for what reasons?|on what grounds?|what (?:was|were|is|are) the (?:reason|cause|ground)s?)\b", re.I
)
# "What explains X?", "how come X?", "how did X justify Y?", "what reason did X give?": a cause asked
# without "why".
CAUSAL_QUESTIONS = re.compile(
    r"\bwhat (?:led|leads|caused|causes|prompted|drove|drives|motivated|motivates|explains|explained"
    r"|accounts? for|accounted for|(?:is|was|lies|lay) behind)\b|^\s*how come\b"
    r"|^\s*how (?:did|does|do|has|have|was|were|is|are) .+\b(?:justify|justified|explain|explained)\b"
    r"|^\s*what (?:reasons?|grounds?|justifications?) (?:did|does|do|has|have|was|were|is|are)\b",
    re.I,
)
# 'what set each apart', 'which one': no noun for the answer to be about
PRONOUN_HEADS = {"each", "both", "all", "one", "ones", "other", "others", "either", "neither", "any", "some"}
CONTRACTED_IS = re.compile(r"\b(what|who|where|when|how|which)['’]s\b", re.I)
# 'what does Ida Berg mean by X', 'what was meant by X': X is what is asked about
MEANT_BY_WORDS = r"what\s+(?:does\s+[^?]+?\s+mean|is\s+meant|was\s+meant)\s+by"
DEFINITION_FORMS = re.compile(
    # a quoted term is what is asked about, whatever follows it ("what are the 'two pillars' they cite")
    r"^\s*(?:what(?:'s| is| are| was| were) (?:an? |the )?[\"“‘'](?P<q>[^\"”’']{2,60})[\"”’'][^?]*"
    # 'what does Ida Berg mean by "port diplomacy" (in her book)', 'what was meant by port diplomacy': the term
    rf"|{MEANT_BY_WORDS}\s+(?:the )?(?:(?:term|concept|notion|phrase|word) )?"
    r"[\"“‘']?(?P<u>[^\"”’'?]+?)[\"”’']?(?:\s+(?:in|for|of|with regard to)\s[^?]*)?"
    r"|what(?:'s| is| are| was| were) (?:an? |the )?(?P<x>.+?)|define (?P<y>.+?)|(?P<z>.+?) meaning"
    r"|what does (?P<w>.+?) (?:mean|stand for)|who(?:'s| is| was) (?P<v>[A-Z].+?))\s*[?.!]*\s*$",
    re.I,
)
MEANT_BY = re.compile(rf"^\s*{MEANT_BY_WORDS}\b", re.I)
# 'What is the role of X?': X's part in things is said by saying what X is ('X is the executive body')
ROLE_OF = re.compile(
    r"^(?:the\s+)?(?:role|roles|function|functions|purpose|task|tasks|job|mandate|mission)\s+of\s+(?:the\s+)?", re.I
)
# 'Who is Ida Berg?', 'who was Per Lund': a person named, asked what they are (a name, not a role)
WHO_IS_NAMED = re.compile(r"^\s*[Ww]ho(?:'s|\s+is|\s+was)\s+(?P<n>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\s*\??\s*$")
PASSIVE_WHAT = re.compile(r"^\s*[Ww]hat\s+(?:is|are|was|were|has been|have been)\s+[a-z]+ed\b")
PROCESS_FORMS = re.compile(rf"^\s*how {AUXILIARIES}\b(?! \w+ (?:different|similar))", re.I)
# 'By what means can X be raised?', 'in what way': how it is done, asked another way (not a list of 'means')
MANNER_ASKED = re.compile(r"^\s*(?:by|through|in)\s+(?:what|which)\s+(?:means|ways?|manner|methods?)\b", re.I)
PROCEDURE_ASKED = re.compile(
    r"^\s*(?:what|which) (?:is|are|were|was) the (?:\w+ )?"
    r"(?:rules?|procedures?|process|steps|conditions|requirements?|criteria) (?:for|of|to|on)\b"
)
LIST_FORMS = re.compile(r"^\s*(?:list|name|give)\b", re.I)
# 'What is the HLC Joint Staff?', 'What was the Ferry Accord of 2031?': a name and nothing else asked
_NAME_WORD = r"(?:[A-Z][\w'’-]*|(?:19|20)\d\d)"
WHAT_IS_NAMED = re.compile(
    rf"^\s*(?i:what\s+(?:is|are|was|were)\s+(?:the\s+)?){_NAME_WORD}(?:\s+(?:(?:of|for|on|the|and)\s+)*{_NAME_WORD})*"
    r"\s*\??\s*$"
)
# 'list the heads of X', 'X members list', 'a list of X': a list whatever its items are
# ('a list of X' asks for the list only as what is asked: not 'what did they agree about a list of X')
LIST_ASKED = re.compile(
    r"^\s*list\b|\blist\W*$|^\s*(?:what\s+is\s+|give\s+(?:me\s+)?|show\s+(?:me\s+)?)?(?:a|the)\s+list\s+of\b", re.I
)
# "which states' envoys backed the accord": the states are asked, not the envoys' names
OWNERS_ASKED = re.compile(r"^\s*(?:which|what)\s+(?:member\s+)?(?:countries|states|nations)['’]\s")
# "who are the members ...": a list of countries or bodies, not a person.
WHO_ARE_MEMBERS = re.compile(
    r"^\s*who (?:are|were) (?:the )?(?:[\w'’]+ ){0,3}(?:(?:member|founding|observer) (?:states|countries|nations)|"
    r"members|observers|partners|participants|founders|signatories|parties)\b",
    re.I,
)
# 'Article 4', 'resolution 79/10', 'Resolution S-30/1' (a special session's)
REFERENCE = re.compile(
    r"\b(Article|Art\.|Resolution|Chapter|Paragraph|Section|Protocol)\s+((?:[A-Z]{1,3}-)?\d+[\w/.-]*)", re.I
)
# 'length of the ferry term?', 'duration of the mandate': a duration (or a length) asked by its noun
LENGTH_OF = r"\b(?:length|duration) of\b"
DURATION_FORMS = re.compile(rf"\bhow long\b|\bhow many (?:years|months|weeks|days|decades)\b|{LENGTH_OF}", re.I)
# Connectives that begin a second question inside one sentence.
# '..., and who ...', '..., and by what year did ...' (a preposition may lead a question of its own;
# a short '..., and in what role?' stays with the sentence it completes, unless it asks a time or
# a place: '..., and for which years?', '..., and in which town?')
_LEADING_PREPOSITION = r"(?:by|in|on|at|for|from|to|with|since|until|under)"
_TIME_OR_PLACE = "|".join(DATE_NOUNS + words("city town country place venue location"))
SECOND_QUESTION = re.compile(
    rf"(?:,\s*|\s+)(?:and|but|or|also)\s+(?={WH}\b|{_LEADING_PREPOSITION}\s+{WH}\b(?:[\s,]+[\w'’-]+){{4,}}"
    rf"|{_LEADING_PREPOSITION}\s+(?:what|which)\s+(?:{_TIME_OR_PLACE})\b)"
    r"|[?;]\s+(?=\S)",
    re.I,
)
# Two names joined as the subject or object of one question: 'Peru and Chile' (not '... between Peru and Chile').
# Tried at every word (a lookahead), so 'When Peru and Chile' also finds 'Peru and Chile'.
COORDINATED = re.compile(r"(?<!between )(?=\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) and ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b)")
_OCCASION = r"(?:[A-Z][a-z]+(?: in (?:19|20)\d\d)?|(?:19|20)\d\d)"
COORDINATED_OCCASIONS = re.compile(rf"(?<!between )\b(in|at) ({_OCCASION}),? and (?:in |at )?({_OCCASION})\b")
# Answer types that a question about two countries asks once for each ('When did Peru and Chile join?').
DISTRIBUTIVE_TYPES = {"date", "place", "number", "person"}
# Words that frame a question without saying what it is about.
FRAME_WORDS = set(
    words(
        "what which who whom whose when where why how is are was were do does did has have had can could will "
        "would should may might must the a an of in on at to for by with from about as and or but any that "
        "this these those it its their there they he she his her been being be currently current exactly "
        "actually many much long big large old often far name list give tell didn't don't doesn't won't isn't "
        "wasn't aren't weren't hasn't haven't can't couldn't wouldn't not never what's who's where's when's "
        "how's it's that's there's come came get got take took taken make made go went happen happened put "
        "say said says mention mentioned describe described explain explained according different difference "
        "differences differ differs compare compared comparison similar similarity versus vs since until "
        "during become became becomes now today presently nowadays date dates time going one ones explicitly "
        "expressly specifically usually typically generally commonly normally mostly"
    )
)
# "take place", "named in the statement", "serves as", "what kind of": phrases whose words say nothing about the answer.
FRAME_PHRASES = re.compile(
    r"\b(?:take|took|taken|takes) place\b|\b(?:serves?|served|serving|cited|described|regarded|seen)(?=\s+as\b)"
    r"|\b(?:kinds?|types?|sorts?)(?=\s+of\b)"
    r"|\b(?:(?:explicitly|expressly|specifically)\s+)?(?:named|listed|cited|referred\s+to)(?=\s+in\s+(?:the|their|its|this|that)\b)",
    re.I,
)
# 'whose role', 'whose candidacy': the owner of a thing may be a state, a body or a group, not only a person
WHOSE_THING = re.compile(rf"^\s*whose\s+(?!{AUXILIARIES}\b)[a-z]")
# Person nouns too general to appear beside the name ("which official", "what person").
GENERIC_PERSON = {"person", "people", "official", "officials", "leader", "leaders", "representative", "figure"}


@dataclass(frozen=True)
class Constraint:
    """Something an answer must be about: a name, a year, a reference ('Article 8') or a content word."""

    # "entity", "year", "reference", "head" (the noun a 'which X' asks for), "topic" (what 'what does X
    # say about ...' asks of, every word of it), "word"
    kind: str
    text: str  # as the question writes it
    # named by an earlier part and meant by this part's 'its': the answer must be about it, but saying
    # it is no part of what this part asks (it adds nothing to the share of the part's words said)
    inherited: bool = False

    @property
    def required(self) -> bool:
        """Names, years and references must be covered; single content words are weighed."""
        return self.kind in ("entity", "year", "reference", "head", "topic")


@dataclass
class QuestionPart:
    """One question: what kind of answer it wants and what that answer must be about."""

    text: str
    answer_type: str
    focus: list[str] = field(default_factory=list)  # words describing the answer itself ("Mexican envoy")
    constraints: list[Constraint] = field(default_factory=list)
    list_of: str = ""  # list questions: what the items are ("countries", "operations")
    act: str = ""  # 'who signed the lease': the verb a person answer performs; 'when was it signed': the act dated
    kind_names: list[str] = field(default_factory=list)  # 'which Varnan proposal': names of the kind asked

    def required(self) -> list[Constraint]:
        return [c for c in self.constraints if c.required]

    def head(self) -> str:
        """The noun a 'which X' question asks for ('proposal' of 'which Estonian proposal'), or ''."""
        return next((c.text for c in self.constraints if c.kind == "head"), "")

    def words(self) -> list[str]:
        return [c.text for c in self.constraints if c.kind == "word"]


@dataclass
class QuestionAnalysis:
    """The whole question: its parts (usually one) and the type of the first."""

    text: str
    parts: list[QuestionPart]

    @property
    def answer_type(self) -> str:
        return self.parts[0].answer_type if self.parts else "other"


def split_parts(question: str) -> list[str]:
    """'When did X happen, and who did Y?' -> ['When did X happen', 'who did Y?'].

    Only a connective followed by a question word starts a new part, so 'When and where
    ...' and 'Armenia and Azerbaijan' stay whole.
    """
    pieces, start = [], 0
    for match in SECOND_QUESTION.finditer(question):
        before = question[start : match.start()].strip(" ,;")
        if len(before.split()) >= 3:
            pieces.append(before)
            start = match.end()
    pieces.append(question[start:].strip(" ,;"))
    pieces = [p for p in pieces if p]
    for n in range(len(pieces) - 1):  # '<source>, when' + 'where was X held?': 'when was X held' too
        rest = re.match(rf"{WH}\s+(?P<rest>\S.*)", pieces[n + 1], re.I)
        if re.search(rf",\s*{WH}$", pieces[n], re.I) and rest:
            pieces[n] = f"{pieces[n]} {rest.group('rest').rstrip('?')}"
        # 'In which city, and on what day, was X held?': the first asks of X too ('in what format' asks
        # for a format, which the clause's words would let a sentence about X leave unsaid)
        clause = ASKED_CLAUSE.match(pieces[n + 1])
        # 'which states joined', 'what is X' have their verb
        verbless = not re.search(rf"\w(?:ed|en)\b|\b{AUXILIARIES}\b", pieces[n], re.I)
        # 'at which meeting' asks for an event the clause's words must be said of
        typed = answer_type(pieces[n]) != "other" or EVENT_ASKED.search(pieces[n])
        if WH_PHRASE_ONLY.match(pieces[n]) and verbless and clause and typed:
            pieces[n] = f"{pieces[n]} {clause.group('rest').rstrip('?')}"
    return pieces


# a question phrase with no verb of its own ('in which Varnan port'), and the clause another asks of
WH_PHRASE = (
    rf"(?:(?:in|on|at|by|from|for|since|until)\s+)?(?:(?:which|what|whose)\s+[\w'’-]+(?:\s+[\w'’-]+){{0,2}}?|{WH})"
)
EVENT_ASKED = re.compile(r"\b(?:summit|meeting|conference|session|congress|forum)s?\s*$", re.I)
WH_PHRASE_ONLY = re.compile(rf"^\s*{WH_PHRASE}\s*$", re.I)
ASKED_CLAUSE = re.compile(rf"^\s*{WH_PHRASE},?\s+(?P<rest>{AUXILIARIES}\b.*)", re.I)


# 'Which state / member state / nation ...?' asks for a country ('what is the state of X' does not)
STATE_ASKED = re.compile(r"^\s*(?:which|what)\s+(?:member\s+)?(?:state|nation)\b(?!\s+of\b)", re.I)
# 'According to the 2031 report, when ...': where the answer is to be read, said before the question word
SOURCE_WORDS = r"according to|as per|in the (?:view|words) of"  # what names the text an answer is read from
SOURCE_FIRST = re.compile(
    rf"^\s*(?:{SOURCE_WORDS}|in|under|for)\s+[^,?]{{3,90}},\s*"
    r"(?=when\b|where\b|why\b|which\b|how (?:many|much|long|often)\b)",
    re.I,
)


# 'What are members barred from doing?', 'What is the council required to do?': an act asked for
ASKS_WHAT_IS_DONE = re.compile(r"^\s*what\s+(?:is|are|was|were)\b.*\b(?:from\s+doing|to\s+do)\b", re.I)
# 'What was the port of Varna called before 1990?': a name the thing went by, whatever kind of thing it is
NAME_ASKED = re.compile(
    r"^\s*what\s+(?:is|are|was|were)\b.*\b(?:called|named|known\s+as)\b(?!\s+(?:by|after|in|for|to)\b)", re.I
)


def answer_type(part: str) -> str:
    """The kind of answer one question asks for (one of ANSWER_TYPES)."""
    text = SOURCE_FIRST.sub("", expand_contractions(" ".join(part.strip().split())))
    lower = text.lower()
    head = _head_after_wh(text)
    if PASSIVE_WHAT.match(lower):
        head = head[:1]  # 'what is needed before a port may open a line': what is needed, not a port
    if COMPARISON.search(text) or re.search(r"\b(?:different from|same as|similar to)\b", lower):
        only_both = {m.group().lower() for m in COMPARISON.finditer(text)} == {"both"}
        # 'which ports belong to both leagues' asks for those in each; 'are both X and Y members' yes or no
        if not (only_both and (re.match(rf"^{AUXILIARIES}\b", lower) or _type_of_head(head) == "list")):
            return "comparison"
    if re.match(rf"^{AUXILIARIES}\b", lower) and not re.search(rf"\b{WH}\b", lower.split(",")[0][:12]):
        # 'Is X an alliance like Y?': yes or no, said by setting X beside Y, as a comparison is
        return "comparison" if LIKE_NAME.search(text) else "yes_no"
    if CAUSAL_OPENERS.search(lower) or re.search(CAUSAL_QUESTIONS, lower):
        return "reason"
    # 'what did they say about the terrorist list?' asks what was said, not for a list
    listed = LIST_ASKED.search(lower) and not SAYS_ABOUT.match(text)
    if WHO_ARE_MEMBERS.match(lower) or listed or OWNERS_ASKED.match(lower):
        return "list"
    if (named := WHO_IS_NAMED.match(text)) and not any(
        w.lower().strip("'’s") in PERSON_NOUNS or "-" in w for w in named.group("n").split()
    ):
        return "definition"  # 'Who is Ida Berg?' asks what she is; 'who is Secretary-General' a name
    if re.match(r"^\s*(?:(?:by|to|with|for|from)\s+whom\b|who|whom)\b", lower):
        return "person"  # 'by whom was it proposed': who proposed it
    if re.match(r"^\s*whose\b", lower) and not WHOSE_THING.match(lower):
        return "person"  # 'whose was the plan'; 'whose role do they stress' may be a group's, a state's
    # 'when' asks within a question's first words or as its last; between, it joins a clause ('the toll
    # of the riots when ...')
    if re.search(r"\b(?:what year|which year|what date|on what date|in what year)\b", lower) or re.match(
        r"^(?:\W*\w+\W+){0,2}when\b|.*\bwhen\W*$", lower
    ):
        return "date"
    if re.search(r"\bhow (?:many|much|big|large|long|old|far|often|high|strong|numerous|wide|deep|tall)\b", lower):
        return "number"
    # 'which crises are cited as cases where ...': the 'where' opens a clause on the noun asked
    typed_head = bool(re.match(r"^\s*(?:which|what)\b", lower) and head and _type_of_head(head))
    if re.search(r"\b(?:where|whereabouts)\b", lower) and not typed_head:
        return "place"
    # 'what are the rules for leaving X', 'by what means': how it is done, not a list of names
    if PROCEDURE_ASKED.match(lower) or MANNER_ASKED.match(lower):
        return "process"
    if MEANT_BY.match(text):
        return "definition"  # 'what is meant by port diplomacy': what the term is, not where a port is
    if WHAT_IS_NAMED.match(text) and not text.isupper():
        return "definition"  # 'What is the HLC Joint Staff?': a body's name, whatever its last word says
    if STATE_ASKED.match(lower):
        return "place"  # 'which member state runs the ferry board': a country, as for 'which country'
    if NAME_ASKED.match(lower):
        return "other"  # answered by the name a sentence says it was called
    if ASKS_WHAT_IS_DONE.match(lower):
        return "other"  # 'what are members barred from doing': what they may not do, not a list of members
    if head:
        typed = _type_of_head(head)
        if typed:
            return typed
        if is_demonym(head[0]) and not _noun_follows(head):
            return "person"  # 'which Armenian held the post': a nationality alone stands for a person
    if not re.search(rf"\b{WH}\b", lower) and (typed := _noun_phrase_type(lower)):
        return typed
    if LIST_FORMS.search(text):
        return "list"
    if PROCESS_FORMS.search(lower) and not CHARACTERISED.match(text):
        return "process"
    if DEFINITION_FORMS.match(text) and _is_definition_subject(text):
        return "definition"
    if len(text.split()) <= 4 and not re.search(rf"\b{WH}\b", lower):  # "virtual regionalism?"
        return "definition"
    return "other"


# Quantity nouns that say nothing about what is measured ('the size of', 'the number of').
GENERIC_QUANTITY = {"size", "number", "total", "amount", "figure", "figures", "count", "value", "sum"}
PREPOSITIONS = ("in", "of", "for", "at", "on", "to", "with", "by", "from", "near", "outside", "inside")


def _noun_phrase_words(lower: str) -> list[str]:
    """The words that name what a noun-phrase question asks for: 'crew size of the ferry' -> [crew],
    'name of the naval base in X' -> [naval, base], 'death toll of the flood' -> [death, toll]."""
    words = [w for w in re.findall(r"[\w'’/-]+", lower) if w not in ("the", "a", "an")]
    if "of" not in words[1:4]:
        return []
    head = words[: words.index("of")]
    if head[-1] == "name":
        rest = words[len(head) + 1 :]
        head = rest[: next((i for i, w in enumerate(rest) if w in PREPOSITIONS), len(rest))]
    return [w for w in head if w not in FRAME_WORDS and w not in GENERIC_QUANTITY and w not in ("name", "date")]


def _noun_phrase_type(lower: str) -> str:
    """A question typed as a noun phrase: 'opening date of the depot?' -> date, 'crew size of the
    ferry' -> number, 'name of the naval base in X' -> place (what is named), 'treaty signing
    date' -> date, 'union members?' -> list."""
    words = [w for w in re.findall(r"[\w'’/-]+", lower) if w not in ("the", "a", "an")]
    # a plural and a participle: 'measures agreed at the summit', 'new members admitted in 2017'
    plural = next((i for i, w in enumerate(words[:3]) if _is_plural(w)), len(words))
    participle = words[plural + 1] if plural + 1 < len(words) else ""
    if participle.endswith("ed") and participle not in FRAME_WORDS:
        return "list"
    if "of" in words[1:4]:
        head = words[: words.index("of")]
        if head[-1] == "name":  # the name of a thing is of that thing's type
            rest = words[len(head) + 1 :]
            stop = next((i for i, w in enumerate(rest) if w in PREPOSITIONS), len(rest))
            head = rest[:stop]
        return _type_of_head(head[-1:])
    return _type_of_head(words[-1:]) if words else ""


# words that end the noun phrase after 'which'/'what': a preposition, or a word opening a clause ('when')
HEAD_ENDS = frozenset(("of", "in", "for", "that", "to", "on", "at", "when", "where", "while"))
KIND_OF = re.compile(r"^\s*(?:kinds?|types?|sorts?|forms?)\s+of\s+", re.I)


def _head_after_wh(text: str) -> list[str]:
    """The words after 'which'/'what' (and 'in which', 'what is the ... of'), up to the first verb-like
    word, in lower case but for acronyms: 'RATS' or 'BRICS' names a body, 'rats' would be a plural."""
    match = re.search(r"\b(?:which|what)\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?([\w\s'’-]{1,60})", text, re.I)
    if not match:
        return []
    words = []
    # 'heads of state' is one noun: 'which heads of state summit' asks for a summit
    phrase = re.sub(r"\b(heads?)\s+of\s+(state|government)\b", r"\1-of-\2", match.group(1), flags=re.I)
    phrase = KIND_OF.sub("", phrase)  # 'what kind of harbour': a harbour is asked
    for word in re.findall(r"[\w'’-]+", phrase):
        word = re.sub(r"['’]s$", "", word)
        word = re.sub(r"^(countries|states|nations|members)['’]$", r"\1", word, flags=re.I)  # 'which countries''
        word = word if len(word) > 1 and word.isupper() and not text.isupper() else word.lower()
        if re.fullmatch(AUXILIARIES, word) or word in HEAD_ENDS:
            break
        words.append(word)
    return words[:5]


def _noun_follows(head: list[str]) -> bool:
    """'which Varnan proposal': the nationality qualifies the noun after it; 'which Varnan held the
    post' and 'which Varnan chairs the board' have a verb there (a past tense, or a word before a
    determiner)."""
    if len(head) < 2:
        return False
    verb = head[1].endswith("ed") or (len(head) > 2 and head[2] in DETERMINERS)
    return not verb


def _noun_type(word: str) -> str:
    """The answer type a noun asks for ('minister' -> person), or ''."""
    for nouns, kind in ((PERSON_NOUNS, "person"), (PLACE_NOUNS, "place"), (DATE_NOUNS, "date")):
        if word in nouns:
            return kind
    if word in QUANTITY_NOUNS:
        return "number"
    if word in RESPONSE_NOUNS:
        return "process"
    return "list" if word in GROUP_NOUNS else ""


# Endings of nouns made from verbs and adjectives: the word is a noun ('operation', 'agreement').
NOMINAL = re.compile(r"(?:tion|sion|ment|ance|ence|ship|ism|ity|ness)$")


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _type_of_head(words: list[str]) -> str:
    """'mexican envoy' -> person, 'countries' -> list, 'total cost' -> number, 'city' -> place.

    A typed noun counts unless a noun follows it ('official languages' asks for languages) or soon
    after ('official casualty count' asks for the count, 'coastal inspection' and 'General Council
    resolution' for an inspection and a resolution)."""
    for i, word in enumerate(words):
        if _is_plural(word) and _verb_after_noun(words, i):
            break  # 'which body admits new members': what follows the verb is its object
        kind = _noun_type(word)
        if word == "number" and i > 0 and words[i - 1] not in FRAME_WORDS:
            continue  # 'resolution number', 'flight number': an identifier, not a quantity
        following = words[i + 1] if i + 1 < len(words) else ""
        nouns_after = any(_noun_type(w) or NOMINAL.search(w) for w in words[i + 1 : i + 3])
        # 'which city hosts the ...': a word in -s before a determiner is the verb, not a plural noun
        verb_after = following.endswith("s") and i + 2 < len(words) and words[i + 2].lower() in DETERMINERS
        if kind and (verb_after or not (_is_plural(following) or nouns_after)):
            return kind
    first_plural = next((w for i, w in enumerate(words[:3]) if _is_plural(w) and not _verb_after_noun(words, i)), "")
    return "list" if first_plural and first_plural not in ABSTRACT_PLURALS else ""


def _verb_after_noun(words: list[str], i: int) -> bool:
    """'which charter underpins the pact', 'which body oversees the ferry board': a word in -s after the noun
    asked and before its object (a determiner, an acronym, a country) is the verb, not a plural."""
    following = words[i + 1] if i + 1 < len(words) else ""
    # 'which body admits new members': after a singular noun of a body, a word in -s that names
    # no group of its own is what the body does
    group = {*GROUP_NOUNS, *RELATION_NOUNS}
    after_body = i > 0 and words[i - 1].lower() in BODY_NOUNS and words[i].lower() not in group
    return i > 0 and (
        following in DETERMINERS or (following.isupper() and len(following) > 1) or following in COUNTRIES or after_body
    )


@lru_cache(maxsize=1024)
def definition_subject(question: str) -> str:
    """X of a question asking what X is ('what is the Eastern Patrol?' -> 'Eastern Patrol'), else ''.
    Remembered: the selector asks it of the same part for every candidate sentence."""
    text = " ".join(question.strip().split())
    if answer_type(text) != "definition":
        return ""
    match = DEFINITION_FORMS.match(text)
    subject = next((g for g in match.groups() if g), "") if match else text
    subject = ROLE_OF.sub("", subject.strip())  # 'the role of the Secretariat': what the Secretariat is
    return re.sub(r"\s*\([^()]*\)$", "", subject.strip(" ?.!\"'“”‘’"))  # 'the Long Name (LN)': the name


# The long names of the organisations every document is about, as their founding texts spell them.
FULL_NAMES = {"SCO": "Shanghai Cooperation Organisation", "CSTO": "Collective Security Treaty Organization"}


def spelled_out(question: str) -> str:
    """'What is the CSTO?' read as 'What is the Collective Security Treaty Organization?': the passage
    that says what it is opens with its long name and gives the short one once, in brackets, where
    retrieval by the short name alone misses it."""
    subject = definition_subject(question)
    full = FULL_NAMES.get(subject.upper())
    return re.sub(rf"\b{re.escape(subject)}\b", full, question, count=1) if full else question


def short_names(name: str) -> list[str]:
    """The short names of an organisation given by its long name ('CSTO' for its FULL_NAMES entry)."""
    return [short for short, full in FULL_NAMES.items() if full.lower() == name.lower()]


def subject_names(subject: str) -> list[str]:
    """The names a definition may give its subject: itself, the short name of a long one, and an
    organisation's body or text named the other way round ('SCO Charter': 'the Charter of the
    Shanghai Cooperation Organisation is ...')."""
    names = [subject, *short_names(subject)]
    owner, _, rest = subject.partition(" ")
    owner = re.sub(r"['’]s$", "", owner).upper()
    if owner in FULL_NAMES and rest:
        names += [f"{rest} of the {owner}", f"{rest} of the {FULL_NAMES[owner]}"]
    return names


def _is_definition_subject(text: str) -> bool:
    """'What is the Helsinki process' is a definition; 'what is the point of meeting' or a clause is not."""
    match = DEFINITION_FORMS.match(text)
    subject = next((g for g in match.groups() if g), "") if match else ""
    if PASSIVE_WHAT.match(text):  # 'what was decided at the talks': what was done, not what a thing is
        return False
    if re.match(r"(?:it|they|he|she|this|that)\s+\w", subject, re.I):  # 'what was it meant to do': a clause
        return False
    return bool(subject) and len(subject.split()) <= 6 and not re.search(rf"\b{AUXILIARIES}\b", subject.lower())


def focus_words(part: str, kind: str) -> list[str]:
    """Words that describe the answer itself, for types with a slot to fill.

    'Which Mexican envoy ...' -> ['Mexican', 'envoy']; 'Who was Chile's finance
    minister ...' -> ['finance', 'minister'] (the possessor is a constraint, the role the slot);
    'How many aircraft ...' -> ['aircraft'].
    """
    # A nationality qualifies the answer ('Belgian'); a country's own name is what it is about.
    qualifiers = [w for w in re.findall(r"[A-Z][\w-]+", part) if is_demonym(w) and w.lower() not in COUNTRIES]
    if kind == "number":
        match = re.search(r"\bhow (?:many|much)\s+(?!of\b)([\w-]+(?:\s+[\w-]+)?)", part, re.I)
        if match:
            words = []
            for word in match.group(1).split():  # the thing counted, up to a verb: 'how many guests arrived'
                if re.fullmatch(AUXILIARIES, word.lower()) or (words and word.lower().endswith("ed")):
                    break
                words.append(word)
            return [w for w in words if w.lower() not in FRAME_WORDS] + qualifiers
    # 'what was the total cost of ...' -> the words after the copula and article
    match = re.search(
        r"\b(?:which|what)\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?((?:[\w-]+\s+){0,2}[\w-]+)", part, re.I
    )
    if kind == "place" and (state := STATE_ASKED.match(part)):
        return state.group().split()[1:] + qualifiers  # 'which member state': a state is the answer
    if match and kind in ("person", "place", "date", "number"):
        words = [w for w in match.group(1).split() if w.lower() not in FRAME_WORDS]
        typed = [i for i, w in enumerate(words) if _type_of_head([w.lower()]) == kind]
        if typed:
            return [w for w in words[: typed[-1] + 1] if w.lower() not in GENERIC_QUANTITY]
    if kind == "person":
        role = re.search(
            r"\bwho\s+(?:is|was|are|were|(?:has|have|had)\s+been)\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?((?:[\w-]+\s+){0,3}[\w-]+)",
            part,
            re.I,
        )
        # 'who served as deputy director', 'who succeeded her as chair': the role follows 'as'
        acting = re.search(r"\bas\s+(?:the\s+|an?\s+|its\s+|their\s+)?((?:[\w-]+\s+){0,2}[\w-]+)", part, re.I)
        for found in (role, acting):
            if not found:
                continue
            words = found.group(1).split()
            last = max((i for i, w in enumerate(words) if w.lower() in PERSON_NOUNS), default=-1)
            if last >= 0:
                return [w for w in words[: last + 1] if w.lower() not in FRAME_WORDS]
    if kind in ("number", "place") and not re.search(rf"\b{WH}\b", part, re.I):
        return _noun_phrase_words(part.lower()) + qualifiers
    return qualifiers if kind == "number" else []


# 'Apart from the Harbour Council, which bodies ...': what the answer leaves out, not what it is about
_SET_ASIDE = r"\b(?i:apart from|aside from|other than|besides|except(?: for)?|excluding)\s+"
EXCLUDED = re.compile(
    rf"^\s*{_SET_ASIDE}[^,?;]+,"  # a leading clause, to its comma
    rf"|{_SET_ASIDE}(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w'’-]*)*",  # a name
)


def constraints_of(part: str, focus: list[str]) -> list[Constraint]:
    """Names, years, references and content words the answer must be about (not the focus itself, nor
    what the question sets aside: 'apart from X')."""
    part = EXCLUDED.sub(" ", part)
    out: list[Constraint] = []
    seen: set[str] = set()

    def add(kind: str, text: str) -> None:
        key = text.lower()
        if key and key not in seen:
            seen.add(key)
            out.append(Constraint(kind, text))

    for match in REFERENCE.finditer(part):
        add("reference", f"{match.group(1)} {match.group(2)}")
    for year in YEAR.findall(part):
        add("year", year)
    focus_lower = {w.lower() for w in focus}
    for org in organisations_named(part):
        add("entity", org)
    referenced = {m.group(1).lower() for m in REFERENCE.finditer(part)}
    for phrase in name_phrases(part):
        words = [w for w in phrase if w.lower() not in focus_lower | referenced | MONTH_NAMES and not YEAR.fullmatch(w)]
        if words and not (len(words) == 1 and words[0] in ("SCO", "CSTO")):
            add("entity", " ".join(words))
    named = {w.lower() for c in out for w in re.findall(r"[\w-]+", c.text)}
    for word in re.findall(r"[A-Za-z][\w'’-]*", FRAME_PHRASES.sub(" ", part)):
        word = re.sub(r"['’]s$", "", word).rstrip("'’")  # 'the SCO's' is the SCO; the closing quote of 'two pillars'
        low = word.lower()
        if low in FRAME_WORDS or low in named or low in focus_lower or len(low) < 3:
            continue
        add("word", word)
    return out


# Verbs that place an event in time without saying what was done: a date question with one of
# them ('when did the summit take place') names no act of its own.
LIGHT_VERBS = frozenset(
    words("be been become became take took happen occur begin began start end hold held meet met come came go last see")
    + words("host")  # 'host a summit': where and when it was held
    # and verbs whose object says the act ('give it observer status', 'obtain a status', 'want a year declared')
    + words("give gave given get got want make made have had do put obtain receive gain acquire grant win")
    # and verbs that name their object ('which year was designated the Year of Rivers': the year the
    # Year of Rivers is said to be held, in whatever words)
    + words("designate declare proclaim dub")
)
LIGHT_STEMS = frozenset(t for w in LIGHT_VERBS for t in tokenize([w])[0])  # 'started', 'hosted', 'granted'


def is_light(verb: str) -> bool:
    """Does the verb only place an event in time, or leave the act to its object?"""
    return verb in LIGHT_VERBS or any(t in LIGHT_STEMS for t in tokenize([verb])[0])


ADVERB = r"(?:\s+[a-z]{3,}ly)?"  # 'when exactly was it', 'why precisely did they'
WHEN_AUX = re.compile(
    rf"^\s*(?:(?:since\s+)?when|(?:on|in|by|since)?\s*(?:what|which)\s+(?:date|day|year|month)){ADVERB}\s+({AUXILIARIES})\s+(.+)",
    re.I,
)
# The words between an article or a verb and the status it names: 'an SCO member', 'a full member'
STATUS_BEFORE = r"(?:(?:a|an|the|its|full|permanent|dialogue|[A-Z]{2,}(?:['’]s)?)\s+)*"
# 'since when is X an (SCO) member': the status held, taken when X joined ('a dialogue partner' its own)
STATUS_HELD = re.compile(rf"\ban?\s+{STATUS_BEFORE}(members?|observers?|partners?)\b")
ARTICLES = frozenset({"the", "a", "an"})
WHY_AUX = re.compile(rf"^\s*why{ADVERB}\s+({AUXILIARIES})\s+(.+)", re.I)
SUBJECT_WORDS = frozenset(
    words("the a an its their his her and it they he she we this these those each both all not never")
)  # and the negation before the verb: 'did X not help
PASSIVE_FORMS = frozenset(PARTICIPLES) | frozenset(IRREGULAR_PAST.values())


def phrasal_act(verb: str, text: str, default: str) -> str:
    """The one verb the documents use for the verb and the word after it in the text ('set up':
    'establish'), else `default`."""
    particle = re.search(rf"\b{re.escape(verb)}\s+(\w+)", text, re.I) if verb else None
    return PHRASAL_ACTS.get(f"{verb.lower()} {particle.group(1).lower()}", default) if particle else default


def dated_act(part: str) -> str:
    """The verb of 'when did X <verb>' or 'when was X <verb>ed': the act whose date is asked, which
    the answer must say ('when did it ratify' is not answered by the year it signed). Empty when the
    verb only places an event in time ('take place', 'become') or cannot be found. A name typed in
    lower case that is not a known country or organisation may be read as the verb: the answer must
    then say that name, as it would anyway."""
    return _act_after(WHEN_AUX.match(part))


# Nouns and gerunds that name a dated act, for a question with no verb ('the SCO's founding date',
# 'date of signature'): the act must be said as for 'when was it founded'
ACT_NOUNS = frozenset(
    words("founding foundation establishment creation launch signing signature adoption ratification accession")
    + words("admission withdrawal")
)


def named_act(part: str) -> str:
    """The act a date question names by a noun when it has no verb for it, else ''."""
    if WHEN_AUX.match(part):
        return ""
    return next((w for w in re.findall(r"[a-z]+", part.lower()) if w in ACT_NOUNS), "")


def explained_act(part: str) -> str:
    """The verb of 'why did X <verb>': the act whose reasons are asked. A sentence that names it only
    as known ('despite the freeze, X ...') tells what happened since, not why."""
    # an aside between commas ('according to X,', 'in their 2018 statement,') is not where the verb is
    aside = rf",\s*(?:{SOURCE_WORDS}|in|at|during|under)\s[^,]*,"
    return _act_after(WHY_AUX.match(re.sub(aside, "", part, flags=re.I)), True)


# ', welcomed in the Varna Declaration,': a clause that describes a noun, not the question's act
PARENTHETICAL_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\b[^,?]*,")


def _act_after(match: re.Match[str] | None, perfect_too: bool = False) -> str:
    """The act of the clause after a question word and its auxiliary (dated_act); with `perfect_too`,
    of a perfect as well ('why have the links weakened'). 'Since when has X existed' asks for the
    start of a state, which the answer need not name by the question's verb."""
    if not match:
        return ""
    if re.search(
        r"\binto\s+force\b|\b(?:take|takes|took|taken|come|comes|came)\s+(?:into\s+)?effect\b", match.group(2), re.I
    ):
        return "force"  # 'come into force', 'take effect': what a signature does not date
    aux, tokens = match.group(1).lower(), re.findall(r"[\w'’-]+", match.group(2))
    perfect = aux in ("has", "have", "had") and (tokens[:1] == ["been"] or perfect_too)
    if aux in ("was", "were", "is", "are") or perfect:
        # 'when was the pact, signed in Varna, ratified': the participle between commas describes the pact
        main = re.findall(r"[\w'’-]+", PARENTHETICAL_PARTICIPLE.sub(",", match.group(2)))
        done = (
            w
            for w in [*main, *tokens]
            if not w[0].isupper() and ((w.endswith("ed") and len(w) > 4) or w in PASSIVE_FORMS)
        )
        verb = next(done, "")
    elif aux in ("did", "do", "does", "will", "would"):
        verb = _active_verb(tokens)
    else:
        return ""
    verb = phrasal_act(verb, match.group(2), verb)
    if verb in ("become", "became"):
        return _status_taken(match.group(2), verb)
    if not verb and aux in ("is", "are", "was", "were", "has", "have") and (held := STATUS_HELD.search(match.group(2))):
        return STATUS_ACTS[held.group(1).lower()]
    return "" if is_light(verb) else verb


# 'become a member' is to join; 'become an observer', 'a dialogue partner' take that status
STATUS_ACTS = {
    "member": "join",
    "members": "join",
    "observer": "observer",
    "observers": "observer",
    "partner": "partner",
    "partners": "partner",
}


STATUS_ASKED = re.compile(
    r"^\s*(?:is|are|was|were)\s+.+?\s+(?:still\s+|now\s+|already\s+)?(?:a|an)\s+(?:full\s+|permanent\s+)?"
    r"(?:[A-Z]{2,}\s+)?(member|observer|partner|dialogue partner)s?\b",
    re.I,
)


def status_asked(part: str) -> str:
    """'Is X a member / an observer of Y?': the status the answer must give X ('' for other questions)."""
    match = STATUS_ASKED.match(part)
    return match.group(1).split()[-1].lower() if match else ""


def _status_taken(clause: str, verb: str) -> str:
    """The act of 'when did X become a member / an observer / a dialogue partner' (the status
    taken, which the answer must say: a country that became a dialogue partner did not then join);
    empty for any other object ('when did it become a treaty')."""
    taken = re.search(rf"\b{verb}\s+{STATUS_BEFORE}(\w+)", clause)
    return STATUS_ACTS.get(taken.group(1).lower(), "") if taken else ""


def _active_verb(tokens: list[str]) -> str:
    """The verb after the subject of 'did <subject> <verb> ...': the first word that is not a
    determiner, pronoun, adverb, name, the word after an article or the noun a possessive owns; unless it is followed by
    another word that is itself followed by a function word ('the Eurasian bank open its office':
    'bank' is the subject's noun), where a plural ('send troops to') is not a verb."""
    rest = [w.lower() for w in tokens] + [""]
    owned = noun_before = False
    for i, word in enumerate(tokens):
        low = re.sub(r"['’]s?$", "", word.lower())
        skip = (
            owned
            or low in SUBJECT_WORDS
            or word[0].isupper()
            or (low.endswith("ly") and len(low) > 6)
            or low in COUNTRIES
            or low.upper() in ORGANISATION_ALIASES
            or is_demonym(low)
        )
        owned = word.lower() != low  # "Kyrgyzstan's parliament": the noun it owns is the subject's
        if skip:
            continue
        after, then = rest[i + 1], rest[i + 2] if i + 2 < len(rest) else ""
        if low in PREPOSITIONS:
            continue  # 'did the centre in Varna open': the place is the subject's
        if i and tokens[i - 1].lower() == "of":
            continue  # 'did the heads of state stress': the noun of the subject's 'of'
        if is_light(low):
            return low
        if after and is_light(after):
            continue  # 'the summit take place': a noun of the subject
        if i and tokens[i - 1].lower() in ARTICLES and after:
            noun_before = True  # 'the league': the subject's noun
            continue
        if noun_before and low not in FRAME_WORDS:
            return low  # 'the league stay out of', 'the members of the league join'
        if noun_before:
            continue
        if _is_plural(low) and after:
            continue  # 'did the HLC pilots leave': after 'did' a verb has no -s, a plural is the subject's noun
        named = i + 1 < len(tokens) and tokens[i + 1][0].isupper()  # 'join CICA': a name is no verb
        if (
            after
            and not named
            and after not in FRAME_WORDS
            and not re.search(r"[^s]s$", after)
            and then in FRAME_WORDS | {""}
        ):
            return after
        return low
    return ""


def expand_contractions(text: str) -> str:
    """'what's the largest port' -> 'what is the largest port': the rules read the verb."""
    return CONTRACTED_IS.sub(r"\1 is", text)


# 'What does X say about Y?', 'What did X state on Y?': Y is what every answer sentence must speak of
# ('the statement of heads of state on Z' names the text: that 'state' is no verb)
SAYS_ABOUT = re.compile(
    r"^\s*(?:what|how)\s+(?:do|does|did)\s+.+?\s+(?<!of )(?<!the )(?:say|think|write|state|propose|declare)\s+"
    r"(?:in\s+\d{4}\s+)?(?:about|on|regarding)\s+(?P<topic>[^?]+?)\s*\??$",
    re.I,
)


# A word that joins a follow-up to the talk before it, not part of what it asks
LEADING_CONNECTIVE = re.compile(r"^\s*(?:and|but|so|then|also|ok|okay|well)\b[,\s]+(?=\w)", re.I)

# 'how does the report describe the league': what it says of the league, not how something is done
CHARACTERISED = re.compile(
    r"^\s*how\s+(?:do|does|did)\s+.+?\s+(?:characteri[sz]e|describe|portray|depict|view|see|regard)\s+"
    r"(?P<topic>[^?]+?)\s*\??$",
    re.I,
)

# 'what does the league regard as its main threat': the answer is what the text calls a threat (a topic:
# the sentence or its heading says the word)
NAMED_AS = re.compile(
    r"^\s*what\s+(?:do|does|did|will|would)\s+.+?\s+(?:name|identify|see|regard|consider|single out|"
    r"designate|declare|set out|describe|list)\s+as\s+(?:(?:an?|the|their|its|his|her|our)\s+)?"
    r"(?:(?:main|key|top|chief|first|principal|major|common|shared)\s+)?(?P<head>[a-z]{3,})\s*\??$",
    re.I,
)


def analyse_part(part: str) -> QuestionPart:
    """One question's type, focus and constraints."""
    part = LEADING_CONNECTIVE.sub("", expand_contractions(part))  # 'and who are its members?'
    kind = answer_type(part)
    focus = focus_words(part, kind)
    list_of = ""
    kind_names: list[str] = []
    if kind == "list":
        head = _head_after_wh(part) or [w.lower() for w in re.findall(r"[\w-]+", part)]
        list_of = next((w for w in head if w in GROUP_NOUNS or _type_of_head([w]) == "list"), "")
        # 'countries', 'bodies' say what the items are; 'members', 'observers' say how they relate: a constraint
        focus = [list_of] if list_of and list_of not in RELATION_NOUNS else focus
    constraints = constraints_of(part, focus)
    head = _head_after_wh(part)
    verb = next((i for i, w in enumerate(head) if i and w.endswith("ed")), len(head))
    head = head[:verb]  # 'which resolution gave ...' -> 'resolution'; '... adopted' ends the noun phrase
    if PASSIVE_WHAT.match(part.lower()):
        head = head[:1]  # 'what was decided at the talks': what the answer must say was decided
    if kind == "other" and head and head[-1] not in FRAME_WORDS | PRONOUN_HEADS and len(head[-1]) > 2:
        # 'which cargo is stored at the depot': the answer must be about cargo
        constraints = [Constraint("head", head[-1])] + [c for c in constraints if c.text.lower() != head[-1]]
        kind_names = names_of_kind(constraints, head)
    named_as = NAMED_AS.match(part) if kind == "other" else None
    if named_as:
        asked = named_as.group("head").lower()
        constraints = [c for c in constraints if c.text.lower() != asked] + [Constraint("topic", asked)]
    said_about = (SAYS_ABOUT.match(part) or CHARACTERISED.match(part)) if kind == "other" else None
    if said_about:  # 'what does the league say about port security': a sentence on the league's ports is not it
        topic = re.sub(r"^(?:the|its|their)\s+", "", said_about.group("topic"), flags=re.I)
        topic = re.split(r"\s+(?:in|at|on|during|since|after|before|from|under|until|by|for|with)\s", topic)[0]
        # "the organisation's purpose": the thing owned is the topic, its owner (a common noun) may be named
        # anywhere; "the HLC's role" keeps the name beside the role
        topic = re.sub(r"^(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*['’]s?\s+(?=\w)", "", topic)
        # a common noun phrase: names are constraints of their own, and 'A and B' is two topics
        plain = topic.islower() and len(topic.split()) <= 4 and not re.search(r"\b(?:and|or)\b", topic)
        if plain and not any(c.kind == "entity" and c.text.lower() == topic.lower() for c in constraints):
            constraints = [c for c in constraints if c.text.lower() != topic.lower()] + [Constraint("topic", topic)]
    doer = re.match(rf"^\s*who\s+(?!{AUXILIARIES}\b)([a-z]+)\b", part, re.I) if kind == "person" else None
    act = doer.group(1) if doer and doer.group(1).lower() not in FRAME_WORDS else ""
    if doer:
        act = phrasal_act(doer.group(1), part[doer.start(1) :], act)
    if kind == "date":
        act = dated_act(part) or named_act(part)
    elif kind == "yes_no":
        act = status_asked(part)
    elif kind == "reason":
        act = explained_act(part)
    return QuestionPart(part, kind, focus, constraints, list_of, act, kind_names)


def names_of_kind(constraints: list[Constraint], head: list[str]) -> list[str]:
    """The state inside the noun phrase asked for ('which Estonian proposal', 'which Chile port'): it
    says whose thing is asked, so unlike the names that set the scene an answer may not leave it
    unsaid. A body there ('which League summit') is most often the one the passage is about."""
    before = {w.lower() for w in head[:-1]}
    return [
        c.text
        for c in constraints
        if c.kind == "entity" and c.text.lower() in before and (is_demonym(c.text) or c.text.lower() in COUNTRIES)
    ]


def count_what_was_named(part: QuestionPart, earlier: str) -> None:
    """A bare 'how many?' counts the last plural common noun of what came before it ('... send engineers ...,
    and how many?' counts engineers), so a number of something else is not its answer."""
    if part.answer_type != "number" or part.focus:
        return
    nouns = [w for w in re.findall(r"\b[a-z][\w-]*", earlier) if w not in FRAME_WORDS and _is_plural(w)]
    part.focus = nouns[-1:]


def distribute(part: QuestionPart) -> list[QuestionPart]:
    """'When did Peru and Chile join?' asks two facts, one per country: one part each, so a sentence
    about Peru alone answers the first, and a document that dates only one of them answers in part.
    A sentence naming both still answers both. So does 'who spoke in Oslo in 2018 and in Bergen in
    2019?', one part per occasion. Of names, only countries are split: 'the league and the bank'
    often act together ('when did the league and the bank sign a memorandum')."""
    if part.answer_type not in DISTRIBUTIVE_TYPES:
        return [part]
    for match in COORDINATED.finditer(part.text):
        first = match.group(1)
        # 'Sri Lanka and Nepal', 'Nepal and Sri Lanka', 'Nepal and Chile Navy': the longest country name
        second = next((n for n in (match.group(2), match.group(2).split()[0]) if n.lower() in COUNTRIES), "")
        end = match.start() + len(f"{first} and {second}")
        if first.lower() in COUNTRIES and second and not acting_together(part.text, match.start(), end):
            return _each(part.text, (match.start(), end), first, second)
    # 'at the talks in Oslo in 2018 and in Bergen in 2019', 'in 2018 and 2019': two occasions
    for match in COORDINATED_OCCASIONS.finditer(part.text):
        first, second = match.group(2), match.group(3)
        if first not in MONTHS and second not in MONTHS:
            return _each(part.text, match.span(), f"{match.group(1)} {first}", f"{match.group(1)} {second}")
    return [part]


# Words after coordinated names that make them one actor: 'Peru and Chile together', '... jointly'
TOGETHER = re.compile(r"\s*(?:together|jointly|combined|between them|in total)\b", re.I)


def acting_together(text: str, start: int, end: int) -> bool:
    """The coordinated names are the end of a longer list ('Peru, Chile and Bolivia share') or are
    said to act as one ('Peru and Chile together'): one fact of the group, not one per country."""
    return text[:start].rstrip().endswith(",") or bool(TOGETHER.match(text[end:]))


def acting_together_in(text: str) -> bool:
    """The question names states as one group ('what do Peru, Chile and Bolivia share')."""
    return any(
        acting_together(text, m.start(), m.start() + len(f"{m.group(1)} and {m.group(2)}"))
        for m in COORDINATED.finditer(text)
    )


def _each(text: str, span: tuple[int, int], *replacements: str) -> list[QuestionPart]:
    return [analyse_part(text[: span[0]] + r + text[span[1] :]) for r in replacements]


def analyse(question: str, earlier: str = "") -> QuestionAnalysis:
    """The question's parts, each with its answer type and constraints.

    `earlier`: for a follow-up ('where is it based?'), the conversation it follows; its
    names become constraints of every part, as 'it' stands for them.
    """
    parts = [analyse_part(p) for p in split_parts(question)] or [analyse_part(question)]
    parts = [one for part in parts for one in distribute(part)]
    if earlier:
        before = earlier.replace(question, " ")
        inherited = [c for c in constraints_of(before, []) if c.kind != "word"]
        for part in parts:
            have = {c.text.lower() for c in part.constraints}
            part.constraints += [c for c in inherited if c.text.lower() not in have]
            count_what_was_named(part, before)
    first = [c for c in parts[0].constraints if c.kind == "entity"]
    for part in parts[1:]:
        if len(part.text.split()) <= 3:  # "..., and how many?": asks about the first part's subject
            part.constraints = parts[0].constraints + part.constraints
            count_what_was_named(part, parts[0].text)
        elif not any(c.kind == "entity" for c in part.constraints):  # "..., and what did he get?"
            part.constraints = first + part.constraints
        elif refers_back(part):  # "..., and who signed its charter?": the first part's names are its
            have = {c.text.lower() for c in part.constraints}
            carried = [replace(c, inherited=True) for c in first if c.text.lower() not in have]
            part.constraints = carried + part.constraints
        role = ROLE_HELD.search(parts[0].text)
        if role and TAKING_OVER.search(part.text) and not ROLE_HELD.search(part.text):
            # 'When did Norway hold the chairmanship, and who took over?': the chairmanship is taken over
            part.constraints.append(Constraint("word", role.group(), inherited=True))
    return QuestionAnalysis(question, parts)


# A role held in turn, and the words that ask who came to hold it next
ROLE_HELD = re.compile(r"\b(?:chairmanship|presidency)\b", re.I)
TAKING_OVER = re.compile(r"^\W*(?:and\s+)?who\s+(?:then\s+)?(?:took|takes|take|will\s+take)\s+over\b", re.I)


# A later part's word for what an earlier part named ('When was X founded, and who wrote its charter?');
# 'he'/'she' stand for the person a 'who' part asks for instead (shaping.py)
BACK_REFERENCE = re.compile(r"\b(?:its|it|their|they|them)\b", re.I)


def refers_back(part: QuestionPart) -> bool:
    """Does the part say 'its' (or 'their', 'they') before it names anything of its own? Then what it
    stands for was named by an earlier part; after a name ('did the Union keep its seat') it is that name."""
    pronoun = BACK_REFERENCE.search(part.text)
    if pronoun is None:
        return False
    named = [part.text.find(c.text) for c in part.constraints if c.kind == "entity"]
    return all(at < 0 or at > pronoun.start() for at in named)


HOW_MANY = re.compile(r"\bhow many\b", re.I)


# Nouns that count the same things, so 'how many troops' is answered by '2,000 personnel'.
_SAME_COUNT = (
    ("troops", "soldiers", "personnel", "servicemen", "military", "men", "forces", "peacekeepers", "paratroopers"),
    ("people", "persons", "population", "inhabitants", "residents"),
    ("staff", "employees", "personnel", "officials", "people"),
    ("aircraft", "planes", "jets", "helicopters", "fighters"),
    ("ships", "vessels", "warships", "boats"),
    ("territory", "area", "land", "square", "kilometres", "kilometers", "km", "hectares", "acres"),
    ("vote", "votes", "favour", "favor", "against", "abstentions"),  # '67 in favour to 8 against'
)
UNIT_CLASSES: dict[str, list[str]] = {}
for _group in _SAME_COUNT:
    for _word in _group:
        UNIT_CLASSES.setdefault(_word, [_word]).extend(w for w in _group if w not in UNIT_CLASSES[_word])


def counted_terms(question: str) -> frozenset[str]:
    """The stemmed words of what a 'how many X' part counts ('how many member states' -> member,
    state), for retrieval to favour a passage that gives a number of them; empty otherwise."""
    parts = [p for p in analyse(question).parts if p.answer_type == "number" and HOW_MANY.search(p.text)]
    focus = [w for p in parts for w in p.focus if not is_demonym(w)]  # 'how many Chinese troops': troops
    focus = [u for w in focus for u in UNIT_CLASSES.get(w.lower(), [w])]  # troops: '2,000 peacekeepers'
    return frozenset(t for terms in tokenize(focus) for t in terms) if focus else frozenset()
