"""POST /api/ask against a real `scoqa serve --auth` with a real HTTP client (urllib)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from app.web.api import BadRequestError, parse_ask_request
from ingest.settings import Settings
from tests.live_server import start_server, stop_server

LOGIN = ("analyst", "s3cret pass")


@pytest.fixture(scope="module")
def server(shared_index: Settings) -> Iterator[str]:
    proc, url = start_server(shared_index, "--auth", ":".join(LOGIN))
    yield url
    stop_server(proc)


def post(url: str, body: bytes, login: tuple[str, str] | None = LOGIN) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if login:
        headers["Authorization"] = "Basic " + base64.b64encode(":".join(login).encode()).decode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.mark.integration
def test_api_ask_returns_the_cli_json_object(server: str) -> None:
    status, body = post(server + "/api/ask", json.dumps({"question": "In which year was the CSTO founded?"}).encode())
    assert status == 200
    assert {"question", "answer", "abstained", "citations", "passages", "timings_ms"} <= set(body)
    assert "2002" in body["answer"]
    assert all(c["quote"] in c["passage"] for c in body["citations"])


@pytest.mark.integration
def test_api_ask_applies_filters(server: str) -> None:
    request = {"question": "What are the organisation's permanent bodies?", "filters": {"organisation": "CSTO"}}
    status, body = post(server + "/api/ask", json.dumps(request).encode())
    assert status == 200 and body["filters"] == {"organisation": "CSTO"}
    assert body["passages"] and all(p["organisation"] in ("CSTO", "both") for p in body["passages"])


@pytest.mark.integration
def test_api_ask_rejects_bad_requests_with_clear_messages(server: str) -> None:
    status, body = post(server + "/api/ask", b"{not json")
    assert status == 400 and "not valid JSON" in body["error"]
    status, body = post(server + "/api/ask", json.dumps({"filters": {}}).encode())
    assert status == 400 and '"question" is required' in body["error"]
    status, body = post(server + "/api/ask", json.dumps({"question": "x?", "filters": {"colour": "red"}}).encode())
    assert status == 400 and "unknown filter field" in body["error"]
    status, body = post(server + "/api/ask", json.dumps({"question": "x?", "history": "earlier"}).encode())
    assert status == 400 and '"history"' in body["error"]


@pytest.mark.integration
def test_api_ask_wants_the_login(server: str) -> None:
    status, body = post(server + "/api/ask", json.dumps({"question": "What is RATS?"}).encode(), login=None)
    assert status == 401 and "login required" in body["error"]
    status, _ = post(server + "/api/ask", json.dumps({"question": "What is RATS?"}).encode(), login=("analyst", "x"))
    assert status == 401


@pytest.mark.unit
@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"[1, 2]", "JSON object"),
        (b'{"question": "  "}', '"question"'),
        (b'{"question": "q?", "filters": {"year_from": "soon"}}', "year_from"),
        (b'{"question": "q?", "history": [{"answer": "a"}]}', '"history"[0]'),
        (b'{"question": "q?", "top_k": 0}', '"top_k"'),
    ],
)
def test_parse_ask_request_names_the_faulty_field(body: bytes, field: str) -> None:
    with pytest.raises(BadRequestError, match=field.replace("[", r"\[").replace("]", r"\]")):
        parse_ask_request(body)


@pytest.mark.unit
def test_parse_ask_request_accepts_history_turns() -> None:
    question, filters, history, top_k = parse_ask_request(
        json.dumps(
            {
                "question": "And when?",
                "filters": {"kind": "briefing"},
                "history": [{"question": "What?", "answer": "A."}],
            }
        ).encode()
    )
    assert question == "And when?" and filters.kind == "briefing" and top_k is None  # the engine default
    assert [(t.question, t.answer) for t in history] == [("What?", "A.")]


@pytest.mark.integration
def test_wrong_passwords_are_rate_limited_per_client(server: str) -> None:
    body = json.dumps({"question": "What is RATS?"}).encode()
    statuses = [post(server + "/api/ask", body, login=("analyst", f"guess-{i}"))[0] for i in range(15)]
    refused = statuses.index(429)  # earlier tests in this module may have failed a login already
    assert 5 <= refused <= 10 and set(statuses[:refused]) == {401} and set(statuses[refused:]) == {429}
    status, reply = post(server + "/api/ask", body)  # the right password also waits: the client is throttled
    assert status == 429 and "too many failed logins" in reply["error"]
