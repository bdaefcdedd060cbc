"""The answering service: one object behind the CLI, the browser UI, the HTTP API and eval."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import TYPE_CHECKING, Any

from app.answering.analysis import analyse, answer_type, spelled_out
from app.answering.comparing import answers_both, asks_only_difference, comparison_sides
from app.answering.composer import ABSTAIN_MESSAGE, ComposerConfig, ExtractiveComposer
from app.answering.facts import country_mentions
from app.answering.follow_up import Resolution, resolve
from app.answering.lexicon import Lexicon
from app.answering.models import Answer, Citation, Filters, Passage
from app.answering.ordering import Side, ordering_sides
from app.answering.query import (
    QuestionFacts,
    membership_query,
    name_phrases,
    one_form,
    order_as_verb,
    restore_names,
    side_question,
    understand,
    written_out,
)
from app.answering.retrieval import HybridRetriever, Retrieved
from app.answering.selection import SelectionConfig, Selector, Sentence, said_by_initials
from ingest.chunking import ordinal_of
from ingest.encoders import query_embedder
from ingest.settings import Settings
from ingest.tables import continues_table, has_table_header

if TYPE_CHECKING:
    from app.answering.llm.backends import ChatBackend


@dataclass
class Turn:
    """One earlier exchange of a conversation, for resolving follow-up questions."""

    question: str
    answer: str = ""


class AnswerEngine:
    """Loads the model and the index once; answers many questions."""

    def __init__(self, settings: Settings, composer_config: ComposerConfig | None = None, mode: str = "hybrid") -> None:
        self.settings = settings
        self.embedder = query_embedder(settings)  # ONNX where the index has it: no torch
        self.retriever = HybridRetriever(settings, self.embedder)
        self.composer = ExtractiveComposer(
            self.embedder,
            composer_config or ComposerConfig.from_tunables(settings.tunables),
            SelectionConfig.from_tunables(settings.tunables),
        )
        self.mode = mode
        self.infer_filters = True
        self._lexicon: tuple[object, Lexicon] | None = None  # (the keyword index it reads, the lexicon)
        # A language-model backend (app/answering/llm/backends.py); None answers with quotes only.
        self.llm: ChatBackend | None = None

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        history: list[Turn] | None = None,
        infer_filters: bool = True,
        use_llm: bool = True,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer one question with citations, or abstain and show the nearest passages.

        `infer_filters=False` searches with the caller's filters only (the browser's
        "remove the inferred filter" chip), without narrowing to an organisation the question names.
        With a language model configured (and `use_llm`), the model rewrites the answer
        from the same passages and every sentence is checked (see `generate`);
        `on_token` receives its draft as it streams.
        """
        question = (question or "").strip()
        if not question:
            raise ValueError("the question is empty; type a question about the SCO or the CSTO")
        limit = self.settings.tunables["max_question_chars"]
        if len(question) > limit:
            raise ValueError(f"the question is {len(question)} characters long; ask it in at most {limit}")
        top_k = self.settings.tunables["top_k"] if top_k is None else top_k
        if isinstance(top_k, bool) or top_k < 1 or top_k > 50:
            raise ValueError("top_k must be between 1 and 50")
        started = time.perf_counter()
        turns = [(turn.question, turn.answer) for turn in history or []]
        resolution = resolve(question, turns, self._names_in) if turns else Resolution(question)
        knows = self.retriever.keyword_index().knows
        resolution = replace(resolution, text=one_form(resolution.text, knows), asked=one_form(resolution.asked, knows))
        resolved = resolution.text
        facts = understand(resolved)
        filters = filters or Filters()
        # 'which ports belong to both leagues' names both organisations but asks for one list
        sides = ordering_sides(resolved)
        things = [] if sides else comparison_sides(resolved)
        if sides:
            answer = self._sides(resolved, sides, filters, top_k, infer_filters, ORDER_NOTE)
        elif things:  # answered whole when the answer speaks of both things, else thing by thing
            answer = self._answer(resolution, facts, filters, top_k, infer=infer_filters)
            said_both = answers_both(answer.answer, things, resolved, titles_of(answer))
            if not answer.abstained and not said_both:  # an abstention stands
                answer = self._sides(resolved, things, filters, top_k, infer_filters, CONTRAST_NOTE)
        elif facts.comparison and not filters.organisation and answer_type(resolved) == "comparison":
            # a passage that sets the two side by side answers whole, else each is asked on its own
            answer = self._answer(resolution, facts, filters, top_k, infer=infer_filters)
            organisations = [Side(org, org) for org in facts.organisations[:2]]
            if answer.abstained or not answers_both(answer.answer, organisations, resolved, titles_of(answer)):
                answer = self._compare(resolved, facts, filters, top_k)
        else:
            answer = self._answer(resolution, facts, filters, top_k, infer=infer_filters)
        if not answer.abstained and not answer.answer.strip():  # never an empty "answer"
            answer = Answer(question, ABSTAIN_MESSAGE, True, [], answer.passages, filters=answer.filters)
        answer.question = question
        answer.resolved_question = resolved
        if self.llm is not None and use_llm:
            answer = self.generate(answer, history, on_token)
        answer.timings_ms["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def generate(
        self, answer: Answer, history: list[Turn] | None = None, on_token: Callable[[str], None] | None = None
    ) -> Answer:
        """The language model's checked answer from an extractive answer's passages, or that
        answer with a note saying why the model's was not shown (app/answering/llm/generate.py)."""
        from app.answering.llm.generate import generate_answer

        if self.llm is None:
            raise ValueError("no language model is configured; start with --llm (or SCOQA_LLM)")
        turns = [(turn.question, turn.answer) for turn in history or []]
        question = answer.resolved_question or answer.question
        return generate_answer(
            question, answer.passages, answer, self.llm, turns, on_token=on_token, answers=self.answer_test(question)
        )

    def answer_test(self, question: str) -> Callable[[list[str]], bool]:
        """Whether sentences answer the question by the extractive composer's own rules: one of them
        carries the kind of answer a part asks for and covers that part's names and words. A model
        sentence can match its passage word for word and still not say what was asked."""
        if not understand(question).latin:
            return lambda texts: True  # the question analysis reads English
        index = self.retriever.keyword_index()
        lexicon = self._lexicon_of(index)
        analysis = analyse(restore_names(question, index.is_name_word))
        selector = Selector(self.composer.selection, lexicon.stem, lexicon.idf)

        def answers(texts: list[str]) -> bool:
            found = [
                Sentence(i, t, set(lexicon.stem(t)), set(), lexicon.facts(t, set()), 0.0) for i, t in enumerate(texts)
            ]
            return any(selector.judge(part, sentence) is not None for part in analysis.parts for sentence in found)

        return answers

    def _answer(
        self,
        resolution: Resolution,
        facts: QuestionFacts,
        filters: Filters,
        top_k: int,
        infer: bool = True,
        avoid: frozenset[str] = frozenset(),
    ) -> Answer:
        """Retrieve (with an inferred organisation filter when the question names one) and compose.

        For a follow-up joined to the previous question (`resolution.asked` set), retrieval reads
        both, but only the follow-up says what to answer, with the names of `resolution.earlier`.
        Quotes in `avoid` (another side of a comparison gave them) are not quoted again, unless the
        answer without them has another outcome.
        """
        question = reworded(resolution.text)
        if question != resolution.text:
            facts = understand(question)
        retrieved, applied = self._retrieve(question, facts, filters, top_k, infer)
        started = time.perf_counter()
        index = self.retriever.keyword_index()

        def named(text: str) -> str:  # a name typed in lower case is still a name
            return restore_names(text, index.is_name_word)

        earlier = named(resolution.earlier) if resolution.earlier else ""
        analysis = analyse(named(reworded(resolution.asked) or question), earlier=earlier)
        unknown, lead_ins = self.unknown_names(question), self._lead_ins(retrieved.passages)
        # an acronym no text uses is still known when a passage spells out its name
        unknown = [n for n in unknown if not any(said_by_initials(n, p.text) for p in retrieved.passages)]

        def compose(avoided: frozenset[str]) -> Answer:
            return self.composer.compose(
                question,
                retrieved.query_vector,
                retrieved.passages,
                unknown,
                cross_lingual=not facts.latin,
                vocabulary=index.has_term,
                analysis=analysis,
                lexicon=self._lexicon_of(index),
                lead_ins=lead_ins,
                avoid=avoided,
            )

        answer = compose(frozenset())
        if avoid & {c.quote for c in answer.citations}:  # from the same passages, without those quotes
            other = compose(avoid)
            answer = other if other.outcome == answer.outcome else answer
        answer.question_type = analysis.answer_type
        answer.timings_ms = {**retrieved.timings_ms, "compose_ms": round((time.perf_counter() - started) * 1000, 2)}
        answer.filters = applied.to_dict()
        return answer

    def _lead_ins(self, passages: list[Passage]) -> dict[str, str]:
        """For each passage read that starts inside a table or its header, the document's text before
        it back to the table's header (at most three chunks back), so its rows are read with their
        header."""
        out: dict[str, str] = {}
        store = self.retriever.store
        for passage in passages[: self.composer.config.passages_read]:
            if passage.lead:  # a table row indexed alone carries its header
                out[passage.chunk_id] = passage.lead
                continue
            ordinal = ordinal_of(passage.chunk_id)
            cut = has_table_header(passage.text) and not has_table_header(passage.text, whole=True)
            if ordinal is None or not (continues_table(passage.text) or cut):  # cut: its header's first line
                continue
            ids = {ordinal_of(i): i for i in store.ids_of(passage.doc_id)}
            earlier = list(takewhile(bool, (ids.get(ordinal - back) for back in (1, 2, 3))))  # the chunks just before
            stored = {chunk.chunk_id: chunk for chunk in store.rows(earlier)}  # one read for all of them
            lead, start = "", passage.start
            for chunk in takewhile(bool, (stored.get(i) for i in earlier)):
                chunk_start = int(chunk.metadata.get("start", 0))
                lead, start = chunk.text[: max(0, start - chunk_start)] + lead, chunk_start
                if has_table_header(lead, whole=True):
                    break
            if has_table_header(lead):  # whole, or the best the chunks before it hold
                out[passage.chunk_id] = lead
        return out

    def _names_in(self, text: str) -> tuple[list[str], list[str]]:
        """(persons, countries) a text names, read as answers are read: what a follow-up's 'him' or
        'them' may point at in the previous answer."""
        facts = self._lexicon_of(self.retriever.keyword_index()).facts(text, set())
        countries: dict[str, str] = {}  # each country once, as the text first writes it
        for name, (start, end) in country_mentions(text):
            countries.setdefault(name, text[start:end])
        return [text[start:end] for start, end in facts.persons], list(countries.values())

    def _lexicon_of(self, index: Any) -> Lexicon:
        """The keyword index's Lexicon, kept (with its memory of sentence facts) until a refresh
        loads another index."""
        current = self._lexicon
        if current is None or current[0] is not index:
            current = self._lexicon = (index, Lexicon(index.is_common_word, index.idf, index.long_names))
        return current[1]

    def _retrieve(
        self, question: str, facts: QuestionFacts, filters: Filters, top_k: int, infer: bool = True
    ) -> tuple[Retrieved, Filters]:
        """Retrieval with the user's filters, narrowed to the one organisation the question names.

        An inferred filter that leaves nothing falls back to the user's filters alone.
        """
        inferred = filters
        if infer and self.infer_filters and not filters.organisation and len(facts.organisations) == 1:
            inferred = replace(filters, organisation=facts.organisations[0])
        mode = self._mode(facts)
        retrieved = self.retriever.retrieve(question, inferred, top_k, mode, facts=facts)
        if retrieved.passages or inferred is filters:
            return retrieved, inferred
        return self.retriever.retrieve(question, filters, top_k, mode, facts=facts), filters

    def vocabulary(self) -> Callable[[str], bool]:
        """Whether a stemmed term occurs anywhere in the index."""
        return self.retriever.keyword_index().has_term

    def _mode(self, facts: QuestionFacts) -> str:
        """BM25 over English texts only matches a Russian or Chinese question's stray
        abbreviations (the glossary), so such questions are retrieved densely."""
        return self.mode if facts.latin else "dense"

    def unknown_names(self, question: str) -> list[str]:
        """Names in the question that no indexed text mentions.

        A run of capitalised words is unknown when one of its words never occurs in
        the index and no other word of it is a known name: a person's full name is
        known when the surname is, while 'X Corridor' with an unknown X is not saved
        by 'corridor', a word the texts also use in lower case.
        """
        index = self.retriever.keyword_index()
        unknown = []
        for phrase in name_phrases(question):
            missing = [word for word in phrase if not index.knows(word)]
            anchored = any(index.knows(w) and not index.is_common_word(w) for w in phrase if w not in missing)
            if missing and not anchored:
                unknown.append(" ".join(phrase))
        return unknown

    def _sides(self, question: str, sides: list[Side], filters: Filters, top_k: int, infer: bool, note: str) -> Answer:
        """'Which came first, A or B?', 'How did A differ from B?': each side answered as a question of
        its own, the answers set side by side."""
        asked = [(side.label, side.question, filters, infer) for side in sides]
        return merge_sides(question, self._answer_sides(asked, top_k, distinct=True), filters, note)

    def _compare(self, question: str, facts: QuestionFacts, filters: Filters, top_k: int) -> Answer:
        """Answer each organisation's side with the same rules as a single answer, then set them side by side."""
        asked = []
        for org in facts.organisations[:2]:
            side = side_question(question, org)
            if asks_only_difference(side):  # 'How does the SCO differ from the CSTO?': what each one is
                side = f"What is the {org}?"
            asked.append((org, side, replace(filters, organisation=org), False))
        return merge_sides(question, self._answer_sides(asked, top_k), filters)

    def _answer_sides(
        self, asked: list[tuple[str, str, Filters, bool]], top_k: int, distinct: bool = False
    ) -> list[tuple[str, Answer]]:
        """(label, answer) for each (label, question, filters, infer filters) of a comparison. With
        `distinct`, a side does not repeat a quote of a side before it (a sentence on both, found for
        each) unless it has no other answer. Two organisations' sides are not made distinct: each
        is read from its own organisation's passages, and a sentence on both says what they differ in."""
        parts: list[tuple[str, Answer]] = []
        for label, question, filters, infer in asked:
            said = frozenset(c.quote for _, part in parts for c in part.citations) if distinct else frozenset()
            parts.append((label, self._answer(Resolution(question), understand(question), filters, top_k, infer, said)))
        return parts


