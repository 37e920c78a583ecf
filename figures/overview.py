"""Overview figures: the corpus at a glance."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from figures.colors import DATE_BASIS_COLORS, TYPE_COLORS, color_map
from figures.spec import unchecked

LAYOUT = dict(margin=dict(l=10, r=10, t=40, b=10), height=320, font=dict(size=13), title_font=dict(size=15))


def _title(text: str) -> dict:
    return dict(text=text, font=LAYOUT["title_font"])


def _base_layout(**kw) -> dict:
    return {"margin": LAYOUT["margin"], "height": LAYOUT["height"], "font": LAYOUT["font"], **kw}


def articles_by_source(docs: pd.DataFrame, *, sources: pd.Series) -> go.Figure:
    """Horizontal bars: number of articles per source (one trace per source, in its colour)."""
    counts = sources.value_counts()
    colors = color_map(counts.index)
    traces = [dict(type="bar", x=[int(n)], y=[src], orientation="h", name=src, marker=dict(color=colors[src]),
                   showlegend=False, hovertemplate="%{y}: %{x} article(s)<extra></extra>")
              for src, n in zip(counts.index.tolist(), counts.tolist())]
    return unchecked(traces, _base_layout(
        title=_title("Articles by source"), showlegend=False, barmode="relative",
        yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=counts.index.tolist()),
        xaxis=dict(title=dict(text="articles"), **({"dtick": 1} if len(counts) and counts.max() < 10 else {}))))


def articles_by_date(docs: pd.DataFrame) -> go.Figure:
    """Articles per publication day, stated and inferred dates in distinct colours; undated counted apart."""
    basis = docs["published_basis"].map(lambda b: "inferred" if b == "inferred" else ("stated" if b in ("text", "metadata") else "unknown"))
    dated = docs.assign(date_kind=basis)[docs["published"].fillna("") != ""]
    fig = go.Figure()
    for kind in ("stated", "inferred"):
        part = dated[dated["date_kind"] == kind]
        if part.empty:
            continue
        counts = part.groupby("published").size()
        fig.add_bar(x=pd.to_datetime(counts.index), y=counts.values, name=f"{kind} date",
                    marker_color=DATE_BASIS_COLORS[kind],
                    marker_pattern_shape="/" if kind == "inferred" else "",
                    hovertemplate="%{x|%d %b %Y}: %{y} article(s) (" + kind + " date)<extra></extra>")
    n_undated = int((docs["published"].fillna("") == "").sum())
    title = "Articles by publication date"
    if n_undated:
        title += f" · {n_undated} without a date"
    fig.update_layout(**LAYOUT, title=title, barmode="stack", legend=dict(orientation="h", y=-0.15),
                      yaxis=dict(title="articles", dtick=1 if len(dated) < 10 else None))
    fig.update_traces(width=86_400_000 * 0.8)  # one day wide, whatever the span
    fig.update_xaxes(type="date", tickformat="%d %b %Y")
    if not dated.empty:
        days = pd.to_datetime(dated["published"])
        pad = pd.Timedelta(days=3)
        fig.update_xaxes(range=[days.min() - pad, days.max() + pad])
    else:
        fig.add_annotation(text="No article has a known date", x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font=dict(size=14, color="#666"))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


MAX_ARTICLE_BARS = 40  # beyond this, one bar per article is unreadable: the length distribution instead


def word_counts(docs: pd.DataFrame, *, labels: pd.Series) -> go.Figure:
    """Words per article (content only, boilerplate excluded); for more than MAX_ARTICLE_BARS
    articles, a histogram of article lengths."""
    if len(docs) > MAX_ARTICLE_BARS:
        fig = go.Figure(go.Histogram(x=docs["n_words"].to_numpy(), nbinsx=30, marker_color="#1f4e79",
                                     hovertemplate="%{x} words: %{y} articles<extra></extra>"))
        fig.update_layout(**LAYOUT, title=f"Article length (words, content only) · {len(docs)} articles",
                          bargap=0.05, xaxis=dict(title="words"), yaxis=dict(title="articles"))
        return fig
    data = pd.DataFrame({"article": labels.values, "words": docs["n_words"].values})
    fig = px.bar(data, x="words", y="article", orientation="h", title="Words per article (content only)")
    fig.update_traces(marker_color="#1f4e79")
    fig.update_layout(**LAYOUT, yaxis=dict(autorange="reversed", title=None))
    return fig


def top_entities(counts: pd.DataFrame, *, n: int = 15) -> go.Figure:
    """Most-mentioned names: `counts` has name, type, mentions (one trace per type, in its colour)."""
    top = counts.nlargest(n, "mentions")
    traces = []
    for kind, part in top.groupby("type", sort=False):
        traces.append(dict(type="bar", x=part["mentions"].tolist(), y=part["name"].tolist(), orientation="h", name=kind,
                           legendgroup=kind, marker=dict(color=TYPE_COLORS.get(kind, "#999999")),
                           hovertemplate="%{y}: %{x} mentions<extra>" + kind + "</extra>"))
    return unchecked(traces, _base_layout(
        title=_title(f"Most-mentioned names (top {len(top)})"), barmode="relative",
        height=max(320, 24 * len(top) + 90),
        yaxis=dict(autorange="reversed", categoryorder="total descending"),
        xaxis=dict(title=dict(text="mentions")),
        legend=dict(orientation="h", y=-0.15)))
