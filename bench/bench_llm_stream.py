"""What a browser user waits for with `--llm`: the quoted answer, the first draft token, the checked answer.

    python bench/bench_llm_stream.py --index /tmp/docs-index            # --llm local, 10 dev questions
    python bench/bench_llm_stream.py --index IDX --llm ollama:llama3.2 -n 20

Starts a real `scoqa serve --llm ...` on a free loopback port and asks dev questions
through POST /api/ask with "stream": true, the same server-sent events the page
consumes. Reports p50/p95 of the time to the `extractive` event, to the first `token`
and to the final `answer` (targets of issue 13 on 2 cores: <= 1 s, <= 5 s, <= 20 s).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(index: Path, llm: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "app.cli", "serve", "--index", str(index), "--port", str(port), "--no-build"]
    with log.open("wb") as sink:  # the server's errors, shown if a question fails
        proc = subprocess.Popen([*command, "--llm", llm], env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            time.sleep(1)
    proc.kill()
    raise SystemExit("scoqa serve did not come up in 300 s")


def ask(url: str, question: str) -> dict[str, float | str]:
    """Seconds to each event of one streamed answer, and the answer's mode."""
    body = json.dumps({"question": question, "stream": True}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    times: dict[str, float | str] = {}
    with urllib.request.urlopen(request, timeout=600) as response:
        event = ""
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("event: "):
                event = line[7:]
                key = {"extractive": "quoted_s", "token": "first_token_s", "answer": "checked_s"}.get(event)
                if key and key not in times:
                    times[key] = time.perf_counter() - started
            elif line.startswith("data: ") and event == "answer":
                times["mode"] = json.loads(line[6:])["mode"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="an index built from documents/")
    parser.add_argument("--llm", default="local")
    parser.add_argument("-n", type=int, default=10, help="dev questions to ask (answerable ones, in file order)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (ROOT / "tests/data/questions.jsonl").read_text().splitlines() if line]
    questions = [r["question"] for r in rows if r.get("answerable", True)][: args.n]
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-llm-serve-", suffix=".log")[1])
    proc = start(args.index, args.llm, port, log)
    try:
        results = [ask(f"http://127.0.0.1:{port}/api/ask", q) for q in questions]
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{exc}; the server's log:\n{log.read_text(errors='replace')[-3000:]}") from exc
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    print(f"{len(results)} questions, --llm {args.llm}, load average {os.getloadavg()[0]:.1f}")
    for key in ("quoted_s", "first_token_s", "checked_s"):
        values = sorted(float(r[key]) for r in results if key in r)
        if values:
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(f"{key:<14} p50 {statistics.median(values):6.2f} s   p95 {p95:6.2f} s   (n={len(values)})")
    modes = [r.get("mode") for r in results]
    print("modes:", {m: modes.count(m) for m in set(modes)})


if __name__ == "__main__":
    main()
