"""Document -> Chunks small enough for the embedding model to read whole."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ingest.documents import Document
from ingest.tables import table_rows

# Bump when chunk boundaries change: an index built by another version must be rebuilt.
CHUNKER_VERSION = "sentence-200t-30o-rows-v3"
CHUNK_TOKENS = 200  # MiniLM reads 256 word pieces; leave room for the title prefix
OVERLAP_TOKENS = 30
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document: an exact slice of its text, with where it came from."""

    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int
    section: str
    page: int
    lead: str = ""  # a table row's: the caption and header lines it is read with (ingest/tables.py)
    reading: str = ""  # a table row's: how it reads with them ('Sessions: Year 2011; City Bergen.')

    def embedding_text(self, title: str) -> str:
        """What the model embeds: title and section give a passage its context; a table row is
        embedded as it reads with its header, which says what its cells are."""
        context = f"{title}. {self.section}." if self.section and self.section != title else f"{title}."
        return f"{context}\n{self.reading or self.text}"


def chunk_id_for(doc_id: str, ordinal: int, text: str) -> str:
    """Stable id: the same passage of the same file always gets the same id."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{doc_id}#{ordinal:04d}-{digest}"


_ID_TAIL = re.compile(r"\d{4,}-[0-9a-f]{12}")


def ordinal_of(chunk_id: str) -> int | None:
    """The place in its document of a chunk whose id chunk_id_for made, else None."""
    _, sep, tail = chunk_id.rpartition("#")
    return int(tail.split("-")[0]) if sep and _ID_TAIL.fullmatch(tail) else None


def doc_id_of(chunk_id: str) -> str | None:
    """The doc_id inside an id chunk_id_for made, or None when `chunk_id` is not one: readers
    group chunk ids by document without paying for their metadata."""
    doc_id, sep, tail = chunk_id.rpartition("#")
    return doc_id if sep and doc_id and _ID_TAIL.fullmatch(tail) else None


@cache
def _splitter(token_counter: Callable[[str], list[int]]):
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(
        chunk_size=CHUNK_TOKENS,
        chunk_overlap=OVERLAP_TOKENS,
        tokenizer=token_counter,
        paragraph_separator="\n\n",
        include_metadata=False,
        include_prev_next_rel=False,
    )


def chunk_document(doc: Document, token_counter: Callable[[str], list[int]]) -> list[Chunk]:
    """Split on sentences (llama-index SentenceSplitter) and keep exact character offsets.

    The splitter is given the embedding model's own tokenizer so that a chunk of
    CHUNK_TOKENS really fits the model. Every chunk is a verbatim slice of doc.text,
    which is what lets citations quote it exactly.
    """
    from llama_index.core import Document as LlamaDocument

    nodes = _splitter(token_counter).get_nodes_from_documents([LlamaDocument(text=doc.text)])
    headings = [(m.start(), m.group(1).strip()) for m in HEADING.finditer(doc.text)]
    chunks: list[Chunk] = []
    cursor = 0
    for node in nodes:
        text = node.get_content()
        start = node.start_char_idx
        if start is None or doc.text[start : start + len(text)] != text:
            start = doc.text.find(text, max(0, cursor - len(text)))
        if start < 0 or not text.strip():
            continue
        cursor = start + len(text)
        chunks.append(_slice(doc, headings, len(chunks), start, start + len(text)))
    return chunks + row_chunks(doc, headings, len(chunks))


def _slice(doc: Document, headings: list[tuple[int, str]], ordinal: int, start: int, end: int, **row: str) -> Chunk:
    """The chunk doc.text[start:end], under the last heading before it; `row`: a table row's lead and reading."""
    text = doc.text[start:end]
    return Chunk(
        chunk_id=chunk_id_for(doc.doc_id, ordinal, text),
        doc_id=doc.doc_id,
        ordinal=ordinal,
        text=text,
        start=start,
        end=end,
        section=next((title for pos, title in reversed(headings) if pos <= start), ""),
        page=doc.page_at(start),
        **row,
    )


def row_chunks(doc: Document, headings: list[tuple[int, str]], first_ordinal: int) -> list[Chunk]:
    """Each data row of the document's tables as a passage of its own, after the text's chunks.

    A chunk of a table is a run of cells: 'Where did the council meet in 2011?' finds neither its
    vector (dates and place names) nor, among twenty rows, its words. A row read with its caption
    and column names is found by both; its text is the row, so a quote of it stays verbatim."""
    return [
        _slice(doc, headings, first_ordinal + n, row.start, row.end, lead=row.lead, reading=row.reading)
        for n, row in enumerate(table_rows(doc.text))
    ]
