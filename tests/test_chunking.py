"""ingest.chunking: chunks fit the model, are exact slices, and have stable ids."""

from __future__ import annotations

import pytest

from ingest.chunking import CHUNK_TOKENS, chunk_document
from ingest.documents import Document
from ingest.embedding import get_embedder

pytestmark = pytest.mark.integration

TEXT = "\n\n".join(
    f"## Part {i}\nThe Collective Security Treaty Organization held exercise number {i} in Central Asia. "
    "Troops from several member states took part, and the secretariat in Moscow reported on the results. " * 3
    for i in range(12)
)


def test_chunks_are_exact_slices_that_fit_the_model() -> None:
    embedder = get_embedder("minilm")
    doc = Document(doc_id="x.md", text=TEXT, title="Exercises")
    chunks = chunk_document(doc, embedder.token_ids)
    assert len(chunks) > 5
    for chunk in chunks:
        assert TEXT[chunk.start : chunk.end] == chunk.text
        assert len(embedder.token_ids(chunk.text)) <= CHUNK_TOKENS
        # title + section prefix + special tokens still fit MiniLM's 256-token window
        assert len(embedder.token_ids(chunk.embedding_text(doc.title))) + 2 <= 256
    assert chunks[3].section.startswith("Part ")
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_chunk_ids_are_stable_and_change_with_content() -> None:
    embedder = get_embedder("minilm")
    first = chunk_document(Document(doc_id="x.md", text=TEXT, title="t"), embedder.token_ids)
    again = chunk_document(Document(doc_id="x.md", text=TEXT, title="t"), embedder.token_ids)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    edited = chunk_document(
        Document(doc_id="x.md", text=TEXT.replace("number 0", "number zero"), title="t"), embedder.token_ids
    )
    assert edited[0].chunk_id != first[0].chunk_id
    assert edited[-1].chunk_id == first[-1].chunk_id


def test_each_table_row_is_also_a_passage_read_with_its_header() -> None:
    embedder = get_embedder("minilm")
    table = "\n".join(f"{1990 + n} | Port {n}" for n in range(30))
    text = f"{TEXT}\n\n## Ports\n\nPorts of the league  Year | Harbour\n---|---\n{table}\n\nThe list ends here."
    chunks = chunk_document(Document(doc_id="x.md", text=text, title="League"), embedder.token_ids)
    rows = [c for c in chunks if c.lead]
    assert chunks[-len(rows) :] == rows  # after the text's own chunks, which stay what they were
    assert [c.text for c in rows] == [f"{1990 + n} | Port {n}" for n in range(30)]
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    row = rows[12]
    assert text[row.start : row.end] == row.text and row.section == "Ports"
    # embedded as it reads with its header, which says what the year and the name are
    assert row.embedding_text("League") == "League. Ports.\nPorts of the league: Year 2002; Harbour Port 12."
