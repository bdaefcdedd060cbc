"""`scoqa serve --workers 2`: answers composed in worker processes, on a real index of documents/.

The workers must give the answers the server process gives, follow the index when another process
changes it (an open embedded Chroma client keeps searching the vectors it loaded), survive one of
them being killed, and leave no process behind when the server stops or is killed.

Without the reopening of a worker's Chroma client, the HTTP refresh test still passes (keyword
search finds the new document and fusion ranks it first); the vector-search test is the one that
fails (checked by switching the reopening off).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.answering.engine import AnswerEngine
from app.answering.models import Filters
from app.web import answer_workers
from app.web.answer_workers import AnswerWorkers
from ingest.refresh import refresh_index
from ingest.settings import Settings
from tests.conftest import DOCUMENTS, write_doc
from tests.live_server import answer_workers as worker_pids
from tests.live_server import process_tree, start_server, stop_server
from tests.test_concurrent_asks import FILTERS, QUESTIONS, essence, post

WAIT = 300.0  # seconds to wait for a condition on a loaded 2-core machine; never a timing target
# A document the shipped corpus does not have, written for these tests.
NEW_QUESTION = "Which city hosted the Zebra Conference on water security?"
NEW_BODY = (
    "# Zebra Conference\nThe Zebra Conference on water security was hosted by the city of Khujand. "
    "The Zebra Conference on water security gathered SCO experts in Khujand in 2023."
)


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll until `condition()` is truthy and return it; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")


def cpu_ticks(pids: list[int]) -> int:
    """User + system CPU ticks the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def gone(pids: list[int]) -> bool:
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


def copy_of_documents_index(documents_index: Settings, root: Path) -> Settings:
    """The session's index of documents/ and the documents themselves, copied so a test may change them."""
    shutil.copytree(DOCUMENTS, root / "docs")
    shutil.copytree(documents_index.index_dir, root / "index", ignore=shutil.ignore_patterns("serve-*.log"))
    return Settings(docs_dir=root / "docs", index_dir=root / "index")


def add_new_document(settings: Settings) -> None:
    write_doc(settings.docs_dir, "zebra.md", NEW_BODY, title="Zebra Conference", organisation="SCO", date="2023-05-01")
    assert refresh_index(settings).added == 1


@pytest.mark.integration
def test_two_workers_give_the_server_process_answers_and_survive_a_killed_worker(documents_index: Settings) -> None:
    bodies = [{"question": q, "filters": f} for q, f in zip(QUESTIONS, FILTERS + FILTERS[:1], strict=True)]
    in_process = AnswerEngine(documents_index)
    expected = [essence(in_process.ask(b["question"], Filters.from_dict(b["filters"])).to_dict()) for b in bodies]
    proc, url = start_server(documents_index, "--no-build", "--workers", "2")
    try:
        workers = wait_for(lambda: len(worker_pids(proc.pid)) == 2 and worker_pids(proc.pid), "two answer workers")
        before = cpu_ticks(workers)
        for body, answer in zip(bodies, expected, strict=True):
            assert essence(post(url, body)) == answer, body
        assert cpu_ticks(workers) > before  # the workers composed them
        assert streamed_answer(url, bodies[0]) == expected[0]
        before = cpu_ticks(workers)
        assert chat_status(url, bodies[1]["question"]).startswith("Answer 1 ready")  # the browser chat too
        assert cpu_ticks(workers) > before

        os.kill(workers[0], signal.SIGKILL)
        for body, answer in zip(bodies, expected, strict=True):  # meanwhile answered by the server process
            assert essence(post(url, body)) == answer, body
        wait_for(lambda: len(set(worker_pids(proc.pid)) - {workers[0]}) == 2, "two new answer workers")
        for body, answer in zip(bodies, expected, strict=True):
            assert essence(post(url, body)) == answer, body
        below = process_tree(proc.pid)[1:]  # workers, their fork server, multiprocessing's resource tracker
    finally:
        stop_server(proc)
    wait_for(lambda: gone(below), f"the processes {below} to end with the server")


