"""Every eval metric on tiny hand-made cases whose values are worked out here."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from app.evaluation import metrics as m
from app.evaluation.gates import check_gates, load_baseline, parse_gate
from app.evaluation.questions import EvalQuestion
from app.evaluation.scoring import aggregate, curves, per_type, score_question

pytestmark = pytest.mark.unit

# A chunk boundary falls inside "signed in Tashkent on 15 May": chunk 3 ends with it,
# chunk 4 starts 11 characters earlier ("in Tashkent" is the overlap).
CHUNK_3 = "The Treaty  was\nsigned in Tashkent"
CHUNK_4 = "in Tashkent on 15 May 1992 by six states."
START_3 = 100
START_4 = START_3 + len(CHUNK_3) - len("in Tashkent")


def passage(doc_id: str, ordinal: int, text: str = "filler text", start: int = 0) -> dict:
    return {"doc_id": doc_id, "chunk_id": f"{doc_id}#{ordinal:04d}-abcdef012345", "text": text, "start": start}


Q1_PASSAGES = [
    passage("x.md", 0, "Unrelated words about summits."),
    passage("a.md", 3, CHUNK_3, START_3),
    passage("a.md", 4, CHUNK_4, START_4),
    passage("y.md", 0),
    passage("b.md", 1, "The CSTO was founded in 2002."),
]


def test_retrieval_metrics_on_documents_first_occurrence_kept() -> None:
    ranking = m.doc_ranking(Q1_PASSAGES)
    assert ranking == ["x.md", "a.md", "y.md", "b.md"]
    gold = ["a.md", "b.md"]
    assert [m.hit_at_k(ranking, gold, k) for k in (1, 2, 3, 10)] == [0.0, 1.0, 1.0, 1.0]
    assert m.recall_at_k(ranking, gold, 3) == 0.5
    assert m.recall_at_k(ranking, gold, 5) == 1.0
    assert m.reciprocal_rank(ranking, gold) == 0.5
    assert m.reciprocal_rank(ranking, ["z.md"]) == 0.0
    # DCG = 1/log2(3) + 1/log2(5) = 0.630930 + 0.430677; ideal = 1 + 1/log2(3) = 1.630930
    assert m.ndcg_at_k(ranking, gold, 10) == pytest.approx(1.0616063 / 1.6309298, abs=1e-6)
    assert m.ndcg_at_k(ranking, gold, 10) == pytest.approx(0.650921, abs=1e-6)


def test_ndcg_ideal_is_cut_at_k_as_in_pytrec_eval() -> None:
    gold = [f"g{i}" for i in range(12)]
    ranking = gold[:10]
    assert m.ndcg_at_k(ranking, gold, 10) == pytest.approx(1.0)  # 12 relevant, but the ideal holds only 10
    # one relevant document at rank 2 of 1 relevant: (1/log2 3) / 1
    assert m.ndcg_at_k(["n", "g0"], ["g0"], 10) == pytest.approx(1 / math.log2(3))


def test_evidence_is_normalised_and_may_span_two_consecutive_chunks() -> None:
    quotes = [
        "the treaty was SIGNED in tashkent",  # in chunk 3 after case and whitespace folding
        "signed in Tashkent on 15 May",  # cut by the boundary: found in chunks 3 + 4 joined
        "‘signed in Tashkent’",  # curly quotes fold to straight ones but must still match text
        "founded in 2002",  # in b.md, rank 5: inside the top 5
        "six states. The CSTO",  # spans a.md and b.md: different documents never join
    ]
    assert m.evidence_found(quotes, Q1_PASSAGES, 5) == [True, True, False, True, False]
    assert m.evidence_found(["founded in 2002"], Q1_PASSAGES, 4) == [False]  # b.md is rank 5
    # the neighbours are joined with their 11-character overlap counted once
    assert (
        m.join_neighbours(Q1_PASSAGES[1], Q1_PASSAGES[2])
        == "The Treaty  was\nsigned in Tashkent on 15 May 1992 by six states."
    )
    # chunk 3 and chunk 5 are not consecutive, so a quote across them is not found
    gap = [passage("a.md", 3, "ends with alpha", 0), passage("a.md", 5, "beta begins", 200)]
    assert m.evidence_found(["alpha beta"], gap) == [False]


STORE = {p["chunk_id"]: p["text"] for p in Q1_PASSAGES}


def cite(n: int, source: dict, quote: str, passage_text: str | None = None) -> dict:
    """A citation as an answer carries it: the quote, the chunk it names and a copy of the passage text."""
    text = source["text"] if passage_text is None else passage_text
    return {"n": n, "doc_id": source["doc_id"], "chunk_id": source["chunk_id"], "quote": quote, "passage": text}


def test_citation_support_needs_the_exact_quote_in_the_stored_chunk() -> None:
    csto = Q1_PASSAGES[4]
    assert m.citation_supported(cite(1, csto, "founded in 2002"), STORE)
    assert not m.citation_supported(cite(1, csto, "founded in 2003"), STORE)
    assert not m.citation_supported(cite(1, csto, ""), STORE)
    # the passage copy inside the answer says "2003" too, but the index holds "2002": the check
    # reads the store, so a quote that only agrees with the answer's own copy fails
    forged = cite(1, csto, "founded in 2003", passage_text="The CSTO was founded in 2003.")
    assert not m.citation_supported(forged, STORE)
    # a chunk the index does not hold (deleted, or an invented id) supports nothing
    assert not m.citation_supported(
        {**cite(1, csto, "founded in 2002"), "chunk_id": "gone.md#0001-000000000000"}, STORE
    )


def test_squad_token_scores() -> None:
    assert m.squad_normalise("The  Quick, brown fox!") == "quick brown fox"
    # prediction "csto was founded in 2002 members met" (7 tokens, markers and "the" dropped) vs 3 reference tokens
    precision, recall, f1 = m.token_scores(
        m.strip_markers("The CSTO was founded in 2002 [1]. Members met [2]."), "founded in 2002"
    )
    assert (precision, recall, f1) == pytest.approx((3 / 7, 1.0, 0.6))
    # repeated tokens count at most as often as in the other side: common = 1 x + 1 y
    assert m.token_scores("x x y", "x y y") == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert m.token_scores("", "Moscow") == (0.0, 0.0, 0.0)


def test_percentile_interpolates_linearly_like_numpy() -> None:
    assert m.percentile([400, 100, 300, 200], 50) == 250
    assert m.percentile([100, 200, 300, 400], 95) == pytest.approx(385)  # rank 2.85: 300 + 0.85 * 100
    assert m.percentile([], 50) is None


def eval_question(qid: str, **fields) -> EvalQuestion:
    return EvalQuestion(id=qid, question=f"question {qid}?", line=int(qid[1:]), **fields)


def four_rows() -> list[dict]:
    """Two answerable and two unanswerable questions, one of each abstained on."""
    cases = [
        (
            eval_question(
                "q1",
                sources=["a.md", "b.md"],
                evidence=["signed in Tashkent on 15 May", "not in any passage"],
                answer="founded in 2002",
                type="factoid",
            ),
            {
                "answer": "The CSTO was founded in 2002 [1]. Members met [2].",
                "abstained": False,
                "passages": Q1_PASSAGES,
                "citations": [cite(1, Q1_PASSAGES[4], "founded in 2002"), cite(2, Q1_PASSAGES[0], "Unrelated words")],
            },
            100.0,
        ),
        (
            eval_question("q2", sources=["c.md"], evidence=["zzz"], answer="Moscow", type="factoid"),
            {
                "answer": "The indexed documents do not answer this question.",
                "abstained": True,
                "passages": [passage("y.md", 0)],
                "citations": [],
            },
            200.0,
        ),
        (
            eval_question("q3", answerable=False, type="trap"),
            {"answer": "no", "abstained": True, "passages": [passage("x.md", 0)], "citations": []},
            300.0,
        ),
        (
            eval_question("q4", answerable=False, type="trap"),
            {
                "answer": "Made up [1].",
                "abstained": False,
                "passages": [passage("x.md", 0)],
                "citations": [cite(1, Q1_PASSAGES[0], "not there")],
            },
            400.0,
        ),
    ]
    return [
        {"answerable": q.answerable, "type": q.type, "metrics": score_question(q, answer, latency, 5, STORE)}
        for q, answer, latency in cases
    ]


def test_aggregate_metrics_worked_out_by_hand() -> None:
    got = aggregate(four_rows())
    expected = {
        # retrieval over q1 (ranking x, a, y, b) and q2 (ranking y; gold c never retrieved)
        "hit@1": 0.0,
        "hit@3": 0.5,
        "hit@5": 0.5,
        "hit@10": 0.5,
        "recall@5": 0.5,  # (2/2 + 0/1) / 2
        "recall@10": 0.5,
        "mrr": 0.25,  # (1/2 + 0) / 2
        "ndcg@10": 0.3255,  # (0.650921 + 0) / 2
        "evidence_recall@5": 0.3333,  # quotes pooled: q1 found 1 of 2, q2 0 of 1
        "citation_support": 0.6667,  # 3 citations, q4's quote is not in its passage
        "citation_precision": 0.5,  # citations of questions with gold: q1's two, one into b.md
        "citation_recall": 1.0,  # answered answerable questions: q1 only, and it cites b.md
        "answer_token_recall": 0.5,  # q1 1.0, q2 abstained -> 0
        "answer_f1": 0.3,  # q1 0.6, q2 0
        "abstention_precision": 0.5,  # abstained on q2 (answerable) and q3 (unanswerable)
        "abstention_recall": 0.5,  # of q3, q4 only q3
        "abstention_f1": 0.5,
        "false_abstention_rate": 0.5,  # q2 of q1, q2
        "outcome_accuracy": 0.5,  # q1 answered and q3 not answered as expected; q2 and q4 wrong
        "latency_ms_p50": 250.0,
        "latency_ms_p95": 385.0,
        "n": 4,
        "n_answerable": 2,
        "n_unanswerable": 2,
        "n_retrieval": 2,
        "n_evidence_quotes": 3,
        "n_citations": 3,
        "n_abstained": 2,
        "n_partial": 0,
    }
    assert set(m.METRIC_KEYS) | set(m.COUNT_KEYS) == set(expected)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-4), key


def test_curves_per_type_and_failure_reasons() -> None:
    rows = four_rows()
    # q1 recall by k: 0, 1/2, 1/2, 1, 1; q2 always 0
    assert curves(rows) == {"recall": [0.0, 0.25, 0.25, 0.5, 0.5], "hit": [0.0, 0.5, 0.5, 0.5, 0.5]}
    types = per_type(rows)
    assert list(types) == ["factoid", "trap"]
    assert types["factoid"]["n"] == 2 and types["factoid"]["abstention_precision"] == 0.0
    assert types["trap"]["abstention_recall"] == 0.5 and types["trap"]["hit@5"] is None
    assert rows[0]["metrics"]["failures"] == []
    assert rows[1]["metrics"]["failures"] == ["abstained on an answerable question", "no gold document in the top 5"]
    assert rows[3]["metrics"]["failures"] == ["answered an unanswerable question"]


def test_undefined_metrics_are_null_not_zero() -> None:
    only_unanswerable = [row for row in four_rows() if not row["answerable"]]
    got = aggregate(only_unanswerable)
    assert got["recall@5"] is None and got["false_abstention_rate"] is None and got["answer_f1"] is None
    assert got["abstention_recall"] == 0.5


def test_gates_name_the_metric_that_missed(tmp_path: Path) -> None:
    metrics = aggregate(four_rows())
    gates = [
        parse_gate("recall@5=0.4", "under"),
        parse_gate("mrr=0.3", "under"),
        parse_gate("latency_ms_p95=380", "over"),
    ]
    assert check_gates(gates, metrics) == [
        "mrr = 0.25 is below 0.3 (--fail-under mrr=0.3)",
        "latency_ms_p95 = 385 is above 380 (--fail-over latency_ms_p95=380)",
    ]
    assert check_gates([parse_gate("hit@5=0.1", "under")], aggregate(four_rows()[2:])) == [
        "hit@5 was not computed on this question set (--fail-under hit@5=0.1)"
    ]
    with pytest.raises(ValueError, match="unknown metric 'recall@7'"):
        parse_gate("recall@7=0.5", "under")
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_gate("recall@5", "under")
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ValueError, match="none of the metric keys"):
        load_baseline(tmp_path / "bad.json")


def test_outcome_accuracy_compares_the_stated_outcome_with_the_gold_one() -> None:
    partial_q = eval_question("q5", outcome="partial", sources=["b.md"], type="partial")
    answered_q = eval_question("q6", sources=["b.md"], type="factoid")
    near_miss = eval_question("q7", answerable=False, type="near_miss")
    said = {"answer": "x [1].", "abstained": False, "passages": Q1_PASSAGES, "citations": []}
    cases = [
        (partial_q, {**said, "outcome": "partial"}),  # right
        (partial_q, {**said, "outcome": "answered"}),  # wrong: it should have named what is missing
        (answered_q, {**said, "outcome": "partial"}),  # wrong: it claimed something was missing
        (answered_q, said),  # right: an answer without `outcome` counts as answered
        (near_miss, {**said, "outcome": "partial"}),  # wrong: partial is not an abstention
        (near_miss, {**said, "abstained": True, "outcome": "not_answered"}),  # right
    ]
    rows = [
        {"answerable": q.answerable, "type": q.type, "metrics": score_question(q, a, 10.0, 5, STORE)} for q, a in cases
    ]
    got = aggregate(rows)
    assert got["outcome_accuracy"] == pytest.approx(3 / 6)
    assert got["n_partial"] == 3
    # a partial answer to an unanswerable question is an answer, not an abstention
    assert got["abstention_recall"] == pytest.approx(1 / 2)
    assert rows[1]["metrics"]["failures"] == ["outcome answered, expected partial"]
    assert per_type(rows)["partial"]["outcome_accuracy"] == pytest.approx(1 / 2)
