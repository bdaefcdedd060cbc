"""ingest.refresh: only changes are re-done, mismatched indexes are refused."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.keyword import KeywordIndex, current_keyword_index
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


# -- --rebuild validates before it drops ------------------------------------------------


def broken_metadata(settings: Settings) -> tuple[Path, list[str]]:
    (settings.docs_dir / "metadata.toml").write_text('["five.md"]\ntitle = "unclosed\n', encoding="utf-8")
    return settings.docs_dir, ["metadata.toml: is not valid TOML", "nothing was changed"]


def unknown_field(settings: Settings) -> tuple[Path, list[str]]:
    (settings.docs_dir / "metadata.toml").write_text('["five.md"]\norganization = "SCO"\n', encoding="utf-8")
    return settings.docs_dir, ["metadata.toml: [\"five.md\"]: unknown field 'organization'", "nothing was changed"]


def wrong_organisation(settings: Settings) -> tuple[Path, list[str]]:
    (settings.docs_dir / "metadata.toml").write_text('["csto.md"]\norganisation = "NATO"\n', encoding="utf-8")
    return settings.docs_dir, ["organisation 'NATO' is not one of SCO, CSTO, both, other", "nothing was changed"]


def broken_sources(settings: Settings) -> tuple[Path, list[str]]:
    (settings.docs_dir / "sources.toml").write_text('[[source]]\nurl = "ftp://x"\nfile = "a.pdf"\n', encoding="utf-8")
    return settings.docs_dir, ["sources.toml: [[source]] #1: `url` must be an http(s) URL", "nothing was changed"]


def mistyped_folder(settings: Settings) -> tuple[Path, list[str]]:
    typo = settings.docs_dir.parent / "dosc"
    return typo, [f"documents folder {typo} does not exist", "the index was not changed"]


@pytest.mark.parametrize(
    "mistake", [broken_metadata, unknown_field, wrong_organisation, broken_sources, mistyped_folder]
)
def test_a_rebuild_with_a_mistake_changes_nothing_and_says_so(tmp_path: Path, mistake) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    before = index_state(settings)
    docs, messages = mistake(settings)
    result = CliRunner().invoke(main, ["ingest", "--rebuild", "--docs", str(docs), "--index", str(settings.index_dir)])
    assert result.exit_code == 1
    for message in messages:
        assert message in result.output, result.output
    assert index_state(settings) == before


def where(settings: Settings) -> list[str]:
    return ["--docs", str(settings.docs_dir), "--index", str(settings.index_dir)]


def index_state(settings: Settings) -> tuple[str, list[str]]:
    """The collection's id and revision, and every chunk id: a rebuild would change all three."""
    store = ChromaStore(settings)
    facts = store.facts
    return f"{store.collection.id} {facts['revision']}", sorted(c.chunk_id for c in store.iter_metadata())


# -- a running reader and an external --rebuild --------------------------------------------


def test_a_running_engine_answers_from_the_new_collection_after_an_external_rebuild(tmp_path: Path) -> None:
    from app.answering.engine import AnswerEngine

    settings = small_corpus(tmp_path)
    refresh_index(settings)
    engine = AnswerEngine(settings)
    old_id = ChromaStore(settings).collection.id
    assert engine.ask("Where was the CSTO charter signed?").citations

    rebuilt = subprocess.run(
        ["scoqa", "ingest", "--rebuild", "--json", *where(settings)], capture_output=True, text=True
    )
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert ChromaStore(settings).collection.id != old_id  # really a new collection
    time.sleep(settings.tunables["revision_check_seconds"] + 0.1)
    answer = engine.ask("Where was the CSTO charter signed?").to_dict()
    assert answer["citations"] and answer["citations"][0]["doc_id"] == "csto.md"
    assert "Chisinau" in answer["answer"]


# -- who saves the keyword index ---------------------------------------------------------------


def test_a_reader_never_saves_a_keyword_index_for_a_collection_mid_refresh(tmp_path: Path) -> None:
    settings = small_corpus(tmp_path)
    refresh_index(settings)
    store = ChromaStore(settings)
    shutil.rmtree(settings.keyword_dir)

    mid = store.mark(refreshing=True)  # as a refresh killed after its first write leaves it
    rebuilt = current_keyword_index(store, settings.keyword_dir, mid)
    assert rebuilt.revision == mid and len(rebuilt.chunk_ids) == store.count()
    assert KeywordIndex.saved_revision(settings.keyword_dir) is None  # used, not saved

    settled = store.mark(refreshing=False)
    assert current_keyword_index(store, settings.keyword_dir, settled).revision == settled
    assert KeywordIndex.saved_revision(settings.keyword_dir) == settled
    # ... and the next refresh trusts it: nothing to re-embed, nothing to rebuild.
    again = refresh_index(settings)
    assert again.chunks_embedded == 0 and store.facts["revision"] == settled
