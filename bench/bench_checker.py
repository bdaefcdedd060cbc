"""Precision and recall of the sentence checker at catching unsupported sentences.

    python bench/bench_checker.py            # report the shipped CheckerConfig on dev and heldout
    python bench/bench_checker.py --fit      # grid-search the thresholds on the dev split only

The pairs are tests/data/checker_pairs.jsonl (see app/answering/llm/pairs.py). The
fit never reads the heldout split; the heldout numbers are the ones to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from app.answering.llm.checker import CheckerConfig, SupportChecker  # noqa: E402
from app.answering.llm.pairs import judge, load_pairs, metrics  # noqa: E402
from ingest.embedding import get_embedder  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "checker_pairs.jsonl"


def fit(checker: SupportChecker, dev: list) -> CheckerConfig:
    """The config with the best dev precision among those with dev recall >= 0.95 (else best recall)."""
    best_key, best = None, checker.config
    for contribution in (1, 2):
        for weight in [i / 10 for i in range(11)]:
            checker.config = replace(checker.config, min_contribution=contribution, coverage_weight=weight)
            evidence = [(pair, checker.evidence(pair.sentence, pair.passage)) for pair in dev]
            for threshold in [t / 100 for t in range(30, 96)]:
                config = replace(checker.config, threshold=threshold)
                checker.config = config
                m = metrics([(p, e, checker.passes(e)) for p, e in evidence])
                key = (m["recall"] >= 0.95, m["precision"] if m["recall"] >= 0.95 else m["recall"], -threshold)
                if best_key is None or key > best_key:
                    best_key, best = key, config
    checker.config = best
    return best


def report(checker: SupportChecker, pairs: list, split: str) -> dict:
    judged = judge(checker, [p for p in pairs if p.split == split])
    result = metrics(judged)
    result["missed"] = [f"{p.id} ({p.kind}) support={e.support}" for p, e, ok in judged if ok and not p.supported]
    result["false_alarms_list"] = [
        f"{p.id}: {'; '.join(e.problems) or f'support={e.support}'}" for p, e, ok in judged if not ok and p.supported
    ]
    by_kind: dict[str, list[int]] = {}
    for pair, _, ok in judged:
        right = ok == pair.supported
        by_kind.setdefault(pair.kind, [0, 0])[0] += right
        by_kind[pair.kind][1] += 1
    result["correct_by_kind"] = {k: f"{a}/{b}" for k, (a, b) in sorted(by_kind.items())}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="grid-search thresholds on the dev split")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="both", help="which split to report")
    args = parser.parse_args()
    pairs = load_pairs(args.pairs)
    checker = SupportChecker(get_embedder("minilm"))
    if args.fit:
        print("fitted on dev:", fit(checker, [p for p in pairs if p.split == "dev"]))
    print("config:", checker.config)
    for split in ("dev", "heldout") if args.split == "both" else (args.split,):
        started = time.perf_counter()
        result = report(checker, pairs, split)
        result["ms_per_pair"] = round((time.perf_counter() - started) * 1000 / max(result["pairs"], 1), 1)
        print(split, json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
