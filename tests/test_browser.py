"""The chat in a real headless Chromium (Debian's, driven by playwright) against a live `scoqa serve`."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.settings import Settings
from tests.conftest import DOCUMENTS, chromium_browser, write_doc
from tests.live_server import start_server, stop_server

pytestmark = pytest.mark.browser

SMALL_CORPUS = [
    "sco_regional_anti_terrorist_structure.md",
    "csto_kazakhstan_january_2022.md",
    "csto_charter_and_institutions.md",
    "sco_charter.md",
]
LOGIN = ("analyst", "s3cret")
TIMEOUT_MS = 60_000


def small_corpus(folder: Path) -> Path:
    """A few of the shipped briefings (the project's own text), both organisations represented."""
    folder.mkdir(parents=True)
    for name in SMALL_CORPUS:
        shutil.copyfile(DOCUMENTS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`scoqa serve` on a small corpus; it builds the index as it starts."""
    root = tmp_path_factory.mktemp("browser-chat")
    proc, url = start_server(Settings(docs_dir=small_corpus(root / "docs"), index_dir=root / "index"))
    yield url
    stop_server(proc)


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """A fresh page; a screenshot of it is saved in the test's tmp dir whatever the outcome."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    tab.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
    context.close()


def open_chat(page: Any, url: str) -> None:
    page.goto(url + "/", wait_until="domcontentloaded")  # never networkidle: Gradio keeps a stream open
    page.locator("#question textarea").wait_for()


def ask(page: Any, question: str, turn: int) -> str:
    """Type and send a question; wait for the answer to finish; the bubble's text."""
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.locator("#answer-status", has_text=f"Answer {turn} ready").wait_for()
    return page.locator("#chat [data-testid='bot']").nth(turn - 1).inner_text()


def card_organisations(page: Any, turn: int) -> list[str]:
    """The organisation shown on each source card of one answer."""
    facts = page.locator(f"#turn-{turn} .scoqa-facts").all_inner_texts()
    return [text.split(" · ")[0].strip() for text in facts]


def choose(page: Any, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_answer_cites_and_marker_opens_the_highlighted_passage(page: Any, chat_server: str) -> None:
    open_chat(page, chat_server)
    text = ask(page, "Where is the headquarters of the SCO Regional Anti-Terrorist Structure?", 1)
    assert "[1]" in text
    card = page.locator("#src-1-1")
    assert "sco_regional_anti_terrorist_structure.md" in card.inner_text()
    cited = card.locator("mark").first.inner_text()
    assert cited and cited.split()[0] in text  # the highlighted sentence is the one quoted in the answer
    page.locator("#chat [data-testid='bot'] a[href='#src-1-1']").first.click()
    page.locator("#src-1-1.scoqa-flash").wait_for()  # the marker took us to its card

    follow = ask(page, "When was it established?", 2)  # a follow-up keeps the first answer's sources
    assert follow and page.locator("#turn-1").count() == 1 and page.locator("#turn-2").count() == 1
    page.locator("#new").click()
    page.locator("#answer-status", has_text="New conversation").wait_for()
    assert page.locator("#chat [data-testid='bot']").count() == 0
    assert page.locator("#sources .scoqa-turn").count() == 0


def test_organisation_filter_is_respected_and_shown(page: Any, chat_server: str) -> None:
    open_chat(page, chat_server)
    question = "What does the Regional Anti-Terrorist Structure do?"
    ask(page, question, 1)
    assert "SCO" in card_organisations(page, 1)
    choose(page, "#org", "CSTO")  # the filter bar is always in view
    page.locator("#answer-status", has_text="next question searches organisation CSTO").wait_for()
    text = ask(page, question, 2)
    assert "Filters applied" in text and "organisation=CSTO" in text
    status = page.locator("#answer-status").inner_text()
    assert "searched organisation CSTO" in status and "inferred" not in status  # the visitor's own filter
    organisations = card_organisations(page, 2)
    assert organisations and set(organisations) <= {"CSTO", "both"}
    assert "sco_regional_anti_terrorist_structure.md" not in page.locator("#turn-2").inner_text()


def test_upload_refresh_then_answer_cites_the_new_document(page: Any, tmp_path: Path, browser: Any) -> None:
    docs = small_corpus(tmp_path / "docs")
    proc, url = start_server(Settings(docs_dir=docs, index_dir=tmp_path / "index"))
    try:
        new_doc = write_doc(
            tmp_path / "to-upload",
            "zeravshan_shield.md",
            "# Exercise Zeravshan Shield\n\nThe CSTO exercise Zeravshan Shield was held beside Lake Iskanderkul "
            "in the Fann Mountains in May 2031. Its scenario was the rescue of hostages taken at a hydroelectric dam.",
            title="Exercise Zeravshan Shield",
            organisation="CSTO",
            kind="briefing",
            date="2031-05-20",
        )
        refused = tmp_path / "to-upload" / "tool.exe"
        refused.write_bytes(b"MZ not a document")
        open_chat(page, url)
        page.get_by_role("tab", name="Documents").click()
        page.locator("#documents-table", has_text="sco_charter.md").wait_for()
        page.locator("#upload input[type=file]").set_input_files([str(new_doc), str(refused)])
        page.locator("#upload td.filename[aria-label='tool.exe']").wait_for()  # both files are on the server
        page.locator("#upload-index").click()
        report = page.locator("#refresh-report", has_text="Refreshed")
        report.wait_for()
        assert "tool.exe: .exe files cannot be indexed" in report.inner_text()
        assert "saved uploads/zeravshan_shield.md" in report.inner_text()
        assert (docs / "uploads" / "zeravshan_shield.md").is_file()
        page.locator("#documents-table", has_text="uploads/zeravshan_shield.md").wait_for()

        page.get_by_role("tab", name="Chat").click()
        text = ask(page, "Where was the exercise Zeravshan Shield held?", 1)
        assert "Iskanderkul" in text
        panel = page.locator("#turn-1").inner_text()
        assert "uploads/zeravshan_shield.md" in panel
    finally:
        stop_server(proc)


def test_login_required_with_auth(page: Any, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / SMALL_CORPUS[0], docs / SMALL_CORPUS[0])
    proc, url = start_server(Settings(docs_dir=docs, index_dir=tmp_path / "index"), "--auth", ":".join(LOGIN))
    try:
        page.goto(url + "/", wait_until="domcontentloaded")
        page.get_by_label("username").fill(LOGIN[0])
        page.get_by_label("password").fill("wrong")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Incorrect Credentials").wait_for()
        assert page.locator("#question").count() == 0  # refused: no chat without the password
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url + "/api/ask", data=b"{}", method="POST"), timeout=30)
        assert refused.value.code == 401

        page.get_by_label("username").fill(LOGIN[0])  # the form clears itself after a refusal
        page.get_by_label("password").fill(LOGIN[1])
        page.get_by_role("button", name="Login").click()
        page.locator("#question textarea").wait_for()
        assert "[1]" in ask(page, "What is the SCO Regional Anti-Terrorist Structure?", 1)
    finally:
        stop_server(proc)


def test_empty_index_page_builds_the_index(page: Any, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "sco_charter.md", docs / "sco_charter.md")
    proc, url = start_server(Settings(docs_dir=docs, index_dir=tmp_path / "index"), "--no-build")
    try:
        page.goto(url + "/", wait_until="domcontentloaded")
        empty = page.locator("#empty-index")
        empty.wait_for()
        assert "scoqa ingest --docs" in empty.inner_text()
        assert not page.locator("#chat-page").is_visible()
        page.locator("#build-index").click()
        page.locator("#question textarea").wait_for()  # the chat replaces the empty page
        assert "[1]" in ask(page, "When was the SCO Charter signed?", 1)
    finally:
        stop_server(proc)
