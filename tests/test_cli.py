"""`scoqa` commands driven through click's CliRunner and real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.settings import Settings
from tests.test_refresh import small_corpus


@pytest.mark.unit
def test_help_is_fast_because_heavy_libraries_load_lazily() -> None:
    code = "import sys, app.cli; assert not {'torch','chromadb','gradio','sentence_transformers'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
    result = subprocess.run(["scoqa", "--help"], capture_output=True, text=True, check=True)
    for verb in ("ingest", "ask", "status", "serve"):
        assert verb in result.stdout


@pytest.mark.integration
def test_ingest_ask_status_json_contracts(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    runner = CliRunner()
    args = ["--docs", str(settings.docs_dir), "--index", str(settings.index_dir)]

    first = runner.invoke(main, ["ingest", *args, "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output)
    assert {k: summary[k] for k in ("added", "updated", "removed", "unchanged", "failed")} == {
        "added": 2,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "failed": [],
    }

    again = runner.invoke(main, ["ingest", *args])
    assert again.exit_code == 0 and "nothing to embed" in again.output

    asked = runner.invoke(main, ["ask", "When was the Shanghai Five formed?", *args, "--json", "--top-k", "3"])
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.output)
    assert {"question", "answer", "abstained", "citations", "passages", "timings_ms"} <= set(answer)
    assert answer["abstained"] is False and "1996" in answer["answer"]
    assert {"n", "doc_id", "title", "chunk_id", "quote", "score"} <= set(answer["citations"][0])
    assert answer["citations"][0]["doc_id"] == "five.md"
    assert len(answer["passages"]) <= 3
    assert {"doc_id", "chunk_id", "text", "score"} <= set(answer["passages"][0])

    status = runner.invoke(main, ["status", *args, "--json"])
    facts = json.loads(status.output)
    assert facts["documents"] == 2 and facts["chunks"] > 0
    assert facts["embed_model"] == "minilm" and facts["last_ingest"]

    text = runner.invoke(main, ["ask", "When was the Shanghai Five formed?", *args])
    assert "[1]" in text.output and "Sources:" in text.output and "five.md" in text.output


@pytest.mark.integration
def test_env_fallbacks_choose_the_index(tmp_path: Path, monkeypatch) -> None:
    settings = small_corpus(tmp_path)
    monkeypatch.setenv("SCOQA_DOCS", str(settings.docs_dir))
    monkeypatch.setenv("SCOQA_INDEX", str(settings.index_dir))
    assert Settings.from_env().index_dir == settings.index_dir.resolve()
    result = CliRunner().invoke(main, ["ingest", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["added"] == 2


@pytest.mark.unit
def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "anything?", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no index at" in result.output and "scoqa ingest" in result.output
