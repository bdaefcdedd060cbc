"""A real `scoqa serve` on a loopback port, driven by gradio_client and plain HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from ingest.settings import Settings
from tests.conftest import free_port


def start_server(settings: Settings, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "serve",
            "--docs",
            str(settings.docs_dir),
            "--index",
            str(settings.index_dir),
            "--port",
            str(port),
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"scoqa serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return proc, url
        except urllib.error.HTTPError:
            return proc, url  # up, but asks for a login
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError("scoqa serve did not come up in 120 s")


@pytest.fixture(scope="module")
def server(shared_index: Settings) -> Iterator[str]:
    proc, url = start_server(shared_index)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_chat_answers_with_citations_through_gradio_client(server: str) -> None:
    from gradio_client import Client

    client = Client(server + "/", verbose=False)
    history, sources, cleared = client.predict(
        "Where is the headquarters of the SCO Regional Anti-Terrorist Structure?",
        [],
        "any",
        "",
        None,
        None,
        [],
        api_name="/ask",
    )
    reply = history[-1]["content"]
    text = reply if isinstance(reply, str) else " ".join(part.get("text", "") for part in reply)
    assert "[1]" in text
    assert "<mark>" in sources and "Tashkent" in sources
    assert cleared == ""


def test_api_ask_returns_the_cli_json_object(server: str) -> None:
    status, body = post(server + "/api/ask", json.dumps({"question": "In which year was the CSTO founded?"}).encode())
    assert status == 200
    assert {"question", "answer", "abstained", "citations", "passages", "timings_ms"} <= set(body)
    assert "2002" in body["answer"]


def test_api_ask_rejects_bad_requests_with_clear_messages(server: str) -> None:
    status, body = post(server + "/api/ask", b"{not json")
    assert status == 400 and "not valid JSON" in body["error"]
    status, body = post(server + "/api/ask", json.dumps({"filters": {}}).encode())
    assert status == 400 and '"question" is required' in body["error"]
    status, body = post(server + "/api/ask", json.dumps({"question": "x?", "filters": {"colour": "red"}}).encode())
    assert status == 400 and "unknown filter field" in body["error"]
