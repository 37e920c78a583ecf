"""Claims page figures: the claim timeline (lanes by speaker or source, colour = modality, marker
= outlet) and the badges and texts the page shows. Drawing only: the claim view comes from
`analysis.query.claims`; inputs are never mutated."""
from __future__ import annotations

import functools
import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.query.claims import spans
from figures.colors import MODALITY_COLORS
from figures.spec import unchecked
from figures.text import hover_html, md_escape  # noqa: F401  (md_escape re-exported for the pages)

MODALITIES = ("asserted", "reported", "hedged", "denied")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down", "pentagon",
           "hexagon", "star-triangle-up", "hourglass")
BASIS_TEXT = {"explicit": "stated in the sentence", "context": "from a date nearby in the article",
              "publication": "the article's publication date"}
MODALITY_BADGE = {"asserted": "blue", "reported": "green", "hedged": "orange", "denied": "red"}
STANCE_BADGE = {"contested": "red", "corroborated": "green", "single": "gray"}
STEP = 0.24  # vertical distance between claims stacked on the same date in one lane
PX_PER_UNIT = 46
MAX_POINTS = 700
MAX_LANES = 30  # beyond this, the least frequent speakers (or sources) share one last lane
MAX_STACK = 12  # claims on one date of a lane: above this many, the stack is squeezed into this height


def _iso_all(values) -> np.ndarray:
    """Each datetime as YYYY-MM-DD (with HH:MM when it has a time), a numpy array of strings
    (plotly validates arrays at once)."""
    stamps = np.asarray(values, dtype="datetime64[m]")
    full = np.char.replace(np.datetime_as_string(stamps, unit="m"), "T", " ")
    midnight = stamps == stamps.astype("datetime64[D]").astype("datetime64[m]")
    return np.where(midnight, full.astype("<U10"), full).astype(object)


def symbol_map(outlets) -> dict[str, str]:
    """A marker symbol per outlet (sorted, so the same corpus gives the same symbols)."""
    return {o: SYMBOLS[i % len(SYMBOLS)] for i, o in enumerate(sorted(set(outlets)))}


def _wrap(text: str, width: int = 80) -> str:
    return hover_html(text, width)


def _published_text(p: str, basis: str) -> str:
    if not p:
        return "unknown"
    return f"{p} (inferred)" if basis == "inferred" else p


def _hovers(rows: pd.DataFrame, x_mode: str) -> list[str]:
    """The hover box of each claim (HTML-escaped, wrapped)."""
    cols = ["speaker_name", "speaker_text", "cue", "modality", "text", "source", "title", "doc_id", "event_date",
            "event_date_basis", "published", "published_basis"]
    return [_hover(x_mode, *r) for r in zip(*(rows[c].fillna("").tolist() for c in cols))]


@functools.lru_cache(maxsize=100_000)  # a claim's box never changes: reruns and other filters reuse it
def _hover(x_mode: str, name, said, cue, mod, text, source, title, doc, event, basis, pub, pub_basis) -> str:
    e = lambda s: html.escape(str(s), quote=False)  # noqa: E731
    lines = [f"<b>{e(name)}</b>" + (f" — “{e(said)}”" if said else "") + (f" · cue: {e(cue)}" if cue else ""),
             f"modality: <b>{e(mod)}</b>", _wrap(text), f"source: {e(source)}", f"article: {e(title or doc)}"]
    if x_mode == "event":
        b = BASIS_TEXT.get(basis, basis)
        if basis == "publication" and pub_basis == "inferred":
            b += ", inferred"
        lines.append(f"event date: {e(event)} ({e(b)})")
    lines.append(f"published: {e(_published_text(pub, pub_basis))}")
    return "<br>".join(lines)


