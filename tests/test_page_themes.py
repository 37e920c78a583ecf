"""AppTest: the Themes & topics page on the seeds: shares, theme filter from the URL, k from the URL, renaming."""
from __future__ import annotations


import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.charts import charts
from tests.conftest import ROOT

PAGE = "pages/3_Themes.py"


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    """Each test gets its own workspace: no topic names left by another run."""
    monkeypatch.setenv("VEILLE_WORKSPACE", str(tmp_path / "workspace"))
    return tmp_path / "workspace"


def _open(*, page_params: dict | None = None, **filters) -> AppTest:
    """Filters in the URL of the entry page; the page's own params (tab, k) set as a link to the page would."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    for k, v in filters.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    if page_params:
        for k, v in page_params.items():
            at.query_params[k] = v
        at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Themes & topics"
    return at


def _charts(at) -> dict[str, dict]:
    return {c["layout"]["title"]["text"].split(" (")[0].split(" ·")[0]: c for c in charts(at)}


def test_themes_tab_on_the_seeds():
    at = _open()
    charts = _charts(at)
    by_source = charts["Theme share by source"]
    totals: dict[str, float] = {}
    for trace in by_source["data"]:
        for y, x in zip(trace["y"], trace["x"]):
            totals[y] = totals.get(y, 0) + x
    assert set(totals) == {"clicdanstaville.fr", "(unknown source)"}
    assert all(abs(v - 1) < 1e-3 for v in totals.values())
    military = next(t for t in by_source["data"] if t["name"] == "military")
    assert all(c[3] != "—" for c in military["customdata"])  # trigger terms on hover
    assert "Theme share by publication day" in charts
    table = at.dataframe[0].value
    assert list(table.columns[:4]) == ["Source", "Title", "Sentence", "Trigger terms"]
    assert len(table) > 5 and (table["Trigger terms"] != "").all()
    assert any("n = " in c.value and "sentences" in c.value for c in at.caption)


def test_theme_filter_from_the_url():
    at = _open(theme="economy")
    assert any(b.label == "✕ economy" for b in at.button)
    assert at.selectbox[0].value == "economy"  # the sentences behind the share of the filtered theme
    table = at.dataframe[0].value
    assert len(table) > 0 and table["Trigger terms"].str.len().gt(0).all()
    opacity = {t["name"]: t["marker"]["opacity"] for t in _charts(at)["Theme share by source"]["data"]}
    assert opacity["economy"] == 1.0 and opacity["military"] < 1.0
    assert at.query_params["theme"] in ("economy", ["economy"])


def test_k_from_the_url_shows_three_topics():
    at = _open(page_params={"tab": "topics", "k": "3"})
    charts = _charts(at)
    assert len(charts["Topic map"]["data"]) == 3
    assert len(charts["Topic sizes"]["data"][0]["y"]) == 3
    assert len(charts["Topics by source"]["data"][0]["y"]) == 3
    assert any(c.value.startswith("3 topics over the whole corpus (set by hand)") for c in at.caption)
    assert at.select_slider(key="topics_k").value == 3
    assert at.query_params["k"] in ("3", ["3"]) and at.query_params["tab"] in ("topics", ["topics"])
    assert len(at.selectbox(key="topic_pick").options) == 3


def test_auto_k_and_changing_k_in_the_ui():
    at = _open(page_params={"tab": "topics"})
    assert any("chosen by coherence" in c.value for c in at.caption)
    at.select_slider(key="topics_k").set_value(4).run()
    assert not at.exception
    assert len(_charts(at)["Topic map"]["data"]) == 4 and at.query_params["k"] in ("4", ["4"])


def test_renaming_a_topic_persists(workspace):
    at = _open(page_params={"tab": "topics", "k": "3"})
    field = next(t for t in at.text_input if t.key.startswith("rename_"))
    field.set_value("Sommet Poutine-Kim")
    next(b for b in at.button if b.label == "Save names").click().run()
    assert not at.exception
    saved = yaml.safe_load((workspace / "topic_names.yaml").read_text(encoding="utf-8"))
    assert saved == {field.key.removeprefix("rename_"): "Sommet Poutine-Kim"}
    assert any("Sommet Poutine-Kim" in t["name"] for t in _charts(at)["Topic map"]["data"])
    # a fresh session (as after a restart) reads the name back
    again = _open(page_params={"tab": "topics", "k": "3"})
    assert any("Sommet Poutine-Kim" in y for y in _charts(again)["Topic sizes"]["data"][0]["y"])
    assert any("Sommet Poutine-Kim" in str(o) for o in again.selectbox(key="topic_pick").options)
