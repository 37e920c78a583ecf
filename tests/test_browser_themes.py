"""End to end in headless Chromium: the Themes & topics page, click-to-filter, both tabs on screen."""
from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, assert_no_exception, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    base = tmp_path_factory.mktemp("browser_themes")
    cache = base / "cache"
    cache.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VEILLE_WORKSPACE", str(base / "workspace"))  # no topic names of a previous run
        with streamlit_server(cache=cache) as url:
            yield url


def ready(page) -> None:
    """wait_ready, plus the plotly bundle: it loads lazily, so charts appear after the rest of the page."""
    wait_ready(page)
    page.locator('.veille-chart .main-svg').first.wait_for(timeout=120_000)
    wait_ready(page)


def test_click_a_theme_bar_sets_the_theme_filter(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/Themes", wait_until="domcontentloaded")
    ready(page)
    assert page.locator("h1").first.inner_text() == "Themes & topics"
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "themes.png"), full_page=True)
    chart = page.locator('.veille-chart').first
    assert "Theme share by source" in chart.inner_text()
    bar = chart.locator("g.trace.bars g.point path").first  # the first theme of the largest source
    bar.click(force=True)
    page.wait_for_url(re.compile(r"theme="), timeout=60_000)
    ready(page)
    theme = re.search(r"theme=([a-z_]+)", page.url).group(1)
    assert theme in ("military", "technology", "diplomacy", "economy", "sanctions_law")
    chip = page.get_by_role("button", name=f"✕ {theme}")
    assert chip.is_visible()
    assert f"theme: {theme}" in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "themes_filtered.png"), full_page=True)
    page.get_by_text("The sentences behind each share").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "themes_sentences.png"))


def test_topics_tab_from_a_link(server, page):
    page.goto(server + "/Themes?tab=topics&k=4", wait_until="domcontentloaded")
    ready(page)
    assert_no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "themes_topics.png"), full_page=True)
    panel = page.locator('[data-testid="stTabs"] [role="tabpanel"]:visible')
    assert "4 topics over the whole corpus (set by hand)" in panel.inner_text()
    legend = [t.text_content() for t in panel.locator('.veille-chart .legendtext').all()]
    assert sorted(t.split(" ·")[0] for t in legend) == ["T1", "T2", "T3", "T4"]  # the topic map: one trace per topic
    assert "k=4" in page.url and "tab=topics" in page.url
    page.get_by_text("Topic drill-down").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "themes_topics_drilldown.png"))
