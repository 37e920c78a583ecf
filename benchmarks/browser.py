"""Time to the first chart in a real browser, per page, after a warm page load.

    VEILLE_CACHE=/path/to/cache .venv/bin/python benchmarks/browser.py CORPUS [--runs 3]

Serves the dashboard on CORPUS with headless Chromium (Debian's), loads it once so the
server has the corpus in memory (a build, or a reuse of the cached tables) and the browser
has the app's scripts in its cache (a warm page load), then opens each page in a new tab (a
new Streamlit session) and times navigation start -> first plotly chart drawn (its SVG in the
page) and -> page idle (script finished, every chart drawn). Pages without a chart report only
the second. Target (issue 8): first chart within 3 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 3.0
CHART = '[data-testid="stElementContainer"]:not([data-stale="true"]) .veille-chart .main-svg'  # not a stale one


def url_path(page_file: str) -> str:
    """Streamlit's URL for a page file: pages/2_Entities.py -> Entities; app.py -> ''."""
    if page_file == "app.py":
        return ""
    return Path(page_file).stem.split("_", 1)[1]


CHART_PAGES = {"app.py", "pages/2_Entities.py", "pages/3_Themes.py", "pages/4_Claims.py", "pages/6_Briefing.py"}


def time_page(context, url: str, *, has_chart: bool) -> tuple[float | None, float]:
    """(seconds to the first drawn chart or None, seconds to idle) for a new tab: a new
    Streamlit session, in a browser that has loaded the app before (its HTTP cache is warm)."""
    from tests.browser import wait_ready

    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=120_000)
        first = None
        if has_chart:
            page.wait_for_selector(CHART, timeout=60_000)
            first = time.perf_counter() - t0
        wait_ready(page, timeout=120_000)
        return first, time.perf_counter() - t0 - 0.8  # wait_ready's own settling pauses
    finally:
        page.close()


def time_navigation(page, label: str, *, has_chart: bool) -> tuple[float | None, float]:
    """In an open tab: click the sidebar link to a page and time the click -> its first chart
    drawn, and -> idle. The app's scripts are already running in the tab (how an analyst moves
    between pages)."""
    from tests.browser import wait_ready

    heading = "Briefing" if label == "Briefing" else label
    t0 = time.perf_counter()
    page.locator('[data-testid="stSidebar"] a', has_text=label).first.click()
    page.locator("h1", has_text=heading).first.wait_for(timeout=120_000)
    first = None
    if has_chart:
        page.locator(CHART).first.wait_for(timeout=60_000)
        first = time.perf_counter() - t0
    wait_ready(page, timeout=120_000)
    return first, time.perf_counter() - t0 - 0.8


def _line(label: str, firsts: list[float], idles: list[float]) -> str:
    if not firsts:
        return f"{label:16} idle median {statistics.median(idles):5.2f} s   (no chart on this page)"
    return (f"{label:16} first chart median {statistics.median(firsts):5.2f} s  max {max(firsts):5.2f} s   "
            f"idle median {statistics.median(idles):5.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path, streamlit_server, wait_ready
    from ui.sidebar import PAGES

    chromium = chromium_path()
    if chromium is None:
        print("no Chromium: install Debian's chromium (./test.sh does, as root)")
        return 2
    cache = Path(os.environ.get("VEILLE_CACHE") or tempfile.mkdtemp(prefix="veille-browser-bench-"))
    with streamlit_server(corpus=args.corpus.resolve(), cache=cache.resolve()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        t0 = time.perf_counter()
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        warm = context.new_page()
        warm.goto(base)
        wait_ready(warm, timeout=3_600_000)
        for page_file, _, _ in PAGES:  # every page once: the server and the browser cache are warm
            warm.goto(f"{base}/{url_path(page_file)}")
            wait_ready(warm, timeout=600_000)
        warm.close()
        print(f"first load (build or reuse of the tables): {time.perf_counter() - t0:.1f} s")
        results: dict[str, dict[str, tuple[list, list]]] = {"navigation": {}, "new tab": {}}
        nav = context.new_page()
        nav.goto(base)
        wait_ready(nav, timeout=600_000)
        for _ in range(args.runs):
            for page_file, label, _ in PAGES:
                if (ROOT / page_file).exists() and page_file != "app.py":  # Overview -> page, then back
                    first, idle = time_navigation(nav, label, has_chart=page_file in CHART_PAGES)
                    f, i = results["navigation"].setdefault(label, ([], []))
                    i.append(idle)
                    if first is not None:
                        f.append(first)
                    time_navigation(nav, "Overview", has_chart=True)
            for page_file, label, _ in PAGES:
                if (ROOT / page_file).exists():
                    first, idle = time_page(context, f"{base}/{url_path(page_file)}", has_chart=page_file in CHART_PAGES)
                    f, i = results["new tab"].setdefault(label, ([], []))
                    i.append(idle)
                    if first is not None:
                        f.append(first)
        nav.close()
        worst = {}
        for mode, per_page in results.items():
            print(f"-- {mode}: " + ("click a sidebar link in an open tab" if mode == "navigation"
                                    else "open the page's URL in a new tab (new session, browser cache warm)"))
            for label, (firsts, idles) in per_page.items():
                print(_line(label, firsts, idles), flush=True)
            worst[mode] = max((max(f) for f, _ in per_page.values() if f), default=0.0)
        browser.close()
    for mode, w in worst.items():
        print(f"slowest first chart ({mode}): {w:.2f} s  {'ok' if w <= TARGET_S else 'MISSED'} (target <= {TARGET_S} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
