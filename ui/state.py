"""Global filters held in session state and mirrored in the URL query string."""
from __future__ import annotations

import streamlit as st

from analysis.filters import Filters

LIST_PARAMS = {"source": "sources", "actor": "actors", "theme": "themes", "modality": "modalities", "lang": "languages"}
DATE_PARAMS = {"from": "date_from", "to": "date_to"}
STORE = "_filters"  # non-widget key: survives page changes, unlike widget keys


def _store() -> dict:
    if STORE not in st.session_state:
        st.session_state[STORE] = _from_url()
    return st.session_state[STORE]


def _from_url() -> dict:
    qp = st.query_params
    state = {field: tuple(v for v in qp.get_all(param) if v) for param, field in LIST_PARAMS.items()}
    for param, field in DATE_PARAMS.items():
        state[field] = qp.get(param, "") or ""
    return state


def current() -> Filters:
    """The filters in force on this run."""
    s = _store()
    return Filters(**{k: s.get(k, () if k in LIST_PARAMS.values() else "") for k in
                      (*LIST_PARAMS.values(), *DATE_PARAMS.values())})


def set_filter(field: str, value) -> None:
    """Change one filter (from a widget callback or a chart click)."""
    s = _store()
    s[field] = tuple(value) if field in LIST_PARAMS.values() else (value or "")


def clear(field: str | None = None) -> None:
    """Clear one filter, or all of them."""
    s = _store()
    for key in ([field] if field else [*LIST_PARAMS.values(), *DATE_PARAMS.values()]):
        s[key] = () if key in LIST_PARAMS.values() else ""


def sync_url(extra: dict | None = None) -> None:
    """Write the filters (and page-specific params) to the query string: a copied link reopens the view."""
    s = _store()
    params: dict[str, list[str] | str] = {}
    for param, field in LIST_PARAMS.items():
        if s.get(field):
            params[param] = list(s[field])
    for param, field in DATE_PARAMS.items():
        if s.get(field):
            params[param] = s[field]
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
