"""Server-side rerun time of every page after a filter change, on a corpus of your choice.

    VEILLE_CACHE=/path/to/cache .venv/bin/python benchmarks/pages.py CORPUS [--runs 3] [--pages entities,claims]

Builds (or checks) the corpus in another process, opens each page with AppTest (the Themes page
twice: its Themes tab, then its Topics tab), then times reruns after setting a source filter, a
new actor filter each round, and no filter (--runs rounds of the three). Prints per page the
page script's own time (from ui.page.start to ui.page.finish: the server-side rerun), the whole
AppTest run (which adds AppTest's re-parsing of the script and its element tree) and the time
spent in Python's cycle collector; and a reference workload before and after, since this
machine's speed drifts (see reference_ms).
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 0.300  # issue 8: every page's server-side rerun after a filter change
_GC = {"s": 0.0, "t0": 0.0}


def _gc_timer(phase: str, info: dict) -> None:
    """Time spent in the cycle collector (reported beside each page's reruns)."""
    if phase == "start":
        _GC["t0"] = time.perf_counter()
    else:
        _GC["s"] += time.perf_counter() - _GC["t0"]


def reference_ms() -> float:
    """A fixed pandas and Python workload (the best of 5), printed beside the figures: this
    machine's speed drifts by up to 2x over an hour (a shared VM), so page times are only
    comparable between runs with similar reference times (about 80 ms on a quiet run here)."""
    import numpy as np
    import pandas as pd

    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        s = pd.Series(np.arange(300_000) % 5_000).astype(str).astype(object)
        for _ in range(3):
            s.value_counts()
            s.isin(["1", "2"])
        sum(i * i for i in range(300_000))
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", default="", help="comma-separated words of page labels to time (default: every page)")
    args = ap.parse_args()
    os.environ["VEILLE_CORPUS"] = str(args.corpus.resolve())
    from streamlit.testing.v1 import AppTest

    from analysis.query.filters import Filters
    from ui.sidebar import PAGES

    print(f"reference workload: {reference_ms():.0f} ms at the start (machine speed; see reference_ms)", flush=True)
    # build (or check) the tables in another process: this one then opens them as a warm server
    # does, and its memory holds no leftovers of a build
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from analysis.build import build; "
                    "from ui.data import _out_dir; p = Path(sys.argv[1]); build([p], _out_dir(p), progress=False)",
                    str(args.corpus.resolve())], check=True, cwd=ROOT)
    print(f"build or check (another process): {time.perf_counter() - t0:.1f} s", flush=True)
    gc.callbacks.append(_gc_timer)
    t0 = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600).run()
    print(f"first load (read the tables + Overview): {time.perf_counter() - t0:.1f} s", flush=True)
    from ui.data import load_corpus

    corpus = load_corpus()
    docs = corpus["documents"]
    sources = docs["source"].replace("", None).dropna().value_counts().index.tolist()
    actors = corpus["actors"].nlargest(args.runs, "n_mentions")["actor_id"].tolist()
    # each round a source not filtered on before (the largest first), an actor not filtered on
    # before, then no filter: a state seen before may meet the pages' memoised pieces (a network
    # layout, hover texts), a new one pays for everything
    rounds = [[{"sources": (sources[i % len(sources)],)}, {"actors": (actors[i % len(actors)],)}, {}] for i in range(args.runs)]
    base = {"sources": (), "actors": (), "themes": (), "modalities": (), "date_from": "", "date_to": ""}
    print(f"corpus: {len(docs)} articles; sources filtered: {sources[:args.runs]}; actors filtered: {actors}")
    worst = slowest = 0.0
    views = []  # (page file, label, session state to set before the reruns)
    for page, label, _ in PAGES:
        if not (ROOT / page).exists() or page.endswith("Add_articles.py"):
            continue
        views.append((page, label, {}))
        if page.endswith("Themes.py"):
            views.append((page, "  (Topics tab)", {"themes_tab": "Topics"}))
    for page, label, state in views:
        if args.pages and not any(w.lower() in label.lower() or w.lower() in page.lower() for w in args.pages.split(",")):
            continue
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600).run()
        if page != "app.py":
            at.switch_page(page).run()
        if state:
            for key, value in state.items():
                at.session_state[key] = value
            t = time.perf_counter()
            at.run()
            print(f"{label:18} first open: {time.perf_counter() - t:.1f} s (topics are fitted once per corpus)", flush=True)
        times, script, in_gc = [], [], []
        for filters in rounds:
            for f in filters:
                at.session_state["_filters"] = Filters(**{**base, **f})
                _GC["s"], t = 0.0, time.perf_counter()
                at.run()
                times.append(time.perf_counter() - t)
                in_gc.append(_GC["s"])
                script.append(at.session_state["_run_ms"] / 1000 if "_run_ms" in at.session_state else float("nan"))
                if at.exception:
                    print(f"  {label}: exception {at.exception[0].value[:120]}")
        worst = max(worst, statistics.median(script))
        slowest = max(slowest, max(script))
        print(f"{label:18} page script median {statistics.median(script) * 1000:6.0f} ms  max {max(script) * 1000:6.0f} ms"
              f"   |  AppTest run median {statistics.median(times) * 1000:6.0f} ms  max {max(times) * 1000:6.0f} ms"
              f"   |  in GC median {statistics.median(in_gc) * 1000:4.0f} ms  max {max(in_gc) * 1000:4.0f} ms",
              flush=True)
    print(f"reference workload: {reference_ms():.0f} ms at the end (machine speed; see reference_ms)")
    print(f"slowest page (median script time): {worst * 1000:.0f} ms  "
          f"{'ok' if worst < TARGET_S else 'MISSED'} (target < {TARGET_S * 1000:.0f} ms)")
    print(f"slowest single rerun: {slowest * 1000:.0f} ms  {'ok' if slowest < TARGET_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
