"""HTML, PDF and DOCX readers, encodings and metadata defaults, on real files the tests make."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from ingest.loaders import LoadError, load_document


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """A real PDF with one text page per item (Helvetica, wrapped lines), written by hand."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        lines = textwrap.wrap(text, 80)
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {page_ids[i] + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    info = ""
    if title:
        offsets.append(out.tell())
        out.write(f"{len(objects) + 1} 0 obj\n<< /Title ({title}) >>\nendobj\n".encode())
        info = f" /Info {len(objects) + 1} 0 R"
    xref = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    """The same PDF protected by a user password (RC4, which pypdf writes without extra libraries)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path, title: str = "") -> Path:
    """A Word document with a title, headings, paragraphs and a table."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Collective Rapid Reaction Force", level=1)
    document.add_paragraph("The CSTO created the Collective Rapid Reaction Force in 2009.")
    document.add_heading("Deployment", level=2)
    document.add_paragraph("The force was first deployed to Kazakhstan in January 2022.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Year", "Event"
    table.cell(1, 0).text, table.cell(1, 1).text = "2009", "Force created"
    document.save(str(path))
    return path


PDF_PAGES = [
    "The Shanghai Cooperation Organisation was founded in Shanghai on 15 June 2001 by six states.",
    "The Regional Anti-Terrorist Structure has its executive committee in Tashkent, Uzbekistan.",
    "India and Pakistan became full members of the SCO at the Astana summit in June 2017.",
]


@pytest.mark.integration
def test_pdf_pages_are_kept_and_chunks_carry_page_numbers(tmp_path: Path) -> None:
    from ingest.chunking import chunk_document

    path = tmp_path / "sco_report_2017.pdf"
    path.write_bytes(make_pdf([page + " " + page + " " + page for page in PDF_PAGES], title="SCO at Sixteen"))
    doc = load_document(path, tmp_path)
    assert doc.title == "SCO at Sixteen" and doc.date == "2017" and doc.kind == "report"
    assert len(doc.page_starts) == 3
    for number, page_text in enumerate(PDF_PAGES, start=1):
        offset = doc.text.index("Tashkent" if number == 2 else page_text.split()[-1].rstrip("."))
        assert doc.page_at(offset) == number
    assert "Regional Anti-Terrorist Structure" in doc.text
    # Tiny chunks (a word-count tokenizer, 200 words) would merge pages; count characters instead.
    chunks = chunk_document(doc, lambda text: list(text))
    pages = {c.page for c in chunks}
    assert pages == {1, 2, 3}
    only_page_two = [c for c in chunks if "Tashkent" in c.text and "India" not in c.text and "15 June" not in c.text]
    assert only_page_two and all(c.page == 2 for c in only_page_two)


@pytest.mark.unit
def test_pdf_with_a_producer_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "csto_statement.pdf"
    path.write_bytes(make_pdf(PDF_PAGES[:1], title="Microsoft Word - draft3.docx"))
    assert load_document(path, tmp_path).title == "CSTO Statement"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (make_pdf(PDF_PAGES)[:300], "corrupt or unreadable PDF"),
        (b"%PDF-1.4\nthis is not a pdf at all\n", "corrupt or unreadable PDF"),
        (encrypt_pdf(make_pdf(PDF_PAGES)), "encrypted PDF"),
        (make_pdf([""]), "no extractable text"),
    ],
    ids=["truncated", "garbage", "encrypted", "no-text"],
)
def test_bad_pdfs_are_a_clear_load_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_document(path, tmp_path)
    assert err.value.file == "bad.pdf" and reason in err.value.reason


HTML = """<!doctype html>
<html lang="ru"><head><title>Statement | Ministry of Foreign Affairs</title>
<meta name="date" content="2022-01-06T10:00:00Z"><style>.x { color: red }</style>
<script>var tracking = "SECRET_SCRIPT_TEXT";</script></head>
<body>
<header><a href="/">Home</a> SITE_HEADER_TEXT</header>
<nav><ul><li>News</li><li>NAV_MENU_TEXT</li></ul></nav>
<main>
<h1>CSTO Collective Security Council statement</h1>
<p>The Collective Security Council decided to send peacekeeping forces to Kazakhstan.</p>
<h2>Mandate</h2>
<p>The mission was limited in time.<br>It would protect <b>key facilities</b>.</p>
</main>
<aside>Related: SIDEBAR_TEXT</aside>
<footer>Copyright FOOTER_TEXT</footer>
<script>console.log("MORE_SCRIPT")</script>
</body></html>"""


@pytest.mark.unit
def test_html_main_text_without_navigation_scripts_or_footer(tmp_path: Path) -> None:
    path = tmp_path / "news" / "csto_statement.html"
    path.parent.mkdir()
    path.write_text(HTML, encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert doc.title == "CSTO Collective Security Council statement"
    assert (doc.date, doc.language, doc.organisation) == ("2022-01-06", "ru", "CSTO")
    assert "send peacekeeping forces to Kazakhstan" in doc.text
    assert "It would protect key facilities." in doc.text
    assert "## Mandate" in doc.text
    for noise in ("SECRET_SCRIPT_TEXT", "MORE_SCRIPT", "SITE_HEADER_TEXT", "NAV_MENU_TEXT", "FOOTER_TEXT", "color"):
        assert noise not in doc.text
    assert "SIDEBAR_TEXT" not in doc.text


@pytest.mark.unit
def test_html_in_cp1251_without_main_uses_body_and_title(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Заявление ОДКБ</title></head>"
        "<body><p>Организация Договора о коллективной безопасности.</p></body></html>"
    )
    path = tmp_path / "zayavlenie.htm"
    path.write_bytes(html.encode("cp1251"))
    doc = load_document(path, tmp_path)
    assert doc.title == "Заявление ОДКБ"
    assert "Организация Договора о коллективной безопасности." in doc.text


@pytest.mark.unit
def test_docx_headings_tables_and_title(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "csto_forces_2022.docx", title="CSTO forces")
    doc = load_document(path, tmp_path)
    assert doc.title == "CSTO forces" and doc.date == "2022" and doc.organisation == "CSTO"
    assert "# Collective Rapid Reaction Force\n\nThe CSTO created" in doc.text
    assert "## Deployment" in doc.text and "2009 | Force created" in doc.text
    untitled = load_document(make_docx(tmp_path / "untitled.docx"), tmp_path)
    assert untitled.title == "Collective Rapid Reaction Force"


@pytest.mark.unit
def test_corrupt_docx_is_a_clear_load_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match=r"broken.docx: corrupt or not a Word .docx file"):
        load_document(path, tmp_path)


RUSSIAN = "Организация Договора о коллективной безопасности была создана в 2002 году. Устав подписан в Кишинёве."


@pytest.mark.unit
@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "koi8-r"])
def test_russian_text_files_in_common_encodings_read_correctly(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "odkb.txt"
    path.write_bytes(((RUSSIAN + "\n") * 3).encode(encoding))
    doc = load_document(path, tmp_path)
    assert doc.text.strip().splitlines()[0] == RUSSIAN
    assert doc.date == "2002"


@pytest.mark.unit
def test_full_date_in_file_name_beats_years_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "sco_summit_2022-09-16.txt"
    path.write_text("The SCO met in Samarkand in 2022; the 2001 Charter was recalled.", encoding="utf-8")
    assert load_document(path, tmp_path).date == "2022-09-16"
    other = tmp_path / "notes.txt"
    other.write_text("Signed in Dushanbe on 2021.09.17 by the heads of state.", encoding="utf-8")
    assert load_document(other, tmp_path).date == "2021-09-17"
