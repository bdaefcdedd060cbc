"""ingest.refresh: only changes are re-done, mismatched indexes are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.refresh import refresh_index
from ingest.settings import Settings
from ingest.store import ChromaStore, IndexMismatchError
from tests.conftest import write_doc

pytestmark = pytest.mark.integration

BODY = (
    "# The Shanghai Five\nThe Shanghai Five group was formed in 1996 by China, Russia, Kazakhstan, Kyrgyzstan and "
    "Tajikistan. It signed an agreement on confidence-building in the military field in border areas. "
)


def small_corpus(folder: Path) -> Settings:
    write_doc(folder / "docs", "five.md", BODY * 3, title="Shanghai Five", organisation="SCO")
    write_doc(
        folder / "docs",
        "csto.md",
        "# CSTO\nThe CSTO charter was signed in Chisinau in 2002. " * 4,
        title="CSTO charter",
        organisation="CSTO",
    )
    return Settings(docs_dir=folder / "docs", index_dir=folder / "index")


def test_second_ingest_of_unchanged_documents_embeds_nothing(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    first = refresh_index(settings)
    assert (first.added, first.updated, first.removed, first.failed) == (2, 0, 0, [])
    assert first.chunks_embedded == first.chunks > 0

    again = refresh_index(settings)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert again.chunks_embedded == 0 and not again.changed
    assert again.chunks == first.chunks


def test_changed_and_removed_documents_are_redone_exactly(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    store = ChromaStore(settings)
    old_ids = set(store.ids_of("five.md"))
    write_doc(
        settings.docs_dir,
        "five.md",
        BODY.replace("1996", "26 April 1996") * 3,
        title="Shanghai Five",
        organisation="SCO",
    )
    (settings.docs_dir / "csto.md").unlink()
    summary = refresh_index(settings)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 1, 0)
    assert store.ids_of("csto.md") == []
    new_ids = set(store.ids_of("five.md"))
    assert new_ids and new_ids != old_ids
    assert store.count() == len(new_ids)


def test_index_built_with_another_model_is_refused_with_the_fix(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    store = ChromaStore(settings)
    facts = store.facts
    store.collection.modify(metadata={**facts, "embed_model": "multilingual"})
    with pytest.raises(IndexMismatchError, match=r"scoqa ingest --rebuild"):
        refresh_index(settings)
    from app.answering.engine import AnswerEngine

    with pytest.raises(IndexMismatchError, match="multilingual"):
        AnswerEngine(settings)
