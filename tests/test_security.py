"""The web layer's promises, one function at a time: uploads, links, escaping, request validation, logins."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.answering.models import Filters
from app.web.api import BadRequestError, TooLargeError, parse_ask_request
from app.web.render import answer_fold, answer_markdown, conversation_markdown, sources_html
from app.web.security import (
    LoginThrottle,
    UploadRefusedError,
    foreign_files,
    markdown_text,
    safe_url,
    uploaded_file,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.un.org/en/ga/", True),
        ("http://eng.sectsco.org/documents/", True),
        ("mailto:press@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ('https://x.org/"onmouseover=alert(1)', False),
        ("", False),
    ],
)
def test_only_http_https_and_mailto_links_survive(url: str, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_markdown_text_shows_html_and_image_syntax_as_text() -> None:
    hostile = 'See <img src="http://127.0.0.1:9/pixel"> and ![x](http://127.0.0.1:9/p2) or [link](javascript:x)'
    shown = markdown_text(hostile)
    assert "<img" not in shown and "&lt;img" in shown
    assert "![" not in shown and "](" not in shown.replace("\\](", "")


def test_uploads_outside_the_upload_folder_or_through_a_symlink_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "gradio"
    (folder / "abc").mkdir(parents=True)
    upload = folder / "abc" / "note.txt"
    upload.write_text("an uploaded note")
    secret = tmp_path / "secret.txt"
    secret.write_text("server secret")
    link = folder / "abc" / "link.txt"
    os.symlink(secret, link)
    assert uploaded_file(upload, folder) == upload.resolve()
    for path in (secret, link, folder / "abc" / ".." / ".." / "secret.txt", folder / "abc"):
        with pytest.raises(UploadRefusedError):
            uploaded_file(path, folder)


def test_gradio_events_naming_files_that_were_not_uploaded_are_found(tmp_path: Path) -> None:
    folder = tmp_path / "gradio"
    (folder / "h").mkdir(parents=True)
    (folder / "h" / "ok.md").write_text("x")
    os.symlink("/etc/hostname", folder / "h" / "link.md")

    def event(path: str) -> dict:
        return {"data": [[{"path": path, "orig_name": "x.md", "meta": {"_type": "gradio.FileData"}}]], "fn_index": 3}

    assert foreign_files(event(str(folder / "h" / "ok.md")), folder) == []
    for path in ("/etc/hostname", str(folder / "h" / "link.md"), "http://127.0.0.1:9/x.md", f"{folder}/../x"):
        assert foreign_files(event(path), folder) == [path]
    assert foreign_files({"data": ["What is RATS?", [], "any"]}, folder) == []


def test_rendered_answers_cards_and_exports_never_carry_document_html() -> None:
    from app.answering.models import Answer, Citation

    quote = 'The RATS sits in Tashkent <img src="http://127.0.0.1:9/pixel"> ![p](http://127.0.0.1:9/p).'
    citation = Citation(
        1, "evil.md", "Evil <b>title</b>", "c1", quote, 0.9, source_url="javascript:alert(1)", passage=quote
    )
    answer = Answer("Where is RATS?", quote.rstrip(".") + " [1].", False, [citation])
    bubble = answer_markdown(answer, 1)
    assert "<img" not in bubble and "![" not in bubble and '[[1]](#src-1-1 "Source 1: Evil b title /b")' in bubble
    fold = answer_fold(answer, 1)
    assert "<img" not in fold and "javascript:" not in fold and "<b>title" not in fold
    cards = sources_html([answer])
    assert "<img" not in cards and "javascript:" not in cards and "<b>title" not in cards
    export = conversation_markdown([answer])
    assert "<img" not in export and "![" not in export and "javascript:" not in export


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organisation": "NATO"}, "must be one of SCO, CSTO"),
        ({"year_from": 2020, "year_to": 2010}, "is after year_to"),
        ({"year_from": True}, "must be a year"),
        ({"year_to": 12}, "must be a year"),
        ({"doc_ids": [1, 2]}, "doc_ids"),
        ("SCO", "filters must be an object"),
        (["SCO"], "filters must be an object"),
    ],
)
def test_filters_refuse_bad_values_by_name(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Filters.from_dict(data)


def test_filters_accept_organisations_in_any_case() -> None:
    assert Filters.from_dict({"organisation": "csto", "year_from": "2010"}).to_dict() == {
        "organisation": "CSTO",
        "year_from": 2010,
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"question": "q?", "top_k": true}', '"top_k"'),
        (b'{"question": "q?", "top_k": 2.5}', '"top_k"'),
        (b'{"question": "q?", "pad": "x"}', 'unknown field "pad"'),
        (b'{"question": 5}', '"question"'),
        (b'{"question": "q?", "filters": "SCO"}', '"filters"'),
        (b'{"question": "q?", "filters": {"organisation": "NATO"}}', "SCO, CSTO"),
        (b'{"question": "q?", "history": [{"question": 1}]}', '"history"[0]'),
        (b"[" * 30_000 + b"]" * 30_000, "nested too deeply"),
        (b'{"question": "q?", "top_k": 1' + b"0" * 5000 + b"}", "not valid JSON"),
        (b"\xff\xfe{", "not valid JSON"),
    ],
)
def test_hostile_api_bodies_get_a_named_400(body: bytes, field: str) -> None:
    with pytest.raises(BadRequestError, match=field.replace("[0]", r"\[0\]")):
        parse_ask_request(body)


def test_long_questions_and_bodies_are_refused_before_any_work() -> None:
    with pytest.raises(BadRequestError, match="at most 1000"):
        parse_ask_request(json.dumps({"question": "Why " * 400}).encode())
    with pytest.raises(TooLargeError, match="64 KB"):
        parse_ask_request(json.dumps({"question": "q?", "history": [{"question": "x" * 70_000}]}).encode())


def test_login_throttle_stops_a_client_after_its_failures_and_spares_others() -> None:
    throttle = LoginThrottle(per_minute=3)
    for _ in range(3):
        assert throttle.retry_after("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
    assert throttle.retry_after("10.0.0.1") > 0
    assert throttle.retry_after("10.0.0.2") == 0
    expired = LoginThrottle(per_minute=1, window_seconds=0.0)
    expired.failed("a")
    assert expired.retry_after("a") == 0
