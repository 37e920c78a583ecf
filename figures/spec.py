"""Figures from plain dicts, without plotly's per-property validation.

Plotly checks every property of every trace as it is set (a list of 2,000 marker symbols is
matched one by one against the symbol names): a tenth of a second for a timeline, on every
rerun of a page. The large figures are therefore written as plain dicts and wrapped here
unchecked; `tests/test_figure_specs.py` validates each of them with plotly's own checks, so a
wrong property name still fails, in the tests rather than on every page run.
"""
from __future__ import annotations

import plotly.graph_objects as go


def unchecked(data: list[dict], layout: dict) -> go.Figure:
    """A plotly Figure holding `data` (trace dicts, each with its "type") and `layout` as given."""
    return go.Figure(data=data, layout=layout, _validate=False)
