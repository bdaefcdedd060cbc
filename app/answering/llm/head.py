"""The checker's learned head: a logistic regression over the checker's own signals.

Each signal alone errs both ways on the dev pairs (a negation cue fires on true
paraphrases, a MiniLM cosine of 0.7 means support in one paragraph and not in another);
a hand-set threshold on one of them fitted the pairs it was set on and missed on new
ones. The head weighs all of them at once. Its coefficients, feature scaling and
decision threshold live in checker_head.json beside this module (plain numbers, no
pickle), written by `python bench/bench_checker.py --fit` from the dev pairs only, and
read once at import. Scoring is a dot product: scikit-learn is needed to fit, not to run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

HEAD_FILE = Path(__file__).with_name("checker_head.json")
REFIT = "run python bench/bench_checker.py --fit to rebuild it"
# Every signal the checker's Evidence can give (Evidence.features); a head uses some of them.
KNOWN_FEATURES = frozenset(
    {
        "cosine",  # best MiniLM cosine to a passage sentence or adjacent pair
        "cosine_sentence",  # best MiniLM cosine to a single passage sentence
        "coverage",  # share of the sentence's content words the passage has
        "uncovered",  # how many of them it lacks
        "spelt_missing",  # numbers written in words ('two', 'twice') the passage lacks
        "unbound",  # facts the passage attaches to something else
        "swapped",  # facts the passage pairs with another of the sentence's facts
        "reversed",  # opposites that turn the passage around
        "negation",  # a negation in one of sentence and passage but not the other
    }
)


@dataclass(frozen=True)
class Head:
    """P(unsupported) = sigmoid(coef . (x - mean) / scale + intercept); reject at or above `threshold`."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def unsupported(self, values: Mapping[str, float]) -> float:
        """The probability that the sentence is not supported, given the checker's signals."""
        z = self.intercept + sum(
            c * (values[f] - m) / s for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return 1 / (1 + math.exp(-z)) if z > -700 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
        }


def head_from_dict(data: Mapping[str, object], where: str = "head") -> Head:
    """Validate a head's fields, naming the file and field of any error."""
    features = data.get("features")
    if not isinstance(features, list) or not features or not set(features) <= KNOWN_FEATURES:
        raise ValueError(f"{where}: 'features' must be a non-empty list drawn from {sorted(KNOWN_FEATURES)}")
    vectors = {}
    for key in ("mean", "scale", "coef"):
        value = data.get(key)
        if not isinstance(value, list) or len(value) != len(features) or not all(_number(v) for v in value):
            raise ValueError(f"{where}: {key!r} must be a list of {len(features)} numbers, one per feature")
        vectors[key] = tuple(float(v) for v in value)
    if any(s <= 0 for s in vectors["scale"]):
        raise ValueError(f"{where}: every 'scale' must be positive; {REFIT}")
    for key in ("intercept", "threshold"):
        if not _number(data.get(key)):
            raise ValueError(f"{where}: {key!r} must be a number")
    if not 0 < float(data["threshold"]) < 1:  # type: ignore[arg-type]
        raise ValueError(f"{where}: 'threshold' is a probability, strictly between 0 and 1")
    return Head(
        tuple(features),
        vectors["mean"],
        vectors["scale"],
        vectors["coef"],
        float(data["intercept"]),  # type: ignore[arg-type]
        float(data["threshold"]),  # type: ignore[arg-type]
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load_head(path: Path = HEAD_FILE) -> Head:
    """Read the head the checker uses; a missing or malformed file is an error that says how to rebuild it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"{path}: the checker's head is missing; {REFIT}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc.msg}); {REFIT}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise ValueError(f"{path}: expected an object with a 'head' field; {REFIT}")
    return head_from_dict(data["head"], str(path))


HEAD = load_head()
