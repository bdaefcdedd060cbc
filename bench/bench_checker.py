"""Precision and recall of the sentence checker at catching unsupported sentences.

    python bench/bench_checker.py --split dev   # dev, dev2, dev3 only: what to look at while developing
    python bench/bench_checker.py --fit         # refit the head on dev + dev2 + dev3, rewrite its JSON, report dev
    python bench/bench_checker.py               # report the shipped head on dev, dev2, dev3 and heldout

The pairs are tests/data/checker_pairs.jsonl (dev + heldout, see app/answering/llm/pairs.py)
and tests/data/checker_pairs_dev2.jsonl and checker_pairs_dev3.jsonl (more dev pairs, from
other paragraphs of the dev documents). --fit reads the dev pairs only: it fits the
logistic-regression head (app/answering/llm/head_fit.py), chooses its threshold by
leave-one-document-out cross-validation, prints the nested cross-validated metrics and
rewrites app/answering/llm/checker_head.json. The heldout numbers are the ones to quote,
measured once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from app.answering.llm.checker import SupportChecker  # noqa: E402
from app.answering.llm.head import HEAD_FILE  # noqa: E402
from app.answering.llm.pairs import Pair, judge, load_pairs, metrics  # noqa: E402
from ingest.embedding import get_embedder  # noqa: E402

DATA = ROOT / "tests" / "data"
PAIRS = DATA / "checker_pairs.jsonl"
DEV_FILES = {"dev2": DATA / "checker_pairs_dev2.jsonl", "dev3": DATA / "checker_pairs_dev3.jsonl"}


def fit(checker: SupportChecker, dev: dict[str, list[Pair]], out: Path) -> dict:
    """Fit the head on every dev pair, write it to `out`, and return its nested cross-validation."""
    from app.answering.llm.head_fit import Sample, fit_head, nested_cross_validation

    samples = []
    for source, pairs in dev.items():
        for pair in pairs:
            evidence = checker.signals(pair.sentence, pair.passage)
            samples.append(Sample(evidence.features, not pair.supported, bool(evidence.missing), pair.doc_id, source))
    head, recall = fit_head(samples)
    cv = nested_cross_validation(samples)
    document = {
        "about": "The checker's logistic-regression head (app/answering/llm/head.py), written by "
        "python bench/bench_checker.py --fit from the dev pairs only; threshold = the highest P(unsupported) "
        "reaching recall 0.95 in leave-one-document-out predictions.",
        "head": head.to_dict(),
        "fitted_on": {name: len(pairs) for name, pairs in dev.items()}
        | {"documents": len({s.group for s in samples}), "threshold_out_of_fold_recall": recall},
        "nested_cross_validation": cv,
    }
    out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    checker.head = head
    return cv


def report(checker: SupportChecker, pairs: list) -> dict:
    judged = judge(checker, pairs)
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
    parser.add_argument("--fit", action="store_true", help="refit the head on the dev pairs and rewrite its JSON")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--head", type=Path, default=HEAD_FILE, help="where --fit writes the head")
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="both", help="which split to report")
    args = parser.parse_args()
    pairs = load_pairs(args.pairs)
    sets = {"dev": [p for p in pairs if p.split == "dev"]}
    sets |= {name: [p for p in load_pairs(path) if p.split == "dev"] for name, path in DEV_FILES.items()}
    checker = SupportChecker(get_embedder("minilm"))
    if args.fit:
        cv = fit(checker, sets, args.head)
        print(f"wrote {args.head}\nnested leave-one-document-out cross-validation:", json.dumps(cv, indent=1))
        if args.split == "both":
            args.split = "dev"  # a fit is judged by its cross-validation; heldout is measured on its own
    print("head:", checker.head)
    names = {"dev": list(sets), "heldout": ["heldout"], "both": [*sets, "heldout"]}[args.split]
    if "heldout" in names:
        sets["heldout"] = [p for p in pairs if p.split == "heldout"]
    for name in names:
        started = time.perf_counter()
        result = report(checker, sets[name])
        result["ms_per_pair"] = round((time.perf_counter() - started) * 1000 / max(result["pairs"], 1), 1)
        print(name, json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
