"""What a sentence asserts that a source must state word for word: numbers, dates, names.

A language model that paraphrases may change any word but these. The checker looks
each one up in the passages a sentence cites; a number, date or name that no cited
passage contains is the commonest way a generated sentence goes wrong (a swapped
year, a neighbouring country), and the cheapest to catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def _numbered(words: str, start: int = 0) -> dict[str, int]:
    return {word: i + start for i, word in enumerate(words.split())}


MONTHS = _numbered("january february march april may june july august september october november december", 1)
NUMBER_WORDS = _numbered(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
) | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# 'twice a year' is 2; 'once' only counts before a frequency ('once a year'), else it means 'when'.
MULTIPLES = {"twice": 2, "thrice": 3}
ONCE_FREQUENCY = re.compile(r"\s+(?:a|an|per|every|each|in)\b", re.I)
ORDINALS = _numbered("first second third fourth fifth sixth seventh eighth ninth tenth", 1)
TENS = {word: value for word, value in NUMBER_WORDS.items() if value >= 20}
UNITS = {word: value for word, value in (NUMBER_WORDS | ORDINALS).items() if 1 <= value <= 9}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# Function words: capitalised, they open a sentence or a heading; they never name anything.
OPENERS = frozenset(
    _numbered(
        "although also because since many several however thus therefore according despite while with without "
        "within among overall later earlier first then yes the this these both each all some most its their in on "
        "at by for from under after before during until as it they there a an one two besides unlike like instead "
        "meanwhile moreover furthermore nevertheless nonetheless though whereas between about above below since "
        "when where which what who how why if unless through throughout against toward towards upon into such "
        "other another only even still yet so but and or nor not no none every any either neither more less "
        "today now initially finally eventually currently recently originally subsequently together once rather "
        "alongside whether perhaps indeed similarly likewise again hence otherwise given following having being"
    )
)
TOKEN = re.compile(r"[\w][\w'’-]*(?:[/.,]\d+)*", re.UNICODE)
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
CAPITALISED = re.compile(r"^[A-ZА-ЯЁ]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(
    rf"\b(?:(\d{{1,2}})\s+({MONTH_NAMES})(?:\s+(\d{{4}}))?"
    rf"|({MONTH_NAMES})(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)?(?:\s+(\d{{4}}))?)\b"
)


@dataclass(frozen=True)
class Token:
    """A word of a text: a fact ('number', 'month', 'name', 'acronym') or an ordinary 'word'."""

    kind: str
    value: str  # numbers normalised ('1,500' -> '1500'), everything else lower-cased
    spelt: bool = field(default=False, compare=False)  # a number written in words ('four', 'twice')


@dataclass(frozen=True)
class Facts:
    """The checkable facts of a text, normalised for comparison."""

    numbers: frozenset[str]
    dates: frozenset[tuple[int, int, int]]  # (day, month, year); 0 where the text gives none
    names: frozenset[str]  # lower-cased name words, codes ('tu-22m') and CJK runs
    spelt: frozenset[str] = frozenset()  # the numbers the text writes only in words

    def is_empty(self) -> bool:
        return not (self.numbers or self.dates or self.names)


def _number(token: str) -> str | None:
    """'1,500' -> '1500'; 'four' -> '4'; 'third' -> '3'; words without a number -> None."""
    low = token.lower().strip(".,")
    if low in NUMBER_WORDS:
        return str(NUMBER_WORDS[low])
    if low in ORDINALS:
        return str(ORDINALS[low])
    if low in MULTIPLES:
        return str(MULTIPLES[low])
    match = ORDINAL_SUFFIX.match(low)
    if match:
        return match.group(1)
    plain = low.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", plain):
        return plain.rstrip("0").rstrip(".") if "." in plain else plain
    return None


def _dates(text: str) -> set[tuple[int, int, int]]:
    out = set()
    for m in DATE.finditer(text):
        if m.group(2):
            day, month, year = m.group(1), m.group(2), m.group(3)
        else:
            month, day, year = m.group(4), m.group(5), m.group(6)
        out.add((int(day or 0), MONTHS[month.lower()], int(year or 0)))
    return out


def _is_code(token: str) -> bool:
    """Mixed letters and digits ('Tu-22M', 'Interaction-2009', '64/183') name one thing."""
    digits = bool(re.search(r"\d", token))
    return digits and (bool(re.search(r"[^\W\d_]", token)) or "/" in token)


def tokens(text: str) -> list[Token]:
    """The text's words in order, each classified.

    Names are capitalised words (a sentence's first word too; never a function word
    like 'The' or 'In'), acronyms, codes, Cyrillic words and CJK runs: a paraphrase
    keeps them.
    """
    out: list[Token] = []
    for match in TOKEN.finditer(text):
        token = re.sub(r"['’]s$", "", match.group(0)).strip("'’")
        if CJK_RUN.search(token):
            out += [Token("name", run) for run in CJK_RUN.findall(token)]
        elif _is_code(token):
            out.append(Token("name", token.lower()))
        elif token.lower() in MONTHS and token[0].isupper():
            out.append(Token("month", token.lower()))
        elif CYRILLIC.search(token):
            out.append(Token("name", token.lower()))
        elif len(token) > 1 and token.isupper():
            out.append(Token("acronym", token.lower()))
        elif CAPITALISED.match(token) and token.lower() not in OPENERS:
            # A capitalised first word may be an ordinary word ('Member governments'):
            # matching is case-insensitive, so it passes wherever the source uses it.
            out += [Token("name", p.lower()) for p in re.split(r"[-–]", token) if p]
        elif token.lower() == "one" and _idiomatic_one(text, match, out):
            out.append(Token("word", "one"))
        elif token.lower() == "once":
            frequency = ONCE_FREQUENCY.match(text, match.end())
            out.append(Token("number", "1", spelt=True) if frequency else Token("word", "once"))
        elif token.lower() in SCALES and out and out[-1].kind == "number":  # 'four thousand', '1.5 million'
            scaled = float(out[-1].value) * SCALES[token.lower()]
            out[-1] = Token("number", f"{scaled:.0f}", spelt=out[-1].spelt)
        else:
            out += _number_parts(token)
    return out


def _number_parts(token: str) -> list[Token]:
    """A word, or a number in digits or words: 'twenty-five' and 'twenty-fifth' are 25,
    '2017-2018' and 'five-year' are two tokens each."""
    tens, _, unit = token.lower().partition("-")
    if tens in TENS and unit in UNITS:
        return [Token("number", str(TENS[tens] + UNITS[unit]), spelt=True)]
    out = []
    for part in re.split(r"[-–]", token):
        value = _number(part)
        spelt = value is not None and not any(ch.isdigit() for ch in part)
        out.append(Token("number", value, spelt=spelt) if value else Token("word", part.lower()))
    return out


def _idiomatic_one(text: str, match: re.Match[str], before: list[Token]) -> bool:
    """'no one', 'one of the', 'one another': 'one' that counts nothing."""
    following = text[match.end() : match.end() + 10].lstrip().lower()
    previous = before[-1].value if before else ""
    return previous in {"no", "any", "every", "some", "each"} or following.startswith(("of ", "another"))


def kind_of(token: Token) -> str:
    """A fact's kind for comparisons: a year does not stand in for a day of the month,
    nor a count of troops ('1,700') for a year."""
    if token.kind == "number" and re.fullmatch(r"(?:19|20)\d{2}", token.value):
        return "year"
    return token.kind


def same_fact(a: Token, b: Token) -> bool:
    """The same fact: same kind, and the same name word (see same_name) or value."""
    if a.kind != b.kind:
        return False
    return same_name(a.value, b.value) if a.kind == "name" else a.value == b.value


def extract(text: str) -> Facts:
    """Numbers (digits, number words, ordinals), dates, and names of a text."""
    found = tokens(text)
    numbers = frozenset(t.value for t in found if t.kind == "number")
    return Facts(
        numbers,
        frozenset(_dates(text)),
        frozenset(t.value for t in found if t.kind in ("name", "acronym")),
        numbers - {t.value for t in found if t.kind == "number" and not t.spelt},
    )


def name_in(name: str, words: set[str], text_lower: str) -> bool:
    """Whether a name word occurs in a text (see same_name). CJK runs and codes must
    occur as written."""
    if CJK_RUN.fullmatch(name) or _is_code(name):
        return name in text_lower
    return name in words or any(same_name(name, word) for word in words)


def same_name(a: str, b: str) -> bool:
    """The same name word: equal, one a prefix of the other ('Russia', 'Russian'), or
    sharing a stem of at least four letters ('Chinese', 'China')."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    common = _common_prefix(a, b)
    return common >= 4 and common >= len(shorter) - 2


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def date_in(date: tuple[int, int, int], dates: set[tuple[int, int, int]]) -> bool:
    """A sentence's date matches a source date that agrees on every part the sentence gives."""
    day, month, year = date
    return any((not day or d == day) and m == month and (not year or y == year) for d, m, y in dates)


def words_of(text: str) -> set[str]:
    """Lower-cased word tokens of a text, hyphenated words also split into their parts."""
    out = set()
    for match in TOKEN.finditer(text):
        token = match.group(0).lower().strip("'’")
        out.add(token)
        out.update(p for p in re.split(r"[-–'’]", token) if p)
    return out
