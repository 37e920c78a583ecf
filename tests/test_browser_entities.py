"""End to end in headless Chromium: the Entities page, click-to-filter on a bar and on a network node."""
from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, assert_no_exception, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("browser_entities")
    cache = root / "cache"
    cache.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VEILLE_WORKSPACE", str(root / "ws"))  # no alias file: the corpus as built
        with streamlit_server(cache=cache) as url:
            yield url


def _charts_ready(page, n: int):
    """The page's plotly charts once all n are drawn (Streamlit streams elements in after the title)."""
    page.wait_for_function(f"document.querySelectorAll('.veille-chart .main-svg').length >= {n}", timeout=60_000)
    wait_ready(page)
    charts = page.locator('.veille-chart')
    assert charts.count() == n
    return charts


def _click_center(page, locator) -> None:
    """Click a plotly mark where it is drawn (plotly listens on the plot area, not on the SVG shape)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_entities_page_and_click_a_bar_to_filter(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/Entities", wait_until="domcontentloaded")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Entities"
    assert_no_exception(page)
    charts = _charts_ready(page, 3)
    assert "Top actors" in charts.nth(0).locator(".gtitle").text_content()
    page.screenshot(path=str(ARTIFACTS / "entities.png"), full_page=True)

    first_bar = charts.nth(0).locator(".barlayer .trace").first.locator("path").first  # Russia, the top bar
    _click_center(page, first_bar)
    page.wait_for_url(re.compile(r"actor=russia"), timeout=60_000)
    _charts_ready(page, 3)
    assert page.get_by_role("button", name="✕ Russia").is_visible()  # the active-filter chip
    assert "actor: Russia" in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "actors named in the same sentences" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "entities_filtered.png"), full_page=True)

    page.locator('[data-testid="stSidebar"] a', has_text="Overview").click()  # the filter holds on every page
    page.wait_for_url(re.compile(r"actor=russia"), timeout=60_000)
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Overview" and page.get_by_role("button", name="✕ Russia").is_visible()


def test_click_a_network_node_to_filter(server, page):
    page.goto(server + "/Entities?actor=per:victor-cha", wait_until="domcontentloaded")
    net = _charts_ready(page, 3).nth(2)
    node = net.locator(".scatterlayer .trace", has=page.locator("text", has_text="Kim Jong-un"))
    label = net.locator(".scatterlayer text", has_text=re.compile(r"^Kim Jong-un$")).first
    points = node.locator("path.point")
    texts = node.locator("text")
    idx = next(i for i in range(texts.count()) if texts.nth(i).text_content() == "Kim Jong-un")
    assert label.is_visible()
    _click_center(page, points.nth(idx))
    page.wait_for_url(re.compile(r"actor=kim-jong-un"), timeout=60_000)
    _charts_ready(page, 3)
    assert page.get_by_role("button", name="✕ Kim Jong-un").is_visible()
    assert_no_exception(page)
