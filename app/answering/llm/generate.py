"""The generative composer: a language model writes from the retrieved passages, the checker vets every sentence.

The extractive answer is always composed first (it needs no model and is shown at
once); the model's checked answer replaces it when enough of it survives. Three
outcomes, in `Answer.mode`:

- "llm": the model's supported sentences, each cited; removed or re-cited sentences
  are counted in the note ("1 sentence removed: not supported by the sources").
- "llm_fallback": the model failed (down, timed out), said the passages do not
  answer, or too little of its answer was supported: the extractive answer, with a
  note saying why.
- "extractive": the extractive composer abstained, so the model was not asked.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.answering.llm.backends import BackendError, ChatBackend
from app.answering.llm.checker import CheckedSentence, SupportChecker, content_stems
from app.answering.llm.draft import DraftSentence, split_draft
from app.answering.llm.prompt import build_messages, quotes_by_chunk, says_no_answer
from app.answering.models import Answer, Citation, Passage
from app.answering.query import organisations_named, other_organisation
from app.answering.shaping import citation_for

TokenSink = Callable[[str], None]
_CHECKER: SupportChecker | None = None
_LOCK = threading.Lock()


@dataclass(frozen=True)
class GenerationConfig:
    """Limits of one generation."""

    max_tokens: int = 200  # three short sentences with markers; keeps CPU generation to seconds
    min_supported_share: float = 0.5  # below this share of sentences supported, the quotes are shown


def default_checker() -> SupportChecker:
    """The process-wide checker (MiniLM is loaded once, whatever model built the index)."""
    global _CHECKER
    with _LOCK:
        if _CHECKER is None:
            from ingest.embedding import get_embedder

            _CHECKER = SupportChecker(get_embedder("minilm"))
        return _CHECKER


def generate_answer(
    question: str,
    passages: list[Passage],
    extractive: Answer,
    llm: ChatBackend,
    history: list[tuple[str, str]] | None = None,
    checker: SupportChecker | None = None,
    on_token: TokenSink | None = None,
    config: GenerationConfig | None = None,
    answers: Callable[[list[str]], bool] | None = None,
) -> Answer:
    """The model's checked answer to `question` from `passages`, or `extractive` with a note.

    `history` holds earlier (question, answer) turns; `on_token` receives the draft as
    it streams (for the browser and `scoqa chat`), before any checking. `answers` (from
    the engine) tells whether supported sentences say what the question asks; when they
    do not, the quoted answer is shown.
    """
    config = config or GenerationConfig()
    label = llm.spec.label
    if extractive.abstained or not passages:
        return replace(extractive, mode="extractive", model=label)
    messages, shown = build_messages(question, passages, history, quotes=quotes_by_chunk(extractive.citations))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    parts: list[str] = []
    try:
        for delta in llm.stream(messages, config.max_tokens):
            if not parts:
                timings["llm_first_token_ms"] = _ms(started)
            parts.append(delta)
            if on_token:
                on_token(delta)
    except BackendError as exc:
        timings["llm_total_ms"] = _ms(started)
        message = str(exc)
        end = "" if message.endswith((".", "?", "!")) else "."
        return fallback(extractive, label, f"{message}{end} Showing the quoted answer instead.", timings)
    timings["llm_total_ms"] = _ms(started)
    draft = "".join(parts)
    checker = checker or default_checker()
    check_started = time.perf_counter()
    drafted = unique([s for s in split_draft(draft) if not says_no_answer(s.text)])
    checked = checker.check([(s.text, s.citations) for s in drafted], [p.text for p in shown])
    checked = [off_question(question, c) for c in checked]
    timings["check_ms"] = _ms(check_started)
    supported = [c for c in checked if c.supported]
    if not supported:
        if says_no_answer(draft) or not checked:
            note = "The language model found no answer in the passages. Showing the quoted answer."
        else:
            verdict = "its one sentence was not" if len(checked) == 1 else f"none of its {len(checked)} sentences was"
            note = f"Showing the quoted answer: {verdict} supported by the sources."
        return fallback(extractive, label, note, timings, checked)
    texts = [c.text for c in supported]
    if not addresses(question, texts) or (answers is not None and not answers(texts)):
        note = "Showing the quoted answer: the language model's supported sentences do not address the question."
        return fallback(extractive, label, note, timings, checked)
    if len(supported) / len(checked) < config.min_supported_share:
        note = f"Showing the quoted answer, as too little of the language model's survived: {_removed(checked)}"
        return fallback(extractive, label, note, timings, checked)
    return _compose(extractive, label, shown, checked, checker, timings)


def _compose(
    extractive: Answer,
    label: str,
    shown: list[Passage],
    checked: list[CheckedSentence],
    checker: SupportChecker,
    timings: dict[str, float],
) -> Answer:
    """An Answer of the supported sentences, passages renumbered in order of first use."""
    numbers: dict[int, int] = {}
    texts: list[str] = []
    citations: list[Citation] = []
    for sentence in checked:
        if not sentence.supported:
            continue
        ours = [numbers.setdefault(n, len(numbers) + 1) for n in sentence.citations]
        texts.append(with_markers(sentence.text, ours))
        for n, mine in zip(sentence.citations, ours, strict=True):
            passage = shown[n - 1]
            quote = checker.evidence(sentence.text, passage.text).quote
            if not any(c.n == mine and c.quote == quote for c in citations):
                citations.append(citation_for(mine, passage, quote))
    rows = []
    for sentence in checked:
        row = sentence.to_dict()
        row["citations"] = [numbers[n] for n in sentence.citations if n in numbers] if sentence.supported else []
        rows.append(row)
    notes = [_removed(checked), _recited(checked), extractive.note]
    return replace(
        extractive,
        answer=" ".join(texts),
        citations=citations,
        timings_ms={**extractive.timings_ms, **timings},
        note=" ".join(n for n in notes if n),
        mode="llm",
        model=label,
        sentences=rows,
    )


def fallback(
    extractive: Answer,
    label: str,
    note: str,
    timings: dict[str, float],
    checked: list[CheckedSentence] | None = None,
) -> Answer:
    """The extractive answer, marked as shown in place of the model's."""
    return replace(
        extractive,
        timings_ms={**extractive.timings_ms, **timings},
        note=" ".join(n for n in (note, extractive.note) if n),
        mode="llm_fallback",
        model=label,
        sentences=[{**c.to_dict(), "citations": []} for c in checked or []],
    )


