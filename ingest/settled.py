"""What the last finished refresh of an embedded index left, so a refresh with nothing to do
need not open Chroma at all.

A no-change `scoqa ingest` of 10,000 documents spends about 1 s (more on a busy machine) just
importing chromadb, on top of reading the folder. In embedded mode every write to the index goes
through a refresh holding the index's lock, so the refresh can leave a note when it finishes: the
collection's revision and what built it. The note is removed before a refresh writes anything,
so a refresh that is killed or fails leaves none, and the next one takes the full path. A note
is trusted only while the keyword index saved at its revision (with every document's
fingerprints, ingest/keyword.py) is still the current one. Server mode never uses it: another
host may have changed the collection.
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

from ingest.chunking import CHUNKER_VERSION
from ingest.keyword import KeywordIndex
from ingest.settings import Settings

NOTE = ".settled.json"


def forget(settings: Settings) -> None:
    """Remove the note: called before a refresh's first write."""
    (settings.index_dir / NOTE).unlink(missing_ok=True)


def record(settings: Settings, revision: str) -> None:
    """Leave the note for `revision`, the collection's revision at the end of a finished refresh."""
    if settings.chroma_url:
        return
    note = {"revision": revision, "embed_model": settings.embed_model, "chunker_version": CHUNKER_VERSION}
    temporary = settings.index_dir / f"{NOTE}.{uuid.uuid4().hex}"
    temporary.write_text(json.dumps(note), encoding="utf-8")
    os.replace(temporary, settings.index_dir / NOTE)


def settled_states(settings: Settings) -> tuple[dict[str, set[str]], int] | None:
    """doc_id -> fingerprints and the number of chunks of the index as the last refresh left it,
    or None when that cannot be vouched for without asking Chroma."""
    if settings.chroma_url or not (settings.chroma_dir / "chroma.sqlite3").exists():
        return None
    try:
        note: Any = json.loads((settings.index_dir / NOTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(note, dict) or note.get("embed_model") != settings.embed_model:
        return None
    revision = str(note.get("revision"))
    if note.get("chunker_version") != CHUNKER_VERSION or KeywordIndex.saved_revision(settings.keyword_dir) != revision:
        return None
    return KeywordIndex.saved_document_states(settings.keyword_dir, revision)
