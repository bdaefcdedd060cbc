"""Comparisons of two named things: 'How did the 2011 ferry drill differ from the 2014 one?'.

The sentence most like such a question usually describes one of the two things, and the answer then
says nothing of the other. So each thing is asked about on its own ('What was the 2011 ferry drill?'),
and the two answers are set side by side for the reader to compare, as for two organisations
(engine._compare) and for which-came-first questions (app/answering/ordering.py). A comparison of
two bare organisation names stays with engine._compare, which also filters each side's passages.
"""

from __future__ import annotations

import re

from app.answering.analysis import ARTICLES
from app.answering.gazetteer import COUNTRIES
from app.answering.ordering import Side
from app.answering.query import ORGANISATION_TERMS, is_organisation_name, question_terms
from ingest.keyword import tokenize

# 'How did A differ (in scope) from B?', 'How does A compare with B?', 'In what ways does A differ from B?'
# ('differ with respect to X' names what they differ on, not B)
DIFFER = re.compile(
    r"^(?:how|in\s+(?:what|which)\s+(?:ways?|respects?))\s+(?P<aux>do|does|did|is|are|was|were)\s+(?P<a>.+?)\s+"
    r"(?:differ|compare|contrast|diverge|different)(?P<on>\s+in\s+[\w\s-]+?)?\s+"
    r"(?:from|with(?!\s+(?:respect|regard|reference)\s+to\b)|to|against)\s+(?P<b>[^?]+?)\s*\??$",
    re.I,
)
# 'How do A and B differ (on X)?': both things before the verb
BOTH_DIFFER = re.compile(
    r"^(?:how|in\s+(?:what|which)\s+(?:ways?|respects?))\s+(?P<both>do|did|are|were)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+"
    r"(?:differ|compare|contrast|diverge)(?:\s+(?P<topic>(?:on|in|over|regarding|with\s+(?:respect|regard)\s+to|as\s+to)\s+[^?]+?))?\s*\??$",
    re.I,
)
# 'What is the difference between A and B?', 'What are the differences between A and B?'
# ('Main differences between A and B', a keyword query, asks the same)
BETWEEN = re.compile(
    r"^(?:what(?:\s+is|\s+are|'s)\s+)?(?:the\s+)?(?:main\s+|key\s+)?differences?\s+between\s+(?P<a>.+?)\s+and\s+"
    r"(?P<b>[^?]+?)\s*\??$",
    re.I,
)
# 'Compare A and B.', 'Compare A with B.', 'Compare A to B.' ('the responses to X and Y': 'to' is A's)
COMPARE = re.compile(r"^(?:compare|contrast)\s+(?P<a>.+?)\s+(?:and|with)\s+(?P<b>[^?.]+?)\s*[?.]?$", re.I)
COMPARE_TO = re.compile(r"^(?:compare|contrast)\s+(?P<a>.+?)\s+to\s+(?P<b>[^?.]+?)\s*[?.]?$", re.I)
# 'What distinguishes A from B?', 'What sets A apart from B?'
DISTINGUISHES = re.compile(
    r"^what\s+(?:distinguishes|distinguished|sets)\s+(?P<a>.+?)\s+(?:apart\s+)?from\s+(?P<b>[^?]+?)\s*\??$", re.I
)
# 'A vs B on X', a keyword query: each on X
VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>.+?)(?:\s+(?P<topic>on\s+[^?]+?))?\s*\??$", re.I)
# 'How did X change between 2019 and 2023?': X in each year
CHANGED_BETWEEN = re.compile(
    r"^how\s+(?:did|has|have)\s+(?P<thing>.+?)\s+(?:changed?|evolved?|developed?|shifted?)\s+(?:between|from)\s+"
    r"(?P<a>(?:19|20)\d\d)\s+(?:and|to)\s+(?P<b>(?:19|20)\d\d)\s*\??$",
    re.I,
)
# 'How did X differ between the 2030 Varna and 2031 Zenda summits?': X at each ('between 2019 and 2023'
# is CHANGED_BETWEEN's)
DIFFER_BETWEEN = re.compile(
    r"^how\s+(?:did|does|do|has|have)\s+(?P<thing>.+?)\s+(?:differ|vary|change|changed)\s+between\s+"
    r"(?P<a>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,6}?)\s+and\s+(?P<b>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,6}?)\s*\??$",
    re.I,
)
EVENT = re.compile(r"\b(?:summits?|meetings?|conferences?|sessions?|forums?|councils?)$", re.I)
# B as a name alone, with the year of it: 'Sweden in 2031' after 'the replies to Norway in 2030'
BARE_NAME = re.compile(r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:\s+in\s+(?P<year>(?:19|20)\d\d))?")
# 'Compare what A and B say about X', 'What did A and B say about X?': what each says about X
SAID = re.compile(
    r"^(?:compare\s+(?:what|how)|what\s+(?P<aux>did|do|does))\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?P<verb>says?|said|"
    r"write|wrote|state|stated|think|thought|propose|proposed)\s+(?P<topic>(?:about|on|regarding)\s+[^?.]+?)\s*[?.]?$",
    re.I,
)
# 'How did the 2019 Bergen declaration and the 2020 Oslo one treat ferries?': the same asked of two
# named things, each a name with at most a head noun after it
NAMED_THING = (
    r"(?:the\s+)?(?:(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d(?:\s+[A-Z][\w-]*)*|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:\s+(?:declarations?"
    r"|statements?|summits?|charters?|treat(?:y|ies)|conventions?|agreements?|accords?|resolutions?|meetings?|exercises?"
    r"|drills?|reports?|strateg(?:y|ies)|programmes?|plans?|deployments?|missions?|operations?|interventions?|crisis"
    r"|crises|cases?|ones?))?"
)
BOTH_ASKED = re.compile(
    rf"^(?i:how)\s+(?P<aux>(?i:do|does|did))\s+(?P<a>{NAMED_THING})\s+and\s+(?P<b>{NAMED_THING})\s+(?P<rest>[a-z]+(?:\s+[^?]+?)?)\s*\??$"
)
# 'How did A judge X, compared with B?', '... as opposed to B?': the question asked of A, then of B
COMPARED_WITH = re.compile(
    r"^(?P<asked>(?i:how|what|when|where|why|who|which)\b.+?)[\s,]+(?i:compared\s+(?:with|to)|in\s+comparison\s+"
    r"(?:with|to)|as\s+opposed\s+to|as\s+against)\s+(?P<b>(?:the\s+)?(?:(?:19|20)\d\d|[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*)"
    r"(?:\s+(?P<event>summit|meeting|conference|session|forum))?\s*\??$"
)
NAME = re.compile(r"\b(?:(?:19|20)\d\d|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\b")
BASE_FORMS = {"said": "say", "says": "say", "wrote": "write", "stated": "state", "thought": "think"}
# B said by ellipsis: 'those of the union', 'that of the union', 'those adopted in 2016' (A's head noun),
# 'by the union in 2016' (A's head with another complement), 'its response' (A's owner)
HEAD_BEFORE = re.compile(r"^(?:those|that|the\s+ones?|the\s+one)\s+(?P<rest>(?:of|in|for|at|under|\w+ed)\b.*)$", re.I)
ELLIPTIC = re.compile(r"^(?P<prep>by|in|of|for|at|under|from|during)\s+", re.I)
# where A's head noun may end: 'the ports| listed in ...', 'the drill| of 2011'
HEAD_END = re.compile(r"(?<=\w)\s+(?=\w+ed\b|which\b|that\b|of\b|in\b|for\b|by\b)", re.I)
# "Zenda's in 2031": a name's, with the head noun left to the other side
OWNED_ALONE = re.compile(
    r"(?:the\s+)?(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s?(?P<rest>\s+(?:in|at|for|of)\s+.+)?"
)
TRAILING_YEAR = re.compile(r"\s+in\s+(?:19|20)\d\d$")
ONE = re.compile(r"\bones?$", re.I)  # 'the 2007 one'
POSSESSIVE = re.compile(r"^(?:its|their)\s+", re.I)
TOPIC_AT_END = re.compile(r"\s+(?:on|about|regarding)\s+[^,]+$", re.I)  # '... the Oslo accord on ferries'
TOPIC_AFTER_OWNER = re.compile(r"(?:on|over|regarding|about|towards?|in)\s", re.I)  # "the union's on ferries"
OWNER = re.compile(r"^(?P<owner>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s?\s+", re.I)


