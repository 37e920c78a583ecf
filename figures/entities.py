"""Entities figures: top actors by source, actor x source heatmap, co-occurrence network.

Tables in, go.Figure out; inputs are never mutated. Every mark that stands for an actor
carries its actor_id first in `customdata`, so a click can set the actor filter
(`clicked_actor`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from figures.colors import TYPE_COLORS, color_for
from figures.spec import unchecked

LAYOUT = dict(margin=dict(l=10, r=10, t=48, b=10), font=dict(size=13), title_font=dict(size=15))
BLUES = [list(step) for step in go.Heatmap(colorscale="Blues").colorscale]  # plotly.js's own "Blues" is another scale
MEASURES = {"mentions": "mentions", "per_1000": "mentions per 1,000 words"}


def labels_for(ids, names: Mapping[str, str]) -> dict[str, str]:
    """Display name per actor id; two actors sharing a name get their id appended so bars never merge."""
    ids = list(dict.fromkeys(ids))
    base = {a: names.get(a) or a for a in ids}
    seen = pd.Series(list(base.values())).value_counts()
    return {a: (f"{n} ({a})" if seen[n] > 1 else n) for a, n in base.items()}


def _short(label: str, limit: int = 28) -> str:
    """A network label short enough not to run over its neighbours (the full name is on hover)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _empty(title: str, message: str, height: int = 320) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=14))
    fig.update_layout(**LAYOUT, title=title, height=height, xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def top_actor_ids(counts: pd.DataFrame, *, n: int, measure: str = "mentions") -> list[str]:
    """The n actors with the largest total (over sources) of `measure`, ties by id."""
    if counts.empty:
        return []
    cols = list(dict.fromkeys([measure, "mentions"]))
    totals = counts.groupby("actor_id")[cols].sum().reset_index()
    totals = totals.sort_values([*cols, "actor_id"], ascending=[False] * len(cols) + [True], kind="stable")
    return list(totals["actor_id"].iloc[:n])


def top_actors(counts: pd.DataFrame, *, names: Mapping[str, str], measure: str = "mentions",
               barmode: str = "stack", n: int = 15) -> go.Figure:
    """Horizontal bars per actor, one colour per source; `counts` from analysis.query.actors.counts_by_source."""
    what = MEASURES[measure]
    title = f"Top actors — {what}, by source"
    if counts.empty:
        return _empty(title, "No actor in these articles")
    ids = top_actor_ids(counts, n=n, measure=measure)
    labels = labels_for(ids, names)
    part = counts[counts["actor_id"].isin(ids)]
    sources = list(part.groupby("source")["mentions"].sum().sort_values(ascending=False, kind="stable").index)
    traces = []
    for src, rows in part.groupby("source", sort=False):
        rows = rows.set_index("actor_id")
        rows = rows.loc[[a for a in ids if a in rows.index]]
        traces.append((sources.index(src), dict(
            type="bar", y=[labels[a] for a in rows.index], x=rows[measure].round(3).tolist(), orientation="h", name=src,
            marker=dict(color=color_for(src)),
            customdata=[[a, int(c), float(r), int(w)] for a, c, r, w in zip(rows.index, rows["mentions"], rows["per_1000"], rows["words"])],
            hovertemplate="<b>%{y}</b><br>%{fullData.name}<br>%{customdata[1]} mentions · %{customdata[2]:.2f} per 1,000 words"
                          " (of %{customdata[3]} words)<extra>click to filter</extra>",
        )))
    rows_per_actor = (len(sources) if barmode == "group" else 1) ** 0.5
    return unchecked([t for _, t in sorted(traces, key=lambda t: t[0])], dict(
        margin=dict(l=10, r=10, t=80, b=10), font=LAYOUT["font"], title=dict(text=title, font=LAYOUT["title_font"]),
        barmode=barmode, height=max(320, 26 * len(ids) * rows_per_actor + 120),
        yaxis=dict(categoryorder="array", categoryarray=[labels[a] for a in ids], autorange="reversed"),
        xaxis=dict(title=dict(text=what), **({"dtick": 1} if measure == "mentions" and part["mentions"].max() < 10 else {})),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom")))


def actor_source_heatmap(counts: pd.DataFrame, *, names: Mapping[str, str], n: int = 20) -> go.Figure:
    """Actor x source, coloured by mentions per 1,000 words of that source; raw counts on hover and in cells."""
    title = f"Actor × source — mentions per 1,000 words (top {n})"
    if counts.empty:
        return _empty(title, "No actor in these articles")
    ids = top_actor_ids(counts, n=n)
    labels = labels_for(ids, names)
    part = counts[counts["actor_id"].isin(ids)]
    sources = list(part.groupby("source")["words"].first().sort_values(ascending=False, kind="stable").index)
    words = part.groupby("source")["words"].first()
    rate = part.pivot(index="actor_id", columns="source", values="per_1000").reindex(index=ids, columns=sources).fillna(0.0)
    raw = part.pivot(index="actor_id", columns="source", values="mentions").reindex(index=ids, columns=sources).fillna(0).astype(int)
    custom = [[[int(raw.at[a, s]), int(words.get(s, 0)), a] for s in sources] for a in ids]
    return unchecked([dict(
        type="heatmap", z=rate.round(3).values.tolist(), x=[f"{s}<br>({int(words.get(s, 0))} words)" for s in sources],
        y=[labels[a] for a in ids], customdata=custom, colorscale=BLUES, zmin=0,
        text=[[str(int(raw.at[a, s])) if raw.at[a, s] else "" for s in sources] for a in ids], texttemplate="%{text}",
        colorbar=dict(title=dict(text="per 1,000<br>words", side="top"), thickness=12),
        hovertemplate="<b>%{y}</b><br>%{x}<br>%{z:.2f} per 1,000 words<br>%{customdata[0]} mentions<extra></extra>",
        xgap=2, ygap=2,
    )], dict(margin=LAYOUT["margin"], font=LAYOUT["font"], title=dict(text=title, font=LAYOUT["title_font"]),
             height=max(320, 24 * len(ids) + 150), yaxis=dict(autorange="reversed")))


def network_figure(graph: nx.Graph, names: Mapping[str, str], types: Mapping[str, str], *,
                   title: str = "Who is named with whom (same sentence)") -> go.Figure:
    """Spring-layout network: edge width by co-mentions, node size by mentions, colour by actor type."""
    if graph.number_of_nodes() == 0:
        return _empty(title, "No two actors are named in the same sentence here", height=480)
    pos = layout(graph)
    labels = labels_for(graph.nodes, names)
    traces = []
    edges = list(graph.edges(data="weight"))
    w_max = max((w for *_, w in edges), default=1)
    by_weight: dict[int, tuple[list, list]] = {}
    for a, b, w in edges:  # one trace per weight: plotly widths are per trace
        xs, ys = by_weight.setdefault(w, ([], []))
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
    for w in sorted(by_weight):
        xs, ys = by_weight[w]
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                           line=dict(width=0.8 + 7 * math.sqrt(w / w_max), color="rgba(110,110,110,0.35)")))
    if edges:
        traces.append(dict(type="scatter", x=[(pos[a][0] + pos[b][0]) / 2 for a, b, _ in edges],
                           y=[(pos[a][1] + pos[b][1]) / 2 for a, b, _ in edges], mode="markers", showlegend=False,
                           name="co-mentions", marker=dict(size=8, opacity=0), hovertemplate="%{hovertext}<extra></extra>",
                           hovertext=[f"{labels[a]} — {labels[b]}: {w} sentence{'s' * (w != 1)}" for a, b, w in edges]))
    px_, py_ = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    m_max = max(d["mentions"] for _, d in graph.nodes(data=True))
    by_type: dict[str, list[str]] = {}
    for node in graph.nodes:
        by_type.setdefault(types.get(node) if types.get(node) in TYPE_COLORS else "other", []).append(node)
    for kind in [k for k in TYPE_COLORS if k in by_type]:
        nodes = by_type[kind]
        data = [graph.nodes[a] for a in nodes]
        traces.append(dict(
            type="scatter", x=[pos[a][0] for a in nodes], y=[pos[a][1] for a in nodes], mode="markers+text", name=kind,
            text=[_short(labels[a]) for a in nodes], textposition="top center",
            textfont=dict(size=12, color="#222", shadow="0 0 3px white"),
            marker=dict(size=[12 + 38 * math.sqrt(d["mentions"] / m_max) for d in data], color=TYPE_COLORS[kind],
                        line=dict(width=1, color="white"), opacity=0.9),
            unselected=dict(marker=dict(opacity=0.9)),  # a click filters the page; it should not dim the others
            customdata=[[a, d["mentions"], d["docs"], graph.degree(a), labels[a]] for a, d in zip(nodes, data)],
            hovertemplate="<b>%{customdata[4]}</b><br>%{customdata[1]} mentions in %{customdata[2]} article(s)"
                          "<br>named with %{customdata[3]} other actor(s)<extra>click to filter</extra>",
        ))
    return unchecked(traces, dict(
        margin=LAYOUT["margin"], font=LAYOUT["font"], title=dict(text=title, font=LAYOUT["title_font"]), height=560, hovermode="closest", dragmode="pan",
        xaxis=dict(visible=False, range=[min(px_) - 0.3, max(px_) + 0.3]),
        yaxis=dict(visible=False, range=[min(py_) - 0.12, max(py_) + 0.15]),
        legend=dict(orientation="h", y=-0.04, title=dict(text="type "))))


def clicked_actor(points: list[dict] | None) -> str | None:
    """The actor_id of the first clicked mark (from a Streamlit plotly selection), else None."""
    for p in points or []:
        data = p.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


# ---------------------------------------------------------------- network layout

_LAYOUTS: dict[tuple, dict[str, tuple[float, float]]] = {}  # the same graph is laid out once per process


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node positions from networkx's spring layout with a fixed seed (same graph, same picture).

    Each connected component is laid out on its own: the largest fills the square [-1, 1]², the
    smaller ones sit in a row beneath it, so a lone pair never squeezes the main cluster into a corner.
    """
    key = (seed, tuple(sorted(graph.nodes)), tuple(sorted(tuple(sorted(e)) for e in graph.edges)))
    if key not in _LAYOUTS:
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        _LAYOUTS[key] = _spring(graph, seed)
    return dict(_LAYOUTS[key])


def _spring(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    pos: dict[str, tuple[float, float]] = {}
    for i, comp in enumerate(comps):
        sub = graph.subgraph(comp)
        if i == 0:
            center, scale = (0.0, 0.0), 1.0
        else:
            j = i - 1
            center, scale = (-1.0 + 0.4 * (j % 6), -1.4 - 0.4 * (j // 6)), 0.13
        if len(comp) == 1:
            part = {next(iter(comp)): center}
        else:
            k = 2.5 / len(comp) ** 0.5  # more room than the default: labels sit on the nodes
            part = nx.spring_layout(sub, seed=seed, k=k, weight=None, iterations=200, scale=scale, center=center)
        pos.update({n: (float(x), float(y)) for n, (x, y) in part.items()})
    return pos
