"""Threads that open the index at the same moment in a fresh process all get it (a server's first
chat, its trends warm-up and its Documents tab do exactly that)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ingest.settings import PROJECT_ROOT, Settings

SCRIPT = """
import sys, threading
from pathlib import Path
from ingest.settings import Settings
from ingest.store import ChromaStore

settings = Settings(index_dir=Path(sys.argv[1]))
start, counts, errors = threading.Barrier(8), [], []

def open_and_count():
    start.wait()
    try:
        counts.append(ChromaStore(settings).count())
    except Exception as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=open_and_count) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(set(counts)), errors)
"""


@pytest.mark.integration
def test_eight_threads_opening_the_index_at_once_all_count_its_passages(documents_index: Settings) -> None:
    for _ in range(3):  # a fresh process each time: only the first client of a process races
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(documents_index.index_dir)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=PROJECT_ROOT,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        counts, errors = done.stdout.strip().splitlines()[-1].split("] ", 1)
        assert errors == "[]", errors
        assert counts.startswith("[") and int(counts[1:]) > 200