# Where or when the comparison is set, said before it: 'At the 2002 summit, how did A differ from B?'
SCENE_FIRST = re.compile(
    r"^(?P<scene>(?:at|in|during|under|after|before|according to)\s+[^,?]{3,90}),\s*(?=(?:how|in\s+(?:what|which))\b)",
    re.I,
)


# The words that only ask for a difference ('How does A differ from B?', 'A vs B: the main difference?')
DIFFERENCE_TERMS = frozenset(
    t
    for terms in tokenize(
        [
            "differ different difference differences compare comparison contrast versus vs similar similarity"
            " distinguish distinguishes from between with main key"
        ]
    )
    for t in terms
)


def asks_only_difference(side: str) -> bool:
    """One side of a comparison of two organisations asks nothing of it but how it differs ('How does
    the league differ from ?'): what it is answers that side."""
    return not question_terms(side, topic_only=True) - ORGANISATION_TERMS - DIFFERENCE_TERMS


def comparison_sides(question: str) -> list[Side]:
    """The two things a comparison question sets side by side, each with the question asked of it, or
    [] when it is not one of these comparisons (or compares two organisations the product filters
    by: a body it does not filter by, such as a third organisation, is a thing)."""
    text = " ".join(question.split())
    if scene := SCENE_FIRST.match(text):  # 'At the 2002 summit, how did A differ from B?': each asked there
        rest = text[scene.end() :]
        setting = scene.group("scene")
        return [
            Side(side.label, f"{side.question.rstrip('?')}, {setting[0].lower()}{setting[1:]}?")
            for side in comparison_sides(rest[0].upper() + rest[1:])
        ]
    said = SAID.match(text)
    if said:
        return sides_said(said)
    if changed := CHANGED_BETWEEN.match(text):
        thing = changed.group("thing")
        return [Side(f"In {year}", f"What was {thing} in {year}?") for year in (changed["a"], changed["b"])]
    if between := DIFFER_BETWEEN.match(text):
        a, b = with_shared_head(between["a"], between["b"])  # 'the 2030 Varna and 2031 Zenda summits'
        return [Side(label(x), asked_at(between["thing"], x)) for x in (a, b)]
    match = (
        DIFFER.match(text)
        or BOTH_DIFFER.match(text)
        or BETWEEN.match(text)
        or COMPARE.match(text)
        or COMPARE_TO.match(text)
        or DISTINGUISHES.match(text)
        or VERSUS.match(text)
    )
    if not match:
        return sides_asked_alike(text) or sides_compared_with(text)
    a, b = match.group("a").strip(" ,"), match.group("b").split(",")[0].strip()  # '..., beyond X': said of both
    a, b = on_topic_of_both(a, b)  # "the league's stance ... the union's on ferries": each on ferries
    a, b = with_shared_head(a, completed(a, b))  # 'the Bergen and Oslo declarations': a declaration each
    a = with_last_topic(a, b)  # 'Contrast the Bergen accord with the Oslo accord on ferries': both on ferries
    a = owned_alike(a, b)  # "the league's and the union's plans": the league's plans
    a = with_last_year(a, b)  # "the toll in Varna compared with Zenda's in 2031": each in 2031
    if is_organisation(a) and is_organisation(b):
        return []  # engine._compare: each side's passages filtered to its organisation
    groups = match.groupdict()
    # 'How do A and B differ': 'do' is said of both, and each one is asked of alone
    aux = (groups.get("aux") or ("was" if (groups.get("both") or "").lower() in ("did", "were") else "is")).lower()
    on = (groups.get("on") or "").strip()[3:]  # 'differ in aim': what to ask of each
    topic = f", {groups['topic']}" if groups.get("topic") else ""  # 'differ on ferries'
    return [Side(label(thing), asked(thing, aux, on, topic)) for thing in (a, b)]


