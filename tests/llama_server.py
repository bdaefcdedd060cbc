"""xllamacpp's own OpenAI-compatible HTTP server with SmolLM2, in a subprocess on 127.0.0.1.

    python -m tests.llama_server PORT       # serves /v1/chat/completions, /v1/models, /health

The `openai:` backend's tests drive it as they would vLLM or LM Studio: a real server
in another process, reached over loopback HTTP.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import free_port
from tests.live_server import stop_server


def main(port: int) -> None:
    import xllamacpp

    from app.answering.llm.backends import default_gguf

    params = xllamacpp.CommonParams()
    params.model.path = str(default_gguf())
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = 1
    params.cpuparams_batch.n_threads = 1
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.verbosity = -1
    server = xllamacpp.Server(params)
    print(server.listening_address, flush=True)
    while True:  # serve until the test terminates this process
        time.sleep(3600)


@contextmanager
def llama_server(log_dir: Path, timeout: float = 180) -> Iterator[str]:
    """The server's base URL (http://127.0.0.1:PORT) while the block runs."""
    port = free_port()
    log = log_dir / f"llama-server-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "tests.llama_server", str(port)], stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"the llama.cpp server exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise AssertionError(f"the llama.cpp server did not come up in {timeout:.0f} s")
            time.sleep(0.5)
        yield url
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main(int(sys.argv[1]))
