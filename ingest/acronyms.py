"""Acronyms the texts define: 'the Harbour League of Cities (HLC)' -> HLC.

A question may use the short name where the passage that answers uses the long one ('When was the
HLC founded?' and '... the Harbour League of Cities was founded ...'): a keyword search for 'HLC'
misses that passage. The index learns each acronym's long name from the texts themselves, so
any corpus's acronyms are known, not only a list written for ours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A capitalised acronym in brackets, 2 to 8 letters ('(HLC)', '(BFSB)')
DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
CONNECTORS = {"of", "the", "and", "for", "on", "in", "to", "at", "de"}


def long_form(short: str, before: str) -> str | None:
    """The words before '(SHORT)' that SHORT abbreviates, or None.

    Schwartz and Hearst's rule (2003): every letter of the acronym is found in order, right to left,
    in the words before it, the first letter at the start of a word; the long form starts at that
    word. Letters that are all initials of words (or of a hyphenated word's parts) are preferred:
    'Conference on Ferries and Port-Safety Measures in Europe (CFPE)'. A long form of one
    word or not capitalised is not a name."""
    text = " ".join(before.split()[-(len(short) + 5) :])
    at = matched(short, text, initials=True)  # every letter a word's initial: the best reading
    at = matched(short, text, initials=False) if at is None else at
    if at is None:
        return None
    name = text[text.rfind(" ", 0, at + 1) + 1 :].strip(" ,;:")
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    spelled = [w for w in name.split() if w.lower() not in CONNECTORS]
    if len(spelled) < 2 or not all(w[:1].isupper() for w in spelled):
        return None
    return name


def matched(short: str, text: str, initials: bool) -> int | None:
    """Where the first letter of `short` is found in `text`, matching right to left, or None."""
    at = len(text) - 1
    for i in range(len(short) - 1, -1, -1):
        letter = short[i].lower()
        while at >= 0 and (text[at].lower() != letter or not starts_word(text, at, initials or i == 0)):
            at -= 1
        if at < 0:
            return None
        at -= 1
    return at + 1


def starts_word(text: str, at: int, required: bool) -> bool:
    """The letter at `at` begins a word (or a part after a hyphen), when that is `required`."""
    if not required or at == 0:
        return True
    return text[at - 1] == " " or (text[at - 1] == "-" and text[at].isupper())


def defined_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Each acronym the texts define, with the long name they give it most often."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for match in DEFINED.finditer(text):
            short = match.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            name = long_form(short, text[max(0, match.start() - 200) : match.start()])
            if name:
                seen.setdefault(short, Counter())[name] += 1
    return {short: names.most_common(1)[0][0] for short, names in sorted(seen.items())}
