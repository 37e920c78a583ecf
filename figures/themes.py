"""Themes & topics figures: theme shares by source and over time, topic sizes, map and matrix.

Tables in, go.Figure out; inputs are never mutated. Bars and points carry their id in
`customdata` (theme name, topic id) so a click can be mapped back to a filter or a topic.
"""
from __future__ import annotations

import functools
import html

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.query.themes import NO_THEME
from figures.colors import THEME_COLORS, color_for
from figures.spec import unchecked
from figures.text import hover_html

LAYOUT = dict(margin=dict(l=10, r=10, t=48, b=10), font=dict(size=13), title_font=dict(size=15))
NO_THEME_COLOR = "#d9d9d9"
# the theme legend sits between the title and the bars: below them it hid the axis labels
TOP_LEGEND = dict(orientation="h", yanchor="bottom", y=1.0, x=0)
TOP_LEGEND_MARGIN = dict(l=10, r=10, t=78, b=10)
_TOPIC_PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Dark24


def theme_color(theme: str) -> str:
    return NO_THEME_COLOR if theme == NO_THEME else THEME_COLORS.get(theme, color_for(theme))


def topic_color(topic_id: int) -> str:
    """Topic ids are ranked by size: the largest topic always gets the first colour."""
    return _TOPIC_PALETTE[int(topic_id) % len(_TOPIC_PALETTE)]


def topic_display(topic_id: int, label: str, *, n: int = 60) -> str:
    """'T1 · label': topics are numbered from 1 so two topics never share a name on an axis."""
    return _short(f"T{int(topic_id) + 1} · {label}", n)


