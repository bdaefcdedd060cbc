"""Facts must stay attached to the same facts and words: swaps inside a passage.

unbound_facts: a fact of the sentence whose words the passage gives to a rival fact.
swapped_facts: two facts of the sentence that the passage binds the other way round.

'The envoys met in Oslo on 9 June and in Rome on 3 May' holds only facts of a
passage that says Oslo on 3 May and Rome on 9 June, in the order the passage lists
them, yet it swaps the two dates. A name and a number, year or month within a few tokens of each
other in the sentence are bound (a place to its date, a contingent to its size). A
swap shows both ways round: where the passage has the name, its nearest number
(among those the sentence mentions) is one the sentence binds to another name, and
that other name's nearest number in the passage is the first name's.
"""

from __future__ import annotations

from app.answering.llm.facts import Token, kind_of, same_fact
from app.answering.llm.words import stem, stopwords


def _family(token: Token) -> str:
    """Numbers, years, months, and names (acronyms too)."""
    kind = kind_of(token)
    return kind if kind in ("number", "year", "month") else "name"


def swapped_facts(sentence: list[Token], source: list[list[Token]], near: int = 5, far: int = 8) -> list[str]:
    """Facts of the sentence that the source binds to another of the sentence's facts.

    `near`: how close (in content tokens) a name and a number must be in the sentence
    to be bound; `far`: how close they must be in a source sentence to count as bound there.
    """
    sentence, source = _content(sentence), [_content(part) for part in source]
    facts = [(i, t) for i, t in enumerate(sentence) if t.kind != "word"]

    def partners(i: int, kind: str) -> list[Token]:
        return [t for j, t in facts if _family(t) == kind and 0 < abs(j - i) <= near]

    out = []
    for i, fact in facts:
        family = _family(fact)
        for kind in {_family(t) for _, t in facts} - {family}:
            if "name" not in (family, kind):
                continue
            bound = partners(i, kind)
            others = [(j, t) for j, t in facts if _family(t) == kind and t not in bound]
            for j, rival in others:
                rivals_names = [f for k, f in facts if _family(f) == family and 0 < abs(k - j) <= near]
                rivals_names = [f for f in rivals_names if not same_fact(f, fact)]
                if not bound or not rivals_names:
                    continue
                if _nearest_is(fact, [rival], [*bound, rival], source, far) and any(
                    _nearest_is(other, bound, [*bound, rival], source, far) for other in rivals_names
                ):
                    out.append(f"{fact.value}/{rival.value}")
    return list(dict.fromkeys(out))


def _content(part: list[Token]) -> list[Token]:
    """Stop words out: distances count the words that carry meaning."""
    return [t for t in part if t.kind != "word" or t.value not in stopwords()]


def _nearest_is(fact: Token, wanted: list[Token], candidates: list[Token], source: list[list[Token]], far: int) -> bool:
    """Whether, in every source sentence holding `fact` and one of `candidates` within
    `far` tokens, one of `wanted` is among the nearest candidates (ties count), and
    there is at least one such sentence."""
    verdicts = []
    for part in source:
        for j, token in enumerate(part):
            if not same_fact(token, fact):
                continue
            near = [
                (abs(k - j), any(same_fact(other, w) for w in wanted))
                for k, other in enumerate(part)
                if 0 < abs(k - j) <= far and any(same_fact(other, c) for c in candidates)
            ]
            if near:
                closest = min(d for d, _ in near)
                verdicts.append(any(hit for d, hit in near if d == closest))
    return bool(verdicts) and all(verdicts)


def unbound_facts(
    sentence: list[Token], source: list[list[Token]], context: int, window: int, margin: int = 0
) -> list[str]:
    """Facts of the sentence that the source attaches to something else.

    'Belarus received observer status at the Beijing summit' names Belarus, Beijing and
    'observer', all of which a passage may contain while it says Afghanistan was made an
    observer at Beijing and Belarus at Ufa. The words around a fact in the sentence
    (content words and other facts, `context` tokens either side) are looked up within
    `window` tokens of each occurrence of the fact in the source's sentences, and of
    each rival: a fact of the same kind (year, number, month, name, acronym) that the
    sentence does not mention. A rival that shares at least two of those words, and
    more than any occurrence of the fact itself, has taken the fact's place.
    """
    facts = [t for t in sentence if t.kind != "word"]
    unbound = []
    for index, token in enumerate(sentence):
        if token.kind == "word":
            continue
        rest = [t for t in _around(sentence, index, context) if not same_fact(t, token)]
        own, rival = 0, 0
        for part in source:
            for j, other in enumerate(part):
                if kind_of(other) != kind_of(token):
                    continue
                shared = _shared(rest, _around(part, j, window))
                if same_fact(token, other):
                    own = max(own, shared)
                elif not any(same_fact(f, other) for f in facts):
                    rival = max(rival, shared)
        if rival >= 2 and rival > own + margin:
            unbound.append(token.value)
    return list(dict.fromkeys(unbound))


def _is_content(token: Token) -> bool:
    return token.kind != "word" or (token.value not in stopwords() and len(token.value) > 1)


def _around(sequence: list[Token], index: int, width: int) -> list[Token]:
    """The facts and content words (stemmed) within `width` tokens of sequence[index]."""
    out = []
    for token in sequence[max(0, index - width) : index] + sequence[index + 1 : index + width + 1]:
        if token.kind != "word":
            out.append(token)
        elif _is_content(token):
            out.append(Token("word", stem(token.value)))
    return out


def _shared(near: list[Token], around: list[Token]) -> int:
    return sum(1 for a in near if any(same_fact(a, b) for b in around))
