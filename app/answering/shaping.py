"""Candidates -> an answer that leads with what was asked, or says what the documents do not say.

Each part of the question gets the sentence that carries its kind of answer and covers
its constraints (app/answering/selection.py). The answer leads with those sentences (the
direct answer), adds a few supporting quotes in document order, and states its outcome:
answered; partial ("The documents say X [n], but not Y."); or not answered (today's message,
the nearest passages, and a note naming what was asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from app.answering.analysis import QuestionAnalysis, QuestionPart
from app.answering.direct import Direct, direct_answer
from app.answering.facts import SentenceFacts, surnames
from app.answering.leads import (
    FACT_TYPES,
    complete,
    continuation,
    enumeration,
    follows,
    items_announced,
    neighbour,
    novelty,
    rest_of_sentence,
    with_qualifications,
)
from app.answering.lexicon import Lexicon, base_terms
from app.answering.models import Answer, Citation, Passage
from app.answering.query import acronyms, organisations_named
from app.answering.selection import (
    ANSWERING_SUPPORT_FLOOR,
    SUPPORT_FLOOR,
    Choice,
    Selector,
    Sentence,
    gather_items,
    subject_of,
)
from app.answering.wording import PARTIAL_OPENING, SENTENCE_END, indirect, with_marker

if TYPE_CHECKING:
    from app.answering.composer import Candidate


def build_sentences(candidates: list, passages: list[Passage], lexicon: Lexicon) -> list[Sentence]:
    """Candidate sentences with their facts and their context (title, section, neighbouring sentences)."""
    by_passage: dict[int, list] = {}
    for cand in candidates:
        by_passage.setdefault(cand.passage_index, []).append(cand)
    # a row's reading puts a column's name before its cell ('Location Qingdao'): not a person's name
    known = surnames([c.shown for c in candidates if not c.row], lexicon.is_common)
    out: list[Sentence] = []
    for index, cands in by_passage.items():
        passage = passages[index]
        ordered = sorted(cands, key=lambda c: c.start)
        # The title names the organisation by its short name too ('... Cooperation Organisation': SCO)
        # and the acronym it spells out ('Harbour League of Cities': HLC), by initials or as the texts
        # define it.
        names = " ".join(
            [*organisations_named(passage.title), *acronyms(passage.title), *lexicon.spelled_out(passage.title)]
        )
        head = set(lexicon.stem(f"{passage.title} {names} {passage.section}"))
        # A table row's context is its document, not the rows beside it (other facts) nor the section
        # its passage starts in (another table's, maybe): the title. Its caption is in its reading.
        table_context = set(lexicon.stem(f"{passage.title} {names}"))
        # a list item's neighbours are other items ('2007, Bergen: ...' beside '2009, Oslo: ...'),
        # other facts: its context is its own item's sentences and the line that opens its list
        items = [list_item_of(passage.text, c.start) for c in ordered]
        for position, cand in enumerate(ordered):
            if cand.row:
                context = table_context
            else:
                beside = [
                    j for j in (position - 1, position + 1) if 0 <= j < len(ordered) and items[j] == items[position]
                ]
                opener = paragraph_opener(ordered, position, passage.text, items)
                around = (*beside, *lead_of_list(items, position), *opener)
                neighbours = [base_terms(ordered[j].terms) for j in dict.fromkeys(around)]
                context = head.union(*neighbours) if neighbours else set(head)
            text = cand.shown
            before = ordered[position - 1] if position and items[position - 1] == items[position] else None
            antecedent = before.shown if before and not cand.row and PRONOUN_SUBJECT.match(text) else ""
            # the sentence before in its paragraph, which may set the time the sentence goes on speaking of
            previous = before.shown if before and same_paragraph(passage.text, before, cand) else ""
            number = LIST_NUMBER.match(passage.text, items[position]) if items[position] is not None else None
            facts = lexicon.facts(text, known)
            if cand.row:
                facts = without_column_names(facts, text, cand.row.names)
            terms = base_terms(cand.terms)
            out.append(
                Sentence(
                    len(out),
                    text,
                    terms,
                    context - terms,
                    facts,
                    cand.score,
                    cand,
                    passage.section,
                    antecedent,
                    previous,
                    number.group(1) if number else "",
                )
            )
    return out


# A sentence whose subject is the one the sentence before names ('It meets in Varna.'), or that
# gives the reason for what it tells ('The stated reason was ...')
PRONOUN_SUBJECT = re.compile(r"\W*(?:It|Its|They|Their|He|His|She|Her|The\s+(?:[a-z]+\s+)?reasons?)\b")
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+")  # not a wrapped line opening on a year ("2005. It")
LIST_NUMBER = re.compile(r"[ \t]*(\d{1,3})\.[ \t]+")  # '4. Welcomes ...': the fourth paragraph of a resolution


def paragraph_opener(ordered: list, position: int, text: str, items: list[int | None]) -> tuple[int, ...]:
    """The position of the sentence that opens the sentence's paragraph ('Voting on resolution 12/3
    showed how the members divided.'), which sets the topic its later sentences go on with; () when
    it opens the paragraph itself or is in a list."""
    if items[position] is not None:
        return ()
    first = position
    while first and items[first - 1] is None and same_paragraph(text, ordered[first - 1], ordered[first]):
        first -= 1
    return (first,) if first < position else ()


def same_paragraph(text: str, earlier: Candidate, later: Candidate) -> bool:
    """No blank line stands between the two sentences of the passage text."""
    return "\n\n" not in text[earlier.end : later.start]


def lead_of_list(items: list[int | None], position: int) -> tuple[int, ...]:
    """For a list item, the position of the sentence that opens its list ('The following meetings
    were held:'), which says what every item is; () outside a list."""
    if items[position] is None:
        return ()
    before = position - 1
    while before >= 0 and items[before] is not None:
        before -= 1
    return (before,) if before >= 0 else ()


def list_item_of(text: str, position: int) -> int | None:
    """Where the Markdown list item that holds `position` starts (its line), None outside a list."""
    line = text.rfind("\n", 0, position) + 1
    return line if LIST_ITEM.match(text, line) else None


def without_column_names(facts: SentenceFacts, reading: str, columns: tuple[str, ...]) -> SentenceFacts:
    """A row's facts without the 'persons' a column's name begins ('Location Qingdao', 'Host Oslo'):
    the cell alone names someone only when it is a name of two words or more ('Name Zhang Ming')."""
    labels = {w.lower() for name in columns for w in name.split()}
    persons = []
    for start, end in facts.persons:
        words = reading[start:end].split()
        if words[0].lower() not in labels:
            persons.append((start, end))
        elif len(words) > 2:
            label = re.match(r"\S+\s+", reading[start:end])
            persons.append((start + (label.end() if label else 0), end))
    return replace(facts, persons=persons)


def restates(choice: Choice, parts: int, asked: set[str], echo_below: float) -> bool:
    """A 'why' part of a question of several, 'answered' by a sentence that gives no cause and mostly
    repeats the question ('... and has never chaired it'): that part is not answered."""
    return (
        parts > 1
        and choice.sentence is not None
        and choice.part.answer_type == "reason"
        and choice.carried < 1.0
        and novelty(choice.sentence, asked) < echo_below
    )


def compose_by_type(
    question: str,
    analysis: QuestionAnalysis,
    candidates: list,
    passages: list[Passage],
    selector: Selector,
    lexicon: Lexicon,
    limits: tuple[int, int, float],
    part_scores: list[list[float]] | None = None,
) -> tuple[list, list[str], str, bool, Direct | None]:
    """(chosen candidates, lead first; what no passage says; note; whether a part is answered with a
    sentence holding at least half of its constraint terms; the direct answer said before the quotes,
    if any) for a question in English.

    `part_scores` (per part, per candidate) judge each part of a question of several on its own."""
    max_sentences, max_chars, duplicate = limits
    sentences = build_sentences(candidates, passages, lexicon)
    position = {id(c): i for i, c in enumerate(candidates)}
    choices = []
    for n, part in enumerate(analysis.parts):
        scores = None if part_scores is None else [part_scores[n][position[id(s.candidate)]] for s in sentences]
        choice = selector.choose(part, sentences, scores)
        if choice.carried < 1.0 and any(c.sentence is choice.sentence for c in choices):
            choice = Choice(part)  # the sentence that answers an earlier part says nothing of this kind
        if restates(choice, len(analysis.parts), set(lexicon.stem(question)), selector.config.echo_below):
            choice = Choice(part)
        if choices and not of_person_found(choices[-1], choice):
            choice = Choice(part)  # 'who chairs X, and when does her term end': another holder's term is not hers
        if choices and (elliptical := of_first_answer(choices[0], part, selector, question)):
            choice = elliptical
        choices.append(choice)
    if len(choices) == 1 and choices[0].part.answer_type == "list":
        choices[0] = announced_list(choices[0], sentences, passages, selector)
    missing = [indirect(c.part.text) for c in choices if c.sentence is None]
    lead: list[Sentence] = []
    asked = set(lexicon.stem(question))
    for choice in choices:
        if choice.sentence is None or choice.sentence in lead:
            continue
        echo = selector.config.echo_below
        stands_for = pronoun_stands_for_asked(choice)
        whole = complete(
            choice.sentence, choice.part.answer_type, choice.carried, asked, sentences, passages, echo, stands_for
        )
        whole += items_announced(choice.sentence, choice.part.answer_type, sentences, passages)
        # what follows the lead goes on about the time asked: a 2030 item after the 2031 one is no answer
        after = whole[whole.index(choice.sentence) + 1 :]
        whole = [s for s in whole if s not in after or not of_another_year(choice.part, s, selector)]
        lead.extend(s for s in whole if s not in lead)
    strong = any(c.sentence is not None and c.share >= 0.5 for c in choices)
    if not lead:
        return [], missing, "", False, None
    room = max_sentences - len(lead)
    if analysis.answer_type not in FACT_TYPES:
        more = continuation(lead[-1], sentences, passages, room)
    elif analysis.answer_type == "list":  # a list's items run on in the rest of a sentence cut to be quoted
        more = rest_of_sentence(lead[-1], sentences, passages, room)
    else:
        more = []
    more += elaboration(choices, lead + more, sentences, passages, selector, room - len(more))
    more += told_next(choices, lead + more, sentences, passages, selector, room - len(more), duplicate)
    support = more + supporting(choices, lead + more, sentences, selector, room - len(more), duplicate)
    chosen = with_qualifications(lead + support, sentences, passages)
    while len(chosen) > 1 and sum(len(s.text) for s in chosen) > max_chars:
        chosen.pop()
    note = context_note(choices)
    direct = direct_answer(choices[0], selector) if len(choices) == 1 else None
    return [s.candidate for s in chosen], missing, note, strong, direct


# Answers that are things of the year asked ('which ports joined in 2031', 'who chaired in 2031'): a
# quote of another year supports none of them. A reason or a length of time may well lie in another.
DATED_TYPES = frozenset({"list", "other", "person", "place", "date"})


def of_another_year(part: QuestionPart, sentence: Sentence, selector: Selector) -> bool:
    """A quote beside the lead that speaks of another year than the thing asked."""
    return part.answer_type in DATED_TYPES and selector.year_conflict(part, sentence)


def pronoun_stands_for_asked(choice: Choice) -> bool:
    """The chosen sentence opens with a pronoun for a name the question asks about ('It meets in
    Varna' after 'The HLC Port Assembly ...'): the sentence it stands for must be read first."""
    sentence = choice.sentence
    if sentence is None or not sentence.antecedent:
        return False
    subject = subject_of(sentence.antecedent).lower()
    return any(name.lower() in subject for name in choice.from_context)


def announced_list(choice: Choice, sentences: list[Sentence], passages: list[Passage], selector: Selector) -> Choice:
    """The list asked, when a sentence at least as close to the question as the chosen one announces
    it and the sentences after it give its items one by one ('... three patrols.' 'First, ...'
    'Second, ...'): the announcing sentence becomes the lead and its items follow it (see
    `compose_by_type`). The announcement or its first item must name the kind of thing listed."""
    floor = choice.sentence.score if choice.sentence is not None else float("-inf")
    for sentence in sorted(sentences, key=lambda s: -s.score):
        if sentence.score < floor:
            break
        items = enumeration(sentence, sentences, passages)
        if not items or not any(selector.names_kind(choice.part, s.text) for s in (sentence, items[0])):
            continue
        ok, share, from_context = selector.coverage(choice.part, sentence)
        if ok and share >= selector.config.min_word_coverage:
            return Choice(choice.part, sentence, from_context, choice.strength, share, 1.0)
    return choice


# A later part this short asks about what the first part found ('..., and for how long?', '..., where?')
ELLIPTICAL_WORDS = 3


def of_first_answer(first: Choice, part: QuestionPart, selector: Selector, question: str) -> Choice | None:
    """'Who was named envoy to the league, and for what term?': a short later part asks about the
    first part's answer, so the sentence that gives it answers this part too when it states a date
    (a place, a name) the question does not say, wherever that stands; else None."""
    if first.sentence is None or len(part.text.split()) > ELLIPTICAL_WORDS:
        return None
    if not selector.states_kind(part, first.sentence, question):
        return None
    return Choice(part, first.sentence, [], first.strength, first.share, 1.0)


# A later part's pronoun for the person a 'who' part asks for
PERSON_PRONOUN = re.compile(r"\b(?:he|his|him|she|her|hers)\b", re.I)


def of_person_found(before: Choice, choice: Choice) -> bool:
    """A part that speaks of the person an earlier 'who' part asks for ('... and when does her term
    end') is answered only by a sentence about the person that part found: the same sentence, or one
    naming them."""
    if choice.sentence is None or before.part.answer_type != "person" or not PERSON_PRONOUN.search(choice.part.text):
        return True
    if before.sentence is None or choice.sentence is before.sentence:
        return before.sentence is not None
    text = before.sentence.text
    names = [text[a:b].split()[-1] for a, b in before.sentence.facts.persons]
    return any(re.search(rf"\b{re.escape(name)}\b", choice.sentence.text) for name in names)


def elaboration(
    choices: list[Choice],
    chosen: list[Sentence],
    sentences: list[Sentence],
    passages: list[Passage],
    selector: Selector,
    room: int,
) -> list[Sentence]:
    """For each part, the sentence just after its answer when it carries the kind of answer asked too:
    writers state the fact, then give its detail ('The force numbered about 2,000. The envoy first
    spoke of 2,500, ...'). A hint of the kind (a definition's 'is', a reason's 'after') is not enough."""

    def in_kind(choice: Choice, after: Sentence, _: list[Sentence]) -> bool:
        return selector.answers_in_kind(choice.part, after)

    return after_each_answer(choices, chosen, sentences, passages, room, in_kind)


def told_next(
    choices: list[Choice],
    chosen: list[Sentence],
    sentences: list[Sentence],
    passages: list[Passage],
    selector: Selector,
    room: int,
    duplicate: float,
) -> list[Sentence]:
    """For each part, the sentence after its answer in the same paragraph: a writer states the fact,
    then what it led to or what it is part of ('The pact was signed in 2031. It took effect a year
    later, once all four had ratified it.'), the context an analyst reads a fact in."""

    def goes_on(choice: Choice, after: Sentence, taken: list[Sentence]) -> bool:
        text = passages[after.candidate.passage_index].text
        return (
            same_paragraph(text, choice.sentence.candidate, after.candidate)
            and not repeats(after, taken, duplicate)
            and not of_another_year(choice.part, after, selector)
        )

    return after_each_answer(choices, chosen, sentences, passages, room, goes_on)


def after_each_answer(
    choices: list[Choice],
    chosen: list[Sentence],
    sentences: list[Sentence],
    passages: list[Passage],
    room: int,
    keeps: Callable[[Choice, Sentence, list[Sentence]], bool],
) -> list[Sentence]:
    """For each part, the sentence just after its answer, not yet chosen, that `keeps` accepts (given
    the sentences taken so far); none after a table row or of one (the next row is another fact)."""
    out: list[Sentence] = []
    for choice in choices:
        if len(out) >= room or choice.sentence is None or choice.sentence.table_row:
            continue
        after = neighbour(choice.sentence, sentences, passages, 1)
        if after is None or after.table_row or after in chosen + out:
            continue
        if keeps(choice, after, chosen + out):
            out.append(after)
    return out


def supporting(
    choices: list[Choice],
    lead: list[Sentence],
    sentences: list[Sentence],
    selector: Selector,
    room: int,
    duplicate: float,
) -> list[Sentence]:
    """Quotes after the direct answer: more list items, or the best sentences that also meet the constraints,
    those that carry the kind of answer asked first."""
    if room <= 0:
        return []
    first = next(c for c in choices if c.sentence is not None)
    if first.part.answer_type == "list":  # a sentence that says the list again names no new item worth a quote
        items = gather_items(first.part, first.sentence, sentences, selector, room + len(lead))
        out = []
        for sentence in items:
            if len(out) < room and not repeats(sentence, lead + out, duplicate):
                out.append(sentence)
        return out
    lead_passages = {s.candidate.passage_index for s in lead}
    near = [
        s
        for s in sentences
        if s.candidate.passage_index in lead_passages and s.candidate.vector is not None and not s.table_row
    ]  # a table's other rows are other facts, not support
    # a 'why' lead that tells what happened but gives no cause: a cause from another passage may follow
    uncaused = first.part.answer_type == "reason" and first.carried < 1.0
    in_near = {id(s) for s in near}
    far = [s for s in sentences if uncaused and id(s) not in in_near and not s.table_row]
    answering = {id(s) for s in near + far if selector.answers_in_kind(first.part, s)}
    causes = [s for s in far if id(s) in answering]
    out: list[Sentence] = []
    for sentence in sorted(near + causes, key=lambda s: (id(s) not in answering, id(s) not in in_near, -s.score)):
        if len(out) >= room:
            break
        if sentence in lead or repeats(sentence, lead + out, duplicate):
            continue
        ok, share, _ = selector.coverage(first.part, sentence)
        floor = ANSWERING_SUPPORT_FLOOR if id(sentence) in answering else SUPPORT_FLOOR
        if (
            ok
            and share >= selector.config.min_word_coverage
            and sentence.score >= first.sentence.score * floor
            and not of_another_year(first.part, sentence, selector)
        ):
            out.append(sentence)
    return sorted(out, key=lambda s: (s.candidate.passage_index, s.candidate.start))


# Share of a sentence's words already in a chosen one that makes it a repeat: a list said again
# after another opening ('Since the merger, X has three members: A, B and C') adds one or two words.
REPEATED_WORDS = 0.75


def repeats(sentence: Sentence, chosen: list[Sentence], duplicate: float) -> bool:
    """The sentence says again what a chosen one says: inside it, nearly all its words in it (the
    same list after another opening), or an embedding at least `duplicate` similar (the composer's
    duplicate_cosine)."""
    for other in chosen:
        if sentence.text in other.text:
            return True
        if sentence.terms and len(sentence.terms & other.terms) >= REPEATED_WORDS * len(sentence.terms):
            return True
        a, b = sentence.candidate.vector, other.candidate.vector
        if a is not None and b is not None and float(a @ b) >= duplicate:
            return True
    return False


def context_note(choices: list[Choice]) -> str:
    """Say so when a constraint was met by the passage's title, heading or neighbouring sentence."""
    found = [c for choice in choices if choice.sentence is not None for c in choice.from_context]
    if not found:
        return ""
    names = list(dict.fromkeys(found))
    said = f"{names[0]} is" if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]} are"
    return f"Read with its context: {said} named in the cited passage's title, heading or a neighbouring sentence."