def sides_asked_alike(text: str) -> list[Side]:
    """'How did the 2019 A declaration and the 2020 B declaration treat X?': 'How did the 2019 A
    declaration treat X?' and the same of the other (an organisation's side is filtered to it by
    its name, as any question naming one); [] for any other question."""
    both = BOTH_ASKED.match(text)
    if not both:
        return []
    a, b = with_shared_head(both.group("a"), completed(both.group("a"), both.group("b")))
    aux = "does" if both.group("aux").lower() == "do" else both.group("aux").lower()  # of one thing
    rest = re.sub(r"^each\s+", "", both.group("rest"))  # 'How do A and B each treat X': how A treats X
    return [Side(label(thing), f"How {aux} {thing} {rest}?") for thing in (a, b)]


def sides_compared_with(text: str) -> list[Side]:
    """'How did the league judge the 2031 vote, compared with the union?': the question as asked, and
    with the union in the league's place. B takes the place of the one name of its kind the question
    says (a year, a country, an organisation); [] when there is none or more than one, or when both are
    organisations the product filters by (engine._compare answers those)."""
    match = COMPARED_WITH.match(text)
    if not match:
        return []
    asked, b = match.group("asked").strip(" ,"), bare(match.group("b"))
    if event := match.group("event"):
        # 'Who spoke at the 2030 Varna summit, compared with the 2031 Zenda summit?': the same at each
        other = f"{match.group('b')} {event}"
        own = re.search(rf"(?:the\s+)?(?:[A-Z0-9][\w-]*\s+)+{re.escape(event)}$", asked)
        if not own:
            return []
        return [Side(label(own.group()), f"{asked}?"), Side(label(other), f"{asked[: own.start()]}{other}?")]
    a = one_name_of_kind(asked, name_kind(b))
    if a is None or (is_organisation(a.group()) and is_organisation(b)):
        return []
    return [Side(label(a.group()), f"{asked}?"), Side(label(b), f"{asked[: a.start()]}{b}{asked[a.end() :]}?")]


