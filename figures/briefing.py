"""Briefing: the figure set (top actors, theme mix, claim timeline), the claim lists' texts, and
the exports (one standalone HTML file, one PNG of the whole briefing).

Drawing only: the numbers come from `analysis.query.briefing`; inputs are never mutated. Every
article-derived string is HTML-escaped wherever it ends up in markup.
"""
from __future__ import annotations

import html
import textwrap
from collections import Counter
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.query.briefing import GroupSummary, KeyFigure
from figures.claims import claims_timeline
from figures.colors import THEME_COLORS, color_for
from figures.text import md_escape  # noqa: F401  (re-exported for the pages)
from figures.theme import image, themed

LAYOUT = dict(margin=dict(l=10, r=10, t=36, b=10), font=dict(size=12), title_font=dict(size=14), plot_bgcolor="white")
CHART_HEIGHT = 240


def brief_sources(g: GroupSummary) -> str:
    """Short 'who' line: named sources, unnamed ones counted, and for a contested group where it is denied."""
    named = Counter(s.outlet for s in g.sources if s.named)  # one outlet telling it in 58 articles: named once
    n_unnamed = sum(not s.named for s in g.sources)
    parts = [f"{o} ({n} articles)" if n > 1 else o for o, n in named.items()]
    parts += [f"{n_unnamed} unnamed source{'s' if n_unnamed != 1 else ''}"] if n_unnamed else []
    text = f"{g.n_docs} article{'s' if g.n_docs != 1 else ''}: " + ", ".join(parts)
    denied = list(dict.fromkeys(s.outlet if s.named else f"«{s.title}»" for s in g.sources if "denied" in s.modalities))
    if g.stance == "contested" and denied:
        text += " · denied in " + ", ".join(denied)
    return text


