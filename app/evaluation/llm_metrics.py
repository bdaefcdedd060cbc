"""`scoqa eval --llm`: how the language model's answers fared, beside the usual metrics.

- supported_sentence_rate: of the sentences shown in model-written answers, the share
  the checker supports when it re-checks the final answer text against the passages
  its markers cite (an independent pass over what users see, so a composer bug that
  let an unchecked sentence through would lower it);
- removed_sentence_rate: of all sentences the model wrote, the share the checker removed;
- fallback_rate: of the questions the model was asked, the share answered with quotes
  instead (model down or slow, no answer found, too little supported);
- time to first token and total generation time (p50, p95).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.evaluation.metrics import percentile, ratio

LLM_KEYS = (
    "supported_sentence_rate",
    "removed_sentence_rate",
    "fallback_rate",
    "llm_first_token_ms_p50",
    "llm_first_token_ms_p95",
    "llm_total_ms_p50",
    "llm_total_ms_p95",
    "n_llm_asked",
    "n_llm_answers",
    "n_llm_sentences",
)


def llm_metrics(rows: Sequence[dict[str, Any]], checker: Any = None) -> dict[str, Any]:
    """The LLM metrics of eval result rows (each a `scoqa ask --json` object plus gold fields)."""
    from app.answering.llm.draft import split_draft

    if checker is None:
        from app.answering.llm.generate import default_checker

        checker = default_checker()
    asked = [r for r in rows if r.get("mode") in ("llm", "llm_fallback")]
    written = [s for r in asked for s in r.get("sentences") or []]
    shown = supported = 0
    for row in (r for r in asked if r.get("mode") == "llm"):
        passages = {c["n"]: c.get("passage") or "" for c in row.get("citations") or []}
        numbered = [passages.get(n, "") for n in range(1, max(passages, default=0) + 1)]
        sentences = [(s.text, s.citations) for s in split_draft(row.get("answer") or "")]
        checked = checker.check(sentences, numbered)
        shown += len(checked)
        supported += sum(1 for c in checked if c.supported and not c.recited)
    first = [r["timings_ms"]["llm_first_token_ms"] for r in asked if "llm_first_token_ms" in r.get("timings_ms", {})]
    total = [r["timings_ms"]["llm_total_ms"] for r in asked if "llm_total_ms" in r.get("timings_ms", {})]
    return {
        "supported_sentence_rate": ratio(supported, shown),
        "removed_sentence_rate": ratio(sum(1 for s in written if not s.get("supported")), len(written)),
        "fallback_rate": ratio(sum(1 for r in asked if r.get("mode") == "llm_fallback"), len(asked)),
        "llm_first_token_ms_p50": percentile(first, 50),
        "llm_first_token_ms_p95": percentile(first, 95),
        "llm_total_ms_p50": percentile(total, 50),
        "llm_total_ms_p95": percentile(total, 95),
        "n_llm_asked": len(asked),
        "n_llm_answers": sum(1 for r in asked if r.get("mode") == "llm"),
        "n_llm_sentences": len(written),
    }