def name_kind(name: str) -> str:
    """What kind of name it is, for a comparison to set another of its kind in its place: a year, a
    country, an organisation (an acronym, or one the product knows), else ''."""
    if re.fullmatch(r"(?:19|20)\d\d", name):
        return "year"
    if name.lower() in COUNTRIES:
        return "country"
    return "organisation" if re.fullmatch(r"[A-Z]{2,6}", name) or is_organisation(name) else ""


def one_name_of_kind(text: str, kind: str) -> re.Match[str] | None:
    """The text's one name of that kind (name_kind), which another of its kind may take the place of;
    None when it says none or several, or the kind is none."""
    names = [name for name in NAME.finditer(text) if kind and name_kind(name.group()) == kind]
    return names[0] if len(names) == 1 else None


def sides_said(match: re.Match[str]) -> list[Side]:
    """'Compare what A and B say about X', 'What did A and B say about X?': 'What does (did) A say
    about X?' and the same of B (an organisation's side is filtered to it by the name it asks of, as
    any question naming one)."""
    a, b = with_shared_head(match.group("a").strip(" ,"), match.group("b").strip(" ,"))  # 'the A and B declarations'
    verb = match.group("verb").lower()
    past = verb.endswith("d") or verb in ("wrote", "thought") or (match.group("aux") or "").lower() == "did"
    base = BASE_FORMS.get(verb, verb[:-1] if verb.endswith("ed") else verb)
    aux = "did" if past else "does"
    return [Side(label(thing), f"What {aux} {thing} {base} {match.group('topic')}?") for thing in (a, b)]


