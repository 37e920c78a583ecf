"""Page scaffolding: config, sidebar, active-filter chips, captions, empty states."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import streamlit as st

from analysis.query.filters import Filters
from figures.theme import image
from ui import data, sidebar, state
from ui.chart import plotly_chart


RUN_STARTED = "_run_started"
FAVICON = Path(__file__).with_name("veille_icon.png")


def start(title: str, *, layout: str = "wide"):
    """Set up a page: returns (corpus, filters) with the sidebar drawn."""
    st.session_state[RUN_STARTED] = time.perf_counter()
    # a local favicon: a material icon there makes the browser fetch it from fonts.gstatic.com,
    # which fails offline and tells Google each page an analyst opens
    st.set_page_config(page_title=f"{title} · Veille", page_icon=str(FAVICON), layout=layout)
    st.markdown(_CSS, unsafe_allow_html=True)  # static layout CSS only, never article text
    data.freeze_imports()
    corpus = data.load_corpus()
    sidebar.render(corpus)
    return corpus, state.current()


_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.2rem;padding-bottom:2rem}
[data-testid="stSidebarContent"]{padding-top:.4rem}
</style>"""


def chips(f: Filters, corpus) -> None:
    """A row of active-filter chips, each clearing its own filter."""
    if not f.active:
        return
    with st.container(horizontal=True, gap="small"):
        for chip in f.chips(corpus.actor_names):
            st.button(f"✕ {chip.label}", key=f"chip_{chip.key}", on_click=state.apply, args=(chip.without,),
                      help="Remove this filter", type="secondary")
        st.button("Clear all", key="chip_clear", on_click=state.clear, type="tertiary")


READER_PAGE = "pages/1_Reader.py"
_READER_DOC, _READER_FOCUS = "reader_doc", "reader_focus"


def open_in_reader(doc_id: str, span: tuple[int, int] | None = None) -> None:
    """Switch to the Reader on this article, at this passage (start, end) when given: the one
    hand-off every page uses."""
    st.session_state[_READER_DOC] = doc_id
    if span is None:
        st.session_state.pop(_READER_FOCUS, None)
    else:
        st.session_state[_READER_FOCUS] = [int(span[0]), int(span[1])]
    st.switch_page(READER_PAGE)


def reader_request() -> tuple[str, list[int] | None] | None:
    """The article (and passage) another page asked the Reader to open, taken once; None if none."""
    if not st.session_state.get(_READER_DOC):
        return None
    return st.session_state.pop(_READER_DOC), st.session_state.pop(_READER_FOCUS, None)


def caption_text(corpus, f: Filters, *, n_docs: int, what: str = "articles", n: int | None = None) -> str:
    """'Corpus · filters · n' line under every chart, with a small-sample warning."""
    text = f"{corpus.name} · {f.describe(corpus.actor_names)} · {n_docs} article{'s' if n_docs != 1 else ''}"
    if n is not None:
        text += f" · n = {n} {what}"
    if n_docs < 10:
        text += f" · ⚠ small sample ({n_docs} article{'s' if n_docs != 1 else ''})"
    return text


def empty(message: str) -> None:
    st.info(message, icon=":material/filter_alt_off:")


def finish(extra_params: dict | None = None) -> None:
    """Mirror the filters (and the page's own parameters) in the URL; note how long the run took
    (session state `_run_ms`, read by benchmarks/pages.py)."""
    state.sync_url(extra_params)
    if RUN_STARTED in st.session_state:
        st.session_state["_run_ms"] = (time.perf_counter() - st.session_state[RUN_STARTED]) * 1000


def chart(fig, **kwargs):
    """A chart (ui/chart.py) plus PNG and SVG downloads of the same figure (made only when clicked)."""
    event = plotly_chart(fig, **kwargs)
    title = (fig.layout.title.text or "chart") if fig.layout.title else "chart"
    base = re.sub(r"[^\w-]+", "_", title.split("<br>")[0].split("·")[0].strip().lower())[:40].strip("_") or "chart"
    key = kwargs.get("key") or f"{base}_{hashlib.md5(title.encode()).hexdigest()[:6]}"
    with st.container(horizontal=True, gap="small", horizontal_alignment="right"):
        for fmt in ("png", "svg"):
            st.download_button(fmt.upper(), data=lambda f=fmt: image(fig, f, width=1200, height=fig.layout.height or 500),
                               file_name=f"{base}.{fmt}", mime="image/png" if fmt == "png" else "image/svg+xml",
                               key=f"dl_{fmt}_{key}", type="tertiary", icon=":material/download:", on_click="ignore")
    return event
