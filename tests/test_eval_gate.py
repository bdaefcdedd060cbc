"""Regression gate: the dev set over documents/ must keep the metrics in tests/data/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.settings import Settings
from tests.conftest import DATA

pytestmark = pytest.mark.integration

FLOORS = json.loads((DATA / "eval_floors.json").read_text(encoding="utf-8"))


def test_dev_set_meets_the_floors(documents_index: Settings, tmp_path: Path) -> None:
    gates = [f"--fail-under={key}={value}" for key, value in FLOORS["fail_under"].items()]
    gates += [f"--fail-over={key}={value}" for key, value in FLOORS["fail_over"].items()]
    out = tmp_path / "dev"
    args = ["eval", str(DATA / "questions.jsonl"), "--index", str(documents_index.index_dir), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, *gates])
    failures = [line for line in result.stderr.splitlines() if line.startswith("FAIL")]
    assert result.exit_code == 0, "\n".join(failures) or result.output
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["n"] == 111 and metrics["n_unanswerable"] == 21 and metrics["n_errors"] == 0
    assert metrics["settings"]["gold_doc_ids_not_in_index"] == []