def short(text: str, n: int = 110) -> str:
    """`text` cut to n characters at a word, with '…'."""
    text = str(text)
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=14, color="#666"))
    fig.update_layout(**{**LAYOUT, "title": dict(text=title)}, height=CHART_HEIGHT, xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def top_actors_figure(counts: pd.DataFrame, *, n: int = 8) -> go.Figure:
    """Horizontal bars: mentions of the `n` most-mentioned actors (actor colours shared with other pages)."""
    title = f"Top actors (mentions, top {min(n, len(counts))})"
    if counts.empty:
        return _empty("Top actors", "No actor is named in these articles")
    top = counts.head(n)
    fig = go.Figure(go.Bar(
        x=list(top["mentions"]), y=[html.escape(str(v), quote=False) for v in top["name"]], orientation="h",
        marker_color=[color_for(a) for a in top["actor_id"]], customdata=list(top["actor_id"]),
        text=[f"{m} · {a} art." for m, a in zip(top["mentions"], top["articles"])], textposition="auto", textangle=0,
        hovertemplate="%{y}: %{x} mentions<extra></extra>", showlegend=False))
    fig.update_layout(**LAYOUT, title=dict(text=title), height=CHART_HEIGHT, bargap=0.25,
                      yaxis=dict(autorange="reversed", title=None, automargin=True),
                      xaxis=dict(title=None, showgrid=True, gridcolor="#eee", automargin=True))
    return fig


def theme_mix_figure(mix: pd.DataFrame) -> go.Figure:
    """Horizontal bars: share of sentences per theme (theme colours shared with other pages)."""
    if mix.empty:
        return _empty("Theme mix", "No sentence in these articles")
    fig = go.Figure(go.Bar(
        x=list(mix["share"]), y=list(mix["theme"]), orientation="h", customdata=list(mix["theme"]),
        marker_color=[THEME_COLORS.get(t, "#bdbdbd") for t in mix["theme"]],
        text=[f"{s:.0%}" for s in mix["share"]], textposition="auto", textangle=0,
        hovertemplate="%{y}: %{x:.0%} of sentences<extra></extra>", showlegend=False))
    fig.update_layout(**LAYOUT, title=dict(text="Theme mix (share of sentences)"), height=CHART_HEIGHT, bargap=0.25,
                      yaxis=dict(autorange="reversed", title=None, automargin=True),
                      xaxis=dict(title=None, tickformat=".0%", automargin=True, range=[0, max(0.05, float(mix["share"].max()) * 1.1)],
                                 showgrid=True, gridcolor="#eee"))
    return fig


BRIEFING_POINTS = 800  # a third of the page width: the latest claims, the title says how many of how many


def timeline_figure(view: pd.DataFrame) -> go.Figure:
    """The claim timeline of the Claims page (lanes = sources, x = event date), sized for the briefing."""
    if view.empty:
        return _empty("Claims by event date", "No claim in these articles")
    # the Claims page's timeline (figures.claims): same look on both pages
    # lanes already name the sources, so no marker shapes per outlet: plain dots, one legend title
    fig = claims_timeline(view, lanes="source", x="event", outlet_markers=False, max_points=BRIEFING_POINTS)
    two_lines = "<br>" in (fig.layout.title.text or "")  # the timeline's note on what it leaves out
    fig.update_layout(height=CHART_HEIGHT + 20, margin=dict(l=10, r=10, t=58 if two_lines else 36, b=10),
                      legend=dict(font=dict(size=11), tracegroupgap=0, title=dict(text="Modality")))
    fig.update_xaxes(automargin=True)  # standalone HTML has no Streamlit theme doing it
    fig.update_yaxes(automargin=True)
    return fig


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _group_items_html(items: Sequence[GroupSummary]) -> str:
    if not items:
        return '<p class="none">None in this view.</p>'
    lis = []
    for g in items:
        told = Counter((s.outlet, s.modalities) for s in g.sources)  # an outlet's many articles: once, counted
        srcs = "; ".join(f"{_e(o)}{f' ×{n}' if n > 1 else ''} <span class='mod'>({_e(m)})</span>" for (o, m), n in told.items())
        extra = f" of {g.n_docs_corpus} in the corpus" if g.n_docs_corpus > g.n_docs else ""
        lis.append(f"<li><span class='label'>{_e(g.label)}</span><br><span class='src'>{g.n_docs} article"
                   f"{'s' if g.n_docs != 1 else ''}{extra}: {srcs}</span></li>")
    return "<ul>" + "".join(lis) + "</ul>"


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;max-width:1360px;color:#222}
h1{font-size:1.7rem;margin:0 0 .3rem} .caption{color:#666;font-size:.9rem;margin-bottom:1rem}
.kpis{display:flex;gap:12px;margin:.5rem 0 1rem} .kpi{flex:1;border:1px solid #e5e5e5;border-radius:8px;padding:8px 12px}
.kpi .v{font-size:1.6rem;font-weight:600} .kpi .l{color:#555;font-size:.85rem}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px} .chart{border:1px solid #eee;border-radius:8px;padding:4px}
.chart.wide{grid-column:1 / span 2} .chart .cap{color:#777;font-size:.8rem;padding:0 8px 6px}
.claims{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-top:1rem} h2{font-size:1.1rem;margin:.2rem 0}
ul{padding-left:1.2rem} li{margin-bottom:.5rem} .src{color:#555;font-size:.85rem} .mod{color:#888} .none{color:#888}
footer{color:#999;font-size:.75rem;margin-top:1.5rem}
"""


def briefing_html(*, title: str, caption: str, key_figures: Sequence[KeyFigure], figures: Sequence[tuple[go.Figure, str]],
                  corroborated: Sequence[GroupSummary] = (), contested: Sequence[GroupSummary] = (),
                  footer: str = "") -> str:
    """One standalone HTML page: title, caption, key figures, the interactive charts (plotly.js
    inlined once) each with its caption, and the claim lists. Opens offline in any browser."""
    charts = []
    for i, (fig, cap) in enumerate(figures):
        div = pio.to_html(themed(fig), include_plotlyjs="inline" if i == 0 else False, full_html=False,
                          config={"displaylogo": False, "responsive": True}, default_width="100%")
        wide = " wide" if i == len(figures) - 1 and len(figures) % 2 == 1 else ""
        charts.append(f'<div class="chart{wide}">{div}<div class="cap">{_e(cap)}</div></div>')
    kpis = "".join(f'<div class="kpi" title="{_e(k.help)}"><div class="v">{_e(k.value)}</div><div class="l">{_e(k.label)}</div></div>'
                   for k in key_figures)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body>\n<h1>{_e(title)}</h1>\n<div class=\"caption\">{_e(caption)}</div>\n"
            f"<div class=\"kpis\">{kpis}</div>\n<div class=\"grid\">{''.join(charts)}</div>\n"
            f"<div class=\"claims\"><section><h2>Most corroborated claims</h2>{_group_items_html(corroborated)}</section>"
            f"<section><h2>Contested claims</h2>{_group_items_html(contested)}</section></div>\n"
            f"<footer>{_e(footer)}</footer>\n</body></html>\n")


def _clip(text: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(str(text), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return [html.escape(w, quote=False) for w in wrapped]


def _group_lines(title: str, items: Sequence[GroupSummary], color: str, width: int = 62) -> list[str]:
    lines = [f"<b><span style='color:{color}'>{title}</span></b>"]
    if not items:
        return [*lines, "<i>none in this view</i>", ""]
    for g in items:
        label = _clip(g.label, width - 2, 2)
        lines.append("• " + label[0])
        lines += ["   " + x for x in label[1:]]
        lines += [f"<span style='color:#666'>   {x}</span>" for x in _clip(brief_sources(g), width - 3, 2)]
    return [*lines, ""]


def _copy_panel(target: go.Figure, src: go.Figure, n: int, x: tuple[float, float], y: tuple[float, float]) -> None:
    """Put `src`'s traces, axes, shapes and title into `target` on axes number n, at the given domain."""
    xa, ya = ("x" if n == 1 else f"x{n}"), ("y" if n == 1 else f"y{n}")
    src = go.Figure(src.to_dict())  # a copy: the caller's figure is left as it was
    for tr in src.data:
        target.add_trace(tr.update(xaxis=xa, yaxis=ya))
    for axis, name, dom, other in (("xaxis", xa, x, ya), ("yaxis", ya, y, xa)):
        spec = src.layout[axis].to_plotly_json()
        spec.update(domain=list(dom), anchor=other, automargin=False)
        target.layout[axis + ("" if n == 1 else str(n))] = spec
    for shape in src.layout.shapes:
        s = shape.to_plotly_json()
        s["xref"] = str(s.get("xref", "x")).replace("x", xa, 1)
        s["yref"] = str(s.get("yref", "y")).replace("y", ya, 1)
        target.add_shape(**s)
    for ann in src.layout.annotations:  # empty-state messages
        a = ann.to_plotly_json()
        if a.get("xref") == "paper":
            a.update(xref=f"{xa} domain", yref=f"{ya} domain")
        target.add_annotation(**a)
    title = src.layout.title.text or ""
    target.add_annotation(text=f"<b>{title}</b>", x=max(0.0, x[0] - 0.08), y=y[1] + 0.015, xref="paper", yref="paper", xanchor="left",
                          yanchor="bottom", showarrow=False, font=dict(size=14))


def briefing_figure(figures: Sequence[go.Figure], *, title: str, caption: str, key_figures: Sequence[KeyFigure] = (),
                    corroborated: Sequence[GroupSummary] = (), contested: Sequence[GroupSummary] = (),
                    width: int = 1400, height: int = 900) -> go.Figure:
    """The whole briefing as one figure for a PNG: header, key figures, up to three charts (two
    side by side, the last below them) and the claim lists on the right."""
    fig = go.Figure()
    panels = [((0.09, 0.32), (0.42, 0.71)), ((0.43, 0.66), (0.42, 0.71)), ((0.15, 0.98), (0.06, 0.32))]
    for n, (src, (x, y)) in enumerate(zip(figures, panels), start=1):
        _copy_panel(fig, src, n, x, y)
    ann = dict(xref="paper", yref="paper", showarrow=False, xanchor="left")
    fig.add_annotation(text=f"<b>{html.escape(title, quote=False)}</b>", x=0, y=1.0, yanchor="top", font=dict(size=24), **ann)
    fig.add_annotation(text=html.escape(caption, quote=False), x=0, y=0.945, yanchor="top", font=dict(size=13, color="#666"), **ann)
    for i, k in enumerate(key_figures):
        x = i / max(len(key_figures), 1) * 0.66
        fig.add_annotation(text=f"<b>{html.escape(k.value, quote=False)}</b>", x=x, y=0.89, yanchor="top", font=dict(size=28, color="#1f4e79"), **ann)
        fig.add_annotation(text=html.escape(k.label, quote=False), x=x, y=0.825, yanchor="top", font=dict(size=13, color="#555"), **ann)
    lines = _group_lines("Most corroborated claims", corroborated, "#1b7837") + _group_lines("Contested claims", contested, "#d62828")
    fig.add_annotation(text="<br>".join(lines), x=0.69, y=0.89, yanchor="top", align="left", font=dict(size=12), **ann)
    fig.update_layout(width=width, height=height, margin=dict(l=30, r=30, t=24, b=20), plot_bgcolor="white",
                      paper_bgcolor="white", font=dict(size=12), showlegend=True,
                      legend=dict(orientation="h", x=0.15, y=0.0, xanchor="left", yanchor="top", font=dict(size=12), title=dict(text="Modality:"),
                                  tracegroupgap=4, groupclick="toggleitem"))
    return fig


def figure_image(fig: go.Figure, fmt: str = "png", *, width: int | None = None, height: int | None = None) -> bytes:
    """One chart as PNG or SVG bytes (kaleido; a few seconds)."""
    return image(fig, fmt, width=width or fig.layout.width or 900, height=height or fig.layout.height or CHART_HEIGHT)


def briefing_png(figs: Sequence[go.Figure], *, title: str, caption: str, key_figures: Sequence[KeyFigure] = (),
                 corroborated: Sequence[GroupSummary] = (), contested: Sequence[GroupSummary] = (),
                 width: int = 1400, height: int = 900) -> bytes:
    """The briefing as one width x height PNG (see `briefing_figure`)."""
    fig = briefing_figure(figs, title=title, caption=caption, key_figures=key_figures, corroborated=corroborated,
                          contested=contested, width=width, height=height)
    return figure_image(fig, "png", width=width, height=height)
