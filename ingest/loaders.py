"""file -> Document: the reader for each file type, and metadata defaults."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ingest.documents import ORGANISATIONS, Document
from ingest.formats import read_docx, read_html, read_pdf
from ingest.rawtext import LoadError, RawText, decode_bytes

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?", re.S)
ISO_DATE = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)([-_.])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?!\d)")
YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# A wiki's message box as a page converted to text writes it: a one-cell table row 'This article needs
# ...' or 'This section ...', closed by its '---|---' rule. It tells editors what to fix, not readers
# anything, and in a page's opening it stands between the reader and the first sentence.
NOTICE = re.compile(
    r"^\|[ \t]*This (?:article|section|page|list)\b[^\n]*\n(?:[^\n]*\n){0,12}?[ \t]*-{3,}\|-{3,}[ \t]*$", re.M
)
ACRONYMS = {"sco", "csto", "un", "ga", "res", "cis", "cica", "rats", "eaeu", "nato", "osce", "unsc", "ussr"}
KIND_WORDS = (
    "charter",
    "declaration",
    "statement",
    "treaty",
    "convention",
    "agreement",
    "resolution",
    "communique",
    "report",
    "briefing",
    "article",
    "news",
)


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int]:
    """YAML front matter, the body, and the body's offset in `text`."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise LoadError(file, f"front matter is not valid YAML ({exc}); fix the block between the --- lines") from exc
    if not isinstance(meta, dict):
        raise LoadError(file, "front matter must be a YAML mapping of key: value lines")
    return meta, text[match.end() :], match.end()


def read_markdown(content: bytes, file: str) -> RawText:
    """Markdown with optional YAML front matter; the body is indexed as written."""
    meta, body, _ = split_front_matter(decode_bytes(content, file), file)
    return RawText(body, meta, [])


def read_plain_text(content: bytes, file: str) -> RawText:
    """Plain text in any common encoding."""
    return RawText(decode_bytes(content, file), {}, [])


# A reader turns a file's bytes into text; `file` (the doc_id) is for error messages.
Reader = Callable[[bytes, str], RawText]
READERS: dict[str, Reader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_plain_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}


def supported_suffixes() -> tuple[str, ...]:
    """File endings the loader reads."""
    return tuple(sorted(READERS))


def load_document(
    path: Path, root: Path, overrides: dict[str, Any] | None = None, content: bytes | None = None
) -> Document:
    """Read one file into a Document, metadata from the file, then `overrides`, then defaults."""
    file = path.relative_to(root).as_posix()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise LoadError(file, f"unsupported file type {path.suffix!r}; supported: {', '.join(supported_suffixes())}")
    data = content if content is not None else path.read_bytes()
    raw = reader(data, file)
    if not raw.text.strip():
        raise LoadError(file, "no text could be read from it; check the file is not empty or a scanned image")
    meta = {**raw.metadata, **(overrides or {})}
    return Document(
        doc_id=file,
        text=blank_notices(raw.text),
        title=_clean(meta.get("title")) or infer_title(raw.text, path),
        organisation=normalise_organisation(meta.get("organisation"), raw.text, file),
        kind=_clean(meta.get("kind")) or infer_kind(path),
        date=_clean(meta.get("date")) or infer_date(path, raw.text),
        period=_clean(meta.get("period")),
        source_url=_clean(meta.get("source_url") or meta.get("url")) or first_source_url(meta),
        language=_clean(meta.get("language")) or "en",
        content_sha256=hashlib.sha256(data).hexdigest(),
        topics=[str(t) for t in meta.get("topics") or []],
        page_starts=raw.page_starts,
    )


def blank_notices(text: str) -> str:
    """The text with each wiki message box (NOTICE) blanked: spaces in place of its characters, its
    line breaks kept, so every offset into the text (pages, passages) stays where it was."""
    return NOTICE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def first_source_url(meta: dict[str, Any]) -> str:
    """The first URL in a front-matter `sources` list, if any."""
    for source in meta.get("sources") or []:
        if isinstance(source, dict) and source.get("url"):
            return str(source["url"])
    return ""


def infer_title(text: str, path: Path) -> str:
    """Markdown: the first heading. Other formats: the file name, which people choose with
    care, while the first line of extracted text is often a page header or a banner."""
    if path.suffix.lower() in (".md", ".markdown"):
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                return stripped.lstrip("#").strip()
    return title_from_file_name(path)


def title_from_file_name(path: Path) -> str:
    """'csto_2031_yerevan_communique' -> 'CSTO 2031 Yerevan Communique'."""
    words = re.split(r"[_\-\s]+", path.stem)
    return " ".join(w.upper() if w.lower() in ACRONYMS else w.capitalize() for w in words if w)


def infer_kind(path: Path) -> str:
    """A kind named in the file name (declaration, statement, ...), else 'document'."""
    name = path.stem.lower()
    for word in KIND_WORDS:
        if word in name:
            return word
    return "document"


def infer_date(path: Path, text: str) -> str:
    """A full date (2022-09-16) or else a year, from the file name first, then the opening text."""
    for source in (path.stem, text[:2000]):
        full = ISO_DATE.search(source)
        if full:
            return full.group(0).replace("_", "-").replace(".", "-")
        year = YEAR_IN_NAME.search(source)
        if year:
            return year.group(1)
    return ""


def normalise_organisation(value: Any, text: str, file: str) -> str:
    """SCO | CSTO | both | other, from metadata or, failing that, from mentions in the text."""
    if value is not None and str(value).strip():
        for org in ORGANISATIONS:
            if str(value).strip().lower() == org.lower():
                return org
        raise LoadError(file, f"organisation {value!r} is not one of {', '.join(ORGANISATIONS)}; fix the metadata")
    sco = len(re.findall(r"\bSCO\b|Shanghai Cooperation", text))
    csto = len(re.findall(r"\bCSTO\b|Collective Security Treaty", text))
    if sco and csto and min(sco, csto) * 3 >= max(sco, csto):
        return "both"
    if sco > csto:
        return "SCO"
    if csto > sco:
        return "CSTO"
    return "other"
