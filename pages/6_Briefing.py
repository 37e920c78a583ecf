"""Briefing: one screen for a screenshot (presentation mode hides the chrome), exported as HTML or PNG."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import streamlit as st

from analysis.query.briefing import briefing, date_span, sources_text
from analysis.query.claims import claims_in_view
from analysis.query.filters import Filters, view
from figures import briefing as fb
from ui import page, state
from ui.chart import plotly_chart

PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stElementToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem !important; padding-bottom: 1rem !important;}
h1 {padding-top: 0 !important; font-size: 2.1rem !important;}
[data-testid="stMainBlockContainer"] li {margin-bottom: .15rem;}
</style>"""

corpus, f = page.start("Briefing")
store = st.session_state.setdefault("_briefing", {"present": st.query_params.get("present") == "1"})
present = store["present"]
if present:
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # static CSS only, no article text
title = f"Briefing — {corpus.name}"
st.title(title)
if not present:
    page.chips(f, corpus)
v = view(corpus, f)
b = briefing(v)
caption = (page.caption_text(corpus, f, n_docs=len(b.docs)) + f" · sources: {sources_text(b.docs)}"
           + f" · published {date_span(b.docs)}") if not b.docs.empty else page.caption_text(corpus, f, n_docs=0)
st.caption(caption)
slug = re.sub(r"[^A-Za-z0-9]+", "-", corpus.name).strip("-").lower() or "corpus"
config = {"displaylogo": False, "displayModeBar": "hover" if not present else False}  # toolbar on hover, as on every page


def chart(fig, key: str, cap: str, *, on_click: Callable[[str], Filters] | None = None) -> None:
    """A briefing chart with its caption, click-to-filter (`on_click`: the filters a clicked point's
    id puts in force), and (outside presentation mode) PNG/SVG downloads."""
    event = plotly_chart(fig, key=key, config=config, on_select="rerun" if on_click else "ignore")
    st.caption(cap)
    points = event.selection.points if on_click and event and event.selection else []
    if points and points[0].get("customdata") and not str(points[0]["customdata"]).startswith("("):
        state.apply(on_click(points[0]["customdata"]))
        st.rerun()
    if not present:
        d1, d2, _ = st.columns([1, 1, 4])
        for col, fmt in ((d1, "png"), (d2, "svg")):
            col.download_button(fmt.upper(), data=lambda fmt=fmt: fb.figure_image(fig, fmt), file_name=f"{key}.{fmt}",
                                mime="image/png" if fmt == "png" else "image/svg+xml", on_click="ignore", type="tertiary",
                                icon=":material/download:", key=f"dl_{key}_{fmt}")


if b.docs.empty:
    page.empty("No article matches these filters: nothing to brief. Remove a filter (chips above or sidebar).")
else:
    for col, k in zip(st.columns(len(b.key_figures)), b.key_figures):
        col.metric(k.label, k.value, help=k.help or None)
    figs = {"actors": fb.top_actors_figure(b.actors), "themes": fb.theme_mix_figure(b.mix)}
    view = claims_in_view(v)  # the claim view shared with the Claims page
    figs["timeline"] = fb.timeline_figure(view)
    caps = {"actors": page.caption_text(corpus, f, n_docs=len(b.docs), n=b.n_mentions, what="actor mentions"),
            "themes": page.caption_text(corpus, f, n_docs=len(b.docs), n=len(b.sentences), what="sentences"),
            "timeline": page.caption_text(corpus, f, n_docs=len(b.docs), n=int(view["event_date"].fillna("").ne("").sum()),
                                          what=f"claims with an event date (of {len(view)})")}
    left, right = st.columns([2.15, 1], gap="medium")
    with left:
        a, t = st.columns(2)
        with a:
            chart(figs["actors"], "briefing_actors", caps["actors"], on_click=lambda a: f.replace(actors=(a,)))
        with t:
            chart(figs["themes"], "briefing_themes", caps["themes"], on_click=lambda t: f.replace(themes=(t,)))
        chart(figs["timeline"], "briefing_timeline", caps["timeline"])
    with right:
        for heading, items, color in (("Most corroborated claims", b.corroborated, "green"), ("Contested claims", b.contested, "red")):
            st.markdown(f"##### :{color}[{heading}]")
            if not items:
                st.caption("None in this view.")
            for g in items:
                st.markdown(f"- {fb.md_escape(fb.short(g.label))}  \n  :small[:gray[{fb.md_escape(fb.brief_sources(g))}]]")
        st.caption(page.caption_text(corpus, f, n_docs=len(b.docs), n=len(b.claims), what="claims")
                   + " · groups: claims of different articles stating the same thing")
    export = dict(title=title, caption=caption, key_figures=b.key_figures, corroborated=b.corroborated, contested=b.contested)
    st.divider()
    e1, e2, e3 = st.columns([1, 1, 2], vertical_alignment="center")
    footer = f"Veille · {corpus.name} · exported {dt.date.today():%d %b %Y}"
    e1.download_button("Download briefing (HTML)", key="dl_briefing_html", on_click="ignore", icon=":material/html:",
                       data=lambda: fb.briefing_html(figures=[(figs[k], caps[k]) for k in figs], footer=footer, **export),
                       file_name=f"briefing-{slug}.html", mime="text/html")
    e2.download_button("Download briefing (PNG)", key="dl_briefing_png", on_click="ignore", icon=":material/image:",
                       data=lambda: fb.briefing_png(list(figs.values()), **export), file_name=f"briefing-{slug}.png",
                       mime="image/png", help="1400 × 900 image of the briefing (takes a few seconds)")
st.toggle("Presentation mode", key="present_toggle", value=present, on_change=lambda: store.update(present=not store["present"]),
          help="Hide the sidebar, header and toolbars for a clean screenshot")
page.finish({"present": "1" if present else None})
