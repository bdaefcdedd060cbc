"""Shared fixtures: real indexes built once per session in tmp dirs, isolated state."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import ingest  # noqa: F401 - offline environment
from ingest.settings import PROJECT_ROOT, Settings

SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
DOCUMENTS = PROJECT_ROOT / "documents"
DATA = Path(__file__).parent / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"
# Tests run `scoqa` and `chroma` as real subprocesses: find them beside this interpreter
# even when the virtual environment is not activated (as under `make test`).
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's SCOQA_* settings."""
    from ingest.tunables import SETTINGS

    names = ("SCOQA_DOCS", "SCOQA_INDEX", "SCOQA_CHROMA_URL", "SCOQA_EMBED_MODEL", "SCOQA_AUTH", "SCOQA_CONFIG")
    names += ("SCOQA_LLM", "SCOQA_LLM_URL", "SCOQA_LLM_TIMEOUT", "SCOQA_LLM_API_KEY", "SCOQA_LLM_THREADS")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env_var, raising=False)


def require_shared_corpus() -> Path:
    """The external corpus beside the repo; a stated skip where it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"external corpus not found at {SHARED_CORPUS} (it lives beside the repo in ../shared/corpus)")
    return SHARED_CORPUS


CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Debian's Chromium off this machine's closed network (see DESIGN.md).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright; a stated skip without it, a failure under CI."""
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM}: install Debian's with `apt-get install -y chromium`"
        if IN_CI:
            pytest.fail(reason + " (CI=true: the browser tests must run)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """../shared/corpus ingested once into its own tmp index."""
    from ingest.refresh import refresh_index

    settings = Settings(docs_dir=require_shared_corpus(), index_dir=tmp_path_factory.mktemp("shared-index"))
    summary = refresh_index(settings)
    assert not summary.failed, summary.failed
    return settings


@pytest.fixture(scope="session")
def documents_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped documents/ ingested once into a tmp index."""
    from ingest.refresh import refresh_index

    settings = Settings(docs_dir=DOCUMENTS, index_dir=tmp_path_factory.mktemp("documents-index"))
    summary = refresh_index(settings)
    assert not summary.failed, summary.failed
    return settings


@pytest.fixture(scope="session")
def shared_engine(shared_index: Settings):
    from app.answering.engine import AnswerEngine

    return AnswerEngine(shared_index)


@pytest.fixture(scope="session")
def llm_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A small corpus with a planted prompt-injection document (tests/llm_support.py), indexed once."""
    from tests.llm_support import build_llm_index

    return build_llm_index(tmp_path_factory.mktemp("llm-index"))


def write_doc(folder: Path, name: str, body: str, **meta: str) -> Path:
    """A Markdown document with front matter, for tests that build small corpora."""
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}\n" if front else body, encoding="utf-8")
    return path


KINDS = ("unit", "integration", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test says what it needs: unit (no model, index or server), integration or browser.

    `make test-fast` runs only `unit`, so an unmarked or contradictory test is a collection error.
    """
    for item in items:
        kinds = {mark.name for mark in item.iter_markers() if mark.name in KINDS}
        if not kinds:
            raise pytest.UsageError(f"{item.nodeid}: mark it @pytest.mark.unit, integration or browser")
        if "unit" in kinds and len(kinds) > 1:
            raise pytest.UsageError(f"{item.nodeid}: a unit test cannot also be {', '.join(sorted(kinds - {'unit'}))}")
