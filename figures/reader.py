"""The reader's HTML: article text with layers, every text fragment HTML-escaped.

Pure function of the tables; the page only displays the string. Nothing from the article is
ever emitted unescaped, so markup in an article shows as text and never runs.
"""
from __future__ import annotations

import html
from dataclasses import dataclass


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
.veille-reader .tx{background:#fff3bf;border-radius:3px}
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
