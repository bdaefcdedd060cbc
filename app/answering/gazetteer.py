"""General-knowledge word lists for the fact detectors: countries, their adjectives, months, titles.

Nothing here comes from a question set: these are the world's states (UN members and a
few others commonly named), English month names and the titles that precede people's names.
"""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    """A word list written as one string."""
    return text.split()


_COUNTRIES = """
afghanistan albania algeria andorra angola antigua and barbuda argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia and herzegovina botswana
brazil brunei bulgaria burkina faso burundi cambodia cameroon canada cape verde chad chile china colombia comoros
congo costa rica croatia cuba cyprus czechia czech republic denmark djibouti dominica dominican republic ecuador
egypt el salvador equatorial guinea eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia
germany ghana greece grenada guatemala guinea guinea-bissau guyana haiti honduras hungary iceland india indonesia
iran iraq ireland israel italy ivory coast jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan
laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives
mali malta marshall islands mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands new zealand nicaragua niger nigeria north korea north macedonia
norway oman pakistan palau palestine panama papua new guinea paraguay peru philippines poland portugal qatar
romania russia rwanda saint lucia samoa san marino saudi arabia senegal serbia seychelles sierra leone singapore
slovakia slovenia solomon islands somalia south africa south korea south sudan spain sri lanka sudan suriname
sweden switzerland syria taiwan tajikistan tanzania thailand timor-leste togo tonga trinidad and tobago tunisia
turkey türkiye turkmenistan tuvalu uganda ukraine united arab emirates united kingdom united states uruguay
uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe britain great britain america uae usa ussr
soviet union russian federation kyrgyz republic syrian arab republic viet nam
"""
# Multi-word names, taken out before the rest is split into single words.
_MULTI = (
    "antigua and barbuda|bosnia and herzegovina|burkina faso|cape verde|costa rica|czech republic|dominican republic|"
    "el salvador|equatorial guinea|ivory coast|marshall islands|new zealand|north korea|north macedonia|"
    "papua new guinea|saint lucia|san marino|saudi arabia|sierra leone|solomon islands|south africa|south korea|"
    "south sudan|sri lanka|trinidad and tobago|united arab emirates|united kingdom|united states|great britain|"
    "soviet union|russian federation|kyrgyz republic|syrian arab republic|viet nam"  # and official names
)
_single = _COUNTRIES
for _name in _MULTI.split("|"):
    _single = _single.replace(_name, " ")
COUNTRIES: frozenset[str] = frozenset(_MULTI.split("|")) | frozenset(_single.split())

# The world's regions of two words, by their common English names: places, though no country. (A
# one-word region, 'Asia', is a place after 'in' like any name, and otherwise often part of a longer
# name: 'a New Asia of Ports'.)
_REGIONS = (
    "central asia|south asia|east asia|southeast asia|south-east asia|west asia|western asia|north asia|"
    "middle east|near east|far east|south caucasus|north caucasus|latin america|asia-pacific|asia pacific|"
    "indo-pacific|eastern europe|western europe|central europe|persian gulf|caspian region|black sea region|"
    "north africa|west africa|east africa"
)
REGIONS: frozenset[str] = frozenset(_REGIONS.split("|"))

