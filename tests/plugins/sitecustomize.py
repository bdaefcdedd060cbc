"""Test plugin for `scoqa` subprocesses: stop a real ingest at a named refresh step.

Python imports `sitecustomize` at start-up from the first folder on sys.path that has one, so
a test puts this folder first on PYTHONPATH (tests/test_refresh_safety.py: `crash_env`):
- TEST_REFRESH_KILL_AT=name:n  SIGKILLs the process the n-th time the refresh reaches `name`;
- TEST_REFRESH_WAIT_AT=name:n  prints `waiting at name:n` to stderr and blocks until stdin closes.
It listens where refresh_index reports every step: the `ingest.refresh` logger at DEBUG, whose
records carry the step name as `refresh_step` (docs/refresh.md). Nothing here is in the product.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections import Counter


class CrashPoints(logging.Handler):
    """Counts refresh steps and kills or pauses the process at the one a test named."""

    def __init__(self, kill_at: str | None, wait_at: str | None) -> None:
        super().__init__(logging.DEBUG)
        self.kill_at, self.wait_at = kill_at, wait_at
        self.reached: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        step = getattr(record, "refresh_step", None)
        if step is None:
            return
        self.reached[step] += 1
        here = f"{step}:{self.reached[step]}"
        if here == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        if here == self.wait_at:
            print(f"waiting at {here}", file=sys.stderr, flush=True)
            sys.stdin.read()


def install() -> None:
    kill_at, wait_at = os.environ.get("TEST_REFRESH_KILL_AT"), os.environ.get("TEST_REFRESH_WAIT_AT")
    if kill_at or wait_at:
        logger = logging.getLogger("ingest.refresh")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(CrashPoints(kill_at, wait_at))


install()
