"""The ONNX query encoder gives torch's vectors, so a cold `scoqa ask` can skip torch (issue #14)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from ingest.embedding import MiniLMEmbedder, get_embedder, resolve_device
from ingest.encoders import query_embedder
from ingest.onnx_model import (
    MANIFEST_FILE,
    ONNX_FILE,
    OnnxMiniLMEmbedder,
    ensure_export,
    find_export,
    machine_cache_dir,
    models_dir,
)
from ingest.refresh import refresh_index
from ingest.settings import PROJECT_ROOT, Settings
from tests.conftest import DOCUMENTS, write_doc

HEAVY = {"torch", "sentence_transformers", "transformers"}
# Questions written for this test (not from an evaluation set): varied topics of documents/.
QUESTIONS = (
    "Who leads the secretariat?",
    "What did the members agree about drug trafficking?",
    "Where are the collective forces based?",
    "How are decisions taken by the heads of state?",
)


def real_sentences() -> list[str]:
    """Sentences and headings of documents/*.md, front matter removed, in file order."""
    found: list[str] = []
    for path in sorted(DOCUMENTS.glob("*.md")):
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [s.strip() for s in re.split(r"(?<=[.!?;:])\s+|\n+", text) if len(s.strip()) > 3]
    return found


@pytest.fixture(scope="module")
def onnx(documents_index: Settings) -> OnnxMiniLMEmbedder:
    folder = find_export(documents_index.index_dir)
    assert folder is not None, "ingest left no ONNX export beside the index"
    return OnnxMiniLMEmbedder(folder)


@pytest.mark.integration
def test_onnx_vectors_match_torch_on_a_thousand_real_sentences(onnx: OnnxMiniLMEmbedder) -> None:
    sentences = real_sentences()
    assert len(sentences) >= 1000, len(sentences)
    long_text = " ".join(sentences[:80])  # far over 256 word pieces: both must cut it the same way
    texts = [*sentences, long_text]
    torch_vectors = get_embedder("minilm").embed_passages(texts)
    onnx_vectors = onnx.embed_passages(texts)
    cosine = (torch_vectors * onnx_vectors).sum(axis=1)
    assert cosine.min() >= 0.999, (cosine.min(), texts[int(cosine.argmin())])
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.integration
def test_onnx_counts_tokens_like_torch_so_chunks_are_the_same(onnx: OnnxMiniLMEmbedder) -> None:
    torch_model = get_embedder("minilm")
    texts = [*real_sentences()[:200], (PROJECT_ROOT / "documents" / "README.md").read_text(encoding="utf-8")]
    assert [onnx.token_ids(t) for t in texts] == [torch_model.token_ids(t) for t in texts]


@pytest.mark.integration
def test_onnx_and_torch_retrieve_the_same_passages(documents_index: Settings, onnx: OnnxMiniLMEmbedder) -> None:
    from app.answering.retrieval import HybridRetriever

    by_onnx = HybridRetriever(documents_index, onnx)
    by_torch = HybridRetriever(documents_index, get_embedder("minilm"))
    for question in QUESTIONS:
        for mode in ("dense", "hybrid"):
            ids = [[p.chunk_id for p in r.retrieve(question, top_k=8, mode=mode).passages] for r in (by_onnx, by_torch)]
            assert ids[0] == ids[1], (question, mode)


@pytest.mark.integration
def test_threads_sharing_the_onnx_encoder_get_the_sequential_vectors(onnx: OnnxMiniLMEmbedder) -> None:
    batches = [real_sentences()[i : i + 40] for i in range(0, 400, 40)]
    expected = [onnx.embed_passages(batch) for batch in batches]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(onnx.embed_passages, batches))
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(expected, got, strict=True))


@pytest.mark.integration
def test_scoqa_ask_on_an_existing_index_never_imports_torch(documents_index: Settings) -> None:
    command = [sys.executable, "-X", "importtime", "-m", "app.cli", "ask", "What is the SCO?"]
    done = subprocess.run(
        [*command, "--index", str(documents_index.index_dir)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Sources:" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert "onnxruntime" in imported and "chromadb" in imported  # the check sees real imports
    assert not HEAVY & imported, sorted(HEAVY & imported)


@pytest.mark.integration
def test_an_index_without_a_current_export_is_read_with_torch(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "a.md", "# Exercise\nThe member states held a joint exercise in 2021.", title="Exercise")
    settings = Settings(docs_dir=docs, index_dir=tmp_path / "index")
    refresh_index(settings)
    assert isinstance(query_embedder(settings), OnnxMiniLMEmbedder)

    manifest = models_dir(settings.index_dir) / MANIFEST_FILE
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "package": "0.0.0"}), encoding="utf-8")
    assert find_export(settings.index_dir) is None  # stale: made from another model package
    assert isinstance(query_embedder(settings), MiniLMEmbedder)

    shutil.rmtree(models_dir(settings.index_dir))  # as an index built before the export existed
    assert isinstance(query_embedder(settings), MiniLMEmbedder)
    summary = refresh_index(settings)  # nothing to embed, yet the missing export is written again
    assert summary.chunks_embedded == 0 and find_export(settings.index_dir) is not None


@pytest.mark.unit
def test_a_wrong_device_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "a.md", "Some text about the SCO.", title="A")
    with pytest.raises(ValueError, match="unknown device 'gpu'"):
        refresh_index(Settings(docs_dir=docs, index_dir=tmp_path / "index"), device="gpu")
    assert not (tmp_path / "index" / "chroma").exists()
    assert resolve_device("cpu") == "cpu"


@pytest.mark.integration
def test_device_cuda_embeds_on_the_gpu_with_the_cpu_vectors() -> None:
    import torch

    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA GPU"):
            resolve_device("cuda")
        pytest.skip("no CUDA GPU here: the GPU path runs only where torch sees one")
    assert resolve_device("auto") == "cuda"
    texts = real_sentences()[:200]
    gpu = get_embedder("minilm", device="cuda")
    cosine = (gpu.embed_passages(texts) * get_embedder("minilm").embed_passages(texts)).sum(axis=1)
    assert cosine.min() >= 0.999


@pytest.mark.integration
def test_a_new_index_links_the_machines_export_instead_of_exporting_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOQA_MODEL_CACHE", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    write_doc(docs, "a.md", "# Exercise\nThe member states held a joint exercise in 2021.", title="Exercise")
    first = Settings(docs_dir=docs, index_dir=tmp_path / "first")
    refresh_index(first)
    cached = machine_cache_dir() / ONNX_FILE
    assert cached.is_file() and find_export(first.index_dir) is not None

    second = Settings(docs_dir=docs, index_dir=tmp_path / "second")
    folder = ensure_export(second, embedder=None)  # no model loaded: linked from the machine cache
    assert folder is not None and find_export(second.index_dir) == folder
    assert (folder / ONNX_FILE).stat().st_ino == cached.stat().st_ino
    assert isinstance(query_embedder(second), OnnxMiniLMEmbedder)


@pytest.mark.integration
def test_the_server_answers_without_importing_torch(documents_index: Settings) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ingest.settings import Settings\n"
        "from app.web.server import build_app\n"
        "from app.web.live_engine import LiveEngine\n"
        f"settings = Settings(index_dir=Path({str(documents_index.index_dir)!r}))\n"
        "build_app(settings)\n"
        "answer = LiveEngine(settings).ask('Who leads the secretariat?')\n"
        "assert answer.citations, answer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'sentence_transformers'})[:5])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]
