"""AppTest: the Search page on the seeds (query from the URL and the box, lemma mode, no hit,
a filter with no data, a line opening the reader at its sentence)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def _search(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    filters = {k: v for k, v in params.items() if k in ("source", "actor", "theme", "modality", "from", "to")}
    for k, v in filters.items():
        at.query_params[k] = v
    at.run()
    for k, v in params.items():  # the page's own parameters, as a link to the page carries them
        at.query_params[k] = v
    at.switch_page("pages/5_Search.py").run()
    assert not at.exception and at.title[0].value == "Search"
    return at


@pytest.fixture(scope="module")
def munitions():
    at = _search()
    at.text_input(key="search_q").set_value("munitions").run()
    return at


def test_empty_query_shows_a_hint():
    at = _search()
    assert any("phrase in quotes" in i.value for i in at.info)
    assert not at.dataframe


def test_query_gives_a_concordance_mirrored_in_the_url(munitions):
    at = munitions
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns) == ["Left", "Hit", "Right", "Source", "Date", "Title"]
    assert len(table) == 5 and set(table["Hit"]) == {"munitions"}
    assert table["Left"].iloc[0].endswith("les réserves de ")
    assert at.query_params["q"] == "munitions"
    assert any("n = 5 hits in 5 sentences of 3 articles" in c.value for c in at.caption)
    assert any(b.label.startswith("Download the concordance") for b in at.get("download_button"))


def test_sort_by_date_puts_dated_articles_first(munitions):
    at = munitions
    at.selectbox(key="search_sort").select("date_desc").run()
    table = at.dataframe[0].value
    assert table["Date"].iloc[0] == "2023-09-13" and table["Source"].iloc[0] == "clicdanstaville.fr"
    at.selectbox(key="search_sort").select("source").run()
    assert at.dataframe[0].value["Source"].iloc[0] == "(unknown source)"


def test_query_and_lemma_mode_from_a_link():
    at = _search(q="rencontrer", mode="lemma")
    table = at.dataframe[0].value
    assert len(table) >= 3 and {"rencontrés", "rencontrer"} <= set(table["Hit"])
    assert at.segmented_control(key="search_mode").value == "lemma"


def test_no_hit_says_so():
    at = _search(q='"zzz introuvable" <b>')
    assert not at.dataframe
    msg = next(i.value for i in at.info if "No sentence matches" in i.value)
    assert "\\<b\\>" in msg  # the query is shown escaped


def test_filter_with_no_data_shows_a_message():
    at = _search(q="munitions", **{"from": "1999-01-01", "to": "1999-12-31"})
    assert any("No article matches" in i.value for i in at.info)
    assert not at.dataframe


def test_a_source_filter_restricts_the_hits():
    at = _search(q="munitions", source="clicdanstaville.fr")
    table = at.dataframe[0].value
    assert len(table) == 1 and table["Source"].iloc[0] == "clicdanstaville.fr"


def test_selecting_a_line_opens_the_reader_at_its_sentence(munitions):
    at = munitions  # the table's selection is set through its widget state, as a click would
    at.selectbox(key="search_sort").select("corpus").run()
    at.session_state["search_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Reader"
    assert any("Selected passage" in i.value and "réserves de munitions" in i.value for i in at.info)
