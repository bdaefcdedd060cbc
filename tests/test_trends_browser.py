"""The Trends tab in a real headless Chromium against a live `scoqa serve` on ../shared/corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.trends.lexicon import find_concept, user_concept
from app.trends.service import TrendsService
from ingest.settings import Settings
from tests.conftest import chromium_browser
from tests.live_server import start_server, stop_server
from tests.test_browser import TIMEOUT_MS

pytestmark = pytest.mark.browser


def choose(page: Any, dropdown: str, option: str) -> None:
    """Pick an option of one dropdown (two dropdowns with the same choices are both in the page)."""
    page.locator(f"{dropdown} input").click()
    page.locator(dropdown).get_by_role("option", name=option, exact=True).click()


@pytest.fixture(scope="module")
def trends_server(shared_index: Settings) -> Iterator[str]:
    proc, url = start_server(shared_index)
    yield url
    stop_server(proc)


@pytest.fixture
def page(trends_server: str, tmp_path: Path) -> Iterator[Any]:
    with chromium_browser() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        tab.goto(trends_server + "/", wait_until="domcontentloaded")  # never networkidle with Gradio
        tab.get_by_role("tab", name="Trends").click()
        tab.locator("#trends-status", has_text="Trends ready").wait_for()
        yield tab
        tab.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
        context.close()


def test_add_a_concept_and_click_a_point_to_see_its_sentences(page: Any, shared_index: Settings) -> None:
    assert page.locator("#trends-chart .trend-gap").count() > 0  # years without documents are drawn as gaps
    assert "No documents (gaps, not zeros)" in page.locator("#trends-note").inner_text()

    page.locator("#trends-add").click()
    page.locator("#trends-new-name textarea").fill("Shanghai spirit")
    page.locator("#trends-new-terms textarea").fill("Shanghai spirit, spirit of Shanghai")
    page.locator("#trends-add-concept").click()
    page.locator("#trends-status", has_text="Added 'Shanghai spirit'").wait_for()
    page.locator("#trends-show").click()
    page.locator("#trends-status", has_text="3 concept(s)").wait_for()

    points = page.locator("#trends-chart .trend-point[data-concept='Shanghai spirit'][data-org='SCO']")
    years = [int(points.nth(i).get_attribute("data-year")) for i in range(points.count())]
    assert 2019 in years and 2021 not in years  # 2021 has no documents: no point, not a zero

    mine = user_concept("Shanghai spirit", ["Shanghai spirit", "spirit of Shanghai"])
    trends = TrendsService(shared_index).trends([find_concept("three evils"), mine])
    [expected] = [r for r in trends.rows_for("Shanghai spirit", 2019) if r.organisation == "SCO"]
    assert expected.count > 0
    point = page.locator("#trends-chart .trend-point[data-concept='Shanghai spirit'][data-org='SCO'][data-year='2019']")
    assert point.get_attribute("data-count") == str(expected.count)
    point.click()
    page.locator("#trends-sentences .trend-heading", has_text="Shanghai spirit · SCO · 2019").wait_for()
    cards = page.locator("#trends-sentences .trend-card")
    assert cards.count() == expected.count
    for i in range(cards.count()):
        assert "shanghai" in cards.nth(i).locator("mark").first.inner_text().lower()
        assert "chunk " in cards.nth(i).locator(".trend-facts").inner_text()


def test_compare_two_declarations(page: Any, shared_index: Settings) -> None:
    service = TrendsService(shared_index)
    labels = dict((doc_id, label) for label, doc_id in service.document_choices())
    a, b = "sco_2022_samarkand_declaration.txt", "sco_2023_new_delhi_declaration.txt"
    choose(page, "#trends-doc-a", labels[a])
    choose(page, "#trends-doc-b", labels[b])
    page.locator("#trends-compare-run").click()
    page.locator("#trends-compare table").wait_for()

    expected = service.compare(a, b, [find_concept("three evils"), find_concept("information security")])
    rows = page.locator("#trends-compare tbody tr")
    shown = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert [row[:4] for row in shown] == [
        [c.concept, str(c.count_a), str(c.count_b), f"{c.change:+d}"] for c in expected.changes
    ]
    assert expected.changes[0].only_a or expected.changes[0].only_b
    first = page.locator("#trends-compare details").first
    first.locator("summary").click()
    assert first.locator(".trend-card").count() == len(expected.changes[0].only_a) + len(expected.changes[0].only_b)


def test_semantic_passages_are_shown_apart_and_labelled(page: Any) -> None:
    page.get_by_text("By meaning (semantic").click()
    page.locator("#trends-semantic-text textarea").fill("cooperation against cyber attacks and information threats")
    page.locator("#trends-semantic-run").click()
    page.locator("#trends-semantic table").wait_for()
    assert "Semantic, not literal" in page.locator("#trends-semantic").inner_text()
    rows = page.locator("#trends-semantic tbody tr").all_inner_texts()
    assert rows and any(" / " in row for row in rows)
    assert page.locator("#trends-semantic .trend-card").count() > 0  # the closest passages, with their scores
    assert "similarity" in page.locator("#trends-semantic .trend-facts").first.inner_text()
