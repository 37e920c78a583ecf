"""End to end in headless Chromium: the Claims page from a deep link, a click on the timeline, the reader jump."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, ROOT, assert_no_exception, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    cache = tmp_path_factory.mktemp("browser_claims") / "cache"
    shared = ROOT / ".veille_cache" / "articles"
    if shared.is_dir():  # reuse analysed articles (keyed by content and pipeline version): the server starts fast
        shutil.copytree(shared, cache / "articles")
    cache.mkdir(exist_ok=True)
    with streamlit_server(cache=cache) as url:
        yield url


def _ready(page) -> None:
    """wait_ready, then the page's own widgets, chart and table (their code loads lazily, later on a busy machine)."""
    wait_ready(page)
    page.locator('[data-testid="stRadio"]').first.wait_for(timeout=120_000)
    page.locator('.veille-chart .main-svg').first.wait_for(timeout=120_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=120_000)
    page.wait_for_timeout(500)


def _table(page) -> list[dict[str, str]]:
    """The rows of the first st.dataframe, read from the grid's accessible table."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    rows = grid.locator('table [role="row"]')
    rows.nth(1).locator('[role="gridcell"]').first.wait_for(state="attached", timeout=30_000)  # the grid fills its table lazily
    header = rows.first.locator('[role="columnheader"]').all_inner_texts()
    out = []
    for i in range(1, rows.count()):
        cells = rows.nth(i).locator('[role="gridcell"]').all_inner_texts()
        out.append(dict(zip(header, cells)))
    return out


def _shot(page, name: str, locator=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if locator is not None:
        locator.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / name))


def test_deep_link_filtered_claims_view(server, page):
    page.goto(server + "/Claims?modality=hedged&lanes=source", wait_until="domcontentloaded")
    _ready(page)
    assert page.locator("h1").first.inner_text() == "Claims"
    assert_no_exception(page)
    expect(page.get_by_role("button", name="✕ hedged").first).to_be_visible()  # the filter chip
    expect(page.locator('[data-testid="stRadio"]', has_text="Lanes").get_by_role("radio", name="Source")).to_be_checked()
    rows = _table(page)
    page.locator("h1").first.scroll_into_view_if_needed()
    assert rows and {r["Modality"] for r in rows} == {"hedged"}
    assert "modality=hedged" in page.url and "lanes=source" in page.url
    chart = page.locator('.veille-chart').first
    assert chart.locator(".gtitle").text_content() == "Claims by event date"
    lanes = chart.locator(".ytick text").all_text_contents()
    assert "clicdanstaville.fr" in lanes  # the one dated article's hedged claims
    assert all(t.startswith("(unknown source)") or "." in t for t in lanes)  # outlets, not speakers
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text="not plotted").first.inner_text()
    assert "modality: hedged" in caption
    _shot(page, "claims_deeplink.png")
    _shot(page, "claims_deeplink_ledger.png", page.get_by_role("heading", name="Ledger"))


def test_full_view_click_a_point_then_open_the_reader(server, page):
    page.goto(server + "/Claims", wait_until="domcontentloaded")
    _ready(page)
    assert_no_exception(page)
    _shot(page, "claims.png")
    _shot(page, "claims_ledger.png", page.get_by_role("heading", name="Ledger"))
    chart = page.locator('.veille-chart').first
    chart.scroll_into_view_if_needed()
    point = chart.locator(".scatterlayer .trace .points path").last
    point.click(force=True)
    page.wait_for_url("**claim=**", timeout=60_000)
    _ready(page)
    opener = page.get_by_role("button", name="Open in the reader at this sentence")
    expect(opener).to_be_visible()
    _shot(page, "claims_selected.png", opener)
    opener.click()
    page.wait_for_url("**/Reader**", timeout=60_000)
    wait_ready(page)
    page.wait_for_selector("#veille-focus", timeout=120_000)
    assert page.locator("h1").first.inner_text() == "Reader"
    assert page.locator("#veille-focus").count() == 1  # the sentence is marked in the article
    assert_no_exception(page)
