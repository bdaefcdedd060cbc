"""Pure metric functions: retrieval on documents, evidence, citations, answers, abstention, latency.

Definitions follow BEIR/pytrec_eval (retrieval) and SQuAD (answer tokens); docs/evaluation.md
states each one. Nothing here touches the engine, so every function is testable by hand.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.answering.models import OUTCOMES

HIT_KS = (1, 3, 5, 10)
RECALL_KS = (5, 10)
NDCG_K = 10
EVIDENCE_K = 5
# Metrics where a smaller number is better (the report colours differences by this).
LOWER_IS_BETTER = {"false_abstention_rate", "latency_ms_p50", "latency_ms_p95"}
METRIC_KEYS = (
    *(f"hit@{k}" for k in HIT_KS),
    *(f"recall@{k}" for k in RECALL_KS),
    "mrr",
    f"ndcg@{NDCG_K}",
    f"evidence_recall@{EVIDENCE_K}",
    "citation_support",
    "citation_precision",
    "citation_recall",
    "answer_token_recall",
    "answer_f1",
    "abstention_precision",
    "abstention_recall",
    "abstention_f1",
    "false_abstention_rate",
    "outcome_accuracy",
    "latency_ms_p50",
    "latency_ms_p95",
)
COUNT_KEYS = (
    "n",
    "n_answerable",
    "n_unanswerable",
    "n_retrieval",
    "n_evidence_quotes",
    "n_citations",
    "n_abstained",
    "n_partial",
)

_MARKER = re.compile(r"\[\d+\]")
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_CHUNK_ORDINAL = re.compile(r"#(\d+)-[0-9a-f]+$")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


# --- retrieval, scored on documents -------------------------------------------------------


def doc_ranking(passages: Iterable[dict[str, Any]]) -> list[str]:
    """Ranked passages -> ranked doc_ids, first occurrence kept."""
    return list(dict.fromkeys(str(p["doc_id"]) for p in passages))


def hit_at_k(ranking: Sequence[str], gold: Iterable[str], k: int) -> float:
    """1.0 when at least one gold document is in the top k, else 0.0."""
    gold_set = set(gold)
    return 1.0 if any(doc in gold_set for doc in ranking[:k]) else 0.0


def recall_at_k(ranking: Sequence[str], gold: Iterable[str], k: int) -> float:
    """|gold ∩ top-k| / |gold|."""
    gold_set = set(gold)
    return len(gold_set & set(ranking[:k])) / len(gold_set) if gold_set else 0.0


def reciprocal_rank(ranking: Sequence[str], gold: Iterable[str]) -> float:
    """1 / rank of the first gold document in the whole ranking; 0.0 when none is retrieved."""
    gold_set = set(gold)
    return next((1.0 / rank for rank, doc in enumerate(ranking, start=1) if doc in gold_set), 0.0)


def ndcg_at_k(ranking: Sequence[str], gold: Iterable[str], k: int = NDCG_K) -> float:
    """Binary-relevance nDCG@k as pytrec_eval's ndcg_cut (BEIR): ideal DCG over min(|gold|, k) hits."""
    gold_set = set(gold)
    if not gold_set:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 1) for rank, doc in enumerate(ranking[:k], start=1) if doc in gold_set)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold_set), k) + 1))
    return dcg / ideal


# --- evidence ------------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFKC, straight quotes and dashes, case-folded, whitespace collapsed: how quotes are matched."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return " ".join(text.split())


def chunk_ordinal(chunk_id: str) -> int | None:
    """The chunk's position in its document, from the stable id `doc_id#0007-<hash>`."""
    match = _CHUNK_ORDINAL.search(chunk_id)
    return int(match.group(1)) if match else None


def join_neighbours(first: dict[str, Any], second: dict[str, Any]) -> str:
    """The text of two consecutive chunks of one document, their overlap counted once."""
    a_text, b_text = str(first["text"]), str(second["text"])
    a_start, b_start = first.get("start"), second.get("start")
    if isinstance(a_start, int) and isinstance(b_start, int) and a_start <= b_start:
        overlap = a_start + len(a_text) - b_start
        if 0 <= overlap <= len(b_text):
            return a_text + b_text[overlap:]
    return f"{a_text} {b_text}"


def evidence_texts(passages: Sequence[dict[str, Any]], k: int = EVIDENCE_K) -> list[str]:
    """Normalised texts a quote may be found in: each top-k passage, and each pair of
    consecutive chunks of one document that are both in the top k (a quote cut by a chunk boundary)."""
    top = list(passages[:k])
    texts = [normalise_text(str(p["text"])) for p in top]
    by_position = {(p["doc_id"], chunk_ordinal(str(p["chunk_id"]))): p for p in top}
    for (doc_id, ordinal), passage in by_position.items():
        following = by_position.get((doc_id, ordinal + 1)) if ordinal is not None else None
        if following is not None:
            texts.append(normalise_text(join_neighbours(passage, following)))
    return texts


def evidence_found(quotes: Sequence[str], passages: Sequence[dict[str, Any]], k: int = EVIDENCE_K) -> list[bool]:
    """For each evidence quote: is it in a top-k passage (or two consecutive top-k chunks)?"""
    texts = evidence_texts(passages, k)
    return [any(normalise_text(q) in text for text in texts) for q in quotes]


# --- citations -----------------------------------------------------------------------------


def citation_supported(citation: dict[str, Any], stored_texts: Mapping[str, str]) -> bool:
    """Does the citation's quote appear verbatim in the chunk it names, as the index stores it?

    `stored_texts` maps chunk_id -> text re-read from the store, never the passage text the
    answer carries: a quote that was altered, or cites a chunk the index does not hold, fails.
    """
    quote = str(citation.get("quote") or "")
    stored = stored_texts.get(str(citation.get("chunk_id") or ""))
    return bool(quote.strip()) and stored is not None and quote in stored


def product_outcome(answer: dict[str, Any]) -> str:
    """answered / partial / not_answered as the answer states it (older answers: from `abstained`)."""
    outcome = answer.get("outcome")
    if outcome in OUTCOMES:
        return str(outcome)
    return "not_answered" if answer.get("abstained") else "answered"


# --- answers (SQuAD-style) -----------------------------------------------------------------


def strip_markers(answer: str) -> str:
    """The answer text without its [n] citation markers."""
    return _MARKER.sub(" ", answer)


def squad_normalise(text: str) -> str:
    """SQuAD v1.1 normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def token_scores(prediction: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, f1) of normalised token overlap, counting repeated tokens as SQuAD does."""
    pred = squad_normalise(prediction).split()
    ref = squad_normalise(reference).split()
    if not pred or not ref:
        same = float(pred == ref)
        return same, same, same
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0, 0.0, 0.0
    precision, recall = common / len(pred), common / len(ref)
    return precision, recall, 2 * precision * recall / (precision + recall)


# --- aggregation helpers -------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None (reported as null) when nothing was counted."""
    return numerator / denominator if denominator else None


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, None for no values."""
    return sum(values) / len(values) if values else None


def f1_score(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; 0.0 if either side is 0, None if either is undefined."""
    if precision is None or recall is None:
        return None
    if precision == 0 or recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile with linear interpolation between ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
