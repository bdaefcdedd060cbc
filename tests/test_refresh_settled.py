"""A refresh with nothing to do reads the settled index's facts from Chroma's file (ingest/settled.py)
and never opens Chroma; any change, removal, unfinished refresh or other model takes the full path."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.store
from ingest import settled
from ingest.refresh import refresh_index
from ingest.store import ChromaStore, IndexMismatchError
from tests.test_refresh import small_corpus

pytestmark = pytest.mark.integration


class Interrupted(Exception):
    """Stands for a kill in the middle of a refresh."""


def no_chroma(*_: object, **__: object) -> None:
    raise AssertionError("a refresh with nothing to do opened Chroma")


def test_an_unchanged_folder_is_refreshed_without_chroma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = small_corpus(tmp_path)
    first = refresh_index(settings)
    with monkeypatch.context() as patch:
        patch.setattr(ingest.store, "make_client", no_chroma)
        again = refresh_index(settings)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert (again.documents, again.chunks) == (first.documents, first.chunks)

    (settings.docs_dir / "five.md").write_text("# Five\nThe Shanghai Five met again in 1998.\n", encoding="utf-8")
    changed = refresh_index(settings)
    assert (changed.updated, changed.unchanged) == (1, 1)
    (settings.docs_dir / "csto.md").unlink()
    removed = refresh_index(settings)
    assert (removed.removed, removed.unchanged, removed.documents) == (1, 1, 1)
    with monkeypatch.context() as patch:
        patch.setattr(ingest.store, "make_client", no_chroma)
        quiet = refresh_index(settings)
    assert (quiet.unchanged, quiet.documents, quiet.chunks) == (1, 1, removed.chunks)


def test_an_unfinished_refresh_is_not_settled_and_the_next_one_finishes_it(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    assert settled.settled_states(settings) is not None
    (settings.docs_dir / "five.md").write_text("# Five\nThe Shanghai Five became the SCO in 2001.\n", encoding="utf-8")

    def stop(step: str) -> None:
        if step == "upserted":
            raise Interrupted

    with pytest.raises(Interrupted):
        refresh_index(settings, on_step=stop)
    assert settled.settled_states(settings) is None
    finished = refresh_index(settings)
    assert (finished.updated, finished.unchanged) == (1, 1)
    assert settled.settled_states(settings) is not None


def test_an_index_built_by_another_model_is_not_settled_and_the_refresh_says_so(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    store = ChromaStore(settings)
    store.collection.modify(metadata={**store.facts, "embed_model": "multilingual"})
    assert settled.settled_states(settings) is None
    with pytest.raises(IndexMismatchError, match="multilingual"):
        refresh_index(settings)
