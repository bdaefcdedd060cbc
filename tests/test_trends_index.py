"""Trends on real indexes: the real chunker's overlaps counted once, and the same numbers from a Chroma server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.conftest import write_doc
from tests.test_chroma_server import chroma_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration

SENTENCES = 60


def overlap_corpus(folder: Path) -> Path:
    """One long document whose every sentence names information security once, one a year later without it."""
    body = " ".join(
        f"In session {n} the member states discussed information security and border cooperation at length."
        for n in range(SENTENCES)
    )
    write_doc(folder, "long.md", body, title="Long", organisation="SCO", date="2019-06-14", kind="declaration")
    write_doc(folder, "other.md", "Nothing on that here. " * 5, title="Other", organisation="CSTO", date="2021")
    return folder


def trends_json(args: list[str]) -> dict:
    result = CliRunner().invoke(main, ["trends", *args, "--concept", "information security", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_overlapping_chunks_of_the_real_chunker_count_each_occurrence_once(tmp_path: Path) -> None:
    settings = Settings(docs_dir=overlap_corpus(tmp_path / "docs"), index_dir=tmp_path / "index")
    args = ["--docs", str(settings.docs_dir), "--index", str(settings.index_dir)]
    assert CliRunner().invoke(main, ["ingest", *args, "--json"]).exit_code == 0
    chunks = [c for c in ChromaStore(settings).iter_metadata(with_text=True) if c.metadata["doc_id"] == "long.md"]
    in_chunks = sum(c.text.count("information security") for c in chunks)
    assert len(chunks) > 2 and in_chunks > SENTENCES  # the overlaps repeat some occurrences
    data = trends_json(args)
    [row_2019] = [r for r in data["rows"] if r["year"] == 2019]
    assert row_2019["count"] == SENTENCES
    assert row_2019["words"] == SENTENCES * 14 and row_2019["per_10k_words"] == pytest.approx(10_000 / 14, abs=0.01)
    assert len({m["start"] for m in row_2019["matches"]}) == SENTENCES
    assert data["gaps"] == [2020]


def test_a_chroma_server_gives_the_same_trends(tmp_path: Path, chroma_server: str) -> None:  # noqa: F811
    docs = overlap_corpus(tmp_path / "docs")
    embedded = ["--docs", str(docs), "--index", str(tmp_path / "embedded")]
    served = ["--docs", str(docs), "--index", str(tmp_path / "local"), "--chroma-url", chroma_server]
    for args in (embedded, served):
        assert CliRunner().invoke(main, ["ingest", *args, "--json"]).exit_code == 0
    from_server = trends_json(served)
    assert not (tmp_path / "local" / "chroma").exists()
    assert from_server == trends_json(embedded)
    assert sum(r["count"] for r in from_server["rows"]) == SENTENCES


def test_semantic_finds_passages_by_meaning_and_shows_them_apart(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    cyber = "Hackers attacked the computer networks of ministries; the states will protect their networks. " * 3
    farming = "Farmers harvested wheat and barley; the ministers discussed grain prices and irrigation. " * 3
    write_doc(docs, "cyber.md", cyber, title="Networks", organisation="SCO", date="2020")
    write_doc(docs, "farming.md", farming, title="Harvest", organisation="SCO", date="2022")
    args = ["--docs", str(docs), "--index", str(tmp_path / "index")]
    assert CliRunner().invoke(main, ["ingest", *args, "--json"]).exit_code == 0
    result = CliRunner().invoke(
        main,
        ["trends", *args, "--term", "cyber", "--semantic", "protecting computer systems from cyber attacks", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sum(r["count"] for r in data["rows"]) == 0  # the literal term is absent ...
    semantic = {r["year"]: r for r in data["semantic"]["rows"]}
    assert semantic[2020]["passages"] == semantic[2020]["total_passages"] >= 1  # ... the meaning is there
    assert semantic[2022]["passages"] == 0 and data["semantic"]["threshold"] == 0.33
    assert all(m["score"] >= 0.33 and m["doc_id"] == "cyber.md" for m in semantic[2020]["matches"])
    assert data["semantic"]["gaps"] == [2021]


def test_documents_are_kept_in_a_file_per_index_revision(tmp_path: Path) -> None:
    from app.trends.index_texts import clear_cache, load_documents
    from app.trends.text_cache import cache_path, read_cached

    settings = Settings(docs_dir=overlap_corpus(tmp_path / "docs"), index_dir=tmp_path / "index")
    args = ["--docs", str(settings.docs_dir), "--index", str(settings.index_dir)]
    assert CliRunner().invoke(main, ["ingest", *args, "--json"]).exit_code == 0
    store = ChromaStore(settings)
    first = load_documents(settings, store)
    revision = str(store.facts["revision"])
    assert cache_path(settings).is_file()
    saved = read_cached(settings)
    assert saved is not None and saved[0] == revision
    assert [(d.doc_id, d.text, d.chunks, d.words, d.first_metadata) for d in saved[1]] == [
        (d.doc_id, d.text, d.chunks, d.words, d.first_metadata) for d in first
    ]

    write_doc(settings.docs_dir, "new.md", "Information security again.", title="New", date="2023")
    assert CliRunner().invoke(main, ["ingest", *args, "--json"]).exit_code == 0
    clear_cache()
    after = load_documents(settings, ChromaStore(settings))  # a refresh changed the revision: read afresh
    assert "new.md" in {d.doc_id for d in after} and str(ChromaStore(settings).facts["revision"]) != revision
