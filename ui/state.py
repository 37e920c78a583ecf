"""Global filters held in session state (one `Filters` value) and mirrored in the URL query string."""
from __future__ import annotations

import streamlit as st

from analysis.query.filters import Filters

STORE = "_filters"  # non-widget key: survives page changes, unlike widget keys


def current() -> Filters:
    """The filters in force on this run (read from the URL on a session's first run)."""
    if STORE not in st.session_state:
        st.session_state[STORE] = Filters.from_params(st.query_params.get_all)
    return st.session_state[STORE]


def apply(f: Filters) -> None:
    """Put these filters in force (from a widget callback, a chip, or a chart click)."""
    st.session_state[STORE] = f


def clear() -> None:
    """Clear every filter."""
    apply(Filters())


def sync_url(extra: dict | None = None) -> None:
    """Write the filters (and page-specific params) to the query string: a copied link reopens the view."""
    params: dict[str, list[str] | str] = dict(current().to_params())
    corpus = st.session_state.get("_corpus")  # ui.data.CORPUS_KEY: the corpus choice, kept in every link
    if corpus and corpus != st.session_state.get("_corpus_default", "seeds"):
        params["corpus"] = corpus
    for k, v in (extra or {}).items():
        if v not in (None, "", [], ()):
            params[k] = v
    current_params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    wanted = {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}
    if current_params != wanted:
        st.query_params.from_dict(params)
