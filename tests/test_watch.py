"""`scoqa ingest --watch`: follows the folder, and stops on SIGINT/SIGTERM whatever the signal
disposition it inherited, at a step boundary that leaves the index consistent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ingest.watch import StopFlag, pause, stop_on_signals
from tests.test_refresh_safety import corpus_doc, paused_scoqa, scoqa

# Generous: the watcher imports torch and loads the model on a loaded 2-core machine.
EXIT_WAIT = 180


def start_watcher(docs: Path, index: Path, *, ignore_sigint: bool = False):
    """`scoqa ingest --watch` as a real process. ignore_sigint starts it the way a shell without job
    control starts a background job (`make test &` in a CI script): with SIGINT set to SIG_IGN."""
    return subprocess.Popen(
        ["scoqa", "ingest", "--watch", "--json", "--interval", "0.3", "--docs", str(docs), "--index", str(index)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None,
    )


def stop(watcher: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[str, str]:
    """Send the signal and wait for the exit; a watcher that ignores it is killed and the test fails."""
    watcher.send_signal(signum)
    try:
        return watcher.communicate(timeout=EXIT_WAIT)
    except subprocess.TimeoutExpired:
        watcher.kill()
        _, err = watcher.communicate()
        pytest.fail(f"the watcher did not stop within {EXIT_WAIT} s of signal {signum}: {err[-2000:]}")


@pytest.mark.integration
@pytest.mark.parametrize("ignore_sigint", [False, True], ids=["sigint-default", "sigint-inherited-ignored"])
def test_ingest_watch_follows_the_folder_until_interrupted(tmp_path: Path, ignore_sigint: bool) -> None:
    docs = tmp_path / "docs"
    corpus_doc(docs, "one.md", 1)
    watcher = start_watcher(docs, tmp_path / "index", ignore_sigint=ignore_sigint)
    try:
        assert json.loads(watcher.stdout.readline())["added"] == 1
        corpus_doc(tmp_path, "two.md", 2).rename(docs / "two.md")  # appears whole
        assert json.loads(watcher.stdout.readline())["added"] == 1
        (docs / "one.md").unlink()
        last = json.loads(watcher.stdout.readline())
        assert (last["removed"], last["documents"]) == (1, 1)
    finally:
        _, err = stop(watcher)
    assert watcher.returncode == 0 and "Stopped watching." in err


@pytest.mark.integration
def test_a_stop_during_a_refresh_ends_it_at_the_next_step_and_the_next_ingest_completes(tmp_path: Path) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    for number in range(4):
        corpus_doc(docs, f"n{number}.md", number)
    # The test plugin pauses the refresh after its first document until stdin closes.
    watch = ["ingest", "--watch", "--json", "--interval", "0.3", "--docs", str(docs), "--index", str(index)]
    watcher = paused_scoqa(*watch, at="document:1")
    try:
        watcher.send_signal(signal.SIGTERM)  # arrives mid-refresh: only recorded
        time.sleep(0.5)
        assert watcher.poll() is None
    finally:
        out, err = watcher.communicate(input="", timeout=EXIT_WAIT)  # let it reach the next step
    assert watcher.returncode == 0 and "Stopped watching." in err, err[-2000:]
    assert out == ""  # the refresh was stopped, not finished
    done = scoqa("ingest", "--docs", str(docs), "--index", str(index), "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    # Documents are embedded and written in groups (ingest/indexing.py), so the stopped refresh may
    # have written more than the document it paused after; whatever it wrote counts as unchanged now,
    # the rest is added, and nothing is lost or indexed twice.
    assert summary["documents"] == 4 and summary["unchanged"] >= 1
    assert summary["added"] + summary["unchanged"] == 4
    again = json.loads(scoqa("ingest", "--docs", str(docs), "--index", str(index), "--json").stdout)
    assert (again["added"], again["unchanged"], again["documents"]) == (0, 4, 4)


@pytest.mark.unit
def test_stop_on_signals_overrides_an_inherited_ignore_and_restores_it() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with stop_on_signals() as flag:
            os.kill(os.getpid(), signal.SIGINT)
            deadline = time.monotonic() + 10
            while not flag.is_set() and time.monotonic() < deadline:
                time.sleep(0.01)  # the handler runs between bytecodes of the main thread
            assert flag.is_set()
            with pytest.raises(KeyboardInterrupt):  # a second Ctrl-C does not wait
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(5)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.unit
def test_pause_returns_soon_after_a_stop_request() -> None:
    flag = StopFlag()
    started = time.monotonic()
    pause(flag, 0.05)
    assert time.monotonic() - started >= 0.05
    flag.set()
    started = time.monotonic()
    pause(flag, 60)
    assert time.monotonic() - started < 1