def completed(a: str, b: str) -> str:
    """B with what it leaves to A: 'those of the union' -> 'the sizes of the union' after 'the
    sizes of the league'; 'by the union in 2016' -> 'the plans adopted by the union in 2016' after
    'the plans adopted by the league in 2015'; 'its reply' -> "the league's reply"."""
    head = HEAD_BEFORE.match(b)
    owner = OWNER.match(a)
    other = head.group("rest")[3:].strip() if head and head.group("rest")[:3] == "of " else ""
    if owner and other and BARE_NAME.fullmatch(bare(other)):
        return f"{other}'s {a[owner.end() :]}"  # "Norway's plan for X ... that of Sweden": Sweden's plan for X
    if head:
        rest = head.group("rest")
        preposition = rest.split()[0].lower()
        cut = re.search(rf"\s{preposition}\s", a, re.I) or head_end(a)
        return f"{a[: cut.start()]} {rest}" if cut else b
    if ONE.search(b):  # 'the 2014 one' after 'the 2011 drill': the 2014 drill
        cut = head_end(a)
        return ONE.sub((a[: cut.start()] if cut else a).split()[-1], b)
    elliptic = ELLIPTIC.match(b)
    if elliptic:
        cut = re.search(rf"\s{elliptic.group('prep')}\s", a, re.I)
        return f"{a[: cut.start()]} {b}" if cut else b
    if (alone := BARE_NAME.fullmatch(bare(b))) and (in_place := named_instead(a, alone)):
        return in_place
    owned = OWNED_ALONE.fullmatch(b.strip())
    if owned and not OWNER.match(a) and (in_place := named_instead(a, BARE_NAME.fullmatch(owned["name"]))):
        return f"{in_place}{owned['rest'] or ''}"  # "the toll in Varna ... Zenda's in 2031": the toll in Zenda
    owner = OWNER.match(a)
    if owner and POSSESSIVE.match(b):
        return POSSESSIVE.sub(f"{owner.group('owner')}'s ", b, count=1)
    if owner and re.fullmatch(r"(?:the\s+)?(?:[A-Z0-9][\w-]*\s+)*[\w-]+['’]s", b):  # "the union's": its same thing
        return f"{b} {a[owner.end() :]}"
    return of_same_kind(a, b)


def with_last_year(a: str, b: str) -> str:
    """A with the year B ends on, when A says no year: the year closes the question for both."""
    year = TRAILING_YEAR.search(b)
    return f"{a}{year.group()}" if year and not re.search(r"\b(?:19|20)\d\d\b", a) else a


def of_same_kind(a: str, b: str) -> str:
    """B, a named thing of the kind A ends on, with what A asks of its own: 'the 2031 Zenda summit'
    after 'the themes declared at the 2030 Varna summit' is 'the themes declared at the 2031 Zenda
    summit'."""
    noun = b.split()[-1] if b.split() else ""
    named = rf"(?:the\s+)?(?:[A-Z0-9][\w-]*\s+)+{re.escape(noun)}"
    own = re.search(rf"{named}$", a)
    if noun and own and own.start() > 0 and re.fullmatch(named, b.strip()):
        return f"{a[: own.start()]}{b.strip()}"
    return b


def with_last_topic(a: str, b: str) -> str:
    """A with the topic B ends on, when A names none: in 'Contrast the Bergen accord with the Oslo accord
    on ferries' both are asked on ferries."""
    topic = TOPIC_AT_END.search(b)
    if not topic or TOPIC_AT_END.search(a) or re.search(r"\s(?:on|about|regarding|over)\s", a, re.I):
        return a
    return f"{a}{topic.group()}"


