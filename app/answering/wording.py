"""How an answer reads: a marker inside each quote, and a question turned into the words
'but not Y' needs ('what prize did she win' -> 'what prize she won')."""

from __future__ import annotations

import re

from app.answering.gazetteer import COUNTRIES, is_demonym, words

# How a partial answer opens: "The documents say: X [n], but not Y." (follow-ups read past it).
PARTIAL_OPENING = "The documents say:"
PRONOUNS = words("i you he she it we they this that these those there")
# Past tenses of common irregular verbs, so 'did she win' reads 'she won'.
IRREGULAR_PAST = {
    "admit": "admitted",
    "commit": "committed",
    "submit": "submitted",
    "permit": "permitted",
    "plan": "planned",
    "stop": "stopped",
    "ban": "banned",
    "refer": "referred",
    "be": "was",
    "become": "became",
    "begin": "began",
    "break": "broke",
    "bring": "brought",
    "build": "built",
    "buy": "bought",
    "choose": "chose",
    "come": "came",
    "do": "did",
    "fight": "fought",
    "find": "found",
    "get": "got",
    "give": "gave",
    "go": "went",
    "have": "had",
    "hold": "held",
    "keep": "kept",
    "know": "knew",
    "lead": "led",
    "leave": "left",
    "withdraw": "withdrew",
    "lose": "lost",
    "make": "made",
    "meet": "met",
    "pay": "paid",
    "put": "put",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "sell": "sold",
    "send": "sent",
    "set": "set",
    "sit": "sat",
    "speak": "spoke",
    "spend": "spent",
    "stand": "stood",
    "take": "took",
    "tell": "told",
    "think": "thought",
    "win": "won",
    "write": "wrote",
    "freeze": "froze",
    "seek": "sought",
    "undertake": "undertook",
    "overthrow": "overthrew",
    "arise": "arose",
    "forbid": "forbade",
    # verbs whose past is their own form ('how much did it cost' -> 'how much it cost')
    "cost": "cost",
    "cut": "cut",
    "hit": "hit",
    "let": "let",
    "quit": "quit",
    "shut": "shut",
    "spread": "spread",
    "split": "split",
    "hurt": "hurt",
    "draw": "drew",
    "fall": "fell",
    "feel": "felt",
    "grow": "grew",
    "mean": "meant",
    "strike": "struck",
    "teach": "taught",
    "understand": "understood",
    "deal": "dealt",
    "drive": "drove",
    "fly": "flew",
    "lend": "lent",
    "steal": "stole",
}
NEGATED_AUX = re.compile(r"(?:did|does|do|has|have|had|is|are|was|were)n[’']t", re.I)
WH_WORDS = ("how", "what", "which", "when", "where", "why", "who", "whom", "whose", "whether")
MOVABLE_AUX = words("is are was were has have had can could will would should may might must")


# A sentence's closing punctuation (a comma ends a piece cut from a long sentence) and its closing quotes
SENTENCE_END = r"([.!?;:,])([\"'”’)]*)$"


def with_marker(sentence: str, n: int) -> str:
    """'... in 2001.' -> '... in 2001 [1].' (the marker sits inside the sentence it supports; a piece
    of a long sentence cut after a comma keeps it: '... in 2001 [1],')."""
    match = re.search(SENTENCE_END, sentence)
    if match:
        return f"{sentence[: match.start()]} [{n}]{match.group(1)}{match.group(2)}"
    return f"{sentence} [{n}]"


def past(verb: str) -> str:
    """Simple past of an English verb (regular rule plus the common irregular ones)."""
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + "ed"


