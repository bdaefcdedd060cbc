"""Readers for HTML, PDF and DOCX: each turns a file's bytes into text plus what it says about itself.

The libraries (beautifulsoup4, pypdf, python-docx) are imported inside the readers so that
listing the supported types, or a folder of Markdown, never pays for them.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from ingest.rawtext import LoadError, RawText, decode_bytes

# Elements that are page furniture rather than the document's text.
HTML_NOISE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg")
HTML_BLOCKS = ("p", "div", "section", "article", "main", "li", "tr", "table", "ul", "ol", "blockquote", "pre", "br")
HTML_DATE_META = (
    "date",
    "dc.date",
    "dcterms.date",
    "article:published_time",
    "citation_date",
    "citation_publication_date",
)
# PDF /Title values written by office software rather than by the author.
JUNK_PDF_TITLE = re.compile(r"^(microsoft (word|powerpoint)\s*-|untitled)|\.(docx?|pdf|rtf|odt)$", re.I)


def read_html(content: bytes, file: str) -> RawText:
    """The main text of a web page: <main>/<article> when there is one, never nav, scripts or footers."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_bytes(content, file), "html.parser")
    meta: dict[str, Any] = {}
    title_tag = soup.find("title")
    page_title = _squash(title_tag.get_text(" ")) if title_tag else ""
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or "").lower()
        if name in HTML_DATE_META and tag.get("content"):
            meta.setdefault("date", str(tag["content"]).strip()[:10])
        if name in ("og:url",) and tag.get("content"):
            meta.setdefault("source_url", str(tag["content"]).strip())
    html_tag = soup.find("html")
    if html_tag is not None and html_tag.get("lang"):
        meta.setdefault("language", str(html_tag["lang"]).split("-")[0].lower())
    for tag in soup.find_all(HTML_NOISE):
        tag.decompose()
    body = soup.find("main") or soup.find("article") or soup.find("body") or soup
    h1 = body.find("h1")
    # The page's own heading names the document; <title> often adds the site's name.
    title = _squash(h1.get_text(" ")) if h1 else page_title
    if title:
        meta["title"] = title
    return RawText(_html_text(body), meta, [])


def _html_text(root: Any) -> str:
    """Block elements become paragraphs and headings Markdown headings, so chunks keep sections."""
    for level in range(1, 7):
        for heading in root.find_all(f"h{level}"):
            heading.insert_before(f"\n\n{'#' * level} ")
            heading.insert_after("\n\n")
    for block in root.find_all(HTML_BLOCKS):
        block.insert_after("\n\n")
    lines = [_squash(line) for line in root.get_text("").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_pdf(content: bytes, file: str) -> RawText:
    """Text of every page, with where each page starts so chunks can cite page numbers."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    # pypdf logs every repair it makes ("EOF marker not found"); a failure gets our own clear line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are "encrypted" only against editing
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise LoadError(file, "encrypted PDF (needs a password); save an unprotected copy and use that")
        pages: list[str] = []
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
        info_title = _pdf_title(reader)
    except LoadError:
        raise
    except FileNotDecryptedError as exc:
        raise LoadError(file, "encrypted PDF (needs a password); save an unprotected copy and use that") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise LoadError(file, f"corrupt or unreadable PDF ({exc}); re-download or re-export it") from exc
    text = ""
    page_starts: list[int] = []
    for page_text in pages:
        page_starts.append(len(text))
        text += page_text + "\n\n"
    if not text.strip():
        raise LoadError(file, "the PDF has no extractable text (a scan?); run OCR on it or add a text version")
    return RawText(text, {"title": info_title} if info_title else {}, page_starts)


def _pdf_title(reader: Any) -> str:
    """The document-info title when an author set it, not 'Microsoft Word - x.docx'."""
    try:
        title = _squash(str((reader.metadata or {}).get("/Title") or ""))
    except Exception:  # a damaged info dictionary should not lose the text
        return ""
    return "" if not title or JUNK_PDF_TITLE.search(title) else title


def read_docx(content: bytes, file: str) -> RawText:
    """Paragraphs and tables in order; Word headings become Markdown headings."""
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(file, f"corrupt or not a Word .docx file ({exc}); re-save it from Word as .docx") from exc
    except Exception as exc:  # python-docx raises its own types for broken packages
        raise LoadError(file, f"cannot open the .docx ({type(exc).__name__}: {exc}); re-save it from Word") from exc
    parts: list[str] = []
    first_heading = ""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [_squash(cell.text) for cell in row.cells]
                if any(cells):
                    parts.append(" | ".join(cells))
            continue
        text = _squash(block.text)
        if not text:
            continue
        level = _heading_level(block.style.name if block.style is not None else "")
        if level:
            parts.append(f"{'#' * level} {text}")
            first_heading = first_heading or text
        else:
            parts.append(text)
    meta: dict[str, Any] = {}
    title = _squash(document.core_properties.title or "") or first_heading
    if title:
        meta["title"] = title
    return RawText("\n\n".join(parts) + "\n", meta, [])


def _heading_level(style: str) -> int:
    """'Title' -> 1, 'Heading 2' -> 2, anything else -> 0."""
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style or "")
    return min(int(match.group(1)), 6) if match else 0
