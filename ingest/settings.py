"""Where the corpus and the index live, and which embedding model builds the index."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ingest.tunables import Tunables

# The folder holding the ingest package: the source checkout, or site-packages once installed.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
COLLECTION_NAME = "scoqa"


def is_source_checkout(root: Path = PROJECT_ROOT) -> bool:
    """True when `root` is this project's own checkout (its pyproject.toml names scoqa)."""
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return project.get("name") == "scoqa"


def defaults_root(root: Path = PROJECT_ROOT) -> Path:
    """Where documents/ and index/ are by default: the checkout when run from one (so `make run`
    works from any folder), else the current directory, since an installed package lives in
    site-packages, where neither the corpus nor the index belongs."""
    return root if is_source_checkout(root) else Path.cwd()


def default_docs_dir() -> Path:
    return defaults_root() / "documents"


def default_index_dir() -> Path:
    return defaults_root() / "index"


@dataclass(frozen=True)
class Settings:
    """Everything that decides which index a command reads or writes."""

    docs_dir: Path = field(default_factory=default_docs_dir)
    index_dir: Path = field(default_factory=default_index_dir)
    chroma_url: str | None = None
    embed_model: str = "minilm"
    collection: str = COLLECTION_NAME
    tunables: Tunables = field(default_factory=Tunables, compare=False)  # thresholds, limits: ingest/tunables.py

    def __post_init__(self) -> None:
        object.__setattr__(self, "docs_dir", Path(self.docs_dir).expanduser().resolve())
        object.__setattr__(self, "index_dir", Path(self.index_dir).expanduser().resolve())
        if self.chroma_url:
            parsed = urlparse(self.chroma_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError(f"--chroma-url {self.chroma_url!r} is not a URL like http://127.0.0.1:8000")

    @classmethod
    def from_env(cls, setting_overrides: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from SCOQA_* environment variables (and scoqa.toml for tunables), then explicit overrides."""
        values: dict[str, object] = {
            "tunables": Tunables.load(cli=setting_overrides),
            "docs_dir": os.environ.get("SCOQA_DOCS") or default_docs_dir(),
            "index_dir": os.environ.get("SCOQA_INDEX") or default_index_dir(),
            "chroma_url": os.environ.get("SCOQA_CHROMA_URL") or None,
            "embed_model": os.environ.get("SCOQA_EMBED_MODEL") or "minilm",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    @property
    def chroma_dir(self) -> Path:
        """Embedded Chroma files (unused in server mode)."""
        return self.index_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        """The persisted BM25 index; in server mode a local cache rebuilt from Chroma."""
        if self.chroma_url:
            slug = "".join(ch if ch.isalnum() else "_" for ch in self.chroma_url.split("://", 1)[-1])
            return self.index_dir / "keyword-cache" / f"{slug}_{self.collection}"
        return self.index_dir / "keyword"

    @property
    def lock_path(self) -> Path:
        """Lock file that keeps two refreshes of one index from running at once."""
        return self.index_dir / ".ingest.lock"