def lane_order(view: pd.DataFrame, lanes: str) -> list[str]:
    """Lane names sorted by number of claims (most first), ties by name."""
    key = view["speaker_name"] if lanes == "speaker" else view["outlet"]
    counts = key.value_counts()
    return sorted(counts.index, key=lambda k: (-counts[k], k))


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color="#666"))
    fig.update_layout(height=220, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white")
    return fig


def claims_timeline(view: pd.DataFrame, *, lanes: str = "speaker", x: str = "event",
                    symbols: dict[str, str] | None = None, max_points: int = MAX_POINTS,
                    max_lanes: int = MAX_LANES, outlet_markers: bool = True) -> go.Figure:
    """Claims on a time axis: one lane per speaker (or outlet), colour = modality, marker = outlet.

    x="event" plots the event date (an interval at its midpoint, with a line spanning it so the
    granularity shows), x="published" the article's publication date (open markers when
    inferred). Claims stacked on the same date of a lane are spread vertically. Points carry
    their claim_id in `customdata` for click selection. Above `max_points` dated claims only
    those of the most recently published articles are drawn, and the title says so (a browser
    cannot draw tens of thousands of points); a few far-off dates are left outside the opening
    view (`focus_range`).
    Above `max_lanes` lanes, the least frequent share a last lane, "(N other speakers)".
    `outlet_markers=False`: plain dots and no marker legend (when the lanes are the sources).
    """
    if lanes not in ("speaker", "source") or x not in ("event", "published"):
        raise ValueError(f"lanes={lanes!r}, x={x!r}")
    pos = spans(view, x)
    pos = pos[pos["x"].notna()]
    n_dated = len(pos)
    if n_dated > max_points:  # the claims of the latest articles (then the latest dates): not forecasts for 2050 first
        key = pd.DataFrame({"p": view.loc[pos.index, "published"].fillna("").astype(object).to_numpy(),
                            "x": pos["x"].to_numpy()}, index=pos.index)
        pos = pos.loc[key.sort_values(["p", "x"], kind="stable").index[-max_points:]]
    if pos.empty:
        return _empty_figure("No dated claims" + (" (no article has a publication date)" if x == "published" else ""))
    view = view.loc[pos.index]
    used = ["claim_id", "speaker_name", "outlet", "modality", "published_basis"]
    data = view[used].join(pos)
    data["hover"] = _hovers(view, x)
    data["lane"] = data["speaker_name"] if lanes == "speaker" else data["outlet"]
    order = lane_order(data, lanes)
    if len(order) > max_lanes:
        kept = order[: max_lanes - 1]
        other = f"({len(order) - len(kept)} other {'speakers' if lanes == 'speaker' else 'sources'})"
        data["lane"] = data["lane"].where(data["lane"].isin(kept), other)
        order = [*kept, other]
    symbols = (symbols or symbol_map(view["outlet"])) if outlet_markers else {}

    # stack claims sharing a date within a lane; lanes get the height their largest stack needs
    data = data.sort_values(["claim_id"], kind="stable")
    data["k"] = data.groupby(["lane", "x"]).cumcount()
    data["n"] = data.groupby(["lane", "x"])["k"].transform("size")
    centers, bounds, top = {}, [], 0.0
    tallest = data.groupby("lane")["n"].max()
    steps = {}
    for lane in order:
        steps[lane] = STEP if tallest[lane] <= MAX_STACK else STEP * (MAX_STACK - 1) / (tallest[lane] - 1)
        half = max(0.5, (min(tallest[lane], MAX_STACK) - 1) / 2 * STEP + 0.32)
        centers[lane] = top + half
        top += 2 * half
        bounds.append(top)
    data["y"] = [centers[lane] + (k - (n - 1) / 2) * steps[lane]
                 for lane, k, n in zip(data["lane"].tolist(), data["k"].tolist(), data["n"].tolist())]

    traces = []
    present = [m for m in [*MODALITIES, *sorted(set(data["modality"]) - set(MODALITIES))] if (data["modality"] == m).any()]
    for m in present:
        part = data[data["modality"] == m]
        color = MODALITY_COLORS.get(m, "#7f7f7f")
        spanned = part[part["spanned"]]
        if not spanned.empty:  # one trace: start, end, gap (None) per span
            xs = np.array([None] * (3 * len(spanned)), dtype=object)
            xs[0::3], xs[1::3] = _iso_all(spanned["x0"]), _iso_all(spanned["x1"])
            ys = np.full(3 * len(spanned), np.nan)
            ys[0::3] = ys[1::3] = spanned["y"].to_numpy(dtype=float)
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=color, width=2), opacity=0.55,
                               hoverinfo="skip", showlegend=False, legendgroup=m, name=f"{m} (span)"))
        inferred = (part["published_basis"] == "inferred").tolist() if x == "published" else [False] * len(part)
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=m, legendgroup=m,  # legend: a plain dot
                           marker=dict(color=color, size=11, symbol="circle"),
                           **({"legendgrouptitle": dict(text="Modality (colour)")} if m == present[0] and outlet_markers else {})))
        traces.append(dict(
            type="scatter", x=_iso_all(part["x"]), y=part["y"].to_numpy(dtype=float), mode="markers",
            name=m, legendgroup=m, showlegend=False,
            marker=dict(color=color, size=11, line=dict(color="white", width=1),
                        symbol=np.array([symbols.get(o, "circle") + ("-open" if inf else "")
                                         for o, inf in zip(part["outlet"].tolist(), inferred)], dtype=object)),
            customdata=part["claim_id"].to_numpy(dtype=object), hovertext=part["hover"].to_numpy(dtype=object),
            hovertemplate="%{hovertext}<extra></extra>"))
    for o in sorted(set(data["outlet"]))[: len(SYMBOLS) if outlet_markers else 0]:  # legend of the marker shapes
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=_short(o), legendgroup="outlets",
                           legendgrouptitle=dict(text="Source (marker)"),
                           marker=dict(symbol=symbols.get(o, "circle"), color="#555", size=10)))
    separators = [dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=b, y1=b, layer="below",
                       line=dict(color="#e3e3e3", width=1)) for b in bounds[:-1]]
    title = "Claims by " + ("event date" if x == "event" else "publication date of the article")
    notes = []  # a second, smaller title line: what the view leaves out
    if n_dated > max_points:
        notes.append(f"{max_points} of {n_dated} dated claims, from the latest articles (filter to see the others)")
    x_range, n_off = focus_range(data["x"])
    if n_off:
        notes.append(f"{n_off} far-off date{'s' if n_off != 1 else ''} outside the view (double-click to see all)")
    if notes:
        title += "<br><sup>" + " · ".join(notes) + "</sup>"
    fig = unchecked(traces, dict(
        title=dict(text=title, font=dict(size=15)), plot_bgcolor="white", font=dict(size=13), shapes=separators,
        height=max(280, int(top * PX_PER_UNIT) + 110), margin=dict(l=10, r=10, t=58 if notes else 40, b=10),
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=12)), clickmode="event+select",
        legend=dict(tracegroupgap=2, font=dict(size=12)),
        yaxis=dict(tickvals=[centers[o] for o in order], ticktext=[_lane_tick(o) for o in order],
                   range=[top, 0], showgrid=False, zeroline=False),
        xaxis=dict(type="date", showgrid=True, gridcolor="#f0f0f0", **({"range": x_range} if x_range else {})),
    ))
    return fig


