"""The look of every chart: one plotly template, the same on screen and in downloads.

The values are Streamlit's light chart theme as its own frontend resolves it (fonts, greys, the
blue sequential scale, the categorical colourway), written out so that

- the dashboard's chart component (`ui/chart.py`) draws with them, and
- PNG, SVG and HTML exports carry real colours. A figure built while Streamlit is imported
  gets Streamlit's "streamlit" template, whose colours are placeholders (#000001...) that only
  Streamlit's own chart element replaces: exported as is, an uncoloured trace came out black.
"""
from __future__ import annotations

import os
import shutil

import plotly.graph_objects as go

FONT = '"Source Sans", "Source Sans Pro", sans-serif'  # Streamlit's UI font, served by the app itself
TEXT = "#31333F"
MUTED = "#808495"
GRID = "#e6eaf1"
BLUE_SCALE = ["#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff", "#3d9df3", "#1c83e1", "#0068c9", "#0054a3", "#004280"]
DIVERGING = ["#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7", "#a6dcff", "#60b4ff", "#1c83e1", "#0054a3", "#004280"]
COLORWAY = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"]


def _scale(colors: list[str]) -> list[list]:
    return [[i / (len(colors) - 1), c] for i, c in enumerate(colors)]


def _axis(title_standoff: int) -> dict:
    return dict(gridcolor=GRID, zerolinecolor=GRID, tickcolor=GRID, minor=dict(gridcolor=GRID), automargin=True,
                tickfont=dict(color=MUTED, size=12), title=dict(font=dict(color=MUTED, size=14), standoff=title_standoff))


LAYOUT: dict = dict(
    font=dict(family=FONT, color=MUTED, size=12),
    title=dict(font=dict(family=FONT, size=16, color=TEXT), x=0, xanchor="left", pad=dict(l=4)),
    colorway=COLORWAY,
    colorscale=dict(sequential=_scale(BLUE_SCALE), sequentialminus=_scale(BLUE_SCALE), diverging=_scale(DIVERGING)),
    coloraxis=dict(colorscale=_scale(BLUE_SCALE),
                   colorbar=dict(thickness=16, outlinewidth=0, tickfont=dict(color=MUTED, size=12),
                                 title=dict(font=dict(color=MUTED, size=14)))),
    legend=dict(font=dict(size=12, color=TEXT), title=dict(font=dict(size=12, color=MUTED)), bordercolor="rgba(0,0,0,0)",
                borderwidth=0, valign="top"),
    paper_bgcolor="#FFFFFF",
    plot_bgcolor="#FFFFFF",
    xaxis=dict(_axis(20), showgrid=False, zeroline=False),
    yaxis=_axis(24),
    margin=dict(pad=8),
    hoverlabel=dict(bgcolor="#FFFFFF", bordercolor="rgba(49, 51, 63, 0.2)", font=dict(family=FONT, color=TEXT, size=12)),
)
DATA: dict = dict(
    heatmap=[dict(type="heatmap", colorscale=_scale(BLUE_SCALE))],
    histogram2d=[dict(type="histogram2d", colorscale=_scale(BLUE_SCALE))],
    scatter=[dict(type="scatter", marker=dict(line=dict(width=0)))],
)
TEMPLATE: dict = dict(layout=LAYOUT, data=DATA)


def themed(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with the Veille template, for exports (the figure itself is left alone)."""
    copy = go.Figure(fig, _validate=False)
    copy.layout.template = TEMPLATE
    return copy


def image(fig: go.Figure, fmt: str, *, width: int, height: int) -> bytes:
    """`fig` as PNG or SVG bytes, with the template (kaleido; a few seconds)."""
    _ensure_browser()
    return themed(fig).to_image(format=fmt, width=width, height=height)


def _ensure_browser() -> None:
    """kaleido 1.x drives a Chrome/Chromium it finds on PATH or at $BROWSER_PATH (it cannot download one here)."""
    if not os.environ.get("BROWSER_PATH") and not (shutil.which("chromium") or shutil.which("chrome")):
        for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
            if os.path.exists(path):
                os.environ["BROWSER_PATH"] = path
                break
