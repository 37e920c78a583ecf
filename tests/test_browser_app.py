"""End to end in headless Chromium: open the app, change page through the sidebar, deep links."""
from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, assert_no_exception, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    cache = tmp_path_factory.mktemp("browser") / "cache"
    cache.mkdir()
    with streamlit_server(cache=cache) as url:
        yield url


def test_overview_then_reader_through_the_sidebar(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server, wait_until="domcontentloaded")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Overview"
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "5"
    page.wait_for_function("document.querySelectorAll('.veille-chart .main-svg').length >= 4",
                           timeout=60_000)  # the four charts drawn before the screenshot
    page.wait_for_timeout(800)
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    page.locator('[data-testid="stSidebar"] a', has_text="Reader").click()
    page.wait_for_url("**/Reader**")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Reader"
    page.wait_for_selector(".veille-reader .bp")  # removed chrome shown greyed
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "reader.png"), full_page=True)


def test_deep_link_with_filters(server, page):
    page.goto(server + "/?source=clicdanstaville.fr", wait_until="domcontentloaded")
    wait_ready(page)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "1"
    assert "source: clicdanstaville.fr" in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "source=clicdanstaville.fr" in page.url
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "overview_filtered.png"), full_page=True)


def test_deep_link_opens_an_article_in_the_reader(server, page):
    page.goto(server + "/Reader?doc=002_93d6684eea28a751.txt", wait_until="domcontentloaded")
    wait_ready(page)
    assert "Poutine en Corée du Nord mardi" in page.locator("h4").first.inner_text()
    assert_no_exception(page)


def test_every_chart_offers_png_and_svg(server, page):
    page.goto(server, wait_until="domcontentloaded")
    wait_ready(page)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stDownloadButton\"] button').length >= 8", timeout=60_000)
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    labels = [b.inner_text().split()[-1] for b in buttons.all()]  # icon name, then the label
    assert labels.count("PNG") == 4 and labels.count("SVG") == 4  # the Overview's four charts
    with page.expect_download(timeout=60_000) as info:
        page.locator('[data-testid="stDownloadButton"] button', has_text="SVG").first.click()
    path = info.value.path()
    data = open(path, "rb").read()
    assert data.lstrip().startswith(b"<svg") and b"Articles by source" in data
    with page.expect_download(timeout=60_000) as info:
        page.locator('[data-testid="stDownloadButton"] button', has_text="PNG").first.click()
    assert open(info.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"


def test_two_sessions_do_not_share_unsaved_state(server, browser):
    """A filter chosen in one browser session (not saved anywhere) never shows in another."""
    a_ctx, b_ctx = (browser.new_context(viewport={"width": 1400, "height": 900}) for _ in range(2))
    try:
        a, b = a_ctx.new_page(), b_ctx.new_page()
        a.goto(server, wait_until="domcontentloaded")
        wait_ready(a)
        a.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()  # Source
        a.get_by_role("option", name="clicdanstaville.fr").click()
        a.keyboard.press("Escape")
        a.get_by_role("button", name="✕ clicdanstaville.fr").wait_for(timeout=60_000)
        wait_ready(a)
        assert a.locator('[data-testid="stMetricValue"]').first.inner_text() == "1"
        b.goto(server, wait_until="domcontentloaded")
        wait_ready(b)
        assert b.locator('[data-testid="stMetricValue"]').first.inner_text() == "5"
        assert b.get_by_role("button", name="✕ clicdanstaville.fr").count() == 0 and "source=" not in b.url
        b.locator('[data-testid="stSidebar"] a', has_text="Entities").click()  # B moves on; A keeps its filter
        wait_ready(b)
        a.locator('[data-testid="stSidebar"] a', has_text="Claims").click()
        wait_ready(a)
        assert a.get_by_role("button", name="✕ clicdanstaville.fr").count() == 1
        assert_no_exception(a)
        assert_no_exception(b)
    finally:
        a_ctx.close()
        b_ctx.close()


def test_no_request_leaves_the_machine(server, page):
    """An offline laptop, and an analyst's reading kept private: every page loads from the local
    server only (a material-icon favicon used to be fetched from fonts.gstatic.com)."""
    from urllib.parse import urlparse

    outside = []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost", None)
            and not r.url.startswith(("data:", "blob:")) else None)
    for path in ["", "Reader", "Entities", "Themes", "Claims", "Search", "Briefing", "Add_articles"]:
        page.goto(f"{server}/{path}", wait_until="domcontentloaded")
        wait_ready(page)
        assert_no_exception(page)
    page.wait_for_timeout(500)
    assert outside == []


def test_charts_load_the_small_plotly_bundles_from_this_server(server, page):
    """The charts draw with plotly.js partial bundles served by our server (ui/chart.py), never
    with Streamlit's chart element, whose script carries the whole of plotly.js (4.7 MB: about a
    second of a new tab's time before its first chart)."""
    scripts = []
    page.on("response", lambda r: scripts.append((r.url, r.status, r.headers.get("content-type", "")))
            if r.request.resource_type == "script" else None)
    for path in ["", "Entities"]:  # Overview: bar charts only; Entities: a heatmap too
        page.goto(f"{server}/{path}", wait_until="domcontentloaded")
        wait_ready(page)
        assert_no_exception(page)
    bundles = {url.rsplit("/", 1)[-1]: (status, ctype) for url, status, ctype in scripts if "/component/" in url}
    assert set(bundles) == {"plotly-basic.min.js", "plotly-cartesian.min.js"}
    assert all(status == 200 and "javascript" in ctype for status, ctype in bundles.values())
    assert not [url for url, *_ in scripts if "PlotlyChart" in url]
    assert page.locator(".veille-chart .main-svg").count() >= 3  # heatmap drawn: the cartesian bundle works
