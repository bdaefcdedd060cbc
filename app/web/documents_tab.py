"""The Documents tab's work: what is indexed, accepting uploads, refreshing the index from the page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.web.security import UploadRefusedError, uploaded_file
from ingest.loaders import supported_suffixes
from ingest.refresh import IngestLockedError, RefreshSummary, refresh_index
from ingest.settings import Settings
from ingest.status import index_status
from ingest.store import IndexMismatchError, IndexMissingError

UPLOAD_FOLDER = "uploads"  # inside the documents folder, so uploads are easy to tell apart


@dataclass
class UploadResult:
    """Which files were saved into the documents folder and which were refused, with why."""

    saved: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def safe_file_name(name: str) -> str:
    """A plain file name: no folders, no leading dots, only ordinary characters."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._")
    return cleaned or "upload"


def save_uploads(paths: list[str], docs_dir: Path, max_mb: float) -> UploadResult:
    """Copy accepted files into docs_dir/uploads/; refuse wrong types, empty and oversized files by name."""
    result = UploadResult()
    allowed = supported_suffixes()
    target_dir = docs_dir / UPLOAD_FOLDER
    for path_str in paths or []:
        name = safe_file_name(getattr(path_str, "orig_name", None) or Path(path_str).name)
        try:
            path = uploaded_file(path_str)
        except UploadRefusedError as exc:
            result.rejected.append(str(exc))
            continue
        suffix = Path(name).suffix.lower()
        size = path.stat().st_size
        if suffix not in allowed:
            result.rejected.append(
                f"{name}: {suffix or 'no extension'} files cannot be indexed; upload {', '.join(allowed)} files"
            )
        elif size == 0:
            result.rejected.append(f"{name}: the file is empty")
        elif size > max_mb * 1_000_000:
            result.rejected.append(f"{name}: {size / 1_000_000:.1f} MB is over the {max_mb:g} MB upload limit")
        else:
            target_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target_dir / name)
            result.saved.append(f"{UPLOAD_FOLDER}/{name}")
    return result


def public_text(text: str, settings: Settings) -> str:
    """A message for the page without the server's folders: they become the folder names alone."""
    for folder in sorted(
        {settings.docs_dir.resolve(), settings.docs_dir, settings.index_dir.resolve(), settings.index_dir},
        key=lambda p: -len(str(p)),
    ):
        text = text.replace(str(folder), folder.name)
    return text


def status_markdown(settings: Settings) -> str:
    """Counts, model and last refresh time of the index, or how to build it."""
    try:
        status = index_status(settings)
    except IndexMissingError:
        return f"**No index yet.** Put documents in `{settings.docs_dir.name}/` and press *Refresh index*."
    except IndexMismatchError as exc:
        return f"**The index cannot be read:** {public_text(str(exc), settings)}"
    return (
        f"**{status['documents']} documents, {status['chunks']} passages** · "
        f"embedding {status['embed_model']} · last refresh: {status['last_ingest'] or 'never'} · "
        f"documents folder `{settings.docs_dir.name}/`"
    )


def summary_markdown(
    summary: RefreshSummary, upload: UploadResult | None = None, settings: Settings | None = None
) -> str:
    """What an upload and refresh did, failures named file by file (by their id, not a server path)."""
    lines = []
    if upload:
        lines += [f"✅ saved `{name}`" for name in upload.saved]
        lines += [f"❌ refused {reason}" for reason in upload.rejected]
    lines.append(
        f"Refreshed in {summary.seconds:.1f} s: {summary.added} added, {summary.updated} updated, "
        f"{summary.removed} removed, {summary.unchanged} unchanged; {summary.chunks} passages in total."
    )
    lines += [f"❌ {f['file']}: {f['reason']}" for f in summary.failed]
    text = "\n\n".join(lines)
    return public_text(text, settings) if settings else text


def run_refresh(settings: Settings, report: Callable[[float, str], None]) -> RefreshSummary | str:
    """Refresh the index, reporting progress as (fraction, what); a string is a message for the user."""
    report(0.0, "Reading the documents folder…")

    def progress(doc_id: str, done: int, total: int, chunks: int) -> None:
        report(done / max(total, 1), f"Indexed {doc_id} ({done}/{total}, {chunks} passages)")

    try:
        return refresh_index(settings, progress=progress)
    except (IngestLockedError, IndexMismatchError) as exc:
        return f"❌ {public_text(str(exc), settings)}"