def empty_figure(message: str, *, title: str = "", height: int = 260) -> go.Figure:
    """A figure that says why it is empty instead of drawing a bare axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color="#555"))
    fig.update_layout(**LAYOUT, title=title, height=height, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig


def theme_order(themes) -> list[str]:
    """Lexicon themes in their fixed order, then others alphabetically, NO_THEME last."""
    present = set(themes)
    known = [t for t in THEME_COLORS if t in present]
    return known + sorted(present - set(known) - {NO_THEME}) + ([NO_THEME] if NO_THEME in present else [])


def theme_share_by_source(shares: pd.DataFrame, *, highlight: tuple[str, ...] = ()) -> go.Figure:
    """Stacked horizontal bars: share of each source's sentences per theme (each bar sums to 1).

    `shares` is `theme_shares(..., by=["source"])`. Hover: share, raw counts, the trigger terms
    most responsible. Themes in `highlight` (the active filter) stay opaque, the others fade.
    """
    title = "Theme share by source"
    if shares is None or shares.empty:
        return empty_figure("No sentence to count for these filters.", title=title)
    totals = shares.groupby("source")["n_total"].max()
    sources = sorted(totals.index, key=lambda s: (-totals[s], s))
    traces = []
    for theme, part in shares.groupby("theme", sort=False):
        part = part.set_index("source").reindex(sources).dropna(subset=["share"])
        traces.append((theme, dict(
            type="bar", y=[_esc(s) for s in part.index], x=part["share"].round(4).tolist(), orientation="h", name=theme,
            marker=dict(color=theme_color(theme), opacity=1.0 if not highlight or theme in highlight else 0.35),
            customdata=[[theme, int(n), int(t), _esc(terms) or "—"] for n, t, terms in
                        zip(part["n_sentences"], part["n_total"], part["top_terms"].fillna(""))],
            hovertemplate=("<b>%{y}</b> · " + theme + ": %{x:.0%} of sentences<br>"
                           "%{customdata[1]} of %{customdata[2]} sentences carry it<br>"
                           "Trigger terms: %{customdata[3]}<extra></extra>"),
        )))
    order = {t: i for i, t in enumerate(theme_order(shares["theme"]))}
    return unchecked([t for _, t in sorted(traces, key=lambda kv: order[kv[0]])], dict(
        margin=TOP_LEGEND_MARGIN, font=LAYOUT["font"], title=dict(text=title, font=LAYOUT["title_font"]), barmode="stack",
        height=max(260, 46 * len(sources) + 170), clickmode="event+select",
        legend=TOP_LEGEND | dict(traceorder="normal"),
        xaxis=dict(tickformat=".0%", range=[0, 1]), yaxis=dict(autorange="reversed")))


def theme_share_over_time(shares: pd.DataFrame, *, unit: str, n_undated: int = 0,
                          highlight: tuple[str, ...] = ()) -> go.Figure:
    """Stacked bars per publication period: share of the period's sentences per theme.

    `shares` is `theme_shares(..., by=["period", "basis"], norm_by=["period"])`; the part of a
    bar that comes from articles whose date is inferred is hatched.
    """
    title = f"Theme share by publication {unit}"
    if n_undated:
        title += f" · {n_undated} article{'s' if n_undated != 1 else ''} without a date left out"
    if shares is None or shares.empty:
        return empty_figure("No dated article in this selection.", title=title)
    periods = sorted(shares["period"].unique())
    any_stated = bool((shares["basis"] == "stated").any())
    parts = dict(tuple(shares.groupby(["theme", "basis"], sort=False)))
    traces = []
    for theme in theme_order(shares["theme"]):
        for basis in ("stated", "inferred"):
            part = parts.get((theme, basis))
            if part is None or part.empty:
                continue
            traces.append(dict(
                type="bar", x=part["period"].tolist(), y=part["share"].round(4).tolist(), name=theme, legendgroup=theme,
                showlegend=basis == "stated" or not any_stated,
                marker=dict(color=theme_color(theme), pattern=dict(shape="/" if basis == "inferred" else ""),
                            opacity=1.0 if not highlight or theme in highlight else 0.35),
                customdata=[[theme, int(n), int(t), int(d), _esc(terms) or "—"] for n, t, d, terms in
                            zip(part["n_sentences"], part["n_total"], part["n_docs"], part["top_terms"].fillna(""))],
                hovertemplate=("<b>%{x}</b> · " + theme + f" ({basis} date): %{{y:.0%}} of the period's sentences<br>"
                               "%{customdata[1]} of %{customdata[2]} sentences, %{customdata[3]} article(s)<br>"
                               "Trigger terms: %{customdata[4]}<extra></extra>"),
            ))
    return unchecked(traces, dict(
        margin=TOP_LEGEND_MARGIN, font=LAYOUT["font"], title=dict(text=title, font=LAYOUT["title_font"]), barmode="stack",
        height=360, bargap=max(0.15, 0.7 - 0.1 * len(periods)), legend=TOP_LEGEND,
        yaxis=dict(tickformat=".0%", range=[0, 1]),
        xaxis=dict(type="category", categoryorder="array", categoryarray=periods)))


def topic_sizes(topics: pd.DataFrame) -> go.Figure:
    """Horizontal bars: paragraphs per topic (`topics`: topic_id, label, size), labelled by name."""
    title = "Topic sizes (paragraphs)"
    if topics is None or topics.empty or topics["size"].sum() == 0:
        return empty_figure("No paragraph in this selection.", title=title)
    t = topics.sort_values(["size", "topic_id"], ascending=[False, True])
    fig = go.Figure(go.Bar(
        x=t["size"].tolist(), y=[_esc(topic_display(i, l, n=44)) for i, l in zip(t["topic_id"], t["label"])], orientation="h",
        marker_color=[topic_color(i) for i in t["topic_id"]], customdata=t["topic_id"].astype(int).tolist(),
        text=t["size"].tolist(), textposition="auto",
        hovertext=[f"{_esc(l)}<br>{s} paragraph(s)<br>top terms: {_esc(tt.replace(';', ', '))}" for l, s, tt in
                   zip(t["label"], t["size"], t["top_terms"].fillna(""))],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    fig.update_layout(**LAYOUT, title=title, height=max(240, 30 * len(t) + 90),
                      yaxis=dict(autorange="reversed", title=None), xaxis=dict(title=None))
    return fig


MAP_POINTS = 3000  # paragraphs drawn on the topic map; above this, the most typical of their topic


def topic_map(units: pd.DataFrame, topics: pd.DataFrame, *, max_points: int = MAP_POINTS) -> go.Figure:
    """Scatter of the paragraphs (x, y from `fit_topics`), one trace per topic, text on hover.

    `units` needs topic_id, x, y, text, title, source (and weight: above `max_points` paragraphs
    only the heaviest in their topic are drawn, and the title says so); `topics` gives the labels.
    """
    title = "Topic map (each point a paragraph; closer = similar topic mix)"
    if units is None or units.empty:
        return empty_figure("No paragraph in this selection.", title=title, height=420)
    if len(units) > max_points and "weight" in units:
        title += f"<br><sup>the {max_points} paragraphs most typical of their topic, of {len(units)}</sup>"
        units = units.sort_values("weight", ascending=False, kind="stable").head(max_points)
    labels = dict(zip(topics["topic_id"], topics["label"]))
    traces = []
    for tid, part in sorted(units.groupby("topic_id", sort=False), key=lambda kv: kv[0]):
        name = _esc(topic_display(tid, labels.get(tid, ""), n=44))
        traces.append(dict(
            type="scatter", x=part["x"].tolist(), y=part["y"].tolist(), mode="markers", name=name,
            marker=dict(color=topic_color(tid), size=11, opacity=0.85, line=dict(width=0.5, color="white")),
            customdata=[int(tid)] * len(part),
            hovertext=[_paragraph_hover(t, s, x) for t, s, x in zip(part["title"].tolist(), part["source"].tolist(), part["text"].tolist())],
            hovertemplate="%{hovertext}<extra>" + _esc(topic_display(tid, labels.get(tid, ""), n=30)) + "</extra>",
        ))
    return unchecked(traces, dict(
        margin=dict(LAYOUT["margin"], t=66 if "<br>" in title else 48), font=LAYOUT["font"],
        title=dict(text=title, font=LAYOUT["title_font"]), height=520, legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
        xaxis=dict(showticklabels=False, zeroline=False), yaxis=dict(showticklabels=False, zeroline=False)))


@functools.lru_cache(maxsize=50_000)  # a paragraph's box never changes: reruns reuse it
def _paragraph_hover(title: str, source: str, text: str) -> str:
    return f"<b>{_esc(_short(title, 70))}</b> · {_esc(source)}<br>{_wrap(text)}"


def topic_source_matrix(shares: pd.DataFrame, topics: pd.DataFrame) -> go.Figure:
    """Heatmap topic x source: share of each source's paragraphs in each topic (columns sum to 1)."""
    title = "Topics by source (share of each source's paragraphs)"
    if shares is None or shares.empty:
        return empty_figure("No paragraph in this selection.", title=title)
    order = topics.sort_values("topic_id")
    sources = sorted(shares["source"].unique())
    grid = shares.pivot(index="topic_id", columns="source", values="share").reindex(index=order["topic_id"], columns=sources).fillna(0.0)
    counts = shares.pivot(index="topic_id", columns="source", values="n_units").reindex(index=order["topic_id"], columns=sources).fillna(0)
    totals = shares.groupby("source")["n_source"].first().reindex(sources)
    fig = go.Figure(go.Heatmap(
        z=grid.round(4).values.tolist(), x=[_esc(s) for s in sources], y=[_esc(topic_display(i, l, n=44)) for i, l in zip(order["topic_id"], order["label"])],
        colorscale="Blues", zmin=0, zmax=max(float(grid.values.max()), 0.05), colorbar=dict(tickformat=".0%", title=None),
        customdata=[[[int(counts.at[t, s]), int(totals[s])] for s in sources] for t in order["topic_id"]],
        text=[[f"{v:.0%}" if v else "" for v in row] for row in grid.values], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}<br>%{z:.0%} of the source's paragraphs (%{customdata[0]} of %{customdata[1]})<extra></extra>",
    ))
    fig.update_layout(**LAYOUT, title=title, height=max(260, 34 * len(order) + 120),
                      yaxis=dict(autorange="reversed", title=None), xaxis=dict(title=None, side="bottom"))
    return fig


def coherence_by_k(scores: dict[int, float], *, chosen: int) -> go.Figure:
    """The selection criterion for each candidate number of topics, the chosen k marked."""
    title = "Coherence by number of topics (higher = more interpretable)"
    if not scores:
        return empty_figure("k was set by hand: no selection was run.", title=title, height=220)
    ks = sorted(scores)
    fig = go.Figure(go.Scatter(x=ks, y=[scores[k] for k in ks], mode="lines+markers", line_color="#1f4e79",
                               hovertemplate="k = %{x}: %{y:.3f}<extra></extra>"))
    fig.add_vline(x=chosen, line_dash="dot", line_color="#b2182b", annotation_text=f"chosen k = {chosen}")
    fig.update_layout(**LAYOUT, title=title, height=240, xaxis=dict(dtick=1, title="k"), yaxis=dict(title=None))
    return fig


def _short(text: str, n: int) -> str:
    text = str(text or "")
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _wrap(text: str, *, width: int = 70, limit: int = 280) -> str:
    """Article text for a hover box: shortened, wrapped, escaped (plotly reads a subset of HTML)."""
    return hover_html(_short(text, limit), width)


def _esc(text) -> str:
    return html.escape(str(text or ""), quote=False)