def third_person(verb: str) -> str:
    """'owe' -> 'owes', 'have' -> 'has', 'carry' -> 'carries'."""
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def indirect(question: str) -> str:
    """A direct question as the object of 'the documents do not say ...'.

    'what prize did she win?' -> 'what prize she won'; 'how many members has it expelled'
    -> 'how many members it has expelled'; 'is Peru a member' -> 'whether Peru is a member'; 'who
    signed the lease' stays as it is. When the
    subject cannot be found safely, the question is quoted instead.
    """
    text = re.sub(r"\s+", " ", question.strip().rstrip("?.! ")).strip()
    text = re.sub(r"^(?:and|but|also|or)\s+", "", text, flags=re.I)
    tokens = text.split()
    # 'why didn't the senate vote' is read as 'why did the senate not vote'
    negated = [i for i, w in enumerate(tokens[:5]) if NEGATED_AUX.fullmatch(w)]
    if negated:
        tokens[negated[0]] = tokens[negated[0]][:-3]
    if tokens[0].lower() in (*MOVABLE_AUX, "do", "does", "did"):  # 'is X a member' -> 'whether X is a member'
        said = indirect(f"whether {text[:1].lower()}{text[1:]}")
        moved = not said.startswith("“") and said.split()[1].lower() != tokens[0].lower()
        return said if moved else f"“{text}?”"  # its subject not found: quoted as asked
    # 'on what date did ...', 'in which year was ...': the preposition belongs to the question phrase
    wh_at = 1 if len(tokens) > 1 and tokens[0].lower() in ("on", "in", "at", "for", "from", "by", "to", "with") else 0
    if len(tokens) <= wh_at or tokens[wh_at].lower() not in WH_WORDS:
        return f"“{text}?”"
    at = next((i for i, w in enumerate(tokens[:5]) if i and w.lower() in [*MOVABLE_AUX, "do", "does", "did"]), None)
    if at is None:  # 'do' after a long question phrase: 'how many barrels of diesel does the depot ...'
        at = next((i for i, w in enumerate(tokens[:8]) if i >= 5 and w.lower() in ("do", "does", "did")), None)
    if at is not None and at >= 5 and any(w.lower() in COMMON_VERBS or w.endswith("ed") for w in tokens[1:at]):
        at = None  # a verb before it: 'who hosted the summit where the league did ...' asks as it is
    if (
        at == 1
        and tokens[0].lower() in ("who", "what")
        and tokens[1].lower() in ("is", "was", "are", "were")
        and len(tokens) > 3
        and tokens[2].lower() in ("the", "its", "their", "his", "her")
    ):  # 'what was its motto' -> 'what its motto was'
        return _lower_first(" ".join([tokens[0], *tokens[2:], tokens[1]]))
    if at is None or (at == 1 and tokens[0].lower() in ("who", "what") and tokens[1].lower() in MOVABLE_AUX):
        return _lower_first(text)  # the question word is the subject: 'who signed the lease', 'who was ...'
    wh, aux, rest = " ".join(tokens[:at]), tokens[at].lower(), " ".join(tokens[at + 1 :])
    words = rest.split()
    subject_end = _subject_end(words, aux in ("do", "does", "did"))
    if subject_end is None:  # the question phrase is the subject: 'which cargo is stored at the depot'
        return _lower_first(text)
    if subject_end < 0:
        return f"“{text}?”"
    subject, tail = words[:subject_end], words[subject_end:]
    while aux not in ("do", "does", "did") and tail and tail[0].lower() == "of":  # 'the length of service is'
        end = next((k for k in range(1, len(tail)) if re.search(r"(?:ed|en)$", tail[k])), len(tail))
        subject, tail = subject + tail[:end], tail[end:]
    if aux in ("do", "does", "did"):
        subject, tail = _of_phrase(subject, tail)
    if negated:
        tail = ["not", *tail]
    if aux in ("do", "does", "did"):
        if not tail:
            return f"“{text}?”"
        if tail[0].lower() == "not" and len(tail) > 1:  # 'why did it not sign' -> 'why it did not sign'
            return _lower_first(" ".join([wh, *subject, aux, *tail]))
        if tail[0].lower() == "never" and len(tail) > 1:  # 'why did it never sign' -> 'why it never signed'
            tail = tail[1:]
            subject = [*subject, "never"]
        verb = tail[0].lower()
        tail = [past(verb) if aux == "did" else third_person(verb) if aux == "does" else verb, *tail[1:]]
        return _lower_first(" ".join([wh, *subject, *tail]))
    return _lower_first(" ".join([wh, *subject, aux, *tail]))


COMMON_VERBS = set(IRREGULAR_PAST) | set(
    words(
        "approve join sign ratify adopt create establish launch open close start end agree decide deploy "
        "withdraw elect appoint host receive grant obtain admit suspend apply vote attend own owe cost last "
        "serve stay ask call support reject plan want finish cite mention propose name list describe require "
        "allow seek need use provide oppose recognise recognize condemn welcome enter return visit"
    )
)


