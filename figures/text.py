"""Article text shown through Streamlit's markdown: every special character escaped."""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$:])")


def md_escape(text: str) -> str:
    """Text safe to show through st.markdown: markdown, LaTeX and directive characters escaped,
    and a leading number or dash never turns into a list."""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    out = re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", out)
    return re.sub(r"^(\s*)([-+])", r"\1\\\2", out)
