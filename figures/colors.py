"""Stable colours per actor, source, theme and modality, shared by every page."""
from __future__ import annotations

import hashlib

import plotly.express as px

THEME_COLORS = {
    "military": "#b2182b",
    "technology": "#2166ac",
    "diplomacy": "#1b7837",
    "economy": "#e08214",
    "sanctions_law": "#762a83",
}
MODALITY_COLORS = {"asserted": "#1f4e79", "reported": "#4daf4a", "hedged": "#ff9f1c", "denied": "#d62828"}
DATE_BASIS_COLORS = {"stated": "#1f4e79", "inferred": "#9ecae1", "unknown": "#bdbdbd"}
TYPE_COLORS = {"person": "#1f77b4", "state": "#d62728", "organization": "#2ca02c", "group": "#9467bd",
               "place": "#8c564b", "other": "#7f7f7f"}
_PALETTE = px.colors.qualitative.Dark24 + px.colors.qualitative.Light24


def color_for(key: str) -> str:
    """A colour that depends on the key only, so an actor or source looks the same on every page."""
    if key in THEME_COLORS:
        return THEME_COLORS[key]
    if key in MODALITY_COLORS:
        return MODALITY_COLORS[key]
    h = int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16)
    return _PALETTE[h % len(_PALETTE)]


def color_map(keys) -> dict[str, str]:
    return {k: color_for(k) for k in keys}
