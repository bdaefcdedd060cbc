"""Refresh safety on real files and real processes: bad files, exact re-embedding, SIGKILL, locks.

Subprocess tests run the installed `scoqa` command, so they exercise what a user runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from app.cli import main
from ingest.keyword import KeywordIndex
from ingest.refresh import refresh_index
from ingest.settings import Settings
from ingest.store import ChromaStore
from tests.conftest import write_doc
from tests.test_formats import PDF_PAGES, encrypt_pdf, make_docx, make_pdf

pytestmark = pytest.mark.integration

TOPICS = [
    ("SCO", "The Regional Anti-Terrorist Structure of the SCO coordinates the fight against terrorism."),
    ("CSTO", "The CSTO Collective Rapid Reaction Force trains for counter-terrorism and border crises."),
    ("SCO", "SCO member states hold the Peace Mission joint exercises every two years."),
    ("CSTO", "The Collective Security Treaty was signed in Tashkent on 15 May 1992."),
]


def corpus_doc(folder: Path, name: str, number: int, extra: str = "") -> Path:
    """A Markdown document long enough to make a few chunks, different for each number."""
    org, sentence = TOPICS[number % len(TOPICS)]
    body = f"# Note {number}\n\n" + " ".join(
        f"{sentence} Paragraph {i} of note {number} adds detail number {i * number}." for i in range(40)
    )
    return write_doc(folder, name, body + extra, title=f"Note {number}", organisation=org)


def fresh_chroma() -> None:
    """Forget cached Chroma clients so an index another process wrote is read from disk."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def snapshot(settings: Settings) -> dict:
    """Everything a reader sees: chunk ids, texts, metadata, vectors, and the keyword index."""
    fresh_chroma()
    store = ChromaStore(settings)
    chunks = {c.chunk_id: (c.text, c.metadata) for c in store.iter_metadata(with_text=True)}
    vectors = {cid: vec for cid, (_, vec) in store.get(sorted(chunks), with_embeddings=True).items()}
    keyword = KeywordIndex.load(settings.keyword_dir)
    assert keyword is not None and keyword.revision == store.facts["revision"], "keyword index is stale"
    return {
        "chunks": chunks,
        "vectors": vectors,
        "keyword": sorted(zip(keyword.chunk_ids, map(json.dumps, keyword.fields), strict=True)),
        "count": store.count(),
    }


def assert_same_index(got: dict, want: dict) -> None:
    assert sorted(got["chunks"]) == sorted(want["chunks"]), "chunk ids differ (duplicates or orphans)"
    assert got["chunks"] == want["chunks"]
    assert got["count"] == want["count"] == len(want["chunks"])
    assert got["keyword"] == want["keyword"]
    for cid, vec in want["vectors"].items():
        assert np.allclose(got["vectors"][cid], vec, atol=1e-4), cid


def scoqa(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["scoqa", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, **kwargs)


PLUGINS = Path(__file__).parent / "plugins"


def crash_env(**steps: str) -> dict[str, str]:
    """The environment that loads tests/plugins/sitecustomize.py into a `scoqa` subprocess and
    tells it where to stop: crash_env(TEST_REFRESH_KILL_AT="marked:1")."""
    path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **steps}


