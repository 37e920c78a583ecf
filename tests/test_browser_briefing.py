"""End to end in headless Chromium: search -> reader at the sentence; the briefing in presentation
mode at 1400x900; the HTML export downloaded through the UI holds the interactive charts."""
from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, assert_no_exception, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    cache = tmp_path_factory.mktemp("browser_briefing") / "cache"
    cache.mkdir()
    with streamlit_server(cache=cache) as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


def test_search_then_open_a_line_in_the_reader(server, context):
    ARTIFACTS.mkdir(exist_ok=True)
    page = context.new_page()
    page.goto(server + "/Search", wait_until="domcontentloaded")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Search"
    box = page.get_by_role("textbox", name="Search the articles")
    box.fill("munitions")
    box.press("Enter")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    wait_ready(page)
    assert "q=munitions" in page.url
    assert "n = 5 hits" in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    # select the first concordance line: the row-selection checkbox sits at the left of the canvas grid
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    bb = grid.bounding_box()
    page.mouse.click(bb["x"] + 18, bb["y"] + 35 + 17)  # first data row, selection column
    page.wait_for_url("**/Reader**", timeout=60_000)
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Reader"
    info = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "Selected passage" in info and "munitions" in info
    page.wait_for_selector(".veille-reader .focus", timeout=30_000)
    assert page.locator(".veille-reader .focus").count() == 1
    assert "munitions" in page.locator(".veille-reader .focus").first.inner_text()
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "search_reader.png"), full_page=False)


def test_briefing_in_presentation_mode_and_html_export(server, context, tmp_path):
    page = context.new_page()
    page.goto(server + "/Briefing?present=1", wait_until="domcontentloaded")
    wait_ready(page)
    # the status widget lives in the (hidden) header: wait for the charts themselves
    page.wait_for_function("document.querySelectorAll('.veille-chart .main-svg').length >= 3", timeout=120_000)
    wait_ready(page)
    assert page.locator("h1").first.inner_text().startswith("Briefing — ")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert page.locator('.veille-chart').count() == 3
    assert [m.inner_text() for m in page.locator('[data-testid="stMetricValue"]').all()][:1] == ["5"]
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "briefing_present.png"))  # the viewport: what a screenshot shows

    button = page.get_by_role("button", name="Download briefing (HTML)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as dl:
        button.click()
    path = tmp_path / "briefing.html"
    dl.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Briefing — " in html

    exported = context.new_page()
    exported.goto(path.as_uri())
    exported.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert exported.locator(".js-plotly-plot").count() >= 2
    assert exported.locator(".kpi").count() == 5
    assert exported.locator("li").count() >= 1
    exported.screenshot(path=str(ARTIFACTS / "briefing_export_html.png"), full_page=True)
