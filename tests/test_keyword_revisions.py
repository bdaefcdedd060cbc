"""The saved keyword index under concurrent writers and readers in separate processes.

Writers (a refresh, servers that rebuilt a stale index) publish revisions while readers load
them: a reader must never find a revision missing or half-written, and what it loads must be
exactly the revision its label names.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from ingest import revisions
from ingest.keyword import KeywordIndex

WRITERS, SAVES, READERS = 2, 25, 2


def rows_for(writer: int, number: int) -> list[tuple[str, str, dict]]:
    """Rows whose ids and count are derived from the revision, so a reader can check what it got."""
    count = 3 + number % 5
    return [
        (f"w{writer}-r{number}-c{j}", f"treaty number{j} signed by writer{writer}", {"doc_id": f"d{j}"})
        for j in range(count)
    ]


def write_revisions(folder: str, writer: int) -> None:
    for number in range(SAVES):
        KeywordIndex.build(rows_for(writer, number), f"w{writer}r{number}").save(Path(folder))


def read_until_done(folder: str, done: multiprocessing.Event, problems: multiprocessing.Queue) -> None:
    loads = 0
    while not done.is_set() or loads < 5:
        try:
            index = KeywordIndex.load(Path(folder))
        except Exception as exc:
            problems.put(f"load raised {type(exc).__name__}: {exc}")
            continue
        loads += 1
        if index is None:
            problems.put("a saved index was missing or unreadable")
            continue
        writer, number = (int(x) for x in index.revision[1:].split("r"))
        expected = [row[0] for row in rows_for(writer, number)]
        if index.chunk_ids != expected:
            problems.put(f"{index.revision} holds {index.chunk_ids[:2]}...")
        hits = {cid for cid, _ in index.search("treaty signed", k=10)}
        if not hits or not hits <= set(expected):
            problems.put(f"{index.revision} searched outside itself: {sorted(hits)[:3]}")


@pytest.mark.unit
def test_readers_always_load_a_whole_current_revision_while_writers_publish(tmp_path: Path) -> None:
    folder = tmp_path / "keyword"
    KeywordIndex.build(rows_for(9, 0), "w9r0").save(folder)  # from here on, a load never returns None
    ctx = multiprocessing.get_context("spawn")
    done, problems = ctx.Event(), ctx.Queue()
    readers = [ctx.Process(target=read_until_done, args=(str(folder), done, problems)) for _ in range(READERS)]
    writers = [ctx.Process(target=write_revisions, args=(str(folder), w)) for w in range(WRITERS)]
    for proc in readers + writers:
        proc.start()
    for proc in writers:
        proc.join(timeout=300)
    done.set()
    for proc in readers:
        proc.join(timeout=300)
    found = []
    while not problems.empty():
        found.append(problems.get())
    assert [p.exitcode for p in writers + readers] == [0] * (WRITERS + READERS), found[:5]
    assert not found, f"{len(found)} bad loads, e.g. {found[:5]}"
    # One revision is left on disk, the one CURRENT names, and no temporary folders.
    left = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".lock"))
    assert left == ["CURRENT", revisions.current_name(folder)]


@pytest.mark.unit
def test_a_save_that_expects_an_older_revision_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    folder = tmp_path / "keyword"
    KeywordIndex.build(rows_for(0, 0), "old").save(folder)
    seen = revisions.current_name(folder)  # what a reader saw before it started rebuilding
    KeywordIndex.build(rows_for(0, 1), "new").save(folder)  # a refresh saves meanwhile
    assert KeywordIndex.build(rows_for(0, 2), "stale").save(folder, replaces=seen) is False
    assert KeywordIndex.load(folder).revision == "new"
    assert KeywordIndex.build(rows_for(0, 3), "next").save(folder, replaces=revisions.current_name(folder))
    assert KeywordIndex.saved_revision(folder) == "next"
    assert len([p for p in folder.iterdir() if p.name.startswith(revisions.PREFIX)]) == 1


@pytest.mark.unit
def test_an_index_saved_in_the_old_layout_is_simply_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "keyword"
    (folder / "rev-abc-x1").mkdir(parents=True)
    (folder / "CURRENT").write_text("rev-abc-x1")
    assert KeywordIndex.load(folder) is None and KeywordIndex.saved_revision(folder) is None
    KeywordIndex.build(rows_for(0, 0), "fresh").save(folder)
    assert not (folder / "rev-abc-x1").exists() and KeywordIndex.load(folder).revision == "fresh"


@pytest.mark.unit
def test_an_index_saved_with_other_tokens_is_rebuilt(tmp_path: Path) -> None:
    """An index saved before a change of tokens would miss the words the questions now spell: reading
    it gives None, so the reader rebuilds it from the store."""
    import json

    folder = tmp_path / "keyword"
    KeywordIndex.build(rows_for(0, 0), "old").save(folder)
    assert KeywordIndex.load(folder).revision == "old"
    with revisions.reading(folder) as target:
        data = json.loads((target / "chunks.json").read_text(encoding="utf-8"))
        del data["tokens"]
        (target / "chunks.json").write_text(json.dumps(data), encoding="utf-8")
    assert KeywordIndex.load(folder) is None
