"""Calibrate the `scoqa trends --semantic` threshold, and report it on an independent corpus.

python bench/calibrate_trends_semantic.py --dev-index DIR --test-index DIR [--model minilm]

Silver labels: for each built-in concept, a passage is "about" it when it names one of the
concept's terms (the literal matcher). The query is the concept's name and description, as a
user would type it. The threshold with the best mean F1 over the concepts on the dev index
(documents/) is chosen; the test index (../shared/corpus) is only reported. Passages that speak of
a concept without its words count as false positives under this label, so the threshold it picks
is on the strict side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from app.trends.lexicon import BUILT_IN
from app.trends.matching import matcher_for
from app.trends.semantic import stored_vectors
from app.trends.service import TrendsService
from ingest.embedding import get_embedder
from ingest.settings import Settings

THRESHOLDS = [round(0.10 + 0.01 * i, 2) for i in range(71)]


def scores_and_labels(index: Path, model: str) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Per concept: every passage's similarity to the description, and whether it names the concept."""
    service = TrendsService(Settings(docs_dir=index / "unused", index_dir=index, embed_model=model))
    vectors = stored_vectors(service.settings, service.store)
    passages = [(c.chunk_id, d.text[c.start : c.end]) for d in service.documents() for c in d.chunks]
    matrix = np.stack([vectors[chunk_id] for chunk_id, _ in passages])
    embedder = get_embedder(model)
    out = []
    for concept in BUILT_IN:
        query = embedder.embed_queries([f"{concept.name}: {concept.description}"])[0]
        labels = np.array([bool(matcher_for(concept).spans(text)) for _, text in passages])
        if labels.any():
            out.append((concept.name, matrix @ query, labels))
    return out


def f1_at(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float, float]:
    predicted = scores >= threshold
    hits = float((predicted & labels).sum())
    precision = hits / predicted.sum() if predicted.any() else 0.0
    recall = hits / labels.sum()
    return precision, recall, (2 * precision * recall / (precision + recall) if hits else 0.0)


def mean_at(data: list[tuple[str, np.ndarray, np.ndarray]], threshold: float) -> tuple[float, float, float]:
    values = np.array([f1_at(s, y, threshold) for _, s, y in data])
    return tuple(float(v) for v in values.mean(axis=0))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-index", type=Path, required=True, help="index of documents/")
    parser.add_argument("--test-index", type=Path, required=True, help="index of ../shared/corpus")
    parser.add_argument("--model", default="minilm")
    args = parser.parse_args()
    dev, test = scores_and_labels(args.dev_index, args.model), scores_and_labels(args.test_index, args.model)
    best = max(THRESHOLDS, key=lambda t: mean_at(dev, t)[2])
    print(f"model {args.model}: threshold {best:.2f} (best mean F1 on the dev index)\n")
    print("| threshold | dev precision | dev recall | dev F1 | test precision | test recall | test F1 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in sorted({round(best + d, 2) for d in (-0.10, -0.05, 0.0, 0.05, 0.10)}):
        row = [*mean_at(dev, t), *mean_at(test, t)]
        print(f"| {t:.2f}{' (chosen)' if t == best else ''} | " + " | ".join(f"{v:.2f}" for v in row) + " |")
    print("\nPer concept at the chosen threshold (test index): precision / recall / F1")
    for name, scores, labels in test:
        p, r, f = f1_at(scores, labels, best)
        print(f"  {name}: {p:.2f} / {r:.2f} / {f:.2f}  ({int(labels.sum())} passages name it)")


if __name__ == "__main__":
    main()
