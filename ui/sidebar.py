"""The shared sidebar: navigation, global filters, corpus facts."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.query.corpus import Corpus
from analysis.query.filters import Filters, source_label
from ui import state
from ui.data import ROOT

PAGES = [  # (file, label, icon)
    ("app.py", "Overview", ":material/dashboard:"),
    ("pages/1_Reader.py", "Reader", ":material/article:"),
    ("pages/2_Entities.py", "Entities", ":material/groups:"),
    ("pages/3_Themes.py", "Themes & topics", ":material/category:"),
    ("pages/4_Claims.py", "Claims", ":material/fact_check:"),
    ("pages/5_Search.py", "Search", ":material/search:"),
    ("pages/6_Briefing.py", "Briefing", ":material/summarize:"),
    ("pages/7_Add_articles.py", "Add articles", ":material/upload_file:"),
]


def navigation() -> None:
    for path, label, icon in PAGES:
        if (ROOT / path).exists():
            st.page_link(path, label=label, icon=icon)


def _options_sources(corpus: Corpus) -> list[str]:
    return sorted(source_label(corpus["documents"]).unique())


def _options_actors(corpus: Corpus) -> list[str]:
    actors = corpus["actors"]
    if actors.empty:
        return []
    return list(actors.sort_values("n_mentions", ascending=False)["actor_id"].head(300))


def _options_themes(corpus: Corpus) -> list[str]:
    themes = corpus["sentences"].get("themes", pd.Series(dtype=str)).fillna("")
    return sorted({t for v in themes for t in v.split(";") if t})


LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def _options_languages(corpus: Corpus) -> list[str]:
    docs = corpus["documents"]
    return sorted(set(docs["language"].dropna()) - {""}) if "language" in docs else []


def _options_modalities(corpus: Corpus) -> list[str]:
    claims = corpus["claims"]
    return sorted(claims["modality"].dropna().unique()) if not claims.empty else []


def filters(corpus: Corpus) -> None:
    """Filter widgets; a filter with no data behind it is shown disabled, never faked."""
    f = state.current()
    st.markdown("**Filters**")
    # (widget key, label, options, shown as, chosen now, the filters with new values)
    specs = [
        ("w_sources", "Source", corpus.memo("options_sources", lambda: _options_sources(corpus)), str,
         f.sources, lambda g, v: g.replace(sources=v)),
        ("w_actors", "Actor", corpus.memo("options_actors", lambda: _options_actors(corpus)),
         lambda a: corpus.actor_names.get(a, a), f.actors, lambda g, v: g.replace(actors=v)),
        ("w_themes", "Theme", corpus.memo("options_themes", lambda: _options_themes(corpus)), str,
         f.themes, lambda g, v: g.replace(themes=v)),
        ("w_modalities", "Modality (claims)", corpus.memo("options_modalities", lambda: _options_modalities(corpus)), str,
         f.modalities, lambda g, v: g.replace(modalities=v)),
    ]
    languages = corpus.memo("options_languages", lambda: _options_languages(corpus))
    if len(languages) > 1:  # only a mixed corpus gets a language filter
        specs.append(("w_languages", "Language", languages, lambda c: LANGUAGE_NAMES.get(c, c), f.languages,
                      lambda g, v: g.replace(languages=v)))
    for key, label, options, fmt, now, change in specs:
        st.session_state[key] = [v for v in now if v in options]
        st.multiselect(
            label, options, key=key, format_func=fmt, disabled=not options,
            placeholder="All" if options else "No data yet",
            on_change=lambda k=key, change=change: state.apply(change(state.current(), tuple(st.session_state[k]))),
        )
    _date_filter(corpus, f)
    if f.active:
        st.button("Clear all filters", icon=":material/filter_alt_off:", on_click=state.clear, width="stretch")


def _date_span(documents: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    pub = pd.to_datetime(documents["published"].replace("", None), errors="coerce").dropna()
    return None if pub.empty else (pub.min().date(), pub.max().date())


def _date_filter(corpus: Corpus, f: Filters) -> None:
    span = corpus.memo("date_span", lambda: _date_span(corpus["documents"]))
    if span is None:
        st.date_input("Published between", value=(), disabled=True, help="No article has a known date")
        return
    lo, hi = span
    start = dt.date.fromisoformat(f.date_from) if f.date_from else lo
    end = dt.date.fromisoformat(f.date_to) if f.date_to else hi
    st.session_state["w_dates"] = (min(start, end), max(start, end))

    def changed():
        value = st.session_state["w_dates"]
        if isinstance(value, (tuple, list)) and len(value) == 2:
            a, b = value
            state.apply(state.current().replace(date_from="" if a <= lo else a.isoformat(),
                                                date_to="" if b >= hi else b.isoformat()))

    st.date_input("Published between", key="w_dates", min_value=min(lo, start, end), max_value=max(hi, start, end),
                  on_change=changed, help="Inferred dates count too; articles without a date drop out when set")


def render(corpus: Corpus) -> None:
    with st.sidebar:
        st.markdown("### Veille")
        navigation()
        st.divider()
        filters(corpus)
        st.divider()
        docs = corpus["documents"]
        st.caption(f"Corpus: **{corpus.name}** · {len(docs)} articles · {Path(corpus.path).name}")
