"""documents/: every shipped briefing has valid front matter, the notice line, a sane length, and loads as indexed."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.corpus import find_document_paths
from ingest.loaders import FRONT_MATTER, load_document
from tests.conftest import DOCUMENTS

pytestmark = pytest.mark.unit

NOTICE = (
    "*This is a briefing written for the SCO/CSTO Security Q&A product. "
    "Check the facts against the sources listed in its metadata.*"
)
REQUIRED_KEYS = {"title", "organisation", "kind", "date", "topics", "language", "sources"}
ALLOWED_KEYS = REQUIRED_KEYS | {"period"}
ORGANISATIONS = {"SCO", "CSTO", "both"}
HTTP_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
BRIEFINGS = sorted(p for p in DOCUMENTS.glob("*.md") if p.name.lower() != "readme.md")


def split_briefing(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter (parsed as YAML) and body of one briefing, or a failure naming the file."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{path.name}: no front matter; start the file with a '---' YAML block closed by '---'"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path.name}: front matter must be a YAML mapping of key: value lines"
    return meta, text[match.end() :]


def is_iso_date(value: str) -> bool:
    """YYYY or a real calendar date YYYY-MM-DD."""
    if re.fullmatch(r"(19|20)\d\d", value):
        return True
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def test_the_corpus_has_at_least_thirty_briefings() -> None:
    assert len(BRIEFINGS) >= 30, f"only {len(BRIEFINGS)} briefings in {DOCUMENTS}; the product ships at least 30"


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.name)
def test_front_matter_follows_the_schema(path: Path) -> None:
    meta, _ = split_briefing(path)
    name = path.name
    missing = REQUIRED_KEYS - set(meta)
    assert not missing, f"{name}: front matter lacks {sorted(missing)}; see documents/README.md for the schema"
    unknown = set(meta) - ALLOWED_KEYS
    assert not unknown, f"{name}: unknown front-matter keys {sorted(unknown)}; allowed: {sorted(ALLOWED_KEYS)}"
    assert isinstance(meta["title"], str) and meta["title"].strip(), f"{name}: 'title' must be a non-empty string"
    assert meta["organisation"] in ORGANISATIONS, (
        f"{name}: 'organisation' is {meta['organisation']!r}; use SCO|CSTO|both"
    )
    assert meta["kind"] == "briefing", f"{name}: 'kind' is {meta['kind']!r}; project-written documents are 'briefing'"
    assert isinstance(meta["date"], str) and is_iso_date(meta["date"]), (
        f'{name}: \'date\' is {meta["date"]!r}; write a quoted ISO date such as "2002-06-07" or "2002"'
    )
    topics = meta["topics"]
    assert isinstance(topics, list) and topics, f"{name}: 'topics' must be a non-empty list like [charter, rats]"
    assert all(isinstance(t, str) and t.strip() for t in topics), f"{name}: every topic must be a non-empty string"
    assert isinstance(meta["language"], str) and re.fullmatch(r"[a-z]{2}", meta["language"]), (
        f"{name}: 'language' is {meta['language']!r}; use a two-letter code such as en"
    )


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.name)
def test_sources_are_titled_http_links(path: Path) -> None:
    meta, _ = split_briefing(path)
    sources = meta.get("sources")
    assert isinstance(sources, list) and 2 <= len(sources) <= 4, (
        f"{path.name}: 'sources' must list 2-4 references a reader can check"
    )
    for number, source in enumerate(sources, start=1):
        assert isinstance(source, dict) and set(source) == {"title", "url"}, (
            f"{path.name}: source {number} must have exactly 'title' and 'url', got {source!r}"
        )
        assert isinstance(source["title"], str) and source["title"].strip(), f"{path.name}: source {number} title"
        assert HTTP_URL.match(str(source["url"])), (
            f"{path.name}: source {number} url {source['url']!r} is not an http(s) address"
        )


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.name)
def test_body_opens_with_the_notice_and_the_title(path: Path) -> None:
    meta, body = split_briefing(path)
    lines = body.splitlines()
    assert lines[:1] == [NOTICE], f"{path.name}: the first body line must be exactly the briefing notice:\n{NOTICE}"
    assert lines[1:3] == ["", f"# {meta['title']}"], (
        f"{path.name}: after the notice come a blank line and '# {meta['title']}' (the front-matter title)"
    )


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.name)
def test_body_length_is_between_400_and_1500_words(path: Path) -> None:
    _, body = split_briefing(path)
    words = len(body.split())
    assert 400 <= words <= 1500, f"{path.name}: body has {words} words; briefings are 400-1,500 words"


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.name)
def test_loader_reads_each_briefing_with_its_metadata(path: Path) -> None:
    meta, body = split_briefing(path)
    doc = load_document(path, DOCUMENTS)
    assert doc.doc_id == path.name
    assert doc.text == body, "the indexed text is the body without the front matter"
    assert (doc.title, doc.organisation, doc.kind, doc.date, doc.language) == (
        meta["title"],
        meta["organisation"],
        "briefing",
        meta["date"],
        meta["language"],
    )
    assert doc.topics == meta["topics"]
    assert doc.source_url == meta["sources"][0]["url"]
    assert doc.year == int(meta["date"][:4])


def test_folder_notes_are_not_indexed_but_every_briefing_is() -> None:
    paths, _ = find_document_paths(DOCUMENTS)
    top_level = {p.name for p in paths if p.parent == DOCUMENTS}
    assert not top_level & {"README.md", "sources.toml", "metadata.toml"}
    assert {p.name for p in BRIEFINGS} <= top_level


def test_readme_lists_every_briefing() -> None:
    readme = (DOCUMENTS / "README.md").read_text(encoding="utf-8")
    unlisted = [p.name for p in BRIEFINGS if f"`{p.name}`" not in readme]
    assert not unlisted, f"documents/README.md does not list {unlisted}; add them to its table of briefings"


def test_sources_toml_follows_the_fetch_schema() -> None:
    data = tomllib.loads((DOCUMENTS / "sources.toml").read_text(encoding="utf-8"))
    entries = data.get("source")
    assert isinstance(entries, list) and len(entries) >= 10, "sources.toml needs an array of [[source]] tables"
    keys = {"url", "file", "title", "organisation", "kind", "date", "language"}
    files: set[str] = set()
    urls: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"sources.toml entry {number} ({entry.get('file')})"
        assert set(entry) == keys, f"{where}: keys must be exactly {sorted(keys)}, got {sorted(entry)}"
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), f"{where}: every value is a string"
        assert HTTP_URL.match(entry["url"]), f"{where}: url {entry['url']!r} is not an http(s) address"
        assert re.fullmatch(r"[a-z0-9_]+\.(html|pdf)", entry["file"]), (
            f"{where}: file must be a lowercase snake_case name ending .html or .pdf"
        )
        assert entry["organisation"] in ORGANISATIONS, f"{where}: organisation must be SCO|CSTO|both"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"]) and is_iso_date(entry["date"]), (
            f"{where}: date {entry['date']!r} must be an ISO date YYYY-MM-DD"
        )
        assert entry["file"] not in files, f"{where}: file name used twice"
        assert entry["url"] not in urls, f"{where}: url listed twice"
        files.add(entry["file"])
        urls.add(entry["url"])
