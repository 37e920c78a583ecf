"""Article text shown through Streamlit's markdown: every special character escaped."""
from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$:])")


def md_escape(text: str) -> str:
    """Text safe to show through st.markdown: markdown, LaTeX and directive characters escaped,
    and a leading number or dash never turns into a list."""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    out = re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", out)
    return re.sub(r"^(\s*)([-+])", r"\1\\\2", out)


def hover_html(text: str, width: int = 80) -> str:
    """Text for a plotly hover box: HTML-escaped, wrapped at `width` characters with <br>
    (greedy, on spaces; a longer word stands on its own line). Plain regex, several times faster
    than textwrap, for the thousands of points of a timeline."""
    lines = re.findall(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S+", " ".join(str(text).split()))
    return "<br>".join(html.escape(line, quote=False) for line in lines)
