"""`--llm local`: a GGUF run in this process by llama.cpp, through the xllamacpp wheel.

xllamacpp's Server loads the model once and answers OpenAI-style chat requests from
Python (`handle_chat_completions`), calling back once per streamed chunk. It also
opens its own HTTP listener on 127.0.0.1; we lock that with a random API key so only
this process can use it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import secrets
import threading
from collections.abc import Iterator
from typing import Any

from app.answering.llm.backends import BackendError, LLMSpec, backend_error

CONTEXT_TOKENS = 4096  # the lean prompt (~1,000 tokens), some history and a short reply
_SERVERS: dict[tuple[str, int], Any] = {}
_LOCK = threading.Lock()
_DONE = object()


def default_threads() -> int:
    """SCOQA_LLM_THREADS, else half the cores (at least 1, at most 4).

    llama.cpp's threads meet at a barrier after every operation and spin while they
    wait: when they outnumber the cores left free by the web server, MiniLM and other
    processes, one descheduled thread stalls the rest. On two shared cores two threads
    prefilled at half the speed of one and generated 10-20 times slower (docs/llm.md).
    """
    configured = os.environ.get("SCOQA_LLM_THREADS", "").strip()
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise ValueError(f"SCOQA_LLM_THREADS must be a positive whole number, not {configured!r}")
        return int(configured)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(4, cores // 2))


def load_server(path: str, threads: int) -> Any:
    """The process-wide llama.cpp server for a GGUF: loading takes a second or more."""
    with _LOCK:
        key = (path, threads)
        if key not in _SERVERS:
            import xllamacpp

            params = xllamacpp.CommonParams()
            params.model.path = path
            params.n_ctx = CONTEXT_TOKENS
            params.n_parallel = 1
            params.cpuparams.n_threads = threads
            params.cpuparams_batch.n_threads = threads
            params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
            params.api_keys = [secrets.token_hex(16)]
            try:
                _SERVERS[key] = xllamacpp.Server(params)
            except Exception as exc:
                raise BackendError(f"language model local:{path} could not be loaded: {exc}") from exc
            warm(_SERVERS[key])
        return _SERVERS[key]


def warm(server: Any) -> None:
    """Prefill the system prompt once at load: llama.cpp keeps the last prompt's tokens and
    reuses the longest common prefix, so even the first question skips its ~150 tokens."""
    from app.answering.llm.prompt import SYSTEM

    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "Passages:\n"}]
    with contextlib.suppress(Exception):  # a cold cache only costs the first question a second
        server.handle_chat_completions({"messages": messages, "max_tokens": 1}, lambda _chunk: False)


class LocalBackend:
    """Streams a chat reply from the in-process llama.cpp server."""

    def __init__(self, spec: LLMSpec, threads: int | None = None) -> None:
        self.spec = spec
        self.server = load_server(spec.model, threads or default_threads())

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        """Text deltas; the generation stops early if the consumer stops reading."""
        request = {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0.1,
            "repeat_penalty": 1.15,  # small models loop ('Chinese-style Chinese-style ...') without it
            "stream": True,
        }
        chunks: queue.Queue[Any] = queue.Queue()
        stop = threading.Event()

        def on_chunk(chunk: Any) -> bool:
            chunks.put(chunk)
            return stop.is_set()  # True asks llama.cpp to stop generating

        def run() -> None:
            try:
                self.server.handle_chat_completions(request, on_chunk)
            except Exception as exc:  # surfaced to the reader below
                chunks.put(exc)
            finally:
                chunks.put(_DONE)

        threading.Thread(target=run, name="scoqa-llm-local", daemon=True).start()
        try:
            while True:
                try:
                    chunk = chunks.get(timeout=self.spec.timeout)
                except queue.Empty:
                    raise backend_error(self.spec, TimeoutError()) from None
                if chunk is _DONE:
                    return
                if isinstance(chunk, Exception):
                    raise backend_error(self.spec, chunk) from chunk
                delta = _delta(chunk)
                if delta:
                    yield delta
        finally:
            stop.set()


def _delta(chunk: Any) -> str:
    """The text of one OpenAI-style stream chunk; an error chunk raises."""
    if not isinstance(chunk, dict):
        return ""
    if "error" in chunk or ("code" in chunk and "message" in chunk):
        error = chunk.get("error", chunk)
        message = error.get("message", error) if isinstance(error, dict) else error
        raise BackendError(f"language model local: llama.cpp refused the request: {message}")
    choices = chunk.get("choices") or [{}]
    return (choices[0].get("delta") or {}).get("content") or ""
