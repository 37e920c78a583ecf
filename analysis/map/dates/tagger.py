"""A French-first (and English) temporal tagger: finds TIMEX3-like expressions and normalises them.

Finding is our own regular grammar (dateparser's `search_dates` yields junk such as "dans sa");
every expression found is parsed by the same grammar, so no date library runs per sentence.
Relative expressions ("mardi", "en septembre", "vendredi dernier") are resolved against the
publication date and the tense of the governing verb read from spaCy's parse and morphology.
Values follow CONTRACT.md: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, START/END, durations P18M/PT2H/PXY."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.map.dates.grammar import _GATES, _RULE_GATE, _TRIGGER, _rules
from analysis.map.dates.rules import _Ctx, load_events
from analysis.map.dates.vocabulary import Date
from analysis.records import Timex

if TYPE_CHECKING:
    from analysis.records import ParsedArticle
    from spacy.tokens import Span


# ---------------------------------------------------------------- public interface

def tag_text(text: str, *, anchor: Date | None, anchor_basis: str = "metadata", language: str = "fr",
             sent: Span | None = None) -> list[tuple[int, int, str, str, str]]:
    """(start, end, type, value, basis) for every expression in `text` (offsets into `text`).

    `sent` (the spaCy span whose text is `text`) gives the tense of the governing verb.
    """
    if not _TRIGGER.search(text):
        return []
    cx = _Ctx(sent, text, anchor, "inferred_publication" if anchor_basis == "inferred" else "publication",
              "en" if language == "en" else "fr")
    cands = []
    gates: dict[str, bool] = {}
    for prio, (name, rx, handler) in enumerate(_rules(cx.lang)):
        gate = _RULE_GATE.get(name) if cx.lang == "fr" else None
        if gate:
            if gate not in gates:
                gates[gate] = bool(_GATES[gate].search(text))
            if not gates[gate]:
                continue
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            cands.append((m.start(), m.end(), prio, m, handler))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, str, str, str]] = []
    for start, end, _prio, m, handler in cands:
        if any(start < e and s < end for s, e, *_ in taken):
            continue
        res = handler(m, cx)
        if res is None:
            continue
        s, e = _trim(text, start, end)
        taken.append((s, e, *res))
    return _merge(text, sorted(taken))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t,(":
        start += 1
    while end > start and text[end - 1] in " \t,)":
        end -= 1
    return start, end


def _merge(text: str, items: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """Join an event or date with the explicit date or clock time that follows it ("après la chute de
    l'URSS en 1991", "mardi à 14 heures"): one expression, valued by its most precise part."""
    out: list[tuple[int, int, str, str, str]] = []
    for item in items:
        if out:
            ps, pe, pt, pv, pb = out[-1]
            s, e, t, v, b = item
            gap = text[pe:s]
            if re.fullmatch(r"\s*,?\s*", gap) and pt in ("date", "time") and t in ("date", "time"):
                if t == "time" and not v:  # a clock time adds the hour to the date before it
                    out[-1] = (ps, e, "time", pv, pb)
                    continue
                if pb == "absolute" and b == "absolute" and _is_event_text(text[ps:pe]) and v:
                    out[-1] = (ps, e, t, v, b)
                    continue
        out.append(item)
    return out


def _is_event_text(span_text: str) -> bool:
    rx = load_events()[1]
    return bool(rx and rx.search(span_text))


def tag_sentence(sent: Span, *, sent_id: int, offset: int, anchor: Date | None, anchor_basis: str,
                 language: str = "fr") -> list[Timex]:
    """Temporal expressions of one spaCy sentence; offsets into the article (`offset` = its Doc's start)."""
    text = sent.text
    base = offset + sent.start_char
    return [Timex(sent_id, base + s, base + e, text[s:e], t, v, b)
            for s, e, t, v, b in tag_text(text, anchor=anchor, anchor_basis=anchor_basis, language=language, sent=sent)]


def tag_article(parsed: ParsedArticle) -> list[Timex]:
    """Every sentence's temporal expressions, resolved against the article's publication date."""
    anchor = None
    if parsed.published:
        try:
            anchor = Date.fromisoformat(parsed.published[:10])
        except ValueError:
            anchor = None
    out: list[Timex] = []
    for s in parsed.sentences:
        if s.span is None:
            continue
        out += tag_sentence(s.span, sent_id=s.sent_id, offset=parsed.blocks[s.block].start, anchor=anchor,
                            anchor_basis=parsed.published_basis if anchor else "none", language=parsed.language)
    return out


_ABS_NAMES = ("full", "numeric", "iso", "en_full_mdy", "en_full_dmy")


def find_absolute_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, 'YYYY-MM-DD') of every full day-month-year date in plain text, French and English."""
    out = []
    cx = _Ctx(None, text, None, "publication", "fr")
    for lang in ("fr", "en"):
        cx.lang = lang
        for name, rx, handler in _rules(lang):
            if name not in _ABS_NAMES:
                continue
            for m in rx.finditer(text):
                res = handler(m, cx)
                if res and res[1]:
                    s, e = _trim(text, m.start(), m.end())
                    if not any(s < oe and os < e for os, oe, _ in out):
                        out.append((s, e, res[1]))
    return sorted(out)


_SINCE = re.compile(r"^(depuis|dès|since)\b", re.IGNORECASE)


def event_date(claim_sent_id: int, *, para_sent_ids: list[int], timexes: list[Timex], published: str,
               published_basis: str) -> tuple[str, str]:
    """When a claim's event happens: its own sentence's date (explicit), else the nearest dated sentence
    of its paragraph (context, earlier sentence on ties), else the publication date (publication)."""
    # "depuis 1953", "since 2019" date the start of a state of affairs, not the claimed event
    dated = [t for t in timexes if t.type in ("date", "time") and t.value and not _SINCE.match(t.text)]
    own = [t for t in dated if t.sent_id == claim_sent_id]
    if own:
        return own[0].value, "explicit"
    near = [t for t in dated if t.sent_id in set(para_sent_ids) and t.sent_id != claim_sent_id]
    if near:
        best = min(near, key=lambda t: (abs(t.sent_id - claim_sent_id), t.sent_id > claim_sent_id, t.start))
        return best.value, "context"
    if published:
        return published[:10], "publication"
    return "", ""