def cite(
    question: str,
    chosen: list,
    passages: list[Passage],
    missing: list[str],
    confidence: float,
    note: str,
    direct: Direct | None = None,
) -> Answer:
    """Number passages in order of first use; a partial answer says what the documents do not say;
    a direct answer comes first, cited to the passage of the quote that gives it."""
    numbers: dict[int, int] = {}
    sentences: list[str] = []
    citations: list[Citation] = []
    for i, cand in enumerate(chosen):
        n = numbers.setdefault(cand.passage_index, len(numbers) + 1)
        goes_on = i > 0 and follows(chosen[i - 1], cand, passages)  # quoted right after the piece before it
        sentences.append(with_marker(as_quoted(cand, passages[cand.passage_index].text, goes_on), n))
        citations.append(citation_for(n, passages[cand.passage_index], cand.text))
    if missing:
        first = re.sub(rf"\s*{SENTENCE_END}", r"\2", sentences[0])
        sentences[0] = f"{PARTIAL_OPENING} {first}, but not {' or '.join(missing)}."
    elif direct is not None and direct.candidate in chosen:
        sentences.insert(0, with_marker(direct.text, numbers[direct.candidate.passage_index]))
    outcome = "partial" if missing else "answered"
    return Answer(
        question,
        " ".join(sentences),
        False,
        citations,
        passages,
        confidence=round(confidence, 4),
        note=note,
        outcome=outcome,
        missing=missing,
    )


def as_quoted(cand: Candidate, passage_text: str, goes_on: bool = False) -> str:
    """The quote as the answer reads it: a piece of a long sentence cut after a comma, starting in
    lower case, is marked as the rest of a sentence ('… as well as to work towards ...'), unless it
    `goes_on` from the piece quoted just before it."""
    shown = cand.shown
    if goes_on:
        return shown
    if not cand.row and shown[:1].islower() and passage_text[: cand.start].rstrip().endswith(","):
        return f"… {shown}"
    return shown


def citation_for(n: int, passage: Passage, quote: str) -> Citation:
    """A citation whose quote is an exact slice of the passage text."""
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        title=passage.title,
        chunk_id=passage.chunk_id,
        quote=quote,
        score=passage.score,
        organisation=passage.organisation,
        kind=passage.kind,
        date=passage.date,
        page=passage.page,
        source_url=passage.source_url,
        passage=passage.text,
        lead=passage.lead,
    )
