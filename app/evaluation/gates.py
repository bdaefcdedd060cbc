"""--fail-under / --fail-over: CI gates on metrics.json keys, and --baseline files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.evaluation.metrics import COUNT_KEYS, METRIC_KEYS

GATE_KEYS = (*METRIC_KEYS, *COUNT_KEYS)


@dataclass(frozen=True)
class Gate:
    """One bound: `under` gates fail when the metric is below the value, `over` gates when above."""

    key: str
    value: float
    direction: str  # "under" or "over"

    def failure(self, metrics: dict[str, Any]) -> str | None:
        """A message naming the metric when it misses the bound, else None."""
        actual = metrics.get(self.key)
        option = f"--fail-{self.direction} {self.key}={self.value:g}"
        if actual is None:
            return f"{self.key} was not computed on this question set ({option})"
        if self.direction == "under" and actual < self.value:
            return f"{self.key} = {actual:g} is below {self.value:g} ({option})"
        if self.direction == "over" and actual > self.value:
            return f"{self.key} = {actual:g} is above {self.value:g} ({option})"
        return None


def parse_gate(text: str, direction: str) -> Gate:
    """'recall@5=0.9' -> Gate; ValueError naming the problem and the known keys."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ValueError(f"--fail-{direction} {text!r} must look like KEY=VALUE, e.g. recall@5=0.9")
    if key not in GATE_KEYS:
        raise ValueError(f"--fail-{direction}: unknown metric {key!r}; use one of {', '.join(GATE_KEYS)}")
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"--fail-{direction} {text!r}: {raw!r} is not a number") from exc
    return Gate(key, value, direction)


def check_gates(gates: list[Gate], metrics: dict[str, Any]) -> list[str]:
    """Messages for every gate the metrics miss, in the order given."""
    return [message for gate in gates if (message := gate.failure(metrics))]


def load_baseline(path: Path) -> dict[str, Any]:
    """A metrics.json from an earlier run; ValueError naming the file when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"--baseline {path}: no such file; give the metrics.json of an earlier run") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"--baseline {path}: not JSON ({exc.msg} on line {exc.lineno})") from exc
    if not isinstance(data, dict) or not any(key in data for key in METRIC_KEYS):
        raise ValueError(f"--baseline {path}: has none of the metric keys; give the metrics.json of an earlier run")
    return data
