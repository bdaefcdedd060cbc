"""Where each concept occurs in each document, kept on disk so a restart does not count again.

Counting 12 concepts in 10,000 documents costs several seconds of CPU; the spans found are
small. They are appended to a file beside the document file (app/trends/text_cache.py), one
line per document and save, so saving after a refresh writes only the documents counted anew;
it is rewritten without outdated lines when those make up most of it. Three keys, any of which
changing means counting again: the document's content version (its chunk ids,
each a hash of its text, with their offsets: exactly what its rebuilt text is made of), the
concept's terms and exclusions (not its name), and MATCHING_VERSION, the matching rules.
In memory the spans live on the document (IndexedDocument.memo) under the same concept key,
so a document a refresh did not change keeps them too.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import cache
from pathlib import Path

from app.trends.document import IndexedDocument
from app.trends.lexicon import Concept
from app.trends.text_cache import cache_path, replace_file
from ingest.settings import Settings

MATCHING_VERSION = "1"  # bump when app/trends/matching.py changes what a term matches
FORMAT = 1  # of the file's lines: [doc_id, content version, {concept key: flat spans}]
UNSAVED = "unsaved spans"  # memo: the concept keys counted in this process and not yet in the file
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


def saved_spans(doc: IndexedDocument, key: tuple[str, str]) -> list[tuple[int, int]] | None:
    """The spans restore_counts put on the document for this concept key, as (start, end) pairs."""
    flat = doc.memo.pop(("flat spans", key[1]), None)
    return None if flat is None else list(zip(flat[::2], flat[1::2], strict=True))


def counts_path(settings: Settings) -> Path:
    path = cache_path(settings)
    return path.with_name(f"{path.stem}.counts-{FORMAT}.jsonl")


def restore_counts(settings: Settings, documents: list[IndexedDocument]) -> None:
    """Put the saved spans on the documents whose content is still the one they were counted in;
    rewrite the file without the rest once it holds mostly outdated lines."""
    try:
        lines = counts_path(settings).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    by_id = {d.doc_id: d for d in documents}
    kept: dict[str, dict[str, list[int]]] = {}
    for line in lines:
        try:
            doc_id, version, spans = json.loads(line)
        except ValueError:  # a line cut short by a kill
            continue
        doc = by_id.get(doc_id)
        if doc is not None and version == content_version(doc):
            kept.setdefault(doc_id, {}).update(spans)
    for doc_id, spans in kept.items():
        for key, flat in spans.items():  # paired up when first used (saved_spans): most are not, in one render
            by_id[doc_id].memo.setdefault(("flat spans", key), flat)
    if len(lines) > 2 * len(kept) + 1000:
        _rewrite(counts_path(settings), [_line(by_id[i], spans) for i, spans in kept.items()])


def save_counts(settings: Settings, documents: list[IndexedDocument]) -> None:
    """Append the spans counted since the last save, one line per document (a folder that cannot
    be written only costs speed)."""
    lines = []
    for doc in documents:
        keys = doc.memo.pop(UNSAVED, None)
        if keys:
            lines.append(_line(doc, {k: [x for span in doc.memo[("spans", k)] for x in span] for k in keys}))
    if not lines:
        return
    path = counts_path(settings)
    with _WRITING:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                out.write("".join(lines))
        except OSError:
            return


def _line(doc: IndexedDocument, spans: dict[str, list[int]]) -> str:
    return json.dumps([doc.doc_id, content_version(doc), spans], ensure_ascii=False, separators=(",", ":")) + "\n"


def _rewrite(path: Path, lines: list[str]) -> None:
    """Replace the file (appends another process makes meanwhile may be lost: they are recounted)."""
    with _WRITING:
        replace_file(path, "".join(lines))