def focus_range(xs: pd.Series, *, min_points: int = 20, stretch: float = 3.0) -> tuple[list[str] | None, int]:
    """The x range to open a timeline on, and how many points fall outside it. A few far-off
    dates (a forecast for 2050 among claims about last week) would squeeze every other point
    into one column: when the full span is more than `stretch` times the span of the middle
    98 % of the points (at least the first and last left out), the view opens on that middle span (padded); plotly's double-click
    still shows everything. None when every point fits."""
    t = xs.dropna().to_numpy(dtype="datetime64[s]").astype(np.int64)
    if len(t) < min_points:
        return None, 0
    t = np.sort(t)
    k = max(1, len(t) // 100)  # leave out the k earliest and k latest points (1 %, at least one)
    lo, hi = t[k], t[-k - 1]
    pad = max((hi - lo) * 0.05, 86_400 * 2)
    if t.max() - t.min() <= stretch * (hi - lo + 2 * pad):
        return None, 0
    lo, hi = int(lo - pad), int(hi + pad)
    outside = int(((t < lo) | (t > hi)).sum())
    iso = np.datetime_as_string(np.array([lo, hi], dtype="datetime64[s]"), unit="D").tolist()
    return iso, outside


def _short(name: str, width: int = 30) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _lane_tick(name: str, width: int = 28) -> str:
    """A lane name on at most two lines ("(unknown source)" above the article's title)."""
    head, sep, rest = name.partition(" · ")
    lines = [head, rest] if sep else textwrap.wrap(name, width) or [name]
    lines = [ln if len(ln) <= width else ln[: width - 1].rstrip() + "…" for ln in lines[:2]]
    return "<br>".join(html.escape(ln, quote=False) for ln in lines)


def point_claim(point: dict) -> str | None:
    """The claim_id carried by a clicked point (Streamlit gives customdata as a value or a list)."""
    cd = point.get("customdata")
    if isinstance(cd, (list, tuple)):
        cd = cd[0] if cd else None
    return cd if isinstance(cd, str) and cd else None
