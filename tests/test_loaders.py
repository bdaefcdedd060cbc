"""ingest.loaders: formats, encodings, metadata and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import LoadError, decode_bytes, load_document

pytestmark = pytest.mark.unit


def test_markdown_front_matter_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "charter.md"
    path.parent.mkdir()
    path.write_text(
        "---\ntitle: The Charter\norganisation: CSTO\nkind: charter\ndate: '2002-10-07'\n"
        "sources:\n  - title: x\n    url: https://example.org/c\n---\n# Heading\nText of the charter.\n",
        encoding="utf-8",
    )
    doc = load_document(path, tmp_path)
    assert doc.doc_id == "sub/charter.md"
    assert (doc.title, doc.organisation, doc.kind, doc.date, doc.year) == (
        "The Charter",
        "CSTO",
        "charter",
        "2002-10-07",
        2002,
    )
    assert doc.source_url == "https://example.org/c"
    assert doc.text.startswith("# Heading")
    assert len(doc.content_sha256) == 64


def test_plain_text_gets_defaults_from_name_and_text(tmp_path: Path) -> None:
    path = tmp_path / "sco_2019_bishkek_declaration.txt"
    path.write_text("The SCO member states met in Bishkek. The SCO agreed.", encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert doc.title == "SCO 2019 Bishkek Declaration"
    assert (doc.organisation, doc.kind, doc.date) == ("SCO", "declaration", "2019")


def test_cp1251_and_utf16_russian_text_decode() -> None:
    text = "Организация Договора о коллективной безопасности была создана в 2002 году."
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text
    assert decode_bytes(text.encode("utf-16"), "ru.txt") == text


def test_binary_data_is_refused_with_the_file_name() -> None:
    with pytest.raises(LoadError) as err:
        decode_bytes(bytes(range(256)) * 4, "bad.txt")
    assert err.value.file == "bad.txt" and "binary" in err.value.reason


def test_bad_front_matter_and_organisation_name_the_fix(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "a.md"
    bad_yaml.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(LoadError, match="front matter is not valid YAML"):
        load_document(bad_yaml, tmp_path)
    bad_org = tmp_path / "b.md"
    bad_org.write_text("---\norganisation: NATO\n---\nbody text\n", encoding="utf-8")
    with pytest.raises(LoadError, match="organisation 'NATO' is not one of"):
        load_document(bad_org, tmp_path)


def test_a_wiki_message_box_is_blanked_and_every_offset_stays(tmp_path: Path) -> None:
    text = (
        "Union of harbour towns\n\n"
        "| This article **needs additional citations**. Please help\n"
        "improve this article by adding citations to reliable sources.\n"
        '_Find sources:_ "Harbour League" – news **·** books _(Learn how and when to remove this message)_\n'
        "---|---\n\n"
        "The **Harbour League** (**HL**) is a union of ports. It was founded in 1998.\n\n"
        "| Port | Joined\n---|---\nVarna | 1998\n\n"
        "| This section needs to be **updated**.\n---|---\n\n"
        "This article is about ports.\n"
    )
    (tmp_path / "league.txt").write_text(text, encoding="utf-8")
    loaded = load_document(tmp_path / "league.txt", tmp_path).text
    assert len(loaded) == len(text) and loaded.count("\n") == text.count("\n")
    assert "citations" not in loaded and "Find sources" not in loaded and "updated" not in loaded
    start = text.index("The **Harbour League**")
    assert loaded[start:].startswith("The **Harbour League**")  # passages keep their offsets
    assert "| Port | Joined\n---|---\nVarna | 1998" in loaded  # a table is not a message box
    assert "This article is about ports." in loaded  # nor a sentence that starts like one
