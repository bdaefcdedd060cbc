"""documents/sources.toml: the primary documents we may download, and `scoqa sources fetch`.

Each `[[source]]` names a URL and the file it becomes under documents/primary/, plus the
metadata (title, organisation, kind, date, language) that ingest gives that file.
Fetching is the only command that reaches the network, and only when the user runs it.
What it remembers between runs (ETag, Last-Modified, hashes) lives in the index folder,
because the documents folder may be read-only or shared.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ingest.rawtext import LoadError

SOURCES_FILE = "sources.toml"
PRIMARY_DIR = "primary"
STATE_FILE = "sources-state.json"
USER_AGENT = "scoqa-sources-fetch/0.1 (+https://github.com/; offline RAG, fetches on request only)"
META_FIELDS = ("title", "organisation", "kind", "date", "language")

# What a server may call each file type; octet-stream is accepted only when the bytes agree.
CONTENT_TYPES = {
    ".pdf": ("application/pdf", "application/x-pdf"),
    ".html": ("text/html", "application/xhtml+xml"),
    ".htm": ("text/html", "application/xhtml+xml"),
    ".txt": ("text/plain",),
    ".md": ("text/markdown", "text/x-markdown", "text/plain"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
}
MAGIC = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


@dataclass(frozen=True)
class Source:
    """One `[[source]]` entry."""

    url: str
    file: str
    title: str = ""
    organisation: str = ""
    kind: str = ""
    date: str = ""
    language: str = ""

    @property
    def doc_id(self) -> str:
        """The id ingest gives the downloaded file."""
        return f"{PRIMARY_DIR}/{self.file}"

    def metadata(self) -> dict[str, str]:
        """Metadata overrides for ingest (only the fields that are set)."""
        meta = {name: getattr(self, name) for name in META_FIELDS if getattr(self, name)}
        meta["source_url"] = self.url
        return meta


def load_sources(docs_dir: Path) -> list[Source]:
    """The entries of documents/sources.toml ([] when there is none); errors name the entry and field."""
    path = docs_dir / SOURCES_FILE
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LoadError(SOURCES_FILE, f"is not valid TOML ({exc}); fix it") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise LoadError(SOURCES_FILE, "`source` must be an array of tables: write each entry as [[source]]")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"[[source]] #{number}"
        if not isinstance(entry, dict):
            raise LoadError(SOURCES_FILE, f"{where} is not a table")
        url, file = str(entry.get("url") or "").strip(), str(entry.get("file") or "").strip()
        if not url.startswith(("http://", "https://")):
            raise LoadError(SOURCES_FILE, f"{where}: `url` must be an http(s) URL, got {url!r}")
        pure = PurePosixPath(file)
        if not file or pure.is_absolute() or ".." in pure.parts or file.startswith((".", "_")):
            raise LoadError(SOURCES_FILE, f"{where}: `file` must be a name under {PRIMARY_DIR}/, got {file!r}")
        if pure.suffix.lower() not in CONTENT_TYPES:
            raise LoadError(
                SOURCES_FILE, f"{where}: `file` {file!r} must end in one of {', '.join(sorted(CONTENT_TYPES))}"
            )
        if file in seen:
            raise LoadError(SOURCES_FILE, f"{where}: `file` {file!r} is listed twice; give each source its own file")
        seen.add(file)
        extra = {name: str(entry.get(name) or "").strip() for name in META_FIELDS}
        sources.append(Source(url=url, file=file, **extra))
    return sources


def source_overrides(docs_dir: Path) -> dict[str, dict[str, str]]:
    """doc_id -> metadata from sources.toml, for files already downloaded."""
    return {source.doc_id: source.metadata() for source in load_sources(docs_dir)}


# -- fetching ----------------------------------------------------------------------------


class Unreachable(Exception):
    """The server could not be reached at all (offline, DNS, refused, timed out)."""


class Refused(Exception):
    """The server answered, but not with a document we accept."""


@dataclass
class FetchSummary:
    """What a fetch did, per file."""

    downloaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    unreachable: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fetch_sources(docs_dir: Path, index_dir: Path, *, timeout: float = 30.0, max_file_mb: float = 50.0) -> FetchSummary:
    """Download each source into documents/primary/ unless the server says it is unchanged."""
    started = time.perf_counter()
    summary = FetchSummary()
    sources = load_sources(docs_dir)
    state_path = index_dir / STATE_FILE
    state = _read_state(state_path)
    unreachable: list[dict[str, str]] = []
    for source in sources:
        target = docs_dir / PRIMARY_DIR / source.file
        known = state.get(source.file, {})
        current = known if known.get("url") == source.url and _sha256_of(target) == known.get("sha256") else {}
        try:
            result = _fetch_one(source, current, timeout, int(max_file_mb * 1_000_000))
        except Unreachable as exc:
            unreachable.append({"file": source.doc_id, "reason": str(exc)})
            continue
        except Refused as exc:
            summary.failed.append({"file": source.doc_id, "reason": str(exc)})
            continue
        if result is None:
            summary.unchanged.append(source.doc_id)
            continue
        body, headers = result
        _write_atomically(target, body)
        state[source.file] = {
            "url": source.url,
            "etag": headers.get("ETag") or "",
            "last_modified": headers.get("Last-Modified") or "",
            "sha256": hashlib.sha256(body).hexdigest(),
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        _write_state(state_path, state)
        summary.downloaded.append(source.doc_id)
    summary.failed.extend(unreachable)
    summary.unreachable = bool(sources) and len(unreachable) == len(sources)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _fetch_one(source: Source, known: dict[str, str], timeout: float, max_bytes: int) -> tuple[bytes, Any] | None:
    """The new body and headers, or None when the server answers 304 Not Modified."""
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    if known.get("etag"):
        request.add_header("If-None-Match", known["etag"])
    if known.get("last_modified"):
        request.add_header("If-Modified-Since", known["last_modified"])
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _check_type(source, response.headers.get_content_type())
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Refused(_too_big(int(length), max_bytes))
            body = bytearray()
            while chunk := response.read(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise Refused(_too_big(len(body), max_bytes))
                if time.monotonic() > deadline:
                    raise Unreachable(f"download did not finish within {timeout:g} s; try again or raise --timeout")
            headers = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise Refused(f"the server answered {exc.code} {exc.reason} for {source.url}; check the URL") from exc
    except urllib.error.URLError as exc:
        raise Unreachable(f"cannot reach {source.url} ({exc.reason})") from exc
    except TimeoutError as exc:
        raise Unreachable(f"no answer from {source.url} within {timeout:g} s; try again or raise --timeout") from exc
    except (ConnectionError, OSError) as exc:
        raise Unreachable(f"connection to {source.url} failed ({exc})") from exc
    body = bytes(body)
    _check_magic(source, body)
    return body, headers


def _check_type(source: Source, content_type: str) -> None:
    """Refuse an error page or a different document type served under the right name."""
    suffix = PurePosixPath(source.file).suffix.lower()
    if content_type in CONTENT_TYPES[suffix] or (content_type == "application/octet-stream" and suffix in MAGIC):
        return
    raise Refused(
        f"the server sent {content_type}, not {CONTENT_TYPES[suffix][0]} as a {suffix} file should be; "
        "check the URL points at the document itself (not a page about it) or change `file`"
    )


def _check_magic(source: Source, body: bytes) -> None:
    suffix = PurePosixPath(source.file).suffix.lower()
    if suffix in MAGIC and not body.startswith(MAGIC[suffix]):
        raise Refused(f"the download is not a {suffix} file (it does not start like one); check the URL")


def _too_big(size: int, max_bytes: int) -> str:
    return f"{size / 1e6:.3g} MB is over the {max_bytes / 1e6:.3g} MB limit; raise --max-file-mb if it is right"


def _sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _write_atomically(target: Path, body: bytes) -> None:
    """Write beside the target under a hidden name (ingest skips it), then rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_bytes(body)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _read_state(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(path: Path, state: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