def _of_phrase(subject: list[str], tail: list[str]) -> tuple[list[str], list[str]]:
    """'did the heads of state meet': the subject goes on with 'of' and its noun ('of state', 'of
    the Harbour Council'), which is not the verb; the verb is the word after it."""
    while len(tail) > 2 and tail[0].lower() == "of":
        k = 2 if tail[1].lower() in ("the", "a", "an") else 1
        if k < len(tail) and tail[k][:1].isupper():  # a name: its capitalised words and inner 'of'
            while k + 1 < len(tail) and (tail[k + 1][:1].isupper() or (tail[k + 1] == "of" and k + 2 < len(tail))):
                k += 1
        if k + 1 >= len(tail):
            break  # nothing left for a verb
        subject, tail = subject + tail[: k + 1], tail[k + 1 :]
    return subject, tail


def _names_next(words: list[str]) -> bool:
    """The words after an 'and' start another name: 'Chile', 'the Bergen Guild'."""
    return bool(words) and (words[0][:1].isupper() or (len(words) > 1 and words[0] == "the" and words[1][:1].isupper()))


def _subject_end(words: list[str], verb_follows: bool = False) -> int | None:
    """Where the subject after an auxiliary ends: a pronoun, or 'the'/a possessive/a name, its capitalised
    words and at most one common noun ('the Chilean senate'), stopping at a known verb; -1 when a common
    noun is followed by an unknown word and a verb must follow the subject (after 'did'), as either
    could be the verb."""
    if not words:
        return None
    if words[0].lower() in PRONOUNS:
        return 1
    if not (words[0].lower() in ("the", "its", "their", "his", "her") or words[0][:1].isupper()):
        return None
    i = 1
    while i < len(words):
        if words[i][:1].isupper() or words[i].isdigit():  # 'the 2019 Summit Declaration'
            i += 1
        elif words[i].lower() in ("and", "or") and _names_next(words[i + 1 : i + 3]):
            i += 2 if words[i + 1][:1].isupper() else 3  # two names: 'did Peru and (the) Chilean Navy sign'
        else:
            break
    verbs = COMMON_VERBS | {"not", "never"}
    noun_after_article = i == 1 and words[0].lower() in ("the", "its", "their", "his", "her")  # 'the freeze'
    if i < len(words) and (words[i].lower() not in verbs or noun_after_article) and i + 1 < len(words):
        after = words[i + 1].lower()
        bare_name = words[0][:1].isupper() and (words[i - 1].lower() in COUNTRIES or not is_demonym(words[i - 1]))
        plural = re.search(r"[^su]s$", words[i]) is not None  # 'members', not 'focus' nor 'discuss'
        if after in verbs or (after in {"of", "in", "at", "for", "on", "from"} and not (bare_name and not plural)):
            i += 1  # the head noun: 'the Chilean senate', 'Ruritanian troops' (not 'did NBFU focus on')
        elif bare_name and not plural:
            return i  # 'did Ruritania cede', 'did NBFU focus on': after a bare name, the verb
        elif verb_follows and plural:
            i += 1  # 'do NBFU members aim': a plural noun, as no verb after 'do' ends in -s
        elif verb_follows:
            return -1  # 'the league finish paying', 'the trade report urge': the verb could be either word
        else:
            i += 1
    last = words[-1].lower()
    if not verb_follows and i == len(words) - 1 and last not in verbs and not re.search(r"(?:ed|en)$", last):
        return len(words)  # 'how large is its budget': the subject ends the question ('... based': a verb)
    while i + 1 < len(words) and words[i].lower() in ("of", "in", "at", "for") and words[i + 1][:1].isupper():
        i += 2  # 'the strike in Peru'
        while i < len(words) and words[i][:1].isupper():
            i += 1
    if not verb_follows and i < len(words) and not _verb_like(words[i]) and words[i].lower() not in PREPOSITIONS:
        # 'was the second pilots' forum of Varna held': the subject runs on to the participle
        participle = next((k for k in range(i + 1, len(words)) if _verb_like(words[k])), None)
        if participle is not None:
            return participle
    return i if i < len(words) or words[0][:1].isupper() or not verb_follows else None


PAST_FORMS = frozenset(IRREGULAR_PAST.values()) | frozenset(
    words("made set sent led met put paid found given taken chosen known")
)
PREPOSITIONS = frozenset(("of", "in", "at", "for", "on", "from", "by", "to", "with", "under", "after", "before"))


def _verb_like(word: str) -> bool:
    """A known verb, or a word that reads as a past participle ('held', 'adopted', 'chosen')."""
    low = word.lower()
    past = low in PAST_FORMS or re.search(r"(?:ed|en)$", low) is not None
    return low in COMMON_VERBS or (word[:1].islower() and past)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