def paused_scoqa(*args: str, at: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`scoqa ARGS` stopped by the test plugin at refresh step `at` (name:n), once it says so;
    closing its stdin (communicate(input="")) lets it go on."""
    proc = subprocess.Popen(
        ["scoqa", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=crash_env(TEST_REFRESH_WAIT_AT=at, **(env or {})),
    )
    line = proc.stderr.readline()
    while line and not line.startswith("waiting at"):  # `ingest --watch` says what it watches first
        line = proc.stderr.readline()
    if not line.startswith(f"waiting at {at}"):
        proc.kill()
        pytest.fail(f"scoqa never reached {at}: {line!r} {proc.communicate()[1][-2000:]}")
    return proc


# -- bad files ----------------------------------------------------------------------


def write_mixed_folder(docs: Path) -> dict[str, str]:
    """Good files of every format, and one of each kind of bad file -> expected reason."""
    corpus_doc(docs, "good.md", 1)
    (docs / "report_2017.pdf").write_bytes(make_pdf([" ".join([p] * 12) for p in PDF_PAGES]))
    make_docx(docs / "forces.docx")
    (docs / "page.html").write_text(
        "<html><head><title>T</title><script>x()</script></head><body><nav>menu</nav>"
        "<p>The SCO Charter was signed in Saint Petersburg in 2002.</p></body></html>",
        encoding="utf-8",
    )
    (docs / "odkb.txt").write_bytes("Организация Договора о коллективной безопасности, 2002 год.".encode("cp1251"))
    (docs / "corrupt.pdf").write_bytes(make_pdf(PDF_PAGES)[:400])
    (docs / "locked.pdf").write_bytes(encrypt_pdf(make_pdf(PDF_PAGES)))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (docs / "dangling.md").symlink_to(docs / "no-such-file.md")
    (docs / "huge.txt").write_text("The SCO. " * 7000, encoding="utf-8")  # 63 KB, over --max-file-mb 0.05
    return {
        "corrupt.pdf": "corrupt or unreadable PDF",
        "locked.pdf": "encrypted PDF",
        "empty.txt": "empty file (0 bytes)",
        "binary.txt": "binary data, not text",
        "dangling.md": "broken symbolic link",
        "huge.txt": "0.063 MB is over the 0.05 MB limit",
    }


def test_each_bad_file_gets_a_reason_and_the_rest_go_in(tmp_path: Path) -> None:
    docs, index = tmp_path / "docs", tmp_path / "index"
    expected = write_mixed_folder(docs)
    before = {p: p.lstat().st_mtime_ns for p in docs.rglob("*")}
    args = ["ingest", "--docs", str(docs), "--index", str(index), "--max-file-mb", "0.05"]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["updated"], summary["removed"]) == (5, 0, 0)
    failed = {f["file"]: f["reason"] for f in summary["failed"]}
    assert set(failed) == set(expected)
    for file, reason in expected.items():
        assert reason in failed[file], (file, failed[file])
    assert "huge.txt" in failed and "--max-file-mb" in failed["huge.txt"]

    # The PDF's page numbers reach the citation.
    from app.answering.engine import AnswerEngine

    answer = AnswerEngine(Settings(docs_dir=docs, index_dir=index)).ask(
        "Where does the Regional Anti-Terrorist Structure have its executive committee?"
    )
    cited = [c for c in answer.to_dict()["citations"] if c["doc_id"] == "report_2017.pdf"]
    assert cited and cited[0]["page"] == 2 and "Tashkent" in cited[0]["quote"]

    # Human output: one line per bad file naming it; nothing was written into the documents folder.
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 3
    for file in expected:
        assert sum(f"failed: {file}:" in line for line in again.stderr.splitlines()) == 1
    assert {p: p.lstat().st_mtime_ns for p in docs.rglob("*")} == before


def test_indexed_files_that_turn_bad_keep_their_chunks_and_are_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for number, name in enumerate(["a.txt", "b.md", "c.pdf", "d.md"]):
        if name.endswith(".pdf"):
            (docs / name).write_bytes(make_pdf([p * 3 for p in PDF_PAGES]))
        else:
            corpus_doc(docs, name, number)
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    assert refresh_index(settings).added == 4
    store = ChromaStore(settings)
    kept = {doc: store.ids_of(doc) for doc in ("a.txt", "b.md", "c.pdf")}

    (docs / "a.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    (docs / "b.md").unlink()
    (docs / "b.md").symlink_to(docs / "gone.md")
    (docs / "c.pdf").write_bytes(make_pdf(PDF_PAGES)[:500])
    summary = refresh_index(settings)
    assert {f["file"] for f in summary.failed} == {"a.txt", "b.md", "c.pdf"}
    assert (summary.removed, summary.unchanged, summary.documents) == (0, 1, 4)
    assert {doc: store.ids_of(doc) for doc in kept} == kept
    keyword = KeywordIndex.load(settings.keyword_dir)
    assert {"a.txt", "b.md", "c.pdf", "d.md"} == {f["doc_id"] for f in keyword.fields}


def test_unreadable_file_is_reported_and_keeps_its_chunks(tmp_path: Path) -> None:
    """Root reads any file, so the ingest runs without CAP_DAC_OVERRIDE (setpriv) to see EACCES."""
    docs = tmp_path / "docs"
    corpus_doc(docs, "open.md", 1)
    secret = corpus_doc(docs, "secret.md", 2)
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    before = snapshot(settings)
    secret.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a chmod 000 file stays readable to root")
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    done = subprocess.run(
        [*prefix, "scoqa", "ingest", "--docs", str(docs), "--index", str(settings.index_dir), "--json"],
        capture_output=True,
        text=True,
    )
    secret.chmod(0o644)
    assert done.returncode == 3, done.stderr
    summary = json.loads(done.stdout)
    assert summary["failed"] == [
        {"file": "secret.md", "reason": "permission denied; make the file readable (chmod a+r)"}
    ]
    assert summary["unchanged"] == 1 and summary["documents"] == 2
    assert_same_index(snapshot(settings), before)


def test_unreadable_metadata_file_is_fatal_and_changes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    corpus_doc(docs, "one.md", 1)
    (docs / "metadata.toml").write_text('["one.md"]\ntitle = "unclosed\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--docs", str(docs), "--index", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert "metadata.toml: is not valid TOML" in result.output and "nothing was changed" in result.output
    assert not (tmp_path / "index" / "chroma").exists()


# -- exactly what changed -------------------------------------------------------------


def test_one_changed_document_is_the_only_one_re_embedded_and_a_deleted_one_leaves_no_trace(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    for number in range(12):
        corpus_doc(docs, f"note_{number:02d}.md", number)
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    store = ChromaStore(settings)
    before = {c.chunk_id: c.metadata["doc_id"] for c in store.iter_metadata()}

    corpus_doc(docs, "note_05.md", 5, extra=" A sentence added to note five later on.")
    summary = refresh_index(settings)
    changed = store.ids_of("note_05.md")
    assert (summary.updated, summary.unchanged, summary.added, summary.removed) == (1, 11, 0, 0)
    assert summary.chunks_embedded == len(changed) > 0
    after = {c.chunk_id: c.metadata["doc_id"] for c in store.iter_metadata()}
    assert {c for c, d in after.items() if d != "note_05.md"} == {c for c, d in before.items() if d != "note_05.md"}

    (docs / "note_07.md").unlink()
    summary = refresh_index(settings)
    assert (summary.removed, summary.chunks_embedded, summary.unchanged) == (1, 0, 11)
    assert store.ids_of("note_07.md") == []
    keyword = KeywordIndex.load(settings.keyword_dir)
    assert keyword.revision == store.facts["revision"]
    assert not [f for f in keyword.fields if f["doc_id"] == "note_07.md"]
    assert not [c for c in keyword.chunk_ids if c.startswith("note_07.md#")]
    assert len(keyword.chunk_ids) == store.count()


def test_no_change_refresh_does_not_load_the_embedding_model(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for number in range(3):
        corpus_doc(docs, f"n{number}.md", number)
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    code = (
        "import sys; from ingest.refresh import refresh_index; from ingest.settings import Settings; "
        f"s = refresh_index(Settings(docs_dir={str(docs)!r}, index_dir={str(settings.index_dir)!r})); "
        "assert (s.unchanged, s.chunks_embedded) == (3, 0), s; "
        "print(sorted({'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_running_engine_sees_new_documents_after_a_refresh(tmp_path: Path) -> None:
    from app.answering.engine import AnswerEngine

    docs = tmp_path / "docs"
    corpus_doc(docs, "rats.md", 0)
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    engine = AnswerEngine(settings)
    question = "Which city hosted the Dushanbe Zebra Conference on water security?"
    assert not [c for c in engine.ask(question).to_dict()["citations"] if c["doc_id"] == "zebra.md"]

    write_doc(
        docs,
        "zebra.md",
        "# Zebra Conference\nThe Dushanbe Zebra Conference on water security was hosted by the city of Khujand. "
        "The Zebra Conference on water security gathered SCO experts in Khujand in 2023.",
        title="Zebra Conference",
        organisation="SCO",
    )
    assert refresh_index(settings).added == 1
    time.sleep(settings.tunables["revision_check_seconds"] + 0.1)
    answer = engine.ask(question).to_dict()
    assert any(p["doc_id"] == "zebra.md" for p in answer["passages"])
    assert answer["citations"] and answer["citations"][0]["doc_id"] == "zebra.md"
    assert "Khujand" in answer["answer"]


# -- crashes and concurrency ------------------------------------------------------------


def make_versions(root: Path) -> tuple[Path, Path]:
    """v1: 8 notes. v2: two changed, two added, two deleted (sorted so changes come first)."""
    v1, v2 = root / "v1", root / "v2"
    for number in range(8):
        corpus_doc(v1, f"n{number}.md", number)
    shutil.copytree(v1, v2)
    corpus_doc(v2, "n0.md", 0, extra=" Changed in version two.")
    corpus_doc(v2, "n1.md", 1, extra=" Also changed in version two.")
    corpus_doc(v2, "n2a_new.md", 20)
    corpus_doc(v2, "n2b_new.md", 21)
    (v2 / "n6.md").unlink()
    (v2 / "n7.md").unlink()
    return v1, v2


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A v1 index to start each crash from, and a clean build of v2 to compare with."""
    root = tmp_path_factory.mktemp("crash")
    v1, v2 = make_versions(root)
    template = Settings(docs_dir=v1, index_dir=root / "index-v1")
    clean = Settings(docs_dir=v2, index_dir=root / "index-clean")
    refresh_index(template)
    refresh_index(clean)
    fresh_chroma()
    return {"root": root, "v2": v2, "template": template.index_dir, "clean": snapshot(clean)}


@pytest.mark.parametrize("kill_at", ["marked:1", "upserted:1", "document:3", "removed:1", "keyword:1"])
def test_ingest_killed_at_any_step_converges_to_a_clean_build(crash_setup: dict, kill_at: str) -> None:
    index = crash_setup["root"] / f"index-{kill_at.replace(':', '-')}"
    fresh_chroma()
    shutil.copytree(crash_setup["template"], index)
    killed = scoqa(
        "ingest",
        "--docs",
        str(crash_setup["v2"]),
        "--index",
        str(index),
        "--json",
        env=crash_env(TEST_REFRESH_KILL_AT=kill_at),
    )
    assert killed.returncode == -9, (killed.returncode, killed.stderr[-2000:])

    settings = Settings(docs_dir=crash_setup["v2"], index_dir=index)
    fresh_chroma()
    store = ChromaStore(settings)
    assert store.count() > 0  # still usable in between: old or new chunks, never none
    summary = refresh_index(settings)
    assert not summary.failed and summary.documents == 8
    assert_same_index(snapshot(settings), crash_setup["clean"])
    again = refresh_index(settings)
    assert (again.unchanged, again.chunks_embedded) == (8, 0)


def test_a_second_ingest_refuses_while_one_runs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    corpus_doc(docs, "one.md", 1)
    args = ["ingest", "--docs", str(docs), "--index", str(tmp_path / "index"), "--json"]
    first = paused_scoqa(*args, at="marked:1")
    try:
        second = scoqa(*args, timeout=120)
        assert second.returncode == 1
        assert "another `scoqa ingest` is refreshing" in second.stderr and str(first.pid) in second.stderr
    finally:
        out, err = first.communicate(input="", timeout=300)  # closing stdin lets the first one go on
    assert first.returncode == 0, err[-2000:]
    assert json.loads(out)["added"] == 1
    assert scoqa(*args).returncode == 0  # the lock goes with the process
