"""A live `scoqa serve` attacked from outside: file reads through upload events, hostile API bodies,
document HTML in the browser. Real server, real HTTP, real Chromium."""

from __future__ import annotations

import http.server
import json
import random
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ingest.settings import Settings
from tests.conftest import DOCUMENTS, chromium_browser, free_port, write_doc
from tests.live_server import start_server, stop_server

pytestmark = pytest.mark.integration
SECRET = f"zebra-{uuid.uuid4().hex[:10]}"


class Listener(http.server.BaseHTTPRequestHandler):
    """A loopback server that must never be contacted: every request is recorded."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Listener.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def pixel_port() -> Iterator[int]:
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield port
    server.shutdown()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory, pixel_port: int) -> Iterator[dict[str, Any]]:
    """A server over two briefings and one hostile document, and a secret file elsewhere on the machine."""
    root = tmp_path_factory.mktemp("hardening")
    docs = root / "docs"
    for name in ("sco_regional_anti_terrorist_structure.md", "csto_charter_and_institutions.md"):
        write_doc(docs, name, (DOCUMENTS / name).read_text(encoding="utf-8"))
    write_doc(
        docs,
        "hostile.md",
        "# The Zeravshan Accord\n\nThe Zeravshan Accord on mountain border patrols was signed in Khujand "
        f'<img src="http://127.0.0.1:{pixel_port}/pixel.png"> ![seen](http://127.0.0.1:{pixel_port}/md.png) '
        "by five deputy ministers of the interior.\n",
        title="The Zeravshan Accord",
        organisation="SCO",
        kind="article",
        source_url='"javascript:alert(document.cookie)"',
    )
    secret = root / "elsewhere" / "payroll.txt"
    secret.parent.mkdir()
    secret.write_text(f"The {SECRET} payroll of the server's owner is confidential.\n")
    proc, url = start_server(Settings(docs_dir=docs, index_dir=root / "index"))
    yield {"url": url, "proc": proc, "docs": docs, "secret": secret}
    stop_server(proc)


def post(url: str, body: bytes, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def upload_event(url: str) -> int:
    """The fn_index of the Documents tab's 'Upload and index' event, read from the page's config."""
    with urllib.request.urlopen(url + "/config", timeout=30) as response:
        config = json.loads(response.read())
    upload = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "upload")
    return next(i for i, dep in enumerate(config["dependencies"]) if dep.get("inputs") == [upload])


def test_an_upload_event_cannot_name_a_file_elsewhere_on_the_server(target: dict[str, Any]) -> None:
    url, secret = target["url"], target["secret"]
    fn_index = upload_event(url)
    for path in (str(secret), f"http://127.0.0.1:{free_port()}/x.txt"):
        event = {
            "data": [[{"path": path, "orig_name": "payroll.txt", "meta": {"_type": "gradio.FileData"}}]],
            "fn_index": fn_index,
            "session_hash": uuid.uuid4().hex[:10],
            "event_data": None,
            "trigger_id": None,
        }
        status, body = post(url + "/gradio_api/queue/join", json.dumps(event).encode())
        assert status == 403, body
        assert b"not uploaded through this page" in body
    time.sleep(1)  # had anything been queued, it would have started by now
    assert not (target["docs"] / "uploads").exists()
    status, body = post(url + "/api/ask", json.dumps({"question": f"What is the {SECRET} payroll?"}).encode())
    answer = json.loads(body)
    assert status == 200 and SECRET not in answer["answer"]
    assert not [p for p in answer["passages"] if SECRET in p["text"] or p["doc_id"].startswith("uploads/")]


def hostile_bodies(seed: int = 7) -> list[bytes]:
    """At least 500 malformed or hostile bodies: wrong types in every field, junk bytes, deep nesting,
    huge values, long and odd questions. A deliberate list, reproducible from the seed."""
    rng = random.Random(seed)
    values: list[Any] = [
        None, True, 0, -1, 10**30, 2.5, float("inf"), "", " ", "SCO", "\x00", "‮", "😀" * 50, [], {}, [None],
        {"a": 1}, "x" * 2000, "恐怖" * 600, "<script>alert(1)</script>", "../../etc/passwd", "%s%n", "' OR 1=1 --",
    ]  # fmt: skip
    bodies: list[bytes] = [b"", b"null", b"{", b"\xff\xfe\x00", b"[" * 30_000 + b"]" * 30_000, b'{"question": "a"' * 9]
    for field in ("question", "filters", "history", "top_k", "pad"):
        for value in values:
            base: dict[str, Any] = {"question": "Where is RATS based?"}
            base[field] = value
            bodies.append(json.dumps(base, allow_nan=True).encode())
    for key in ("organisation", "kind", "year_from", "year_to", "doc_ids", "colour"):
        for value in values:
            bodies.append(json.dumps({"question": "What is RATS?", "filters": {key: value}}, allow_nan=True).encode())
    for value in values:
        bodies.append(json.dumps({"question": "And it?", "history": [{"question": value, "answer": value}]}).encode())
        bodies.append(json.dumps({"question": "q", "history": [value] * 3}).encode())
    while len(bodies) < 520:
        size = rng.choice([1, 10, 1000, 60_000, 70_000])
        bodies.append(bytes(rng.getrandbits(8) for _ in range(min(size, 5000))) * max(1, size // 5000))
    bodies.append(json.dumps({"question": "q" * 70_000}).encode())
    return bodies


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_hostile_api_bodies_never_get_a_500_nor_exhaust_the_server(target: dict[str, Any]) -> None:
    url, pid = target["url"] + "/api/ask", target["proc"].pid
    assert post(url, json.dumps({"question": "Where is RATS based?"}).encode())[0] == 200  # load the model first
    start_rss, statuses, slowest = rss_mb(pid), {}, 0.0
    bodies = hostile_bodies()
    assert len(bodies) >= 500
    for body in bodies:
        started = time.perf_counter()
        status, reply = post(url, body)
        slowest = max(slowest, time.perf_counter() - started)
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, (status, body[:200], reply[:300])
        if status >= 400:
            assert json.loads(reply)["error"]  # every refusal says why
    grown = rss_mb(pid) - start_rss
    print(f"fuzz: {len(bodies)} bodies, statuses {statuses}, RSS +{grown:.0f} MB, slowest {slowest:.2f} s")
    assert grown < 200, f"RSS grew by {grown:.0f} MB"
    assert slowest < 5, f"the slowest request took {slowest:.1f} s"
    assert statuses.get(200, 0) > 20 and statuses.get(400, 0) > 300 and statuses.get(413, 0) > 0


@pytest.mark.browser
def test_document_html_is_shown_as_text_and_loads_nothing(target: dict[str, Any]) -> None:
    Listener.hits.clear()
    with chromium_browser() as browser:
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(target["url"] + "/", wait_until="domcontentloaded")
        page.locator("#question textarea").fill("Where was the Zeravshan Accord on mountain border patrols signed?")
        page.locator("#ask").click()
        page.locator("#answer-status", has_text="Answer 1 ready").wait_for()
        bubble = page.locator("#chat [data-testid='bot']").first.inner_text()
        assert "Khujand" in bubble and "<img" in bubble  # the tag is shown as text, not obeyed
        assert page.locator("#chat img[src*='127.0.0.1']").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert "hostile.md" in page.locator("#sources").inner_text()
        page.wait_for_timeout(1500)
        page.close()
    assert Listener.hits == []
