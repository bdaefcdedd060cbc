"""What the index knows about words, for selection and shaping: stems (irregular pasts brought
to their verbs), which words are common nouns, how rare each term is."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from app.answering.facts import SentenceFacts, analyse_sentence
from app.answering.wording import IRREGULAR_PAST
from ingest.keyword import tokenize
from ingest.shared_cache import SharedCache

# Past tenses that are verbs of their own: 'founded' is not 'found' as in 'find'.
VERBS_OF_THEIR_OWN = frozenset({"found"})
# Words for one act in institutional prose, so a question's word finds the document's ('which
# states left': 'withdrew'; 'when was it founded': 'established'); with the nouns whose stems
# differ from their verbs' ('admission', 'decision').
SAME_ACT = (
    ("join", "accede", "accession", "admit", "admission", "rejoin"),
    ("leave", "withdraw", "exit", "quit", "suspend", "suspension"),  # a suspended member has left, for now
    ("send", "deploy", "dispatch"),
    ("found", "establish", "create", "creation", "launch", "form"),
    ("dismiss", "recall"),
    ("expel", "expulsion"),
    ("finish", "complete", "completion"),
    ("respond", "response", "react", "reaction"),
    ("headquartered", "based", "located", "seated", "housed"),  # where a body sits
    ("proposal", "initiative"),  # what a party puts forward
    ("aim", "goal", "objective", "purpose"),  # what a body works towards
    ("link", "associate", "connect"),  # to tie one thing to another
    ("commitment", "obligation", "undertaking"),  # what a party has bound itself to do
    ("publish", "appear", "print"),  # a text 'appeared in' a journal: it was published there
    ("require", "requirement", "necessary", "need"),  # what must be done or had first
    ("start", "begin", "commence"),  # 'where did they start': 'began in Varna'
)

# 'form' as a noun ('all its forms', 'forms of cooperation'), not the act of forming
NOUN_FORM = re.compile(
    r"\b(?:its|their|all|other|any|every|the|this|these|those|various|different|new|same)\s+form(s?)\b"
    r"|\bform(s?)(?=\s+of\b)",
    re.I,
)


def _as_kind(match: re.Match[str]) -> str:
    return re.sub(r"form(?=s?$)", "kind", match.group(0), flags=re.I)


def read_terms(texts: list[str]) -> list[list[str]]:
    """Each text's stemmed terms as the composer reads them: the noun 'form' as 'kind', so
    'terrorism in all its forms' founds nothing ('form' is a word for 'found')."""
    return tokenize([NOUN_FORM.sub(_as_kind, text) for text in texts])


# 'Where is X based / headquartered / located?': where a body sits ('Kant air base' is a name)
SEAT_ASKED = re.compile(r"\b(?:headquarter(?:s|ed)|based|located|situated|seated|housed|sits?|seat)\b", re.I)
# A sentence that says where a body sits ('based in', 'sits in', 'its seat', 'both are in Varna'); 'based
# on' does not.
SEAT_SAID = re.compile(
    r"\b(?:headquarter(?:s|ed)|(?:based|located|situated|seated|housed)\s+(?:in|at)|(?:sits?|meets)\s+in|seat|location|"
    r"(?:is|are)\s+(?:both\s+|all\s+|also\s+|now\s+)?in\s+(?-i:[A-Z]))",
    re.I,
)

# 'become a (full) member' is to join
BECOMING_MEMBER = re.compile(r"\bbecom(?:e|es|ing)\s+(?:an?\s+)?(?:full\s+|new\s+)?members?\b", re.I)


# Past participles that do not begin with their verb's stem ('frozen', 'freez'): the others
# ('taken', 'given') already match their verb by prefix (selection.word_matches).
PARTICIPLES = {
    "frozen": "freeze",
    "froze": "freeze",
    "written": "write",
    "chosen": "choose",
    "begun": "begin",
    "broken": "break",
    "spoken": "speak",
    "driven": "drive",
    "stolen": "steal",
    "forgotten": "forget",
    "risen": "rise",
    "hidden": "hide",
    "sworn": "swear",
    "torn": "tear",
    "worn": "wear",
}


@lru_cache(maxsize=1)
def past_to_base() -> dict[str, str]:
    """Stemmed irregular past tenses and participles -> stemmed verbs ('began', 'begun' -> 'begin'),
    so tenses match."""
    forms = {**{past: verb for verb, past in IRREGULAR_PAST.items()}, **PARTICIPLES}
    pasts, bases = tokenize(list(forms)), tokenize(list(forms.values()))
    return {
        p[0]: b[0]
        for p, b in zip(pasts, bases, strict=True)
        if p and b and p[0] != b[0] and p[0] not in VERBS_OF_THEIR_OWN
    }


@lru_cache(maxsize=1)
def _act_families() -> dict[str, frozenset[str]]:
    families: dict[str, frozenset[str]] = {}
    for words in SAME_ACT:
        stems = frozenset(t for terms in tokenize(list(words)) for t in terms)
        families.update(dict.fromkeys(stems, stems))
    return families


def same_act(term: str) -> frozenset[str]:
    """The stemmed words for the same act as this stemmed term (itself included), or just itself."""
    return _act_families().get(term, frozenset({term}))


def defined_acronyms(question: str, long_names: dict[str, str]) -> list[str]:
    """The acronyms the question uses that the texts define (`long_names`), each once, in order."""
    return [word for word in dict.fromkeys(re.findall(r"\b[A-Z][A-Za-z]{1,7}\b", question)) if word in long_names]


def with_long_names(question: str, long_names: dict[str, str]) -> str:
    """The question with the long name of each acronym it uses that the texts define, for the keyword
    search: 'When was the HLC founded?' also finds '... the Harbour League of Cities was founded ...',
    which never says 'HLC'."""
    extra = [long_names[word] for word in defined_acronyms(question, long_names)]
    return f"{question} {' '.join(extra)}" if extra else question


# 'How can a state leave X?', 'how are new members admitted', 'the procedure for joining': the
# rule for anyone, not what one state once did.
RULE_ASKED = re.compile(
    r"^\s*how (?:can|could|does|do|may|might|would|should|is|are|will) "
    r"(?:an?|any|one|new|other|states|countries|members|nations|parties)\b"
    r"|\b(?:procedures?|process|rules?|requirements?|conditions?|criteria|steps) (?:for|of|to|on)\b",
    re.I,
)
# What states a rule: a modal before the act ('may withdraw', 'can be admitted'), or a procedure's word.
MODAL = re.compile(r"\b(?:may|must|shall|can|cannot|(?:is|are) required to)\s+((?:\w+\s+){0,2}\w+)", re.I)
PROCEDURE_WORDS = re.compile(r"\b(?:procedures?|rules?|regulations?|steps|requirements?|conditions|criteria)\b", re.I)


# Said by one verb in the documents; to come up with a plan is to propose it
PHRASAL_ACTS = {
    "set up": "establish",
    "put forward": "propose",
    "come up": "propose",
    "came up": "propose",
    "stop being": "leave",  # 'stop being a member', 'cease being one'
    "cease being": "leave",
}
# 'set up', 'sets up', 'setting up': a phrasal verb of PHRASAL_ACTS in any of its forms
PHRASAL_FORMS = re.compile(
    rf"\b({'|'.join(sorted({k.split()[0] for k in PHRASAL_ACTS}))})(?:s|ting|ping)?"
    rf"\s+({'|'.join(sorted({k.split()[1] for k in PHRASAL_ACTS}))})\b",
    re.I,
)


def acts_of(question: str) -> frozenset[str]:
    """The stemmed words of each act the question names that has other words (SAME_ACT), with theirs."""
    stems = {t for terms in tokenize([question]) for t in terms}
    if BECOMING_MEMBER.search(question):
        stems.add(_stem("join"))
    for match in PHRASAL_FORMS.finditer(question):  # 'when was it set up': established
        if act := PHRASAL_ACTS.get(f"{match.group(1).lower()} {match.group(2).lower()}"):
            stems.add(_stem(act))
    return frozenset(t for s in stems if len(family := same_act(s)) > 1 for t in family)


def ruled_acts(question: str) -> frozenset[str]:
    """The acts (stemmed, with their other words) of a question asking the rule for doing them
    ('how can a member withdraw'); empty for any other question."""
    return acts_of(question) if RULE_ASKED.search(question) else frozenset()


def states_rule(text: str, acts: frozenset[str]) -> bool:
    """A sentence of the text says how the act is done: a modal before the act ('A member may
    withdraw after six months' notice') or a procedure's word beside it ('The admission procedure
    has three steps'). 'Any member can block a decision to join' is no rule for joining."""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if PROCEDURE_WORDS.search(sentence) and acts & set(tokenize([sentence])[0]):
            return True
        if any(acts & set(tokenize([m.group(1)])[0]) for m in MODAL.finditer(sentence)):
            return True
    return False


