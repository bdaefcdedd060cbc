"""`scoqa serve --llm`: POST /api/ask with "llm" and "stream" (server-sent events), and the chat in
Chromium, where the quoted answer comes first, the draft streams, and the checked answer replaces it.

The model is the loopback Ollama stand-in (tests/ollama_stub.py), slowed so the draft is seen streaming.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from ingest.settings import Settings
from tests.conftest import chromium_browser
from tests.live_server import start_server, stop_server
from tests.ollama_stub import OllamaStub, ollama_stub
from tests.test_llm_answers import UNSUPPORTED, first_sentence

QUESTION = "When was RATS formally launched in Tashkent?"


def reply(messages: list[dict]) -> str:
    return f"{first_sentence(messages)} [1]. {UNSUPPORTED} [2]."


@pytest.fixture(scope="module")
def stub() -> Iterator[OllamaStub]:
    with ollama_stub("tiny", reply, chunk_delay=0.25) as running:
        yield running


@pytest.fixture(scope="module")
def server(llm_index: Settings, stub: OllamaStub) -> Iterator[str]:
    proc, url = start_server(llm_index, "--llm", "ollama:tiny", "--llm-url", stub.url, "--llm-timeout", "120")
    yield url
    stop_server(proc)


def post(url: str, body: dict[str, Any]) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url + "/api/ask", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def events(raw: bytes) -> list[tuple[str, Any]]:
    """Parse a server-sent event stream into (event, data) pairs."""
    out = []
    for block in raw.decode().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return out


@pytest.mark.integration
def test_api_streams_the_quotes_the_draft_then_the_checked_answer(server: str) -> None:
    status, raw = post(server, {"question": QUESTION, "stream": True})
    assert status == 200
    stream = events(raw)
    kinds = [kind for kind, _ in stream]
    assert kinds[0] == "extractive" and kinds[-1] == "answer" and set(kinds[1:-1]) == {"token"}
    assert stream[0][1]["mode"] == "extractive" and stream[0][1]["citations"]
    draft = "".join(data["text"] for kind, data in stream if kind == "token")
    assert UNSUPPORTED in draft  # the draft is the model's words, unchecked...
    final = stream[-1][1]
    assert final["mode"] == "llm" and final["model"] == "ollama:tiny"  # ...the answer is checked
    assert UNSUPPORTED not in final["answer"] and "1 sentence removed" in final["note"]


@pytest.mark.integration
def test_api_llm_field_chooses_and_bad_fields_are_named(server: str) -> None:
    status, raw = post(server, {"question": QUESTION, "llm": False})
    assert status == 200 and json.loads(raw)["mode"] == "extractive"
    status, raw = post(server, {"question": QUESTION})
    assert status == 200 and json.loads(raw)["mode"] == "llm"  # the server's model by default
    for field, value in (("llm", "yes"), ("stream", 1)):
        status, raw = post(server, {"question": QUESTION, field: value})
        assert status == 400 and f'"{field}"' in json.loads(raw)["error"]


@pytest.mark.browser
def test_browser_streams_the_draft_and_replaces_it_with_the_checked_answer(server: str) -> None:
    quoted = json.loads(post(server, {"question": QUESTION, "llm": False})[1])["answer"]
    with chromium_browser() as browser:
        page = browser.new_page()
        page.set_default_timeout(300_000)
        page.goto(server + "/", wait_until="domcontentloaded")
        page.locator("#question textarea").fill(QUESTION)
        page.locator("#ask").click()
        bubble = page.locator("#chat [data-testid='bot']").first
        bubble.filter(has_text="Draft by ollama:tiny").wait_for()
        during = bubble.inner_text()
        assert " ".join(quoted.split()[:6]) in during  # the quoted answer is already there, above the draft
        page.locator("#answer-status", has_text="written by ollama:tiny").wait_for()
        after = bubble.inner_text()
        page.close()
    assert "Draft by" not in after and "Moon" not in after
    assert "1 sentence removed: not supported by the sources." in after
    assert "Written by ollama:tiny" in after
