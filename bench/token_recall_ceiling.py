"""Where answer token recall is lost: in answers that quote the gold evidence, in answers that
miss it, or in abstentions; and what quoting the evidence alone would score.

A diagnostic for results.jsonl files written by `scoqa eval` (it asks no question itself).
An extractive answer can only reach what its quotes say: the "evidence only" column is the
token recall of the gold evidence quotes against the reference answer, a rough ceiling for an
answer that quotes them and nothing else. An answer "quotes the evidence" when it holds at
least 80 % of the tokens of one evidence quote.

  python bench/token_recall_ceiling.py /tmp/ev/dev-real /tmp/ev/dev-real2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.evaluation.metrics import strip_markers, token_scores

QUOTES_EVIDENCE = 0.8


def summarise(results: Path) -> dict[str, float]:
    """Mean token recall (ours, evidence only, ours with the evidence) and the share of the
    recall lost in each kind of answer, over the answerable questions with a reference answer."""
    ours, evidence_only, together = [], [], []
    lost = {"quotes the evidence": 0.0, "misses the evidence": 0.0, "abstained": 0.0}
    counts = dict.fromkeys(lost, 0)
    for line in results.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        recall = row["metrics"].get("answer_token_recall")
        if recall is None:
            continue
        evidence = row.get("evidence") or []
        answer = "" if row["metrics"]["abstained"] else strip_markers(row.get("answer") or "")
        ours.append(recall)
        evidence_only.append(token_scores(" ".join(evidence), row["reference_answer"])[1])
        together.append(token_scores(f"{answer} {' '.join(evidence)}", row["reference_answer"])[1])
        if not answer:
            kind = "abstained"
        elif any(token_scores(answer, quote)[1] >= QUOTES_EVIDENCE for quote in evidence):
            kind = "quotes the evidence"
        else:
            kind = "misses the evidence"
        counts[kind] += 1
        lost[kind] += 1 - recall
    n = len(ours) or 1
    out = {"questions": len(ours), "ours": sum(ours) / n, "evidence only": sum(evidence_only) / n}
    out["ours + evidence"] = sum(together) / n
    for kind in lost:
        out[f"{kind}: n"] = counts[kind]
        out[f"{kind}: recall lost"] = lost[kind] / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="output directories of `scoqa eval` (with results.jsonl)")
    args = parser.parse_args()
    for run in args.runs:
        summary = summarise(run / "results.jsonl")
        print(run)
        for key, value in summary.items():
            print(f"  {key:32s} {value:.3f}" if isinstance(value, float) else f"  {key:32s} {value}")


if __name__ == "__main__":
    main()
