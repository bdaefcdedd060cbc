"""An acronym and its expansion name the same thing.

A paraphrase may spell out what its passage abbreviates ('the Collective Security
Treaty Organization' for 'CSTO') or abbreviate what the passage spells out ('the US'
for 'the United States'). Before its facts are looked up, a sentence is rewritten
into the passage's own form: a run of capitalised words whose initials spell an
acronym the passage uses becomes that acronym, and an acronym the passage lacks
becomes the capitalised words of the passage that it abbreviates. The passage's own
'Full Name (ACR)' definitions count too, lower-case ones included
('information and communication technology (ICT)').
"""

from __future__ import annotations

import re

SMALL = frozenset({"of", "and", "the", "for", "on", "in", "de", "to", "at"})  # skipped by initials
RUN_WORD = re.compile(r"[A-Z][\w’'-]*|of|and|the|for|on|in|de|to|at")
ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
DEFINITION = re.compile(r"((?:[\w’'-]+\s+){1,8})\(([A-Z]{2,6})\)")


def initials(words: list[str]) -> str:
    """'Regional Anti-Terrorist Structure' -> 'rats': the first letter of each part, small words out."""
    parts = [p for w in words for p in re.split(r"[-–]", re.sub(r"['’]s$", "", w)) if p]
    return "".join(p[0] for p in parts if p.lower() not in SMALL).lower()


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words (small words allowed inside) in a text."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    last_end = -1
    for match in re.finditer(r"[\w’'-]+", text):
        gap = text[last_end : match.start()] if last_end >= 0 else " "
        joins = bool(RUN_WORD.fullmatch(match.group(0))) and gap.strip() == ""
        if joins and (current or match.group(0)[0].isupper()):
            current.append(match)
        else:
            runs.append(current)
            current = [match] if match.group(0)[0].isupper() else []
        last_end = match.end()
    runs.append(current)
    return [_trim(run) for run in runs if _trim(run)]


def _trim(run: list[re.Match[str]]) -> list[re.Match[str]]:
    while run and run[-1].group(0).lower() in SMALL:
        run = run[:-1]
    return run


def _bounded(words: list[str]) -> bool:
    """A name starts and ends with a capitalised word ('Council of Europe', not 'of Europe')."""
    return words[0].lower() not in SMALL and words[-1].lower() not in SMALL


def _expansions(text: str) -> dict[str, str]:
    """acronym -> the words it stands for, from a text's definitions and capitalised runs."""
    found: dict[str, str] = {}
    for match in DEFINITION.finditer(text):
        words = match.group(1).split()
        for start in range(len(words)):
            if initials(words[start:]) == match.group(2).lower():
                found[match.group(2).lower()] = " ".join(words[start:])
                break
    for run in _runs(text):
        for i in range(len(run)):
            for j in range(len(run), i + 1, -1):
                words = [m.group(0) for m in run[i:j]]
                if _bounded(words):
                    found.setdefault(initials(words), text[run[i].start() : run[j - 1].end()])
    return found


def in_passage_form(sentence: str, passage: str) -> str:
    """`sentence` with acronyms and expansions rewritten the way `passage` writes them."""
    passage_acronyms = {a.lower() for a in ACRONYM.findall(passage)}
    passage_words = {w.lower() for w in re.findall(r"[\w’'-]+", passage)}
    edits: list[tuple[int, int, str]] = []
    for run in _runs(sentence):
        i = 0
        while i < len(run):
            for j in range(len(run), i + 1, -1):
                words = [m.group(0) for m in run[i:j]]
                letters = initials(words)
                spelt = all(w.lower() in passage_words for w in words)
                if _bounded(words) and len(letters) >= 2 and letters in passage_acronyms and not spelt:
                    tail = re.search(r"['’]s$", words[-1])
                    edits.append((run[i].start(), run[j - 1].end(), letters.upper() + (tail.group(0) if tail else "")))
                    i = j - 1
                    break
            i += 1
    expansions = _expansions(passage)
    for match in ACRONYM.finditer(sentence):
        acronym = match.group(0).lower()
        if acronym not in passage_acronyms and acronym in expansions:
            edits.append((match.start(), match.end(), expansions[acronym]))
    for start, end, text in sorted(edits, reverse=True):
        sentence = sentence[:start] + text + sentence[end:]
    return sentence
