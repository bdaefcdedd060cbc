"""The concepts trends counts: a built-in, documented lexicon plus the user's own terms.

Each concept lists English variants and their Russian and Chinese equivalents. Term syntax
(shared by the lexicon, `--term` and `--terms`): matching ignores case, any run of
whitespace in a term matches any run of whitespace in the text (so a phrase broken across a
line still matches), English and Russian terms match whole words only, and a `*` at the end
of a word stands for any ending (`terroris*` finds terrorism, terrorist, terrorists;
`информационн* безопасност*` finds every case of "информационная безопасность"). Chinese
terms match as substrings (Chinese has no spaces between words). `exclude` lists phrases
inside which a match does not count (the CSTO's name is not a mention of collective security).

The lexicon was written from the organisations' own vocabulary, not fitted to any corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    """A named idea and every literal way of saying it that counts as a mention."""

    name: str
    description: str
    english: tuple[str, ...]
    russian: tuple[str, ...] = ()
    chinese: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    user: bool = False

    @property
    def terms(self) -> tuple[str, ...]:
        return self.english + self.russian + self.chinese

    @property
    def key(self) -> str:
        """'Three evils' -> 'three-evils': how the concept is named on the command line, too."""
        return concept_key(self.name)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "english": list(self.english),
            "russian": list(self.russian),
            "chinese": list(self.chinese),
            "exclude": list(self.exclude),
            "user": self.user,
        }


def concept_key(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-")


BUILT_IN: tuple[Concept, ...] = (
    Concept(
        "three evils",
        'Terrorism, separatism and extremism: the SCO\'s "three evils", each mention counted.',
        ("three evils", "three evil forces", "terroris*", "separatis*", "extremis*"),
        (
            "три зла",
            "трех зол",
            "трёх зол",
            "терроризм*",
            "террорист*",
            "сепаратизм*",
            "сепаратист*",
            "экстремизм*",
            "экстремист*",
        ),
        ("三股势力", "恐怖主义", "恐怖分子", "分裂主义", "分裂势力", "极端主义", "极端势力"),
    ),
    Concept(
        "information security",
        "Security of information and of the use of ICTs, including cyber security.",
        ("information security", "cybersecurity", "cyber security", "cyber-security"),
        ("информационн* безопасност*", "кибербезопасност*"),
        ("信息安全", "网络安全"),
    ),
    Concept(
        "colour revolutions",
        "Regime change from the street, as the organisations call it.",
        ("colour revolution*", "color revolution*"),
        ("цветн* революци*",),
        ("颜色革命",),
    ),
    Concept(
        "sovereignty and non-interference",
        "Sovereignty and non-interference in internal affairs.",
        (
            "sovereign*",
            "non-interference",
            "noninterference",
            "non-intervention",
            "interference in the internal affairs",
            "interference in internal affairs",
        ),
        ("суверенитет*", "суверенн*", "невмешательств*", "вмешательств* во внутренние дела"),
        ("主权", "不干涉内政", "不干涉"),
    ),
    Concept(
        "drug trafficking",
        "Illicit drugs and their trade.",
        ("drug trafficking", "drug-trafficking", "drug trade", "drug smuggling", "illicit drug*", "narcotic*"),
        ("наркотрафик*", "наркоторговл*", "наркотик*", "незаконн* оборот* наркотик*"),
        ("毒品", "贩毒"),
    ),
    Concept(
        "Afghanistan",
        "Afghanistan and things Afghan.",
        ("afghan*",),
        ("афганистан*", "афганск*"),
        ("阿富汗",),
    ),
    Concept(
        "NATO and the West",
        'NATO and "the West" (case is ignored, so "the west of the country" counts too).',
        (
            "NATO",
            "North Atlantic Treaty Organization",
            "North Atlantic Alliance",
            "the West",
            "Western countries",
            "Western powers",
            "Western states",
        ),
        ("НАТО", "североатлантическ*", "запад", "запада", "западу", "западом", "западн* стран*"),
        ("北约", "北大西洋公约组织", "西方"),
    ),
    Concept(
        "the UN",
        "The United Nations and its organs.",
        ("United Nations", "UN", "U.N.", "UNSC", "UNGA"),
        ("ООН", "Объединенн* Наций"),
        ("联合国",),
    ),
    Concept(
        "multipolarity",
        "A multipolar or polycentric world order.",
        ("multipolar*", "multi-polar*", "polycentric*"),
        ("многополярн*", "полицентричн*"),
        ("多极化", "多极"),
    ),
    Concept(
        "Belt and Road",
        "China's Belt and Road Initiative and its Silk Road Economic Belt.",
        ("Belt and Road", "One Belt, One Road", "One Belt One Road", "Silk Road Economic Belt", "BRI"),
        ("пояс* и пут*", "один пояс, один путь", "экономическ* пояс* шелков* пут*"),
        ("一带一路", "丝绸之路经济带"),
    ),
    Concept(
        "collective defence",
        "Collective defence and collective security (not the CSTO's name), joint forces.",
        (
            "collective defence",
            "collective defense",
            "collective self-defence",
            "collective self-defense",
            "mutual defence",
            "mutual defense",
            "collective security",
            "collective rapid reaction force*",
            "collective forces",
        ),
        ("коллективн* оборон*", "коллективн* безопасност*", "коллективн* сил*"),
        ("集体防御", "集体安全"),
        exclude=(
            "collective security treaty",
            "collective security council",
            "договор* о коллективной безопасности",
            "совет* коллективной безопасности",
            "集体安全条约",
            "集体安全理事会",
        ),
    ),
    Concept(
        "peacekeeping",
        "Peacekeeping operations and forces.",
        ("peacekeep*", "peace-keep*", "peace keeping", "peace support operation*"),
        ("миротворч*", "миротворц*"),
        ("维和",),
    ),
)


def find_concept(name: str) -> Concept | None:
    """The built-in concept called `name` (case, spaces and hyphens do not matter)."""
    key = concept_key(name)
    return next((c for c in BUILT_IN if c.key == key), None)


def user_concept(name: str, terms: list[str]) -> Concept:
    """A concept from the user's own comma-separated terms; refuses empty ones by name."""
    cleaned = [t.strip() for t in terms if t.strip()]
    if not name.strip():
        raise ValueError("a concept needs a name: --concept NAME --terms a,b,c")
    if not cleaned:
        raise ValueError(f"concept {name!r} has no terms; give them as --terms a,b,c")
    return Concept(name.strip(), "Your terms.", tuple(cleaned), user=True)


