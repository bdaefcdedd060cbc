"""A loopback server that speaks Ollama's real HTTP API, for the `ollama:` backend's tests.

The Ollama binary cannot be installed here (not in Debian, not on PyPI), so this
stands in for it on 127.0.0.1 with the wire format of Ollama's API docs:
- POST /api/chat: `stream: true` sends NDJSON chunks ({"model", "created_at",
  "message": {"role", "content"}, "done": false}) and a final chunk with "done": true,
  "done_reason" and the token counts; `stream: false` sends one such object;
- POST /api/show: the model's details and "model_info" (with its context length);
- an unknown model gets 404 {"error": "model '...' not found"}, as Ollama answers.

What the "model" says is a function of the chat messages (`reply`), so a test can
answer from the passages in the prompt, or plant a sentence no passage supports.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[list[dict[str, Any]]], str]


class OllamaStub:
    """Configuration and a record of the requests, shared with the handler threads."""

    def __init__(self, model: str, reply: Reply, chunk_delay: float = 0.0, first_delay: float = 0.0) -> None:
        self.model = model
        self.reply = reply
        self.chunk_delay = chunk_delay  # seconds between streamed chunks
        self.first_delay = first_delay  # seconds before the first byte of a chat reply
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.url = ""


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _pieces(text: str) -> list[str]:
    """The reply in word-sized chunks, as a model streams it."""
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


def _handler(stub: OllamaStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet test output
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            stub.requests.append((self.path, body))
            if self.path not in ("/api/chat", "/api/show"):
                self._json(404, {"error": "404 page not found"})
                return
            if body.get("model") != stub.model:
                self._json(404, {"error": f"model '{body.get('model')}' not found"})
                return
            if self.path == "/api/show":
                self._json(200, show_response(stub.model))
            else:
                self._chat(body)

        def _chat(self, body: dict[str, Any]) -> None:
            time.sleep(stub.first_delay)
            text = stub.reply(body.get("messages") or [])
            done = {"model": stub.model, "created_at": _now(), "message": {"role": "assistant", "content": ""}}
            done.update(done=True, done_reason="stop", total_duration=1_000_000, prompt_eval_count=400)
            done["eval_count"] = len(_pieces(text))
            if body.get("stream") is False:
                done["message"]["content"] = text
                self._json(200, done)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in _pieces(text):
                chunk = {"model": stub.model, "created_at": _now(), "message": {"role": "assistant", "content": piece}}
                self._chunk(json.dumps({**chunk, "done": False}) + "\n")
                time.sleep(stub.chunk_delay)
            self._chunk(json.dumps(done) + "\n")
            self.wfile.write(b"0\r\n\r\n")

        def _chunk(self, line: str) -> None:
            data = line.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    return Handler


def show_response(model: str) -> dict[str, Any]:
    """/api/show as Ollama sends it for a small llama-architecture model."""
    return {
        "license": "Apache-2.0",
        "modelfile": f"FROM {model}",
        "parameters": "stop <|im_end|>",
        "template": "{{ .Prompt }}",
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "135M",
            "quantization_level": "Q4_1",
        },
        "model_info": {"general.architecture": "llama", "llama.context_length": 131072},
        "modified_at": _now(),
    }


@contextmanager
def ollama_stub(model: str, reply: Reply, **options: float) -> Iterator[OllamaStub]:
    """The stub serving on a free 127.0.0.1 port until the block ends."""
    stub = OllamaStub(model, reply, **options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
