"""After a refresh, trends read again only the documents it changed, and count exactly as from scratch."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.trends.count_cache import UNSAVED, counts_path
from app.trends.counting import count_trends
from app.trends.index_texts import Snapshot, clear_cache, load_snapshot
from app.trends.lexicon import find_concept
from app.trends.service import TrendsService
from app.trends.text_cache import cache_path
from ingest.refresh import refresh_index
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.conftest import write_doc

pytestmark = pytest.mark.integration

CONCEPTS = [find_concept("information security"), find_concept("three evils"), find_concept("the UN")]
SENTENCE = "In session {n} the states discussed information security, terrorism and the United Nations at length. "


def corpus(folder: Path) -> list[str]:
    """Four documents, each several chunks long, in three years and two organisations."""
    for i, (org, date) in enumerate([("SCO", "2019"), ("SCO", "2020"), ("CSTO", "2020"), ("both", "2021")]):
        body = "".join(SENTENCE.format(n=n) for n in range(40 + i * 5))
        write_doc(folder, f"d{i}.md", body, title=f"Doc {i}", organisation=org, date=date, kind="declaration")
    return [f"d{i}.md" for i in range(4)]


def counted(snapshot: Snapshot) -> list[tuple]:
    """Every row with its occurrences, and every document's text and chunks: what a render shows."""
    trends = count_trends(snapshot.documents, [c for c in CONCEPTS if c])
    rows = [(r.concept, r.year, r.organisation, r.count, r.words, r.documents, r.occurrences) for r in trends.rows]
    return rows + [(d.doc_id, d.title, d.year, d.text, d.chunks) for d in snapshot.documents]


def from_scratch(settings: Settings) -> Snapshot:
    clear_cache()
    cache_path(settings).unlink(missing_ok=True)
    counts_path(settings).unlink(missing_ok=True)
    return load_snapshot(settings)


def test_a_refresh_rereads_only_the_changed_document_and_counts_as_from_scratch(tmp_path: Path) -> None:
    settings = Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index")
    names = corpus(settings.docs_dir)
    refresh_index(settings)
    first = load_snapshot(settings)
    assert first.reread == names and max(len(d.chunks) for d in first.documents) > 2
    before = counted(first)  # counts every concept in every document, kept on the documents

    body = "".join(SENTENCE.format(n=n) for n in range(30)) + "Nothing else about terrorism."
    write_doc(settings.docs_dir, "d2.md", body, title="Doc 2", organisation="CSTO", date="2020", kind="declaration")
    assert refresh_index(settings).updated == 1
    after = load_snapshot(settings)
    assert after.reread == ["d2.md"]
    kept = {d.doc_id: d for d in after.documents}
    assert all(kept[d.doc_id] is d for d in first.documents if d.doc_id != "d2.md")  # counts kept, not redone
    assert counted(after) == counted(from_scratch(settings)) != before


def test_a_restart_after_a_refresh_rereads_only_what_changed_since_the_file(tmp_path: Path) -> None:
    settings = Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index")
    corpus(settings.docs_dir)
    refresh_index(settings)
    load_snapshot(settings)  # writes the file cache at this revision
    clear_cache()
    (settings.docs_dir / "d3.md").unlink()
    write_doc(settings.docs_dir, "d4.md", SENTENCE.format(n=1), title="Doc 4", organisation="SCO", date="2022")
    refresh_index(settings)
    restarted = load_snapshot(settings)
    assert restarted.reread == ["d4.md"]
    assert [d.doc_id for d in restarted.documents] == ["d0.md", "d1.md", "d2.md", "d4.md"]
    assert counted(restarted) == counted(from_scratch(settings))


def test_a_change_of_metadata_alone_rereads_the_document(tmp_path: Path) -> None:
    """metadata.toml changes a date: the chunk ids stay the same, the metadata does not."""
    settings = Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index")
    corpus(settings.docs_dir)
    refresh_index(settings)
    load_snapshot(settings)
    (settings.docs_dir / "metadata.toml").write_text('["d1.md"]\ndate = "2016"\n', encoding="utf-8")
    assert refresh_index(settings).updated == 1
    after = load_snapshot(settings)
    assert after.reread == ["d1.md"]
    assert {d.doc_id: d.year for d in after.documents}["d1.md"] == 2016
    assert counted(after) == counted(from_scratch(settings))


def test_a_restart_keeps_the_counts_of_documents_whose_content_is_unchanged(tmp_path: Path) -> None:
    settings = Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index")
    corpus(settings.docs_dir)
    refresh_index(settings)
    TrendsService(settings).trends([c for c in CONCEPTS if c])  # counts, and saves what it counted
    clear_cache()
    write_doc(settings.docs_dir, "d0.md", SENTENCE.format(n=7) * 3, title="Doc 0", organisation="SCO", date="2019")
    refresh_index(settings)
    restarted = load_snapshot(settings)
    rows = counted(restarted)
    counted_anew = {d.doc_id: len(d.memo.get(UNSAVED, ())) for d in restarted.documents}  # concepts counted
    assert counted_anew == {"d0.md": 3, "d1.md": 0, "d2.md": 0, "d3.md": 0}
    assert rows == counted(from_scratch(settings))


def test_documents_without_a_fingerprint_or_with_a_twin_are_checked_by_their_metadata(tmp_path: Path) -> None:
    """A writer other than refresh may change metadata in place without any fingerprint; and a
    document may take on its twin's fingerprint (same texts): both are still seen."""
    settings = Settings(docs_dir=tmp_path / "docs", index_dir=tmp_path / "index")
    corpus(settings.docs_dir)
    twin = (settings.docs_dir / "d0.md").read_text(encoding="utf-8")
    (settings.docs_dir / "d5.md").write_text(twin.replace("title: Doc 0", "title: Doc 5"), encoding="utf-8")
    refresh_index(settings)
    load_snapshot(settings)
    (settings.docs_dir / "d5.md").write_text(twin, encoding="utf-8")  # now d0's bytes: d0's fingerprint
    assert refresh_index(settings).updated == 1
    assert load_snapshot(settings).reread == ["d5.md"]

    store = ChromaStore(settings)
    ids = store.ids_of("d3.md")
    store.collection.update(ids=ids, metadatas=[{"fingerprint": None, "title": "Renamed"}] * len(ids))
    store.mark()
    assert load_snapshot(settings).reread == ["d3.md"]  # first read without its fingerprint
    store.collection.update(ids=ids, metadatas=[{"title": "Renamed again"}] * len(ids))
    store.mark()
    after = load_snapshot(settings)
    assert after.reread == ["d3.md"] and {d.doc_id: d.title for d in after.documents}["d3.md"] == "Renamed again"
    assert counted(after) == counted(from_scratch(settings))
