"""Fitting the checker's head on labelled pairs, and measuring it by grouped cross-validation.

The head (head.py) is a logistic regression over the checker's signals, fitted on the
pairs that pass the hard rule (a digit, date or name the passage lacks is refused
whatever the head says). Its decision threshold is the highest probability of
"unsupported" at which leave-one-document-out predictions still catch TARGET_RECALL of
the unsupported sentences (hard-rule catches included): folds group by document, so a
threshold is never chosen on predictions for paragraphs of a document the model saw.

The reported estimate is nested: each document in turn is held out, the threshold is
chosen by the same leave-one-document-out procedure on the other documents alone,
and the held-out document is judged with it. Only the dev pairs are ever fitted on.
Needs scikit-learn, imported here and nowhere the product runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.answering.llm.head import Head
from app.answering.llm.pairs import counts

TARGET_RECALL = 0.95
FEATURES = (
    "cosine",
    "cosine_sentence",
    "coverage",
    "uncovered",
    "spelt_missing",
    "unbound",
    "swapped",
    "reversed",
    "negation",
)
REGULARISATION = 1.0  # scikit-learn's C on standardised features


@dataclass(frozen=True)
class Sample:
    """One labelled pair as the head sees it."""

    features: dict[str, float]
    unsupported: bool
    hard: bool  # refused by the hard rule, whatever the head says
    group: str  # the document: folds never split one
    source: str = ""  # the pairs file, for reporting


@dataclass(frozen=True)
class _Data:
    x: np.ndarray
    y: np.ndarray  # True = unsupported
    hard: np.ndarray
    groups: np.ndarray

    def take(self, mask: np.ndarray) -> _Data:
        return _Data(self.x[mask], self.y[mask], self.hard[mask], self.groups[mask])


def _data(samples: Sequence[Sample], features: Sequence[str]) -> _Data:
    if not samples:
        raise ValueError("no pairs to fit the checker's head on")
    return _Data(
        np.array([[s.features[f] for f in features] for s in samples], dtype=float),
        np.array([s.unsupported for s in samples]),
        np.array([s.hard for s in samples]),
        np.array([s.group for s in samples]),
    )


def _fit(data: _Data, features: Sequence[str], c: float) -> Head:
    """A logistic regression on the pairs the hard rule lets through; threshold left at 0.5."""
    from sklearn.linear_model import LogisticRegression

    soft = data.take(~data.hard)
    mean = soft.x.mean(axis=0)
    scale = soft.x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((soft.x - mean) / scale, soft.y)
    floats = [tuple(float(v) for v in vector) for vector in (mean, scale, model.coef_[0])]
    return Head(tuple(features), *floats, float(model.intercept_[0]), 0.5)


def _scores(head: Head, x: np.ndarray) -> np.ndarray:
    z = (x - np.array(head.mean)) / np.array(head.scale) @ np.array(head.coef) + head.intercept
    return 1 / (1 + np.exp(-z))


def _out_of_fold(data: _Data, features: Sequence[str], c: float) -> np.ndarray:
    """Each pair's probability of "unsupported" from a head fitted without its document."""
    scores = np.zeros(len(data.y))
    for group in np.unique(data.groups):
        held = data.groups == group
        scores[held] = _scores(_fit(data.take(~held), features, c), data.x[held])
    return scores


def choose_threshold(scores: np.ndarray, y: np.ndarray, hard: np.ndarray, target: float = TARGET_RECALL) -> float:
    """The highest threshold at which hard catches plus scores >= threshold reach `target` recall,
    set halfway down to the next lower score so that it is not the edge of one pair."""
    needed = int(np.ceil(target * y.sum() - 1e-9)) - int((y & hard).sum())
    soft = ~hard
    positives = np.sort(scores[y & soft])[::-1]
    if needed <= 0:
        edge = float(positives[0]) if len(positives) else 0.5
    else:
        edge = float(positives[min(needed, len(positives)) - 1])
    lower = scores[soft & (scores < edge)]
    threshold = (edge + float(lower.max())) / 2 if len(lower) else edge
    return float(min(max(threshold, 1e-6), 1 - 1e-6))


def judged(scores: np.ndarray, hard: np.ndarray, threshold: float) -> np.ndarray:
    """True where the checker refuses the sentence."""
    return hard | (scores >= threshold)


def fit_head(
    samples: Sequence[Sample], features: Sequence[str] = FEATURES, c: float = REGULARISATION
) -> tuple[Head, float]:
    """The head fitted on all `samples`, with its cross-validated threshold; and that threshold's
    out-of-fold recall (what the threshold was chosen to reach)."""
    data = _data(samples, features)
    scores = _out_of_fold(data, features, c)
    threshold = choose_threshold(scores, data.y, data.hard)
    head = _fit(data, features, c)
    fitted = Head(head.features, head.mean, head.scale, head.coef, head.intercept, round(threshold, 6))
    return fitted, counts(judged(scores, data.hard, threshold), data.y)["recall"]


def nested_cross_validation(
    samples: Sequence[Sample], features: Sequence[str] = FEATURES, c: float = REGULARISATION
) -> dict[str, dict[str, float]]:
    """Leave-one-document-out verdicts, each with a threshold chosen without that document:
    the metrics overall and per pairs file."""
    data = _data(samples, features)
    refused = np.zeros(len(data.y), dtype=bool)
    for group in np.unique(data.groups):
        held = data.groups == group
        train = data.take(~held)
        threshold = choose_threshold(_out_of_fold(train, features, c), train.y, train.hard)
        scores = _scores(_fit(train, features, c), data.x[held])
        refused[held] = judged(scores, data.hard[held], threshold)
    sources = np.array([s.source for s in samples])
    report = {"all": counts(refused, data.y)}
    for source in dict.fromkeys(sources):
        report[str(source)] = counts(refused[sources == source], data.y[sources == source])
    return report