def streamed_answer(url: str, body: dict[str, Any]) -> tuple:
    """The `answer` event of a streamed request (no language model: the only event)."""
    import urllib.request

    request = urllib.request.Request(
        url + "/api/ask", json.dumps({**body, "stream": True}).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        events = response.read().decode().split("\n\n")
    answers = [e.split("data: ", 1)[1] for e in events if e.startswith("event: answer")]
    assert len(answers) == 1, events
    return essence(json.loads(answers[0]))


def chat_status(url: str, question: str) -> str:
    """The browser chat's status line after asking (through gradio_client, the page's own event API)."""
    from gradio_client import Client

    *_, status = Client(url + "/", verbose=False).predict(question, [], "any", "any", None, None, [], api_name="/ask")
    return status


@pytest.mark.integration
def test_workers_answer_from_a_document_a_refresh_added_and_end_when_the_server_is_killed(
    documents_index: Settings, tmp_path: Path
) -> None:
    settings = copy_of_documents_index(documents_index, tmp_path)
    proc, url = start_server(settings, "--no-build", "--workers", "2")
    try:
        wait_for(lambda: len(worker_pids(proc.pid)) == 2, "two answer workers")
        for body in ({"question": NEW_QUESTION}, {"question": NEW_QUESTION, "filters": {"organisation": "SCO"}}):
            assert not [c for c in post(url, body)["citations"] if c["doc_id"] == "zebra.md"]
        add_new_document(settings)  # in this process: another process than the server and its workers
        for body in ({"question": NEW_QUESTION}, {"question": NEW_QUESTION, "filters": {"organisation": "SCO"}}):
            answer = wait_for(lambda body=body: cited_new_document(post(url, body)), f"an answer from zebra.md: {body}")
            assert "Khujand" in answer["answer"]
        below = process_tree(proc.pid)[1:]
    finally:
        proc.kill()  # no clean shutdown: the workers must notice by themselves
        proc.wait(timeout=60)
    wait_for(lambda: gone(below), f"the processes {below} to end after the server was killed")


def cited_new_document(answer: dict[str, Any]) -> dict[str, Any] | None:
    return answer if answer["citations"] and answer["citations"][0]["doc_id"] == "zebra.md" else None


def nearest_documents(question: str) -> tuple[int, list[str]]:
    """In a worker: its pid and the documents of Chroma's own five nearest chunks to the question
    (the vector search that keeps the vectors it loaded; keyword search would mask it)."""
    time.sleep(0.5)  # hold this worker, so that the other takes the task sent beside this one
    engine = answer_workers.current_engine()
    vector = engine.embedder.embed_queries([question])[0]
    return os.getpid(), [chunk.metadata["doc_id"] for chunk in engine.retriever.store.query(vector, 5)]


def both_workers(pool: AnswerWorkers, question: str) -> dict[int, list[str]]:
    """nearest_documents from two tasks sent at once: pid -> documents."""
    results: list[Any] = [None, None]

    def one(slot: int) -> None:
        results[slot] = pool.run(nearest_documents, question)

    threads = [threading.Thread(target=one, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert None not in results, "the pool broke"
    return dict(results)


@pytest.mark.integration
def test_each_worker_searches_the_vectors_another_process_wrote(documents_index: Settings, tmp_path: Path) -> None:
    settings = copy_of_documents_index(documents_index, tmp_path)
    pool = AnswerWorkers(settings, 2)
    try:
        seen: dict[int, list[str]] = {}
        wait_for(lambda: seen.update(both_workers(pool, NEW_QUESTION)) or len(seen) == 2, "both workers to search")
        assert not [doc for docs in seen.values() for doc in docs if doc == "zebra.md"]
        add_new_document(settings)

        found: set[int] = set()

        def everyone_finds_it() -> bool:
            found.update(pid for pid, docs in both_workers(pool, NEW_QUESTION).items() if "zebra.md" in docs)
            return found >= set(seen)

        wait_for(everyone_finds_it, f"workers {sorted(seen)} to find zebra.md by vector search ({sorted(found)} did)")
    finally:
        pool.close()


@pytest.mark.integration
def test_one_server_process_finds_by_vector_search_what_another_process_wrote(
    documents_index: Settings, tmp_path: Path
) -> None:
    # An embedded Chroma client that has searched keeps its vector segment; the dense search runs
    # over the keyword index's vectors instead, which a refresh by any process replaces.
    settings = copy_of_documents_index(documents_index, tmp_path)
    engine = AnswerEngine(settings)
    nearest = lambda: [p.doc_id for p in engine.retriever.retrieve(NEW_QUESTION, mode="dense").passages]  # noqa: E731
    assert "zebra.md" not in nearest()
    write_doc(settings.docs_dir, "zebra.md", NEW_BODY, title="Zebra Conference", organisation="SCO", date="2023-05-01")
    ingest = [sys.executable, "-m", "app.cli", "ingest", "--docs", str(settings.docs_dir)]
    subprocess.run([*ingest, "--index", str(settings.index_dir)], check=True, capture_output=True, timeout=WAIT)
    wait_for(lambda: "zebra.md" in nearest(), "the server process's dense search to find zebra.md")


@pytest.mark.unit
def test_workers_before_any_index_say_how_to_build_it(tmp_path: Path) -> None:
    from app.web.live_engine import LiveEngine, NoIndexError

    live = LiveEngine(Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index"), workers=2)
    with pytest.raises(NoIndexError, match="scoqa ingest --docs docs"):
        live.ask("When was the CSTO founded?")
    with pytest.raises(ValueError, match="workers must be 1"):
        LiveEngine(Settings(docs_dir=tmp_path, index_dir=tmp_path / "index"), workers=0)