def off_question(question: str, sentence: CheckedSentence) -> CheckedSentence:
    """A sentence about the other organisation than the one the question asks about (the SCO for a
    CSTO question) is refused, however well its words match its passage: both organisations hold
    declarations, secretariats and memoranda with the UN, and a small model swaps them."""
    other = other_organisation(question, sentence.text)
    if sentence.supported and other:
        asked = organisations_named(question)[0]
        return replace(sentence, supported=False, reason=f"about the {other}, not the {asked} asked about")
    return sentence


def addresses(question: str, sentences: list[str]) -> bool:
    """Whether some sentence shares a content word with the question: a true sentence
    about something else, such as a copied dateline, is no answer."""
    wanted = set(content_stems(question))
    return any(wanted & set(content_stems(text)) for text in sentences)


def unique(sentences: list[DraftSentence]) -> list[DraftSentence]:
    """The draft without repeats of a sentence (small models loop): the first stands for all."""
    seen: set[str] = set()
    out = []
    for sentence in sentences:
        key = " ".join(sentence.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(sentence)
    return out


def with_markers(sentence: str, numbers: list[int]) -> str:
    """'... in 2001.' -> '... in 2001 [1][2].'"""
    marks = "".join(f"[{n}]" for n in numbers)
    if sentence and sentence[-1] in ".!?":
        return f"{sentence[:-1]} {marks}{sentence[-1]}"
    return f"{sentence} {marks}."  # a full stop, so the shown answer splits into the same sentences


def _removed(checked: list[CheckedSentence]) -> str:
    removed = sum(1 for c in checked if not c.supported)
    if not removed:
        return ""
    return f"{removed} sentence{'s' if removed > 1 else ''} removed: not supported by the sources."


def _recited(checked: list[CheckedSentence]) -> str:
    moved = sum(1 for c in checked if c.supported and c.recited)
    if not moved:
        return ""
    if moved == 1:
        return "1 sentence re-cited to the passage that supports it."
    return f"{moved} sentences re-cited to the passages that support them."


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