COMPARE_NOTE = "Compared side by side: each part was retrieved for one organisation."
ORDER_NOTE = "Which came first: each side was asked when it was, so the dates can be compared."
CONTRAST_NOTE = "Compared side by side: each side was asked about on its own."


def titles_of(answer: Answer) -> str:
    """The titles of the documents the answer cites, each once."""
    return " ".join(dict.fromkeys(c.title for c in answer.citations if c.title))


def reworded(question: str) -> str:
    """The question in the words of the passage that answers it: 'which countries are in X' asks for
    X's members, 'what is the CSTO' for the organisation under its long name."""
    return spelled_out(membership_query(order_as_verb(written_out(question))))


def merge_sides(question: str, parts: list[tuple[str, Answer]], filters: Filters, note: str = COMPARE_NOTE) -> Answer:
    """One answer from per-organisation answers, citation numbers renumbered across both."""
    texts, citations = [], []
    for org, part in parts:
        offset = len({c.n for c in citations})
        renumbered = [Citation(**{**c.to_dict(), "n": c.n + offset}) for c in part.citations]
        text = part.answer
        for c in sorted(part.citations, key=lambda c: -c.n):
            text = text.replace(f"[{c.n}]", f"[{c.n + offset}]")
        texts.append(f"**{org}:** {text if not part.abstained else 'the indexed documents do not say.'}")
        citations += renumbered
    abstained = all(part.abstained for _, part in parts)
    outcome = "answered" if all(p.outcome == "answered" for _, p in parts) else "partial"
    return Answer(
        question=question,
        answer="\n\n".join(texts) if not abstained else parts[0][1].answer,
        abstained=abstained,
        citations=citations,
        passages=alternated([part.passages for _, part in parts]),
        filters=filters.to_dict(),
        confidence=min(part.confidence for _, part in parts),
        note=note,
        outcome="not_answered" if abstained else outcome,
        question_type="comparison",
        missing=[m for _, part in parts for m in part.missing],
    )


def alternated(rankings: list[list[Passage]]) -> list[Passage]:
    """The sides' passages taken in turn, each once: the nearest passages of every side come first
    (the three shown when nothing is answered, the top five that evaluation reads)."""
    out: list[Passage] = []
    seen: set[str] = set()
    for rank in range(max((len(r) for r in rankings), default=0)):
        for ranking in rankings:
            if rank < len(ranking) and ranking[rank].chunk_id not in seen:
                seen.add(ranking[rank].chunk_id)
                out.append(ranking[rank])
    return out