# Adjectives of nationality whose country name is not a prefix of them (others match by prefix).
IRREGULAR_DEMONYMS = {
    "chinese": "china",
    "french": "france",
    "british": "britain",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "turkish": "turkey",
    "welsh": "wales",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "polish": "poland",
    "spanish": "spain",
    "greek": "greece",
    "thai": "thailand",
    "filipino": "philippines",
    "soviet": "soviet union",
    "emirati": "united arab emirates",
    "saudi": "saudi arabia",
    "kazakh": "kazakhstan",
    "uzbek": "uzbekistan",
    "tajik": "tajikistan",
    "kyrgyz": "kyrgyzstan",
    "turkmen": "turkmenistan",
    "afghan": "afghanistan",
}
DEMONYMS: frozenset[str] = frozenset(
    set(IRREGULAR_DEMONYMS)
    | {
        "american",
        "russian",
        "indian",
        "pakistani",
        "iranian",
        "georgian",
        "armenian",
        "azerbaijani",
        "belarusian",
        "mongolian",
        "ukrainian",
        "european",
        "german",
        "italian",
        "japanese",
        "korean",
        "egyptian",
        "qatari",
        "kuwaiti",
        "nepalese",
        "nepali",
        "cambodian",
        "burmese",
        "bangladeshi",
        "israeli",
        "syrian",
        "iraqi",
        "moldovan",
        "serbian",
        "canadian",
        "australian",
        "brazilian",
        "mexican",
        "norwegian",
        "latvian",
        "lithuanian",
        "estonian",
        "romanian",
        "bulgarian",
        "hungarian",
        "czech",
        "slovak",
        "vietnamese",
        "indonesian",
        "malaysian",
        "sri lankan",
        "maldivian",
        "bahraini",
    }
)
MONTHS = words(
    "January February March April May June July August September October November December Jan Feb Mar "
    "Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
# Titles that stand before a person's name (longest first, so 'Prime Minister' wins over 'Minister').
TITLES = sorted(
    [
        "President",
        "Vice President",
        "Prime Minister",
        "Deputy Prime Minister",
        "Foreign Minister",
        "Defence Minister",
        "Defense Minister",
        "Minister",
        "Secretary-General",
        "Secretary General",
        "Executive Secretary",
        "Secretary",
        "General",
        "Colonel-General",
        "Lieutenant-General",
        "Major-General",
        "Army General",
        "Colonel",
        "Marshal",
        "Admiral",
        "Director",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Professor",
        "Prof\\.",
        "Dr\\.?",
        "Mr\\.?",
        "Mrs\\.?",
        "Ms\\.?",
        "King",
        "Queen",
        "Prince",
        "Ambassador",
        "Commander",
        "Spokesman",
        "Spokeswoman",
        "Senator",
        "Governor",
        "Emperor",
        "Sheikh",
        "Emir",
        "Premier",
        "Chancellor",
        "Speaker",
        "Patriarch",
    ],
    key=len,
    reverse=True,
)
# Capitalised words that start sentences or name things but are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    words(
        "the a an in on at of for to by with from and or but as after before during since under its their his "
        "her this that these those it there here when where what which who why how while although though "
        "because if monday tuesday wednesday thursday friday saturday sunday north south east west central "
        "eastern western northern southern upper lower new old great greater first second third mount lake "
        "st saint san santa fort port cape mountains mountain range ranges valley gorge sea bay gulf desert "
        "plateau peninsula strait lakes rivers hills highlands steppe "
        "river island islands republic kingdom union federation state states united nations organisation "
        "organization council committee treaty charter agreement declaration convention summit forces force "
        "army ministry assembly parliament government secretariat commission bank fund university institute "
        "centre center structure group mission operation exercise conference strategy programme program "
        "initiative corridor road belt base air president minister secretary general director chairman "
        "professor pact alliance accord protocol forum agency office court league party movement association "
        "community consortium company corporation club network zone front service "
        # events, and the plurals of the bodies above: 'the Varna Marathons' is no person
        "marathon marathons games olympics olympiad festival festivals cup championship championships "
        "tournament exhibition exhibitions expo fair fairs award awards prize prizes day days week year "
        "exercises operations missions summits forums conferences meetings sessions councils committees "
        "agreements treaties declarations conventions programmes programs initiatives centres centers"
    )
) | frozenset(t.lower().rstrip(".\\") for t in TITLES)


def is_demonym(word: str) -> bool:
    """'Belgian', 'Kazakh', 'Chinese': an adjective of nationality (listed, or a country's stem + -an/-ese/-i/-ish)."""
    low = word.lower()
    if low in DEMONYMS:
        return True
    if not re.search(r"(?:an|ese|i|ish|ic)$", low) or len(low) < 5:
        return False
    return any(len(c) >= 4 and " " not in c and low[:4] == c[:4] and abs(len(low) - len(c)) <= 3 for c in COUNTRIES)
