"""Every page with every filter set to each of its values, one at a time: no page raises.

Filters are set in session state (the `Filters` value the sidebar and the URL mirror), exactly as a
click or a deep link would leave them.
"""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.query.filters import Filters, source_label
from tests.conftest import ROOT
from ui.sidebar import PAGES

EMPTY = {"sources": (), "actors": (), "themes": (), "modalities": (), "date_from": "", "date_to": ""}


@pytest.fixture(scope="module")
def filter_values():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not at.exception
    from ui.data import load_corpus  # the corpus the app just built (cached in this process)

    corpus = load_corpus()
    values = [("sources", s) for s in sorted(source_label(corpus["documents"]).unique())]
    values += [("actors", a) for a in corpus["actors"].nlargest(8, "n_mentions")["actor_id"]]
    themes = sorted({t for v in corpus["sentences"]["themes"].fillna("") for t in v.split(";") if t})
    values += [("themes", t) for t in themes]
    values += [("modalities", m) for m in sorted(corpus["claims"]["modality"].unique())]
    pub = pd.to_datetime(corpus["documents"]["published"].replace("", None), errors="coerce").dropna()
    values += [("date_from", pub.min().date().isoformat()), ("date_to", "1990-01-01")]
    return values


@pytest.mark.parametrize("page", [p for p, _, _ in PAGES if (ROOT / p).exists() and p != "pages/7_Add_articles.py"])
def test_every_filter_value_on_every_page(page, filter_values):
    assert len(filter_values) >= 15
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    if page != "app.py":
        at.switch_page(page).run()
    failures = []
    for field, value in filter_values:
        state = dict(EMPTY)
        state[field] = (value,) if field not in ("date_from", "date_to") else value
        at.session_state["_filters"] = Filters(**state)  # the typed value the sidebar and URL keep
        at.run()
        if at.exception:
            failures.append((field, value, at.exception[0].value[:200]))
        assert at.title, (page, field, value)
    assert failures == [], failures
