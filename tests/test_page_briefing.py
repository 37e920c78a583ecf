"""AppTest: the Briefing page on the seeds (figures, claim lists, exports offered, presentation
mode from the URL, a filter with no data)."""
from __future__ import annotations


from streamlit.testing.v1 import AppTest

from tests.charts import charts
from tests.conftest import ROOT


def _briefing(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    filters = {k: v for k, v in params.items() if k in ("source", "actor", "theme", "modality", "from", "to")}
    for k, v in filters.items():
        at.query_params[k] = v
    at.run()
    for k, v in params.items():  # the page's own parameters, as a link to the page carries them
        at.query_params[k] = v
    at.switch_page("pages/6_Briefing.py").run()
    assert not at.exception
    assert at.title[0].value == "Briefing — seed corpus"
    return at


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def test_briefing_on_the_seeds():
    at = _briefing()
    m = _metrics(at)
    assert m["Articles"] == "5" and int(m["Claims"]) > 20 and int(m["Contested"]) >= 1
    figs = charts(at)
    titles = [c["layout"]["title"]["text"] for c in figs]
    assert titles[0].startswith("Top actors") and titles[1].startswith("Theme mix") and titles[2] == "Claims by event date"
    assert {"Russia", "North Korea"} <= set(figs[0]["data"][0]["y"])
    assert "military" in figs[1]["data"][0]["y"]
    captions = [c.value for c in at.caption]
    assert captions[0].startswith("seed corpus · no filter · 5 articles") and "published 13 Sep 2023" in captions[0]
    assert any("n = " in c and "actor mentions" in c and "small sample" in c for c in captions)
    md = " ".join(x.value for x in at.markdown)
    assert "Most corroborated claims" in md and "Contested claims" in md and "denied in" in md
    labels = [b.label for b in at.get("download_button")]
    assert {"Download briefing (HTML)", "Download briefing (PNG)"} <= set(labels) and labels.count("SVG") == 3
    assert not at.toggle(key="present_toggle").value
    assert "present" not in at.query_params


def test_presentation_mode_from_the_url_hides_the_chrome():
    at = _briefing(present="1")
    css = [x.value for x in at.markdown if x.value.startswith("<style>") and '[data-testid="stSidebar"]' in x.value]
    assert len(css) == 1 and '[data-testid="stToolbar"]' in css[0]
    assert at.toggle(key="present_toggle").value
    assert [b.label for b in at.get("download_button")].count("SVG") == 0  # per-chart buttons hidden
    assert at.query_params["present"] == "1"
    at.toggle(key="present_toggle").set_value(False).run()
    assert not any(x.value.startswith("<style>") and '[data-testid="stSidebar"]' in x.value for x in at.markdown)


def test_source_filter_narrows_the_briefing():
    at = _briefing(source="clicdanstaville.fr")
    assert _metrics(at)["Articles"] == "1"
    assert "source: clicdanstaville.fr" in at.caption[0].value


def test_filter_with_no_data_shows_a_message_not_an_empty_axis():
    at = _briefing(**{"from": "1999-01-01", "to": "1999-12-31"})
    assert any("nothing to brief" in i.value for i in at.info)
    assert not charts(at) and not at.metric
