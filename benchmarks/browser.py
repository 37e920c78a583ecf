"""Time to the first chart in a real browser, per page, after a warm page load.

    VEILLE_CACHE=/path/to/cache .venv/bin/python benchmarks/browser.py CORPUS [--runs 3]

Serves the dashboard on CORPUS with headless Chromium (Debian's), loads it once so the
server has the corpus in memory (a build, or a reuse of the cached tables), then opens each
page in a fresh browser session and times navigation start -> first plotly chart drawn (its
SVG in the page) and -> page idle (script finished, every chart drawn). Pages without a chart
report only the second. Target (issue 8): first chart within 3 s.
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
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def url_path(page_file: str) -> str:
    """Streamlit's URL for a page file: pages/2_Entities.py -> Entities; app.py -> ''."""
    if page_file == "app.py":
        return ""
    return Path(page_file).stem.split("_", 1)[1]


def time_page(browser, url: str) -> tuple[float | None, float]:
    """(seconds to the first drawn chart or None, seconds to idle) for one fresh session."""
    from tests.browser import wait_ready

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=120_000)
        first = None
        try:
            page.wait_for_selector(CHART, timeout=30_000)
            first = time.perf_counter() - t0
        except Exception:  # no chart on this page
            pass
        wait_ready(page, timeout=120_000)
        return first, time.perf_counter() - t0 - 0.8  # wait_ready's own settling pauses
    finally:
        context.close()


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
        warm = browser.new_page()
        warm.goto(base)
        wait_ready(warm, timeout=3_600_000)
        warm.close()
        print(f"first load (build or reuse of the tables): {time.perf_counter() - t0:.1f} s")
        worst = 0.0
        for page_file, label, _ in PAGES:
            if not (ROOT / page_file).exists():
                continue
            firsts, idles = [], []
            for _ in range(args.runs):
                first, idle = time_page(browser, f"{base}/{url_path(page_file)}")
                idles.append(idle)
                if first is not None:
                    firsts.append(first)
            line = f"{label:16} idle median {statistics.median(idles):5.2f} s"
            if firsts:
                worst = max(worst, max(firsts))
                line = (f"{label:16} first chart median {statistics.median(firsts):5.2f} s  max {max(firsts):5.2f} s   "
                        f"idle median {statistics.median(idles):5.2f} s")
            else:
                line += "   (no chart on this page)"
            print(line, flush=True)
        browser.close()
    print(f"slowest first chart: {worst:.2f} s  {'ok' if worst <= TARGET_S else 'MISSED'} (target <= {TARGET_S} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
