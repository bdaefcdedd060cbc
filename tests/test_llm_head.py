"""The checker's learned head: the shipped JSON loads and leans the right way, bad files are
named, and the fit chooses a threshold that reaches its recall target on held-out groups."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.answering.llm.head import HEAD, HEAD_FILE, KNOWN_FEATURES, load_head
from app.answering.llm.head_fit import Sample, choose_threshold, counts, fit_head, judged, nested_cross_validation

pytestmark = pytest.mark.unit

NEUTRAL = {"cosine": 0.8, "cosine_sentence": 0.8, "coverage": 0.9, "uncovered": 1.0} | {
    name: 0.0 for name in ("spelt_missing", "unbound", "swapped", "reversed", "negation")
}


def test_the_shipped_head_loads_and_was_fitted_on_dev_pairs_only() -> None:
    assert set(HEAD.features) <= KNOWN_FEATURES and len(HEAD.coef) == len(HEAD.features)
    assert 0 < HEAD.threshold < 1
    document = json.loads(HEAD_FILE.read_text(encoding="utf-8"))
    assert set(document["fitted_on"]) <= {"dev", "dev2", "dev3", "documents", "threshold_out_of_fold_recall"}
    assert document["fitted_on"]["threshold_out_of_fold_recall"] >= 0.95  # what the threshold was chosen for
    assert document["nested_cross_validation"]["all"]["pairs"] == sum(
        document["fitted_on"][name] for name in ("dev", "dev2", "dev3")
    )


@pytest.mark.parametrize("signal", ["unbound", "reversed", "negation"])
def test_each_warning_signal_raises_the_probability_of_unsupported(signal: str) -> None:
    assert HEAD.unsupported(NEUTRAL | {signal: 1.0}) > HEAD.unsupported(NEUTRAL)


def test_a_closer_match_lowers_the_probability_of_unsupported() -> None:
    close = NEUTRAL | {"cosine": 0.95, "cosine_sentence": 0.95, "coverage": 1.0, "uncovered": 0.0}
    far = NEUTRAL | {"cosine": 0.45, "cosine_sentence": 0.4, "coverage": 0.3, "uncovered": 6.0}
    assert HEAD.unsupported(close) < HEAD.threshold <= HEAD.unsupported(far)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda h: h | {"coef": h["coef"][:-1]}, "'coef'"),
        (lambda h: h | {"features": [*h["features"][:-1], "sentiment"]}, "'features'"),
        (lambda h: h | {"threshold": 1.5}, "'threshold'"),
        (lambda h: h | {"scale": [0.0] * len(h["scale"])}, "'scale'"),
    ],
)
def test_a_malformed_head_file_names_the_file_and_field(tmp_path: Path, edit, field: str) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(HEAD_FILE.read_text(encoding="utf-8"))
    bad = tmp_path / "head.json"
    bad.write_text(json.dumps({"head": edit(document["head"])}), encoding="utf-8")
    with pytest.raises(ValueError, match=field) as caught:
        load_head(bad)
    assert str(bad) in str(caught.value)


def test_a_missing_head_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"bench_checker\.py --fit"):
        load_head(tmp_path / "absent.json")


def test_the_threshold_is_the_highest_that_reaches_the_recall_target() -> None:
    y = np.array([True] * 20 + [False] * 10)
    hard = np.array([True] * 5 + [False] * 25)  # five caught by the hard rule whatever their score
    scores = np.concatenate([np.zeros(5), np.linspace(0.95, 0.2, 15), np.linspace(0.5, 0.05, 10)])
    threshold = choose_threshold(scores, y, hard, target=0.9)
    assert counts(judged(scores, hard, threshold), y)["recall"] >= 0.9
    higher = np.sort(scores[y & ~hard])[::-1]
    assert counts(judged(scores, hard, higher[higher >= threshold].min() + 1e-9), y)["recall"] < 0.9


def _synthetic(seed: int) -> list[Sample]:
    """Two signals that separate the labels with some overlap, over eight 'documents'."""
    rng = np.random.default_rng(seed)
    samples = []
    for i in range(400):
        unsupported = bool(i % 2)
        cosine = rng.normal(0.62 if unsupported else 0.8, 0.08)
        reversed_ = float(unsupported and rng.random() < 0.3)
        features = NEUTRAL | {"cosine": cosine, "reversed": reversed_}
        samples.append(Sample(features, unsupported, hard=unsupported and rng.random() < 0.2, group=f"d{i % 8}"))
    return samples


def test_fitting_learns_the_signals_direction_and_cross_validates_by_group() -> None:
    head, recall = fit_head(_synthetic(1), features=("cosine", "reversed"))
    assert recall >= 0.95
    assert head.coef[0] < 0 < head.coef[1]  # lower cosine, or a reversal, means unsupported
    report = nested_cross_validation(_synthetic(2), features=("cosine", "reversed"))
    assert report["all"]["pairs"] == 400 and report["all"]["recall"] >= 0.85  # thresholds chosen without the group
