"""`scoqa sources fetch` against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.corpus import load_overrides
from ingest.loaders import LoadError
from ingest.sources import STATE_FILE, load_sources
from tests.conftest import free_port
from tests.test_formats import PDF_PAGES, make_pdf

PDF = make_pdf(PDF_PAGES)
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    """/charter.pdf (ETag + Last-Modified, answers 304), /missing, /slow, /huge.pdf, /page.pdf (HTML)."""

    requests: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def do_GET(self) -> None:
        Handler.requests.append((self.path, dict(self.headers)))
        if self.path == "/charter.pdf":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, "application/pdf", PDF, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif self.path == "/notes.txt":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.end_headers()
                return
            body = b"The SCO Charter was adopted in 2002."
            self._send(200, "text/plain; charset=utf-8", body, {"Last-Modified": LAST_MODIFIED})
        elif self.path == "/slow.pdf":
            time.sleep(15)  # far past the test's timeout, so a loaded machine cannot blur the two
            self._send(200, "application/pdf", PDF)
        elif self.path == "/huge.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4\n" + b"0" * 300_000)
        elif self.path == "/stream.pdf":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"%PDF" + b"1" * 10_000)
        elif self.path == "/page.pdf":
            self._send(200, "text/html; charset=utf-8", b"<html><body>Cookie consent</body></html>")
        else:
            self._send(404, "text/html", b"not found")

    def _send(self, code: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def write_sources(docs: Path, entries: list[dict[str, str]]) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    text = "".join(
        "[[source]]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in entry.items()) + "\n"
        for entry in entries
    )
    (docs / "sources.toml").write_text(text, encoding="utf-8")


def fetch(docs: Path, index: Path, *extra: str):
    result = CliRunner().invoke(main, ["sources", "fetch", "--docs", str(docs), "--index", str(index), *extra])
    return result


@pytest.mark.integration
def test_download_then_conditional_requests_then_ingest(tmp_path: Path, server: str) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    write_sources(
        docs,
        [
            {"url": f"{server}/charter.pdf", "file": "sco_charter.pdf", "title": "SCO Charter", "organisation": "SCO"},
            {"url": f"{server}/notes.txt", "file": "notes.txt", "date": "2002-06-07"},
        ],
    )
    first = fetch(docs, index, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["downloaded"] == ["primary/sco_charter.pdf", "primary/notes.txt"]
    assert (docs / "primary" / "sco_charter.pdf").read_bytes() == PDF
    state = json.loads((index / STATE_FILE).read_text(encoding="utf-8"))
    assert state["sco_charter.pdf"]["etag"] == ETAG and state["notes.txt"]["last_modified"] == LAST_MODIFIED
    assert sorted(p.name for p in docs.rglob("*")) == ["notes.txt", "primary", "sco_charter.pdf", "sources.toml"]

    again = fetch(docs, index, "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["unchanged"] == ["primary/sco_charter.pdf", "primary/notes.txt"]
    conditional = Handler.requests[2:]
    assert conditional[0][1].get("If-None-Match") == ETAG
    assert conditional[1][1].get("If-Modified-Since") == LAST_MODIFIED

    # A file changed on disk since the download is fetched afresh, not trusted to the 304.
    (docs / "primary" / "sco_charter.pdf").write_bytes(b"edited")
    third = fetch(docs, index, "--json")
    assert json.loads(third.stdout)["downloaded"] == ["primary/sco_charter.pdf"]
    assert "If-None-Match" not in Handler.requests[4][1]

    ingest = CliRunner().invoke(main, ["ingest", "--docs", str(docs), "--index", str(index), "--json"])
    assert ingest.exit_code == 0, ingest.output
    assert json.loads(ingest.stdout)["added"] == 2
    overrides = load_overrides(docs)
    assert overrides["primary/sco_charter.pdf"] == {
        "title": "SCO Charter",
        "organisation": "SCO",
        "source_url": f"{server}/charter.pdf",
    }
    from ingest.settings import Settings
    from ingest.store import ChromaStore

    store = ChromaStore(Settings(docs_dir=docs, index_dir=index))
    chunks = {c.metadata["doc_id"]: c.metadata for c in store.iter_metadata()}
    assert chunks["primary/sco_charter.pdf"]["title"] == "SCO Charter"
    assert chunks["primary/sco_charter.pdf"]["source_url"] == f"{server}/charter.pdf"
    assert chunks["primary/notes.txt"]["date"] == "2002-06-07"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.pdf", "answered 404"),
        ("/slow.pdf", "within 5 s"),
        ("/huge.pdf", "0.3 MB is over the 0.1 MB limit"),
        ("/stream.pdf", "over the 0.1 MB limit"),
        ("/page.pdf", "the server sent text/html, not application/pdf"),
    ],
)
def test_bad_answers_fail_that_source_only(tmp_path: Path, server: str, path: str, reason: str) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    write_sources(
        docs,
        [{"url": f"{server}{path}", "file": "bad.pdf"}, {"url": f"{server}/charter.pdf", "file": "good.pdf"}],
    )
    # 5 s: long enough for the good download on a loaded 2-core machine, far short of /slow.pdf's 15 s
    result = fetch(docs, index, "--json", "--timeout", "5", "--max-file-mb", "0.1")
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert summary["downloaded"] == ["primary/good.pdf"]
    assert [f["file"] for f in summary["failed"]] == ["primary/bad.pdf"]
    assert reason in summary["failed"][0]["reason"]
    assert sorted(p.name for p in (docs / "primary").iterdir()) == ["good.pdf"]  # no partial file left


@pytest.mark.unit
def test_offline_says_so_and_changes_nothing(tmp_path: Path) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    write_sources(docs, [{"url": f"{dead}/a.pdf", "file": "a.pdf"}, {"url": f"{dead}/b.txt", "file": "b.txt"}])
    before = sorted(docs.rglob("*"))
    result = fetch(docs, index)
    assert result.exit_code == 1
    assert "cannot reach any of the sources" in result.stderr and "nothing was changed" in result.stderr
    assert sorted(docs.rglob("*")) == before and not index.exists()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"url": "ftp://x/a.pdf", "file": "a.pdf"}, "`url` must be an http(s) URL"),
        ({"url": "https://x/a.pdf", "file": "../escape.pdf"}, "`file` must be a name under primary/"),
        ({"url": "https://x/a.exe", "file": "a.exe"}, "must end in one of"),
    ],
)
def test_bad_sources_toml_names_the_entry_and_field(tmp_path: Path, entry: dict, message: str) -> None:
    write_sources(tmp_path, [{"url": "https://x/ok.pdf", "file": "ok.pdf"}, entry])
    with pytest.raises(LoadError, match=r"\[\[source\]\] #2") as err:
        load_sources(tmp_path)
    assert message in err.value.reason
    result = fetch(tmp_path, tmp_path / "index")
    assert result.exit_code == 1 and "sources.toml" in result.stderr


@pytest.mark.integration
def test_the_size_limit_follows_the_max_file_mb_setting(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    write_sources(docs, [{"url": f"{server}/stream.pdf", "file": "big.pdf"}])
    monkeypatch.setenv("SCOQA_MAX_FILE_MB", "0.1")  # as `scoqa settings` shows it; no --max-file-mb given
    result = fetch(docs, index, "--json", "--timeout", "5")
    assert result.exit_code in (1, 3), result.output
    assert "over the 0.1 MB limit" in json.loads(result.stdout)["failed"][0]["reason"]
