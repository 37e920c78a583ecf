"""Overview figures: the corpus at a glance."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from figures.colors import DATE_BASIS_COLORS, TYPE_COLORS, color_map

LAYOUT = dict(margin=dict(l=10, r=10, t=40, b=10), height=320, font=dict(size=13), title_font=dict(size=15))


def articles_by_source(docs: pd.DataFrame, *, sources: pd.Series) -> go.Figure:
    """Horizontal bars: number of articles per source."""
    counts = sources.value_counts().rename_axis("source").reset_index(name="articles")
    fig = px.bar(counts, x="articles", y="source", orientation="h", color="source",
                 color_discrete_map=color_map(counts["source"]), title="Articles by source")
    fig.update_layout(**LAYOUT, showlegend=False, yaxis=dict(autorange="reversed", title=None))
    fig.update_xaxes(dtick=1 if counts["articles"].max() < 10 else None)
    return fig


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
    """Most-mentioned names: `counts` has name, type, mentions."""
    top = counts.nlargest(n, "mentions")
    fig = px.bar(top, x="mentions", y="name", color="type", orientation="h", color_discrete_map=TYPE_COLORS,
                 title=f"Most-mentioned names (top {len(top)})")
    fig.update_layout(**LAYOUT, yaxis=dict(autorange="reversed", title=None, categoryorder="total descending"),
                      legend=dict(orientation="h", y=-0.15, title=None))
    fig.update_layout(height=max(320, 24 * len(top) + 90))
    return fig
