"""`scoqa ingest --watch`: keep the index in step with the folder by polling, until stopped.

Polling rather than inotify: it works the same on network drives and in containers, and a
stat of every file is cheap next to a refresh, which only runs when the listing changed.

Stopping: SIGINT (Ctrl-C) and SIGTERM only *request* a stop; the loop honours it within a
tenth of a second while it waits, and a running refresh stops at its next step boundary,
which leaves the index as consistent as a kill there would (the next refresh completes it).
A second Ctrl-C interrupts at once. The handlers are installed explicitly because a shell
that starts us in the background without job control (CI scripts, `cmd &`) sets SIGINT to
"ignore", which Python keeps: an interrupt would then be lost and the watcher run forever.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.locks import IngestLockedError
from ingest.refresh import DEFAULT_MAX_FILE_MB, RefreshSummary, refresh_index
from ingest.settings import Settings

PAUSE_SLICE = 0.1  # seconds between looks at the stop flag while waiting


class StopFlag:
    """A stop request that a signal handler may set: a plain attribute, never a lock (a handler
    that takes a lock the interrupted code already holds, as Event.set can, deadlocks)."""

    def __init__(self) -> None:
        self.requested = False

    def set(self) -> None:
        self.requested = True

    def is_set(self) -> bool:
        return self.requested


class WatchStopped(Exception):
    """Raised at a refresh step boundary once a stop was requested."""


@contextmanager
def stop_on_signals(signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[StopFlag]:
    """A StopFlag set by the first of `signals`; the second SIGINT raises KeyboardInterrupt at once.
    Call from the main thread; the previous handlers come back afterwards."""
    stop = StopFlag()

    def handle(signum: int, frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {signum: signal.signal(signum, handle) for signum in signals}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def folder_signature(root: Path) -> frozenset[tuple[str, int, int]]:
    """(path, size, mtime) of every file below root: any add, edit or delete changes it."""
    entries = set()
    for path in root.rglob("*"):
        try:
            stat = path.stat()
        except OSError:  # broken link or unreadable: still part of the listing
            entries.add((str(path), -1, -1))
            continue
        if not path.is_dir():
            entries.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(entries)


def pause(stop: StopFlag, seconds: float) -> None:
    """Sleep up to `seconds`, waking within PAUSE_SLICE of a stop request."""
    deadline = time.monotonic() + seconds
    while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
        time.sleep(min(PAUSE_SLICE, left))


def watch(
    settings: Settings,
    *,
    interval: float = 5.0,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    on_refresh: Callable[[RefreshSummary], None] | None = None,
    on_busy: Callable[[str], None] | None = None,
    stop: StopFlag | None = None,
) -> None:
    """Refresh now, then again whenever the folder's listing changes; returns once `stop` is set."""
    stop = stop or StopFlag()

    def stop_here(step: str) -> None:
        if stop.is_set():
            raise WatchStopped(step)

    seen: frozenset[tuple[str, int, int]] | None = None
    while not stop.is_set():
        current = folder_signature(settings.docs_dir)
        if current != seen:
            try:
                summary = refresh_index(settings, max_file_mb=max_file_mb, on_step=stop_here)
            except WatchStopped:
                return
            except IngestLockedError as exc:  # another ingest is running: try again next time
                if on_busy:
                    on_busy(str(exc))
            else:
                seen = current
                if on_refresh:
                    on_refresh(summary)
        pause(stop, interval)
