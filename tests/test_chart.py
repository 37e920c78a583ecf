"""The chart component (ui/chart.py): which plotly.js bundle draws which figure, every page's
charts covered by a bundle, and the template that gives exports real colours."""
from __future__ import annotations

import json

import pytest
import streamlit  # noqa: F401  (as in the app: its import makes "streamlit" plotly's default template)
from streamlit.testing.v1 import AppTest

from figures.spec import unchecked
from figures.theme import COLORWAY, themed
from tests.charts import charts, chart_bundles
from tests.conftest import ROOT
from ui.chart import bundle_for, bundle_traces


def test_bundles_say_which_traces_they_draw():
    assert bundle_traces("basic") == {"bar", "pie", "scatter"}
    assert {"bar", "scatter", "heatmap", "histogram"} <= bundle_traces("cartesian")
    assert "sankey" not in bundle_traces("cartesian")


@pytest.mark.parametrize(("types", "bundle"), [(["bar"], "basic"), (["scatter", "bar"], "basic"), ([None], "basic"),
                                               (["heatmap"], "cartesian"), (["bar", "histogram"], "cartesian"),
                                               (["sankey"], None)])
def test_the_smallest_bundle_that_draws_the_figure(types, bundle):
    fig = unchecked([{"type": t} if t else {} for t in types], {})
    assert bundle_for(fig) == bundle


@pytest.mark.parametrize("page", ["app.py", "pages/2_Entities.py", "pages/3_Themes.py", "pages/4_Claims.py", "pages/6_Briefing.py"])
def test_every_chart_of_every_page_is_drawn_by_a_bundle_that_has_its_traces(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240).run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    figs, bundles = charts(at), chart_bundles(at)
    assert figs and len(figs) == len(bundles)
    assert not at.get("plotly_chart")  # no fallback to Streamlit's element (all of plotly.js)
    for fig, bundle in zip(figs, bundles):
        types = {t.get("type", "scatter") for t in fig["data"]}
        assert types <= bundle_traces(bundle), (fig["layout"].get("title"), types, bundle)


def test_exports_get_real_colours_and_the_figure_is_left_alone():
    fig = unchecked([{"type": "bar", "x": [1, 2], "y": [3, 4]}, {"type": "heatmap", "z": [[1, 2]]}], {})
    placeholder = fig.to_plotly_json()["layout"]["template"]["layout"]["colorway"][0]
    assert placeholder == "#000001"  # Streamlit's placeholder, only its own chart element replaces it
    out = json.loads(themed(fig).to_json())
    assert out["layout"]["template"]["layout"]["colorway"] == COLORWAY
    assert "#0000" not in json.dumps(out["layout"]["template"])
    assert fig.to_plotly_json()["layout"]["template"]["layout"]["colorway"][0] == "#000001"


def test_a_figure_no_bundle_draws_falls_back_to_streamlits_chart():
    def app():
        import plotly.graph_objects as go

        from ui.chart import plotly_chart

        event = plotly_chart(go.Figure(go.Sankey(node=dict(label=["a", "b"]), link=dict(source=[0], target=[1], value=[1]))),
                             key="sankey", on_select="rerun")
        import streamlit as st
        st.write(f"points: {len(event.selection.points)}")

    at = AppTest.from_function(app, default_timeout=60).run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 1 and not charts(at)
    assert at.markdown[0].value == "points: 0"
