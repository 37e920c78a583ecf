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
    short = [m for m in mentions if m.actor_id and m.start < spans[0][1] and m.end > spans[0][0]]
    apposed = sorted((m for m in mentions if m.actor_id and m.label.upper() in ("PER", "PERSON")
                      and m.start < spans[1][1] and m.end > spans[1][0]), key=lambda m: m.start)
    if apposed and not any(m.label.upper() in ("PER", "PERSON") for m in short):
        # "la consule du Portugal sur place, Preenie Pine": the named person, not the country in her title
        return apposed[0].actor_id, apposed[0].label
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


# ---------------------------------------------------------------- descriptions and their holders

_DEFINITE = ("le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces", "the", "this", "that")


def description_noun(phrase: str) -> str:
    """The head noun of a definite description ("le milliardaire républicain" -> "milliardaire")."""
    words = phrase.lower().replace("’", "'").replace("l'", "l' ").split()
    if len(words) < 2 or words[0] not in _DEFINITE or len(words) > 6:
        return ""
    noun = words[1]
    return noun if noun.isalpha() and len(noun) >= 4 else ""


def role_holder(phrase: str, start: int, *, text: str, mentions: list[Mention], lex: CueLexicon) -> tuple[str, str]:
    """(actor_id, how) for a description the article ties to a named actor before `start`.

    "le cheikh" -> the actor named "le cheikh Abdallah al-Manie" earlier; "l'éditorialiste" ->
    "E. Jean Carroll, éditorialiste renommée"; "le centre" -> the "Centre national des ouragans"
    named before; "le gouvernement", "les autorités" -> the state the article names most. Nothing
    when the article names no such holder: never a guess across the text.
    """
    noun = description_noun(phrase)
    if not noun:
        return "", ""
    stem = noun[:-1] if noun.endswith("s") else noun
    before = sorted((m for m in mentions if m.actor_id and m.end <= start), key=lambda m: -m.start)
    words = phrase.lower().replace("’", "'").split()
    person_like = lambda m: m.label.upper() in ("PER", "PERSON")  # noqa: E731
    institution = lambda m: not person_like(m) and m.label not in STATE_LABELS  # noqa: E731
    if len(words) == 2 and words[1] in ("dernier", "dernière", "latter"):
        pick = next((m for m in before if person_like(m)), None)  # "ce dernier": the last person named
        return (pick.actor_id, "description") if pick else ("", "")
    if words[0] in ("ce", "cet", "cette", "ces", "this", "these") and noun in lex.institution_nouns:
        # "cet organisme", "cette agence": the institution named last
        pick = next((m for m in before if institution(m) and start - m.end < 1500), None)
        return (pick.actor_id, "description") if pick else ("", "")
    for m in before:
        if m.label in STATE_LABELS:
            continue  # "un scientifique de Singapour": a country in a title is nobody's description
        # the noun beside the name: "le cheikh X", "X, éditorialiste ...", "X, le directeur de ..."
        left = text[max(0, m.start - 40):m.start].lower()
        right = text[m.end:m.end + 60].lower()
        right = right.split(".")[0]
        if stem in left.split()[-3:] or any(w.startswith(stem) for w in left.split()[-3:]):
            return m.actor_id, "description"
        if right.startswith(",") and any(w.startswith(stem) for w in right[1:].split(",")[0].split()[:4]):
            return m.actor_id, "description"
    for m in before:
        # an organisation named with the noun in its name: "le centre" -> "Centre national des ouragans"
        if institution(m) and stem in m.text.lower().split()[:2]:
            return m.actor_id, "description"
    if noun in lex.outlet_nouns:
        # "le mensuel", "le quotidien américain": the outlet named last (outlets are named before)
        pick = next((m for m in before if institution(m) and start - m.end < 2000), None)
        if pick:
            return pick.actor_id, "description"
    if noun in lex.government_nouns:
        states = Counter(m.actor_id for m in mentions if m.actor_id and m.label in STATE_LABELS and m.end <= start + 200)
        if states:
            return states.most_common(1)[0][0], "government"
    return "", ""
