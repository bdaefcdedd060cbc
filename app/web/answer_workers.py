"""Extractive answers in worker processes, so that more than one core runs the answer's Python.

One server process answers on one core at a time whatever its thread count: question analysis,
sentence selection and scoring are Python and hold the interpreter lock (docs/performance.md,
"Many users at once"). `scoqa serve --workers N` hands extractive answers to N processes, each
with its own AnswerEngine; language-model answers and streaming stay in the server process.

A worker follows the index as it changes. Chroma's embedded client keeps the vector segment it
loaded: measured here, a process that has searched a collection goes on returning the old
nearest neighbours after another process (the server's Documents tab, an external `scoqa
ingest`) writes new vectors, although it counts and reads the new rows. So when the collection's
revision moves, the worker drops its Chroma client and opens a new one.

A worker that dies (killed, out of memory) breaks its pool: the requests it held, and those that
come while a new pool starts, are answered in the server process meanwhile.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from app.answering.engine import AnswerEngine, Turn
from app.answering.models import Answer, Filters
from ingest.settings import Settings

T = TypeVar("T")
log = logging.getLogger(__name__)
# forkserver: workers fork from a small clean process (imports done once, shared pages), never from
# the server, whose threads (uvicorn, Gradio, anyio) make a plain fork unsafe.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
MAX_RESTART_DELAY = 60.0  # seconds between attempts when new workers cannot even start


# -- in a worker process -------------------------------------------------------------------------


@dataclass
class _WorkerState:
    engine: AnswerEngine
    revision: str
    checked_at: float


_STATE: dict[str, _WorkerState] = {}


def start_worker(settings: Settings, model_threads: int) -> None:
    """Pool initializer: this process's engine, its encoder on `model_threads` threads (the
    workers are the parallelism; threads inside one call only spin on each other)."""
    from app.answering.open import open_engine
    from ingest.onnx_model import set_model_threads

    _exit_with_server()
    set_model_threads(model_threads)
    engine = open_engine(settings)
    _STATE["worker"] = _WorkerState(engine, _revision(engine), time.monotonic())


def _exit_with_server() -> None:
    """End this worker when the server process dies without closing the pool (SIGKILL, a crash):
    the pool's queues are shared with the other workers, so it would otherwise wait for work forever."""
    from multiprocessing.connection import wait

    server = multiprocessing.parent_process()
    if server is None:
        return

    def watch() -> None:
        wait([server.sentinel])  # readable once the server's end closes, i.e. when it is gone
        os._exit(0)

    threading.Thread(target=watch, name="scoqa-server-watch", daemon=True).start()


def worker_pid() -> int:
    """A task that only says which process ran it: the pool's warm-up."""
    return os.getpid()


def answer_in_worker(
    question: str, filters: Filters | None, top_k: int | None, history: list[Turn] | None, infer_filters: bool
) -> Answer:
    """AnswerEngine.ask, extractive, on this worker's engine (reopened first if the index moved)."""
    engine = current_engine()
    return engine.ask(question, filters, top_k=top_k, history=history, infer_filters=infer_filters, use_llm=False)


def current_engine() -> AnswerEngine:
    """The engine, its Chroma client reopened when the collection's revision has changed (checked
    at most every `revision_check_seconds`, as the keyword index is)."""
    state = _STATE["worker"]
    now = time.monotonic()
    if now - state.checked_at < state.engine.settings.tunables["revision_check_seconds"]:
        return state.engine
    state.checked_at = now
    revision = _revision(state.engine)
    if revision != state.revision:
        reopen_store(state.engine)
        state.revision = revision
    return state.engine


def _revision(engine: AnswerEngine) -> str:
    return str(engine.retriever.store.facts.get("revision"))


def reopen_store(engine: AnswerEngine) -> None:
    """Give the engine a new Chroma client, which loads the vectors as they are now.

    Embedded Chroma shares one client system per folder in a process, so the cached one is
    dropped first: safe only in a process with no other user of it, as a worker is (one task at
    a time, nothing else open). A Chroma server always answers from its current vectors.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    from ingest.store import ChromaStore

    settings = engine.settings
    if settings.chroma_url:
        return
    SharedSystemClient.clear_system_cache()
    store = ChromaStore(settings)
    store.check_compatible(settings.embed_model, engine.embedder.dim)
    engine.retriever.store = store


# -- in the server process -----------------------------------------------------------------------


class AnswerWorkers:
    """N answering processes behind one ProcessPoolExecutor; rebuilt after a crash, closed with the server."""

    def __init__(self, settings: Settings, count: int) -> None:
        if count < 2:
            raise ValueError(f"answer workers: {count} is not a pool; one worker is the in-process engine")
        self.settings, self.count = settings, count
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._pool: ProcessPoolExecutor | None = self._new_pool()  # None while a new one starts
        self._warm(self._pool)

    def ask(
        self,
        question: str,
        filters: Filters | None,
        top_k: int | None,
        history: list[Turn] | None,
        infer_filters: bool,
    ) -> Answer | None:
        """A worker's answer; None when there is no working pool (a new one is starting), so the
        caller answers in its own process. The engine's own errors (ValueError...) pass through."""
        return self.run(answer_in_worker, question, filters, top_k, history, infer_filters)

    def run(self, task: Callable[..., T], *args: Any) -> T | None:
        """task(*args) in a worker (a module-level function, its arguments and result picklable);
        None when there is no working pool: a dead worker's pool is being replaced."""
        with self._lock:
            pool = self._pool
        if pool is None:
            return None
        try:
            return pool.submit(task, *args).result()
        except BrokenProcessPool:
            self._heal(pool)
            return None

    def close(self) -> None:
        """Stop every worker and wait for them (the server is stopping)."""
        with self._lock:
            self._closed.set()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.count,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=start_worker,
            initargs=(self.settings, self.settings.tunables["serve_torch_threads"]),
        )

    def _warm(self, pool: ProcessPoolExecutor) -> list[Any]:
        """Start every worker now (each opens its engine) rather than at the first questions."""
        return [pool.submit(worker_pid) for _ in range(self.count)]

    def _heal(self, broken: ProcessPoolExecutor) -> None:
        """Replace a broken pool once (the first caller to see it broken does), in the background."""
        with self._lock:
            if self._closed.is_set() or self._pool is not broken:
                return
            self._pool = None
        log.warning("an answer worker died; answering in the server process until new workers are up")
        broken.shutdown(wait=False, cancel_futures=True)
        threading.Thread(target=self._rebuild, name="scoqa-answer-workers", daemon=True).start()

    def _rebuild(self) -> None:
        """New pools until one's workers all start; waits longer after each failure."""
        delay = 1.0
        while not self._closed.is_set():
            pool = self._new_pool()
            try:
                for started in self._warm(pool):
                    started.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                log.warning("new answer workers failed to start; trying again in %.0f s", delay)
                self._closed.wait(delay)
                delay = min(delay * 2, MAX_RESTART_DELAY)
                continue
            with self._lock:
                if not self._closed.is_set():
                    self._pool = pool
                    return
            pool.shutdown(wait=True, cancel_futures=True)  # closed while it started
