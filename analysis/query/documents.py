"""Facts about how the articles themselves were analysed, which the pages report."""
from __future__ import annotations

import pandas as pd

from analysis.records import BLANK_PIPELINE_NAME


def blank_pipeline_articles(documents: pd.DataFrame) -> int:
    """How many articles went through the blank English fallback (no parser, no named entities):
    their actors and speakers are undercounted, which an analyst must be told."""
    if "pipeline" not in documents:
        return 0
    return int(documents["pipeline"].fillna("").str.contains(BLANK_PIPELINE_NAME, regex=False).sum())
