"""The ingest lease on a real `chroma run` server: what keeps two hosts from refreshing one collection.

Two hosts are two processes (or clients) with their own local index folders, so the local
flock cannot be what stops them.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ingest.locks import ChromaLease, IngestLockedError, LeaseLostError
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.test_chroma_server import chroma_server  # noqa: F401 - the fixture
from tests.test_refresh import small_corpus
from tests.test_refresh_safety import crash_env, paused_scoqa


def client_for(url: str):
    """A separate HTTP client, as another host would have."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parsed = urlparse(url)
    return chromadb.HttpClient(
        host=parsed.hostname, port=parsed.port, settings=ChromaSettings(anonymized_telemetry=False)
    )


@pytest.mark.integration
def test_only_one_of_many_racing_hosts_takes_the_lease(chroma_server: str) -> None:  # noqa: F811
    leases = [ChromaLease(client_for(chroma_server), "scoqa", chroma_server) for _ in range(6)]
    results: dict[int, str] = {}
    start = threading.Barrier(len(leases))

    def take(number: int) -> None:
        start.wait()
        try:
            leases[number].acquire()
            results[number] = "took"
        except IngestLockedError as exc:
            results[number] = str(exc)

    threads = [threading.Thread(target=take, args=(n,)) for n in range(len(leases))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, r in results.items() if r == "took"]
    assert len(winners) == 1, results
    holder = leases[winners[0]].holder
    for n, result in results.items():
        if n != winners[0]:
            assert "another `scoqa ingest` is refreshing collection 'scoqa'" in result and holder in result
    leases[winners[0]].release()
    ChromaLease(client_for(chroma_server), "scoqa", chroma_server).acquire()  # free again once released


@pytest.mark.integration
def test_a_renewed_lease_outlives_its_ttl_and_an_abandoned_one_is_taken_over(chroma_server: str) -> None:  # noqa: F811
    with ChromaLease(client_for(chroma_server), "scoqa", chroma_server, ttl=2) as alive:
        time.sleep(5)  # more than twice the ttl: only the heartbeat keeps it
        with pytest.raises(IngestLockedError):
            ChromaLease(client_for(chroma_server), "scoqa", chroma_server).acquire()
        alive.check()

    dead = ChromaLease(client_for(chroma_server), "scoqa", chroma_server, ttl=1.0)
    dead.acquire()  # no heartbeat and no release: its host died
    with pytest.raises(IngestLockedError):
        ChromaLease(client_for(chroma_server), "scoqa", chroma_server).acquire()
    time.sleep(1.5)
    taker = ChromaLease(client_for(chroma_server), "scoqa", chroma_server)
    taker.acquire()
    with pytest.raises(LeaseLostError):  # the late holder learns it lost the lease and must stop
        dead.renew()
    with pytest.raises(LeaseLostError):
        dead.check()
    taker.renew()  # the taker's lease is intact
    dead.release()  # releasing a lost lease never touches the taker's
    with pytest.raises(IngestLockedError):
        ChromaLease(client_for(chroma_server), "scoqa", chroma_server).acquire()


@pytest.mark.integration
def test_a_second_host_is_refused_while_the_first_refreshes_the_same_collection(
    tmp_path: Path,
    chroma_server: str,  # noqa: F811
) -> None:
    settings = small_corpus(tmp_path)
    host_a = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "host-a"), "--chroma-url", chroma_server]
    host_b = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "host-b"), "--chroma-url", chroma_server]
    first = paused_scoqa("ingest", "--json", *host_a, at="marked:1")
    try:
        second = subprocess.run(["scoqa", "ingest", "--json", *host_b], capture_output=True, text=True, timeout=300)
        assert second.returncode == 1
        assert f"another `scoqa ingest` is refreshing collection 'scoqa' on {chroma_server}" in second.stderr
        assert f":{first.pid}:" in second.stderr  # the holder names the first host's process
    finally:
        out, err = first.communicate(input="", timeout=300)
    assert first.returncode == 0, err[-2000:]
    assert json.loads(out)["added"] == 2
    again = subprocess.run(["scoqa", "ingest", "--json", *host_b], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and json.loads(again.stdout)["unchanged"] == 2  # the lease went with the refresh
    names = {c.name for c in client_for(chroma_server).list_collections()}
    assert names == {"scoqa"}  # no lease left behind


@pytest.mark.integration
def test_a_server_mode_reader_follows_an_external_rebuild(tmp_path: Path, chroma_server: str) -> None:  # noqa: F811
    from app.answering.engine import AnswerEngine

    local = small_corpus(tmp_path)
    settings = Settings(docs_dir=local.docs_dir, index_dir=tmp_path / "reader", chroma_url=chroma_server)
    args = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "writer"), "--chroma-url", chroma_server]
    assert subprocess.run(["scoqa", "ingest", *args], capture_output=True).returncode == 0
    engine = AnswerEngine(settings)
    old_id = ChromaStore(settings).collection.id
    assert engine.ask("Where was the CSTO charter signed?").citations

    rebuilt = subprocess.run(["scoqa", "ingest", "--rebuild", *args], capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert ChromaStore(settings).collection.id != old_id
    time.sleep(settings.tunables["revision_check_seconds"] + 0.1)
    answer = engine.ask("Where was the CSTO charter signed?").to_dict()
    assert answer["citations"] and answer["citations"][0]["doc_id"] == "csto.md"
    assert os.path.isdir(settings.keyword_dir)  # the reader's own cache, rebuilt for the new collection


@pytest.mark.integration
def test_the_lease_of_a_killed_host_is_taken_over_once_it_expires(tmp_path: Path, chroma_server: str) -> None:  # noqa: F811
    settings = small_corpus(tmp_path)
    host_a = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "host-a"), "--chroma-url", chroma_server]
    host_b = ["--docs", str(settings.docs_dir), "--index", str(tmp_path / "host-b"), "--chroma-url", chroma_server]
    lease = {"SCOQA_INGEST_LEASE_SECONDS": "10"}  # renewed every 3.3 s: lapses only after a 6.7 s stall
    killed = subprocess.run(
        ["scoqa", "ingest", *host_a],
        capture_output=True,
        text=True,
        env=crash_env(TEST_REFRESH_KILL_AT="document:1", **lease),
    )
    killed_at = time.time()
    assert killed.returncode == -9, killed.stderr[-2000:]
    with pytest.raises(IngestLockedError, match="another `scoqa ingest` is refreshing"):
        ChromaLease(client_for(chroma_server), "scoqa", chroma_server).acquire()  # the dead host still holds it
    while time.time() - killed_at < 10.5:
        time.sleep(0.2)
    taken = subprocess.run(
        ["scoqa", "ingest", "--json", *host_b], capture_output=True, text=True, env={**os.environ, **lease}
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    summary = json.loads(taken.stdout)
    assert summary["documents"] == 2 and summary["added"] + summary["unchanged"] == 2
    assert {c.name for c in client_for(chroma_server).list_collections()} == {"scoqa"}
