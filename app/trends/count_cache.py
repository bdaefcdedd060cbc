"""Where each concept occurs in each document, kept on disk so a restart does not count again.

Counting 12 concepts in 10,000 documents costs several seconds of CPU; the spans found are
small. They are saved beside the document file (app/trends/text_cache.py) under three keys,
any of which changing means counting again: the document's content version (its chunk ids,
each a hash of its text, with their offsets: exactly what its rebuilt text is made of), the
concept's terms and exclusions (not its name), and MATCHING_VERSION, the matching rules.
In memory the spans live on the document (IndexedDocument.memo) under the same concept key,
so a document a refresh did not change keeps them too.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from functools import cache
from pathlib import Path

from app.trends.document import IndexedDocument
from app.trends.lexicon import Concept
from app.trends.text_cache import cache_path
from ingest.settings import Settings

MATCHING_VERSION = "1"  # bump when app/trends/matching.py changes what a term matches
FORMAT = 1
UNSAVED = "unsaved spans"  # memo flag: counted in this process, not yet in the file
_WRITING = threading.Lock()


@cache
def concept_signature(concept: Concept) -> tuple[str, str]:
    """The memo key of a concept's spans: what decides them, whatever the concept is called."""
    decided_by = json.dumps([MATCHING_VERSION, sorted(concept.terms), sorted(concept.exclude)], ensure_ascii=False)
    return ("spans", hashlib.sha256(decided_by.encode("utf-8")).hexdigest()[:16])


def content_version(doc: IndexedDocument) -> str:
    """A hash of the chunk ids and offsets the document's text was rebuilt from."""
    version = doc.memo.get("version")
    if version is None:
        laid = "\n".join(f"{c.chunk_id} {c.start}" for c in doc.chunks)
        version = doc.memo["version"] = hashlib.sha256(laid.encode("utf-8")).hexdigest()[:16]
    return version


def counts_path(settings: Settings) -> Path:
    path = cache_path(settings)
    return path.with_name(f"{path.stem}.counts.json")


def restore_counts(settings: Settings, documents: list[IndexedDocument]) -> None:
    """Put the saved spans on the documents whose content is still the one they were counted in."""
    try:
        data = json.loads(counts_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return
    saved = data.get("documents") or {}
    for doc in documents:
        entry = saved.get(doc.doc_id)
        if entry and entry.get("version") == content_version(doc):
            for key, flat in entry["spans"].items():
                doc.memo.setdefault(("spans", key), list(zip(flat[::2], flat[1::2], strict=True)))


def save_counts(settings: Settings, documents: list[IndexedDocument]) -> None:
    """Write every document's spans when some were counted since the last write (atomically;
    a folder that cannot be written only costs speed)."""
    with _WRITING:
        if not [d for d in documents if d.memo.pop(UNSAVED, False)]:  # every flag is cleared: all are saved now
            return
        payload = {"format": FORMAT, "documents": {d.doc_id: _entry(d) for d in documents}}
        path = counts_path(settings)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as f:
                f.write(json.dumps(payload, separators=(",", ":")))
            os.chmod(f.name, 0o644)
            os.replace(f.name, path)
        except OSError:
            return


def _entry(doc: IndexedDocument) -> dict[str, object]:
    memo = list(doc.memo.items())  # a copy: another render may be counting in this document meanwhile
    spans = {k[1]: [x for span in v for x in span] for k, v in memo if isinstance(k, tuple) and k[0] == "spans"}
    return {"version": content_version(doc), "spans": spans}
