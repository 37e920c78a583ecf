"""The reader's HTML: article text with layers, every text fragment HTML-escaped.

Pure function of the tables; the page only displays the string. Nothing from the article is
ever emitted unescaped, so markup in an article shows as text and never runs.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Mark:
    """A highlighted span: CSS class, inline style, hover title."""

    start: int
    end: int
    css: str
    style: str = ""
    title: str = ""


STYLE = """
<style>
.veille-reader{font-family:Georgia,serif;font-size:1.02rem;line-height:1.65;white-space:pre-wrap;max-width:60rem}
.veille-reader .bp{color:#9a9a9a;text-decoration:line-through;text-decoration-color:#c8c8c8;font-size:.9em}
.veille-reader .bp::after{content:" [removed: site chrome]";font-family:sans-serif;font-size:.75em;color:#b0b0b0;text-decoration:none}
.veille-reader .ent{border-radius:3px;padding:0 2px;border-bottom:2px solid}
.veille-reader .claim{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:3px}
.veille-reader .tx{background:#fff3bf;border-radius:3px;border-bottom:2px dotted #b58900}
.veille-reader .th{border-radius:2px}
.veille-reader .focus{outline:3px solid #ffb703;outline-offset:1px}
</style>
"""


def render_article(text: str, marks: list[Mark], *, focus: tuple[int, int] | None = None) -> str:
    """HTML of `text` with non-overlapping-or-nested `marks` applied (outer spans first)."""
    events: list[tuple[int, int, str]] = []  # (position, order, html)
    all_marks = list(marks)
    if focus:
        all_marks.append(Mark(focus[0], focus[1], "focus", title="selected"))
    for i, m in enumerate(sorted(all_marks, key=lambda m: (m.start, -m.end))):
        if not (0 <= m.start < m.end <= len(text)):
            continue
        attrs = f' class="{html.escape(m.css)}"'
        if m.style:
            attrs += f' style="{html.escape(m.style)}"'
        if m.title:
            attrs += f' title="{html.escape(m.title)}"'
        if m.css == "focus":
            attrs += ' id="veille-focus"'
        events.append((m.start, 1, i, f"<span{attrs}>"))
        events.append((m.end, 0, -i, "</span>"))
    # A span opening inside another and closing after it would break nesting: clip to the outer.
    out, pos, stack = [], 0, []
    for position, kind, ident, tag in sorted(events, key=lambda e: (e[0], e[1], e[2])):
        out.append(html.escape(text[pos:position]))
        pos = position
        if kind == 1:
            stack.append(ident)
            out.append(tag)
        elif stack and -ident in stack:
            # close every span opened after this one, then reopen them
            idx = stack.index(-ident)
            reopen = stack[idx + 1:]
            out.append("</span>" * (len(stack) - idx))
            del stack[idx:]
            for r in reopen:
                stack.append(r)
                out.append(_open_tag(events, r))
    out.append(html.escape(text[pos:]))
    out.append("</span>" * len(stack))
    return STYLE + '<div class="veille-reader">' + "".join(out) + "</div>"


def _open_tag(events, ident: int) -> str:
    for _, kind, i, tag in events:
        if kind == 1 and i == ident:
            return tag
    return "<span>"


LAYERS = ("actors", "themes", "claims", "dates", "removed chrome")
_KIND = {"PER": "person", "ORG": "organization", "LOC": "place"}


def layer_marks(article: Mapping[str, pd.DataFrame], layers, *, actor_names: dict[str, str], actor_colors: dict[str, str],
                theme_colors: dict[str, str], modality_colors: dict[str, str], type_colors: dict[str, str]) -> list[Mark]:
    """The reader's marks for one article and the chosen layers (pure; tables are not modified).
    `article`: table name -> that article's rows (`analysis.query.reader.article_rows`).

    actors: each actor in its own colour, places and other names in their type colour;
    themes: sentences tinted by their first theme, trigger terms on hover; claims: underlined in
    the modality colour, speaker and cue on hover; dates: temporal expressions with their
    resolved value on hover; removed chrome: greyed and struck through.
    """
    def rows(name):
        t = article.get(name)
        return [] if t is None or t.empty else t.itertuples()

    marks: list[Mark] = []
    if "removed chrome" in layers:
        marks += [Mark(int(r.start), int(r.end), "bp", title="removed: site chrome") for r in rows("boilerplate")]
    if "themes" in layers:
        for r in rows("sentences"):
            themes = [t for t in str(r.themes or "").split(";") if t]
            if themes:
                color = theme_colors.get(themes[0], "#999999")
                terms = getattr(r, "theme_terms", "") or ""
                marks.append(Mark(int(r.start), int(r.end), "th", style=f"background:{color}1f",
                                  title=f"themes: {', '.join(themes)}" + (f" — {terms}" if terms else "")))
    if "claims" in layers:
        for r in rows("claims"):
            color = modality_colors.get(r.modality, "#555555")
            who = actor_names.get(r.speaker_id, r.speaker_text or r.speaker_id)
            marks.append(Mark(int(r.start), int(r.end), "claim", style=f"text-decoration-color:{color}",
                              title=f"{r.modality} · speaker: {who}" + (f" · cue: {r.cue}" if r.cue else "")
                              + (f" · event date: {r.event_date} ({r.event_date_basis})" if r.event_date else "")))
    if "actors" in layers:
        for r in rows("mentions"):
            if r.actor_id:
                color, hover = actor_colors.get(r.actor_id, "#7f7f7f"), f"{actor_names.get(r.actor_id, r.actor_id)}"
            else:
                kind = _KIND.get(r.label, "other")
                color, hover = type_colors.get(kind, "#7f7f7f"), f"{kind} (not an actor)"
            marks.append(Mark(int(r.start), int(r.end), "ent", style=f"border-color:{color};background:{color}22",
                              title=hover))
    if "dates" in layers:
        for r in rows("timex"):
            value = r.value or "unresolved"
            marks.append(Mark(int(r.start), int(r.end), "tx", title=f"{r.type}: {value} ({r.basis})"))
    return marks
