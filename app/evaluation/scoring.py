"""Per-question scores and their aggregation into the keys of metrics.json."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.evaluation import metrics as m
from app.evaluation.questions import EvalQuestion


def score_question(
    question: EvalQuestion,
    answer: dict[str, Any],
    latency_ms: float,
    top_k: int,
    stored_texts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The per-question metrics stored in results.jsonl (absent keys: not applicable to this question).

    `stored_texts` (chunk_id -> text re-read from the index) is what citations are checked
    against; without it no citation counts as supported.
    """
    passages = answer.get("passages") or []
    citations = answer.get("citations") or []
    abstained = bool(answer.get("abstained"))
    ranking = m.doc_ranking(passages)
    gold = list(dict.fromkeys(question.sources))
    outcome = m.product_outcome(answer)
    scores: dict[str, Any] = {
        "abstained": abstained,
        "outcome": outcome,
        "outcome_correct": outcome == question.outcome,
        "latency_ms": round(latency_ms, 2),
        "retrieved_docs": ranking,
    }
    has_gold = question.answerable and bool(gold)
    if has_gold:
        scores.update({f"hit@{k}": m.hit_at_k(ranking, gold, k) for k in m.HIT_KS})
        scores.update({f"recall@{k}": m.recall_at_k(ranking, gold, k) for k in m.RECALL_KS})
        scores["reciprocal_rank"] = m.reciprocal_rank(ranking, gold)
        scores[f"ndcg@{m.NDCG_K}"] = m.ndcg_at_k(ranking, gold, m.NDCG_K)
        scores["recall_curve"] = [m.recall_at_k(ranking, gold, k) for k in range(1, top_k + 1)]
        scores["hit_curve"] = [m.hit_at_k(ranking, gold, k) for k in range(1, top_k + 1)]
    if question.answerable and question.evidence:
        scores["evidence_found"] = m.evidence_found(question.evidence, passages, m.EVIDENCE_K)
    scores["citations"] = len(citations)
    scores["citations_supported"] = sum(m.citation_supported(c, stored_texts or {}) for c in citations)
    if has_gold:
        scores["citations_into_gold"] = sum(str(c.get("doc_id")) in gold for c in citations)
    if question.answerable and question.answer:
        prediction = "" if abstained else m.strip_markers(str(answer.get("answer") or ""))
        _, recall, f1 = m.token_scores(prediction, question.answer)
        scores["answer_token_recall"] = recall
        scores["answer_f1"] = f1
    scores["failures"] = failure_reasons(question, scores)
    return scores


def failure_reasons(question: EvalQuestion, scores: dict[str, Any]) -> list[str]:
    """Why this question belongs in the report's failure list (empty when it does not)."""
    reasons = []
    if question.answerable and scores["abstained"]:
        reasons.append("abstained on an answerable question")
    if not question.answerable and not scores["abstained"]:
        reasons.append("answered an unanswerable question")
    if question.answerable and not scores["abstained"] and scores["outcome"] != question.outcome:
        reasons.append(f"outcome {scores['outcome']}, expected {question.outcome}")
    if scores.get(f"hit@{m.EVIDENCE_K}") == 0.0:
        reasons.append(f"no gold document in the top {m.EVIDENCE_K}")
    return reasons


def aggregate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """metrics.json's metric and count keys from results rows (each with `answerable` and `metrics`)."""
    scored = [row["metrics"] for row in rows]
    retrieval = [s for s in scored if "reciprocal_rank" in s]
    out: dict[str, Any] = {}
    for k in m.HIT_KS:
        out[f"hit@{k}"] = m.mean([s[f"hit@{k}"] for s in retrieval])
    for k in m.RECALL_KS:
        out[f"recall@{k}"] = m.mean([s[f"recall@{k}"] for s in retrieval])
    out["mrr"] = m.mean([s["reciprocal_rank"] for s in retrieval])
    out[f"ndcg@{m.NDCG_K}"] = m.mean([s[f"ndcg@{m.NDCG_K}"] for s in retrieval])
    quotes = [found for s in scored for found in s.get("evidence_found", [])]
    out[f"evidence_recall@{m.EVIDENCE_K}"] = m.ratio(sum(quotes), len(quotes))

    n_citations = sum(s["citations"] for s in scored)
    out["citation_support"] = m.ratio(sum(s["citations_supported"] for s in scored), n_citations)
    gold_cited = [s for s in scored if "citations_into_gold" in s]
    out["citation_precision"] = m.ratio(
        sum(s["citations_into_gold"] for s in gold_cited), sum(s["citations"] for s in gold_cited)
    )
    answered = [s for s in gold_cited if not s["abstained"]]
    out["citation_recall"] = m.ratio(sum(s["citations_into_gold"] > 0 for s in answered), len(answered))
    out["answer_token_recall"] = m.mean([s["answer_token_recall"] for s in scored if "answer_token_recall" in s])
    out["answer_f1"] = m.mean([s["answer_f1"] for s in scored if "answer_f1" in s])

    truth = [not row["answerable"] for row in rows]
    predicted = [s["abstained"] for s in scored]
    true_pos = sum(t and p for t, p in zip(truth, predicted, strict=True))
    out["abstention_precision"] = m.ratio(true_pos, sum(predicted))
    out["abstention_recall"] = m.ratio(true_pos, sum(truth))
    out["abstention_f1"] = m.f1_score(out["abstention_precision"], out["abstention_recall"])
    n_answerable = len(rows) - sum(truth)
    out["false_abstention_rate"] = m.ratio(
        sum(p and not t for t, p in zip(truth, predicted, strict=True)), n_answerable
    )

    out["outcome_accuracy"] = m.mean([float(s["outcome_correct"]) for s in scored if "outcome_correct" in s])

    latencies = [s["latency_ms"] for s in scored]
    out["latency_ms_p50"] = m.percentile(latencies, 50)
    out["latency_ms_p95"] = m.percentile(latencies, 95)
    out.update(
        n=len(rows),
        n_answerable=n_answerable,
        n_unanswerable=sum(truth),
        n_retrieval=len(retrieval),
        n_evidence_quotes=len(quotes),
        n_citations=n_citations,
        n_abstained=sum(predicted),
        n_partial=sum(s.get("outcome") == "partial" for s in scored),
    )
    return {key: round(value, 4) if isinstance(value, float) else value for key, value in out.items()}


def curves(rows: Sequence[dict[str, Any]]) -> dict[str, list[float]]:
    """Mean recall@k and hit@k for k = 1..top-k over the questions scored for retrieval."""
    retrieval = [row["metrics"] for row in rows if "recall_curve" in row["metrics"]]
    if not retrieval:
        return {"recall": [], "hit": []}
    depth = min(len(s["recall_curve"]) for s in retrieval)
    return {
        name: [round(sum(s[f"{name}_curve"][i] for s in retrieval) / len(retrieval), 4) for i in range(depth)]
        for name in ("recall", "hit")
    }


def per_type(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The metrics again for each question `type` (untyped questions under "(none)")."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get("type") or "(none)", []).append(row)
    return {name: aggregate(group) for name, group in sorted(groups.items())}
