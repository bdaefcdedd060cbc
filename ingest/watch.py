"""`scoqa ingest --watch`: keep the index in step with the folder by polling, until stopped.

Polling rather than inotify: it works the same on network drives and in containers, and a
stat of every file is cheap next to a refresh, which only runs when the listing changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ingest.refresh import DEFAULT_MAX_FILE_MB, IngestLockedError, RefreshSummary, refresh_index
from ingest.settings import Settings


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


def watch(
    settings: Settings,
    *,
    interval: float = 5.0,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    on_refresh: Callable[[RefreshSummary], None] | None = None,
    on_busy: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Refresh now, then again whenever the folder's listing changes; returns when `stop` is set."""
    stop = stop or threading.Event()
    seen: frozenset[tuple[str, int, int]] | None = None
    while not stop.is_set():
        current = folder_signature(settings.docs_dir)
        if current != seen:
            try:
                summary = refresh_index(settings, max_file_mb=max_file_mb)
            except IngestLockedError as exc:  # another ingest is running: try again next time
                if on_busy:
                    on_busy(str(exc))
            else:
                seen = current
                if on_refresh:
                    on_refresh(summary)
        stop.wait(interval)
