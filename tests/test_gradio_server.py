"""A real `scoqa serve` on a loopback port, driven by gradio_client (the UI's own event API)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.settings import Settings
from tests.live_server import start_server, stop_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(shared_index: Settings) -> Iterator[str]:
    proc, url = start_server(shared_index)
    yield url
    stop_server(proc)


def message_text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def test_chat_answers_with_linked_citations_through_gradio_client(server: str) -> None:
    from gradio_client import Client

    client = Client(server + "/", verbose=False)
    question = "Where is the headquarters of the SCO Regional Anti-Terrorist Structure?"
    history, sources, cleared, markdown, download, status = client.predict(
        question, [], "any", "any", None, None, [], api_name="/ask"
    )
    text = message_text(history[-1])
    assert '[[1]](#src-1-1 "Source 1: ' in text  # the marker links to its card, titled with its document ...
    assert "id='src-1-1'" in sources  # ... which is in the sources panel
    assert "<mark>" in sources and "Tashkent" in sources
    assert "id='fold-1-1'" in text  # ... and the same card is folded under the answer for narrow screens
    assert "## " not in sources and "briefing written for" not in sources  # clean text, no Markdown or notice
    assert cleared == ""
    assert markdown.startswith("# SCO/CSTO Security Q&A conversation") and f"## Q1. {question}" in markdown
    assert "References:" in markdown and "[1] " in markdown
    assert download and download.endswith(".md")
    assert status.startswith("Answer 1 ready")


def test_ask_json_endpoint_returns_the_cli_object(server: str) -> None:
    from gradio_client import Client

    result = Client(server + "/", verbose=False).predict(
        "In which year was the CSTO founded?", {"organisation": "CSTO"}, [], api_name="/ask_json"
    )
    assert "2002" in result["answer"]
    assert result["filters"] == {"organisation": "CSTO"}
    assert all(c["organisation"] in ("CSTO", "both") for c in result["citations"])


def test_an_overlong_question_in_the_chat_gets_a_message_not_a_crash(server: str) -> None:
    from gradio_client import Client

    history, *_, status = Client(server + "/", verbose=False).predict(
        "Why " * 700, [], "any", "any", None, None, [], api_name="/ask"
    )
    assert "at most 1000" in message_text(history[-1])
    assert status.startswith("Not answered")
