"""The checker's own evaluation: labelled (sentence, passage, supported) pairs.

tests/data/checker_pairs.jsonl holds one JSON object a line: `id`, `split` ("dev" for
fitting the checker's thresholds, "heldout" for reporting only), `doc_id`, `sentence`,
`passage`, `supported` (bool) and `kind` (paraphrase, number, date, name, swap,
reversal, negation, topical). The positive class of the metrics is *unsupported*:
recall is the share of unsupported sentences the checker catches, precision the share
of sentences it rejects that really are unsupported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.answering.llm.checker import Evidence, SupportChecker

SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class Pair:
    id: str
    split: str
    sentence: str
    passage: str
    supported: bool
    kind: str
    doc_id: str = ""  # the document the passage comes from: cross-validation folds group by it


def load_pairs(path: Path) -> list[Pair]:
    """Read and validate the pairs file, naming the line and field of any error."""
    pairs = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc.msg})") from exc
        for key, kind in (("id", str), ("split", str), ("sentence", str), ("passage", str), ("supported", bool)):
            if not isinstance(row.get(key), kind):
                raise ValueError(f"{where}: field {key!r} must be a {kind.__name__}")
        if row["split"] not in SPLITS:
            raise ValueError(f"{where}: split must be one of {', '.join(SPLITS)}, not {row['split']!r}")
        pairs.append(
            Pair(
                row["id"],
                row["split"],
                row["sentence"],
                row["passage"],
                row["supported"],
                row.get("kind", ""),
                row.get("doc_id", ""),
            )
        )
    return pairs


def judge(checker: SupportChecker, pairs: list[Pair]) -> list[tuple[Pair, Evidence, bool]]:
    """Each pair with the checker's evidence and verdict (True = supported)."""
    out = []
    for pair in pairs:
        evidence = checker.evidence(pair.sentence, pair.passage)
        out.append((pair, evidence, checker.passes(evidence)))
    return out


def metrics(judged: list[tuple[Pair, Evidence, bool]]) -> dict[str, float]:
    """Precision and recall at catching unsupported sentences, and the counts behind them."""
    refused = np.array([not ok for _, _, ok in judged], dtype=bool)
    unsupported = np.array([not pair.supported for pair, _, _ in judged], dtype=bool)
    return counts(refused, unsupported)


def counts(refused: np.ndarray, unsupported: np.ndarray) -> dict[str, float]:
    """Recall and precision at catching unsupported sentences (`unsupported` is the truth, `refused`
    the checker's verdict, one entry per pair), with the counts behind them."""
    caught, flagged, wrong = int((refused & unsupported).sum()), int(refused.sum()), int(unsupported.sum())
    return {
        "pairs": len(unsupported),
        "unsupported": wrong,
        "caught": caught,
        "false_alarms": flagged - caught,
        "recall": round(caught / wrong, 4) if wrong else 1.0,
        "precision": round(caught / flagged, 4) if flagged else 1.0,
    }
