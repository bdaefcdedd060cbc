"""Twenty requests at once to a real `scoqa serve` get exactly the answers they get one at a time.

The server answers POST /api/ask on a thread pool from one engine: its caches, the keyword index,
the ONNX encoder and the Chroma client are shared by every request thread. The twenty requests
are sent the moment the server is up, so they also race to open the engine itself.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.answering.filtering import matches
from app.answering.models import Filters
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.live_server import start_server, stop_server

pytestmark = pytest.mark.integration
QUESTIONS = (  # written for this test, not taken from an evaluation set
    "When was the CSTO founded?",
    "What is the Regional Anti-Terrorist Structure?",
    "Which countries are members of the SCO?",
    "What are the collective rapid reaction forces?",
    "How does the CSTO deal with information security?",
)
FILTERS: tuple[dict[str, Any], ...] = (
    {},
    {"organisation": "SCO"},
    {"organisation": "CSTO", "year_from": 2000},
    {"year_to": 2010},
)


def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        url + "/api/ask", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        assert response.status == 200
        return json.loads(response.read())


def essence(answer: dict[str, Any]) -> tuple:
    """What must not depend on other requests running: the text, outcome, citations and passages."""
    citations = tuple((c["n"], c["chunk_id"], c["quote"]) for c in answer["citations"])
    return answer["answer"], answer["outcome"], citations, tuple(p["chunk_id"] for p in answer["passages"])


def test_twenty_concurrent_asks_get_the_answers_asked_one_at_a_time(documents_index: Settings) -> None:
    bodies = [{"question": q, "filters": f} for q in QUESTIONS for f in FILTERS]
    assert len(bodies) == 20
    proc, url = start_server(documents_index, "--no-build")
    try:
        start = threading.Barrier(len(bodies))

        def together(body: dict[str, Any]) -> dict[str, Any]:
            start.wait()
            return post(url, body)

        with ThreadPoolExecutor(len(bodies)) as pool:
            at_once = list(pool.map(together, bodies))
        one_by_one = [post(url, body) for body in bodies]
    finally:
        stop_server(proc)

    for body, crowd, alone in zip(bodies, at_once, one_by_one, strict=True):
        assert essence(crowd) == essence(alone), body
    stored = ChromaStore(documents_index)
    answered = 0
    for body, answer in zip(bodies, one_by_one, strict=True):
        filters = Filters.from_dict(body["filters"])
        rows = stored.rows([p["chunk_id"] for p in answer["passages"]], with_text=False)
        assert all(matches(filters, row.metadata) for row in rows), body  # metadata re-read from the store
        answered += not answer["abstained"]
        for citation in answer["citations"]:
            assert citation["quote"] in citation["passage"]
    assert answered >= len(bodies) // 2  # most of these questions are answerable from documents/
