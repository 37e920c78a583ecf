"""Speakers: the actor a speaker phrase names, pairs ("les deux pays"), the kind of source."""
from __future__ import annotations

import re
from collections import Counter

from analysis.map.claims.cues import STATE_LABELS, CueLexicon
from analysis.records import Attribution, Mention


# ---------------------------------------------------------------- speakers and sources

def source_type(phrase: str, *, lex: CueLexicon, speaker_label: str = "") -> str:
    """official | anonymous_official | state_media | expert | outlet | "" from the speaker's wording."""
    low = phrase.lower().replace("’", "'")
    types = lex.source_types
    has = lambda key: any(re.search(r"(?<!\w)" + re.escape(w.strip().replace("’", "'")) + r"(?:s|es|x)?(?!\w)", low)  # noqa: E731
                          for w in types.get(key, []))
    official = has("official")
    if has("anonymous"):
        return "anonymous_official" if official else ""
    for key in ("state_media", "outlet", "expert"):
        if has(key):
            return key
    if official or speaker_label in STATE_LABELS:
        return "official"
    return ""


def _resolve_speaker(att: Attribution, mentions: list[Mention]) -> tuple[str, str]:
    """(actor_id, label) naming the speaker: a mention in the short phrase, else in the full one.

    Within a phrase a person wins ("le ministre de la Défense Sergueï Shoigu"), else the first
    named ("Les responsables américains et sud-coréens" -> the first, the United States).
    """
    spans = ((att.speaker_start, att.speaker_end), (att.full_start, att.full_end))
    for lo, hi in spans:
        pool = sorted((m for m in mentions if m.actor_id and m.start < hi and m.end > lo), key=lambda m: m.start)
        if pool:
            persons = [m for m in pool if m.label.upper() in ("PER", "PERSON")]
            pick = persons[0] if persons else pool[0]
            return pick.actor_id, pick.label
    return "", ""


def _pair(att: Attribution, lex: CueLexicon, mentions: list[Mention], sent_id: int) -> str:
    """"les deux pays": the article's most-mentioned state actor among those named so far."""
    words = att.speaker_text.lower().replace("’", "'").split()
    if not any(w in ("deux", "two", "both") for w in words) or not set(words) & lex.pair_nouns:
        return ""
    states = Counter(m.actor_id for m in mentions if m.actor_id and m.label in STATE_LABELS)
    if len(states) < 2:
        states = Counter(m.actor_id for m in mentions if m.actor_id)
    return states.most_common(1)[0][0] if states else ""
