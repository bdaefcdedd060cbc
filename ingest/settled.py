"""Whether an embedded index is settled as its keyword index describes it, read without chromadb.

A no-change `scoqa ingest` of 10,000 documents spends about 1 s (more on a busy machine) only
importing chromadb, on top of reading the folder. What it needs from Chroma is the collection's
recorded facts: its revision, whether a refresh is under way, and the model and chunker that
built it. In embedded mode those are rows of Chroma's own SQLite file, which the standard
library reads in a millisecond. If they say the collection is settled at the revision the keyword
index was saved at, that index's document fingerprints (ingest/keyword.py) are the index's, and a
refresh whose folder matches them has nothing to do. Any doubt (server mode, a file or schema this
code does not recognise, a busy database) answers None, and the refresh asks Chroma as before.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ingest.chunking import CHUNKER_VERSION
from ingest.embedding import EMBED_DIMS
from ingest.keyword import KeywordIndex
from ingest.settings import Settings

FACTS_QUERY = """
SELECT m.key, m.str_value, m.int_value, m.bool_value
FROM collections c JOIN collection_metadata m ON m.collection_id = c.id
WHERE c.name = ?
"""


def collection_facts(settings: Settings) -> dict[str, Any] | None:
    """The embedded collection's metadata (ChromaStore.facts), read from Chroma's SQLite file, or None."""
    path = settings.chroma_dir / "chroma.sqlite3"
    if settings.chroma_url or not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5) as connection:
            rows = connection.execute(FACTS_QUERY, (settings.collection,)).fetchall()
            named = connection.execute("SELECT COUNT(*) FROM collections WHERE name = ?", (settings.collection,))
            if named.fetchone()[0] != 1:
                return None  # no such collection, or one per database: let Chroma decide
    except sqlite3.Error:
        return None
    facts: dict[str, Any] = {}
    for key, text, number, flag in rows:
        facts[key] = text if text is not None else number if number is not None else bool(flag)
    return facts


def settled_states(settings: Settings) -> tuple[dict[str, set[str]], int] | None:
    """doc_id -> fingerprints and the number of chunks, when the collection is settled at the saved
    keyword index's revision and was built as this run would build it; else None."""
    facts = collection_facts(settings)
    if not facts or facts.get("refreshing") is not False:
        return None
    built = (facts.get("embed_model"), facts.get("embed_dim"), facts.get("chunker_version"))
    if built != (settings.embed_model, EMBED_DIMS.get(settings.embed_model), CHUNKER_VERSION):
        return None  # the full path explains the mismatch
    revision = str(facts.get("revision"))
    if KeywordIndex.saved_revision(settings.keyword_dir) != revision:
        return None
    return KeywordIndex.saved_document_states(settings.keyword_dir, revision)
