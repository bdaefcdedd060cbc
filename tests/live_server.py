"""Start a real `scoqa serve` subprocess on a free loopback port, for the HTTP and browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ingest.settings import Settings
from tests.conftest import free_port


def start_server(settings: Settings, *extra: str, timeout: float = 180) -> tuple[subprocess.Popen, str]:
    """`scoqa serve` on settings' index (built on start if missing); returns the process and its URL."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [sys.executable, "-m", "app.cli", "serve", "--docs", str(settings.docs_dir)]
    command += ["--index", str(settings.index_dir), "--port", str(port), *extra]
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    log_path = settings.index_dir / f"serve-{port}.log"  # a file, not a pipe nobody drains
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"scoqa serve exited: {log_path.read_text()}")
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return proc, url
        except urllib.error.HTTPError:
            return proc, url  # up, but asks for a login
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError(f"scoqa serve did not come up in {timeout:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate the server and wait for it, killing it if it hangs."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (a server's fork server and answer workers), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            children.setdefault(_ppid(int(entry.name)), []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        tree.append(todo.pop())
        todo += children.get(tree[-1], [])
    return tree


def answer_workers(server_pid: int) -> list[int]:
    """The server's answer worker processes: the children of its multiprocessing fork server."""
    tree = process_tree(server_pid)
    forkservers = [p for p in tree[1:] if "multiprocessing.forkserver" in _cmdline(p) and _ppid(p) == server_pid]
    return sorted(p for p in tree if _ppid(p) in forkservers)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1  # gone meanwhile
