"""Language of an article (fr or en; others reported as detected)."""
from __future__ import annotations

import re

_FR = re.compile(r"\b(le|la|les|des|est|une|dans|pour|qui|que|avec|sur|du|au|pas|selon)\b", re.I)
_EN = re.compile(r"\b(the|and|is|are|was|were|with|for|that|this|from|said|has|have|of)\b", re.I)


def detect_language(text: str) -> str:
    """'fr' or 'en' by function-word counts; langdetect settles texts where neither dominates."""
    sample = text[:5000]
    fr, en = len(_FR.findall(sample)), len(_EN.findall(sample))
    if fr + en >= 8 and max(fr, en) >= 2 * min(fr, en):
        return "fr" if fr > en else "en"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        lang = detect(sample)
    except Exception:  # langdetect raises on text without letters
        return "fr"
    return lang if lang in ("fr", "en") else ("en" if en > fr else "fr")
