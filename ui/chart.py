"""Plotly charts drawn by a small Streamlit component with a partial plotly.js bundle.

Why not `st.plotly_chart`: its script holds the whole of plotly.js (4.7 MB). In a new browser
tab the browser spent about a second evaluating it before the first chart could appear, which
kept the first chart of Entities, Claims and Briefing over 3 s on the 3,814-article corpus
(issue 8). The figures here only need scatter, bar and pie (plotly.js "basic", 1.2 MB), plus
heatmap and histogram on three charts ("cartesian", 1.5 MB); each chart loads the smallest
bundle that draws it, once per tab. A figure with a trace neither has (none today) falls back
to `st.plotly_chart`.

The bundles are served by Streamlit's component file route (`declare_component(path=...)`
registers the folder; nothing is rendered from it), from this machine: no CDN.

A chart returns what `st.plotly_chart(on_select="rerun")` did, as far as the pages use it:
`event.selection.points`, each point with `customdata`, `x`, `y`, `curve_number` and
`point_index`. A click is a one-shot trigger: it reruns the page once and is gone after.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from types import SimpleNamespace

import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components_v1

from figures.theme import TEMPLATE

ASSETS = Path(__file__).with_name("plotly_js")
BUNDLES = {"basic": "plotly-basic.min.js", "cartesian": "plotly-cartesian.min.js"}  # smaller first
DEFAULT_CONFIG = {"displaylogo": False, "displayModeBar": "hover", "responsive": True}
DEFAULT_HEIGHT = 450  # plotly's own default
COMPONENT = "veille_chart"

_files = components_v1.declare_component("veille_plotly_js", path=str(ASSETS))  # serves the bundles
_component = st.components.v2.component(
    COMPONENT,
    html='<div class="veille-chart"></div>',
    css=".veille-chart{width:100%}",
    js=Path(__file__).with_name("chart.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # plotly puts its hover and toolbar styles in the document head
)


@functools.cache
def bundle_traces(bundle: str) -> frozenset[str]:
    """The trace types a bundle draws, read from the bundle itself (each registers its modules)."""
    text = (ASSETS / BUNDLES[bundle]).read_text(encoding="utf-8")
    return frozenset(re.findall(r'moduleType:"trace",name:"(\w+)"', text))


def bundle_for(fig: go.Figure) -> str | None:
    """The smallest bundle that draws every trace of `fig` (None: only the full plotly.js does)."""
    types = {t.type or "scatter" for t in fig.data}
    return next((b for b in BUNDLES if types <= bundle_traces(b)), None)


def bundle_url(bundle: str) -> str:
    """Where the browser fetches a bundle: relative to the page, so a server.baseUrlPath works too."""
    return f"./component/{_files.name}/{BUNDLES[bundle]}"


def _ignore() -> None:
    """The select trigger needs a callback to exist; the rerun it causes is all the pages need."""


def plotly_chart(fig: go.Figure, *, key: str | None = None, on_select: str = "ignore", config: dict | None = None,
                 **_layout_kwargs) -> SimpleNamespace:
    """Draw `fig`; returns an object with `.selection.points` (the clicked points, or none).

    `on_select="rerun"` makes a click on a point rerun the page with that point; "ignore"
    (the default) draws a chart that does not report clicks. Other keyword arguments of
    st.plotly_chart (width, selection_mode) are accepted and the chart always fills its column.
    """
    select = on_select == "rerun"
    bundle = bundle_for(fig)
    if bundle is None:  # a trace type neither bundle has: Streamlit's own element, with all of plotly.js
        return st.plotly_chart(fig, key=key, on_select=on_select, config=config, width="stretch",
                               **({"selection_mode": ("points",)} if select else {}))
    data = {"spec": fig.to_json(), "template": TEMPLATE, "src": bundle_url(bundle),
            "height": int(fig.layout.height or DEFAULT_HEIGHT), "config": {**DEFAULT_CONFIG, **(config or {})},
            "select": select}
    result = _component(key=key, data=data, height="content", **({"on_select_change": _ignore} if select else {}))
    clicked = getattr(result, "select", None) if select else None
    return SimpleNamespace(selection=SimpleNamespace(points=list((clicked or {}).get("points") or [])))


def figure_of(proto_json: str) -> dict:
    """The figure a chart element carries (from its proto's `json` field): for tests and tools."""
    return json.loads(json.loads(proto_json)["spec"])
