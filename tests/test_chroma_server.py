"""The same commands against a real `chroma run` server instead of the embedded index."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from tests.conftest import free_port
from tests.test_refresh import small_corpus

pytestmark = pytest.mark.integration


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    chroma = shutil.which("chroma")
    if chroma is None:
        pytest.fail("the `chroma` command (from the chromadb package) is not on PATH")
    port = free_port()
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_ingest_and_ask_against_a_chroma_server(tmp_path: Path, chroma_server: str) -> None:
    settings = small_corpus(tmp_path)
    args = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "local"), "--chroma-url", chroma_server]
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", *args, "--json"])
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.output)["added"] == 2
    assert not (tmp_path / "local" / "chroma").exists()  # vectors live on the server only

    again = runner.invoke(main, ["ingest", *args, "--json"])
    assert json.loads(again.output)["unchanged"] == 2

    asked = runner.invoke(main, ["ask", "Where was the CSTO charter signed?", *args, "--json"])
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.output)
    assert not answer["abstained"] and "Chisinau" in answer["answer"]
    assert answer["citations"][0]["doc_id"] == "csto.md"

    # A second app instance with an empty local cache rebuilds the keyword index from Chroma.
    other = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "other"), "--chroma-url", chroma_server]
    asked_elsewhere = runner.invoke(main, ["ask", "Where was the CSTO charter signed?", *other, "--json"])
    assert json.loads(asked_elsewhere.output)["citations"][0]["doc_id"] == "csto.md"