def on_topic_of_both(a: str, b: str) -> tuple[str, str]:
    """A and B when B, an owner, names the topic of both: "the league's stance" and "the union's on
    ferries" are "the league's stance on ferries" and "the union's stance on ferries"."""
    owner, other = OWNER.match(a), OWNER.match(b)
    if not (owner and other and TOPIC_AFTER_OWNER.match(b[other.end() :])) or " " in a[owner.end() :].strip():
        return a, b
    topic = b[other.end() :]
    return f"{a} {topic}", f"{b[: other.end()]}{a[owner.end() :]} {topic}"


def named_instead(a: str, alone: re.Match[str]) -> str:
    """A with B's name in place of the one name of its kind A says (and B's year in place of A's
    one year): 'the replies to Sweden in 2031' for 'Sweden in 2031' after 'the replies to Norway in
    2030'; '' when A says no one such name."""
    name = one_name_of_kind(a, name_kind(alone["name"]))
    if name is None:
        return ""
    said = f"{a[: name.start()]}{alone['name']}{a[name.end() :]}"
    years = list(re.finditer(r"\b(?:19|20)\d\d\b", said))
    if alone["year"] and len(years) != 1:
        return ""
    return f"{said[: years[0].start()]}{alone['year']}{said[years[0].end() :]}" if alone["year"] else said


def owned_alike(a: str, b: str) -> str:
    """A, an owner alone, with the thing B says its owner has: "the league's" before "the union's
    plans for ferries" is "the league's plans for ferries"."""
    owner = OWNER.match(b)
    if owner and re.fullmatch(r"(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}['’]s", a.strip(), re.I):
        return f"{a.strip()} {b[owner.end() :]}"
    return a


def with_shared_head(a: str, b: str) -> tuple[str, str]:
    """A and B each with the head noun B gives for both, in the singular: 'the Bergen' and 'Oslo
    declarations on ferries' are 'the Bergen declaration on ferries' and 'the Oslo declaration on
    ferries' ('Compare the Bergen and Oslo declarations on ferries'). Only when A is names alone
    and B is names, then the head; B takes A's article."""
    head = re.match(r"(?P<names>(?:the\s+)?(?:[A-Z0-9][\w-]*\s+)+)(?P<head>[a-z][\w-]*)(?P<rest>.*)$", b)
    if not head or not re.fullmatch(r"(?:the\s+)?(?:[A-Z0-9][\w-]*\s*)+", a.strip()):
        return a, b
    if a.split()[-1].lower() == singular(head.group("head")).lower():
        return a, b  # 'the Bergen Convention' and 'the 2009 Oslo convention': A names its head already
    shared = f"{singular(head.group('head'))}{head.group('rest')}"
    article = "the " if re.match(r"the\s", a, re.I) and not re.match(r"the\s", b, re.I) else ""
    return f"{a.strip()} {shared}", f"{article}{head.group('names')}{shared}"


def singular(noun: str) -> str:
    """'declarations' -> 'declaration', 'strategies' -> 'strategy', 'addresses' -> 'address'."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("sses"):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def head_end(thing: str) -> re.Match[str] | None:
    """Where the thing's head noun ends, when words follow it ('the ports| listed in X')."""
    for match in HEAD_END.finditer(thing):
        if thing[: match.start()].split()[-1].lower() not in ARTICLES:
            return match
    return None


# Words that set two things side by side ('whereas', 'unlike', 'more than', 'both')
SIDE_BY_SIDE = re.compile(
    r"\b(?:differ\w*|different|difference|whereas|while|unlike|versus|contrast\w*|similar\w*|rather than|"
    r"instead of|\w+er than|more \w+ than|less \w+ than|the same|both|but|first|earlier|later|before|after)\b",
    re.I,
)