def term_concept(phrase: str) -> Concept:
    """`--term "PHRASE"`: one literal phrase, counted as a concept of its own."""
    if not phrase.strip():
        raise ValueError('--term needs a phrase, e.g. --term "information security"')
    return Concept(" ".join(phrase.split()), "Your phrase.", (phrase.strip(),), user=True)


def resolve_concepts(names: list[str], terms: list[str], phrases: list[str]) -> list[Concept]:
    """The concepts a command asks for: built-ins by name, one user concept from --terms, --term phrases.

    Without any, every built-in concept. With --terms, the one --concept name that is not
    built in names the new concept.
    """
    unknown = [n for n in names if find_concept(n) is None]
    chosen = [c for n in names if (c := find_concept(n)) is not None]
    if terms:
        if len(unknown) != 1:
            raise ValueError(
                "--terms defines one new concept: name it with exactly one --concept that is not built in "
                f"(built in: {', '.join(c.name for c in BUILT_IN)})"
            )
        chosen.append(user_concept(unknown[0], terms))
    elif unknown:
        raise ValueError(
            f"unknown concept {unknown[0]!r}; built in: {', '.join(c.name for c in BUILT_IN)}. "
            f'Define your own with --concept {unknown[0]!r} --terms a,b,c, or count a phrase with --term "..."'
        )
    chosen += [term_concept(p) for p in phrases]
    if not names and not terms and not phrases:
        chosen = list(BUILT_IN)
    return _unique(chosen)


def _unique(concepts: list[Concept]) -> list[Concept]:
    seen: set[str] = set()
    out = []
    for concept in concepts:
        if concept.key not in seen:
            seen.add(concept.key)
            out.append(concept)
    return out
