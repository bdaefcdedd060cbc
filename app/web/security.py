"""What the web front end promises a visitor and the machine it runs on.

- An upload is only ever a file Gradio itself received (inside its upload folder,
  no symlink out of it): nothing else on the server can be indexed and read back.
- Document text is shown as text: escaped for HTML and Markdown, links only with
  http, https or mailto, and a Content-Security-Policy that forbids remote loads.
- Wrong passwords are rate-limited per client.
"""

from __future__ import annotations

import html
import os
import re
import threading
import time
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urlparse

SAFE_SCHEMES = ("http", "https", "mailto")
# Everything from this origin; nothing remote. Gradio needs inline scripts/styles and eval for its
# own bundle, websockets/SSE for its queue, data:/blob: URLs for its icons and downloads.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)


class UploadRefusedError(ValueError):
    """A path that is not a file a visitor uploaded through Gradio."""


def gradio_upload_folder() -> Path:
    """Where Gradio stores files a visitor uploaded (as gradio.utils.get_upload_folder says)."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def uploaded_file(path: str | os.PathLike[str], folder: Path | None = None) -> Path:
    """The real path of an uploaded file, or UploadRefusedError when it is anything else.

    Gradio's own check is skipped when its app is mounted on FastAPI, so a crafted
    event could name any path: only regular files below the upload folder pass, and a
    symlink anywhere in the way is refused rather than followed.
    """
    folder = (folder or gradio_upload_folder()).resolve()
    given = Path(os.path.abspath(path))
    real = given.resolve()
    if not real.is_relative_to(folder) or given != real:
        raise UploadRefusedError(f"{given.name}: not a file uploaded through this page; upload it again")
    if not real.is_file():
        raise UploadRefusedError(f"{given.name}: the upload is gone or not a regular file; upload it again")
    return real


def safe_url(url: str | None) -> str | None:
    """The URL when its scheme is http, https or mailto; None for javascript:, data: and the rest."""
    url = (url or "").strip()
    if not url or any(ch in url for ch in "\x00\r\n\t<>\"'`"):
        return None
    parsed = urlparse(url)
    if parsed.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parsed.scheme.lower() != "mailto" and not parsed.netloc:
        return None
    return url


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!#|~])")


def markdown_text(text: str) -> str:
    """Text that renders as itself in Markdown: HTML escaped, Markdown syntax backslash-escaped.

    A document sentence holding `<img src=...>` or `![](http://...)` must show those
    characters, never load the image.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


class LoginThrottle:
    """Failed logins per client in a sliding minute; past the limit the client waits."""

    def __init__(self, per_minute: int, window_seconds: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures[client]
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def retry_after(self, client: str) -> float:
        """Seconds until this client may try again (0 when it may now)."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(client, now)
            if len(failures) < self.per_minute:
                return 0.0
            return max(self.window - (now - failures[0]), 0.1)

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client, time.monotonic()).append(time.monotonic())
            if len(self._failures) > 10_000:  # forget idle clients, keep memory bounded
                for key in [k for k, v in self._failures.items() if not v][:5_000]:
                    del self._failures[key]


def foreign_files(payload: object, folder: Path) -> list[str]:
    """File references in a Gradio event payload that are not uploads: URLs and local paths outside `folder`.

    Gradio copies any path or URL named in a FileData into its cache before our code
    runs, so these must be refused before the event reaches Gradio.
    """
    found: list[str] = []
    stack = [payload]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            path = item.get("path")
            if isinstance(path, str) and ("orig_name" in item or "meta" in item or "url" in item):
                real = Path(os.path.abspath(path)).resolve()
                if "://" in path or not real.is_relative_to(folder) or real != Path(os.path.abspath(path)):
                    found.append(path)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