def answers_both(answer: str, sides: list[Side], question: str = "", titles: str = "") -> bool:
    """The answer to the whole question already speaks of each thing: it holds more than half of the
    words that tell that thing from the other, and every name the question asks of both (the 2031
    vote both judged), which the titles of the documents it quotes may say instead ('in the 2031
    report'). A sentence that sets both side by side answers better than two answers that each
    describe one."""
    if not SIDE_BY_SIDE.search(answer):
        return False  # 'cooperation between A and B' names both and compares nothing
    said = set(tokenize([re.sub(r"\[\d+\]", " ", answer)])[0])  # not its citation numbers
    words = [set(tokenize([side.label])[0]) for side in sides]
    asked = " ".join(question.split(maxsplit=1)[1:])  # not its question word
    shared = set(tokenize([" ".join(NAME.findall(asked))])[0]) - (words[0] ^ words[1])  # not what tells them apart
    said_or_titled = said | set(tokenize([titles])[0])
    if not all(any(w.startswith(name) for w in said_or_titled) for name in shared):
        return False  # 'the 2031 Varna vote' is not the 2031 Zenda vote asked of both
    for own, other in ((words[0], words[1]), (words[1], words[0])):
        telling = own - other
        if telling and 2 * len(telling & said) <= len(telling):
            return False
    return True


def is_organisation(thing: str) -> bool:
    """The thing is an organisation's name alone ('the league', 'the league on patrols'), which
    engine._compare answers."""
    return is_organisation_name(
        re.sub(r"\s+(?:on|in|over|regarding|about|when it comes to)\s.*$", "", bare(thing), flags=re.I)
    )


def bare(thing: str) -> str:
    """The thing without its article."""
    return re.sub(r"^the\s+", "", thing, flags=re.I)


def label(thing: str) -> str:
    """How a side is headed in the answer: the thing as asked, capitalised."""
    thing = bare(thing)
    return thing[:1].upper() + thing[1:]


def asked_at(thing: str, occasion: str) -> str:
    """The question of one occasion: 'What was the league's stance in 2031?', 'Who represented
    Norway at the Varna summit?' ('Norway's representation' asked between the Varna and Zenda summits)."""
    preposition = "at" if EVENT.search(occasion) else "in"
    return asked(f"{thing} {preposition} {occasion}", "did")


REPRESENTATION = re.compile(r"^(?P<owner>.+?)['’]s?\s+representation\b(?P<rest>.*)$", re.I)


def asked(thing: str, aux: str, on: str = "", topic: str = "") -> str:
    """The question asked of one side, in the tense and number the question used: 'What were the
    league's patrols?' for 'How did the league's patrols differ from ...', and 'What was the aim
    of the league's patrols?' for '... differ in aim from ...'; with what both differ on after it
    (`topic`: ', on ferries')."""
    plural = aux in ("do", "are", "were") and not on
    past = aux in ("did", "was", "were")
    if (represented := REPRESENTATION.match(thing)) and not on:  # 'Norway's representation at X': who it was
        return f"Who {'represented' if past else 'represents'} {represented['owner']}{represented['rest']}{topic}?"
    verb = ("were" if plural else "was") if past else ("are" if plural else "is")
    if wh := TIME_AND_PLACE_WH.get(frozenset(re.findall(r"\w+", on.lower())) - {"and", "its", "their"}):
        return f"{wh} {verb} {thing} held{topic}?"  # 'differ in time and place': when and where each was held
    return f"What {verb} the {on} of {thing}{topic}?" if on else f"What {verb} {thing}{topic}?"


# What a comparison 'in time and place' (in date, in venue) asks of each meeting
TIME_AND_PLACE_WH = (
    {
        frozenset({time, place}): "When and where"
        for time in ("time", "date", "timing")
        for place in ("place", "venue", "location")
    }
    | {frozenset({word}): "When" for word in ("time", "date", "timing")}
    | {frozenset({word}): "Where" for word in ("place", "venue", "location")}
)