def with_same_acts(question: str) -> str:
    """The question with the other words for each act it names, for the keyword search: 'how
    does a state join' (or 'become a member') also finds the passage on the 'admission procedure',
    which never says 'join'."""
    stems = {t for terms in tokenize([question]) for t in terms}
    acts = acts_of(question)
    others = [word for words in SAME_ACT if any(_stem(w) in acts for w in words) for word in words]
    extra = [word for word in others if _stem(word) not in stems]
    return f"{question} {' '.join(extra)}" if extra else question


@lru_cache(maxsize=64)
def _stem(word: str) -> str:
    terms = tokenize([word])[0]
    return terms[0] if terms else word


def base_terms(terms: set[str] | frozenset[str]) -> set[str]:
    """Terms with irregular past tenses replaced by their verbs."""
    table = past_to_base()
    return {table.get(t, t) for t in terms}


FACTS_CACHE_SIZE = 20_000  # sentences; the same passages come back question after question


@dataclass(eq=False)
class Lexicon:
    """What the index knows about words: which are common nouns, how rare each stemmed term is.

    One per keyword index (the engine makes a new one when a refresh loads a new index), so it
    also remembers each sentence's facts: finding them is most of the composer's own work.
    """

    is_common: Callable[[str], bool]
    idf: Callable[[str], float]
    long_names: dict[str, str] = field(default_factory=dict)  # acronym -> long name, learned from the texts
    _facts: SharedCache[tuple[str, frozenset[str]], SentenceFacts] = field(
        default_factory=lambda: SharedCache(FACTS_CACHE_SIZE), repr=False
    )

    def facts(self, text: str, known_people: set[str]) -> SentenceFacts:
        """analyse_sentence(text, self.is_common, known_people), remembered.

        Only the known people the sentence mentions can change its facts, so they are the key.
        """
        key = (text, frozenset(p for p in known_people if p in text))
        return self._facts.get(key, lambda k: analyse_sentence(k[0], self.is_common, set(k[1])))

    def spelled_out(self, text: str) -> list[str]:
        """The acronyms whose long name (learned from the texts) the text spells out, its words in
        order: a document titled 'Harbour League of Port Cities' is about the HLPC even when its
        initials spell something else."""
        said = self.stem(text)
        return [
            acronym
            for acronym, name in self.long_names.items()
            if (words := self.stem(name)) and any(said[i : i + len(words)] == words for i in range(len(said)))
        ]

    @staticmethod
    @lru_cache(maxsize=50_000)
    def stem(text: str) -> tuple[str, ...]:
        """Stemmed terms (read_terms), irregular past tenses brought to their verb ('began' -> 'begin')."""
        table = past_to_base()
        return tuple(table.get(t, t) for t in read_terms([text])[0])
