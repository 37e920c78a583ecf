"""The figures an AppTest run drew (ui/chart.py components), in page order."""
from __future__ import annotations

import json

from ui.chart import BUNDLES, COMPONENT, figure_of


def _elements(at):
    return [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT]


def charts(at) -> list[dict]:
    return [figure_of(e.proto.json) for e in _elements(at)]


def chart_bundles(at) -> list[str]:
    """Which bundle each chart loads ("basic" or "cartesian")."""
    by_file = {file: name for name, file in BUNDLES.items()}
    return [by_file[json.loads(e.proto.json)["src"].rsplit("/", 1)[-1]] for e in _elements(at)]
