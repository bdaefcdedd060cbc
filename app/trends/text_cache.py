"""The rebuilt documents kept on local disk with the index revision they were read at, so a restart
need not read every chunk from Chroma (63,000 chunks take Chroma 10-15 s here; the file loads in ~1 s),
and after a refresh only the documents it changed are read (app/trends/index_delta.py).

The file lives under the index folder (in server mode the local cache folder, as the keyword index
does); it is derived data: a missing, stale or unreadable file is simply rebuilt.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from app.trends.document import ChunkSpan, IndexedDocument
from ingest.settings import Settings

FORMAT = 3  # 3: each document keeps its first chunk's metadata


def cache_path(settings: Settings) -> Path:
    """index/trends-cache/<server or "local">_<collection>.json."""
    where = settings.chroma_url.split("://", 1)[-1] if settings.chroma_url else "local"
    slug = "".join(ch if ch.isalnum() else "_" for ch in f"{where}_{settings.collection}")
    return settings.index_dir / "trends-cache" / f"{slug}.json"


def _to_dict(doc: IndexedDocument) -> dict[str, Any]:
    fields = ("doc_id", "title", "organisation", "kind", "date", "year", "text", "words", "first_metadata")
    return {k: getattr(doc, k) for k in fields} | {
        "chunks": [[c.chunk_id, c.start, c.end] for c in doc.chunks],
        "scripts": sorted(doc.scripts),  # a scan of every text: worth keeping
    }


def read_cached(settings: Settings) -> tuple[str, list[IndexedDocument]] | None:
    """(the revision they were read at, the documents saved), or None when there is no usable file."""
    try:
        data = json.loads(cache_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    documents = []
    for d in data["documents"]:
        fields = {k: v for k, v in d.items() if k not in ("chunks", "scripts")}
        doc = IndexedDocument(**fields, chunks=[ChunkSpan(*c) for c in d["chunks"]])
        doc.memo["scripts"] = frozenset(d["scripts"])
        documents.append(doc)
    return str(data.get("revision", "")), documents


def write_cached(settings: Settings, revision: str, documents: list[IndexedDocument]) -> None:
    payload = {"format": FORMAT, "revision": revision, "documents": [_to_dict(d) for d in documents]}
    replace_file(cache_path(settings), json.dumps(payload, ensure_ascii=False))


def replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically; a folder that cannot be written only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(text)
        os.chmod(out.name, 0o644)  # like every other file of the index, not private to this user
        os.replace(out.name, path)
    except OSError:
        return
