"""The grammar's context and its calendar rules: full dates, days, months, years, seasons,
parts of periods ("fin de l'année dernière"), and the named-events lexicon (data/timex_events.yaml)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from analysis.map.dates.tense import _tense_en, tense_of
from analysis.map.dates.values import (
    _add_months,
    _grain_interval,
    _iso_month,
    _iso_week,
    _part,
    _safe_date,
    _span,
    resolve_day_month,
    resolve_month,
)
from analysis.map.dates.vocabulary import (
    _I,
    EVENTS_FILE,
    MONTH,
    WEEKDAYS_EN,
    WEEKDAYS_FR,
    YEAR,
    Date,
    _alt,
    _day_num,
    _month_num,
    _rx,
)

if TYPE_CHECKING:
    from spacy.tokens import Span


# ---------------------------------------------------------------- events lexicon

@functools.lru_cache(maxsize=None)
def load_events(path: str | None = None) -> tuple[list[tuple[str, str]], re.Pattern | None]:
    """(pattern, value) pairs of the named-events lexicon and one regex over all patterns."""
    data = yaml.safe_load(Path(path or EVENTS_FILE).read_text(encoding="utf-8")) or {}
    pairs = [(p, str(e["value"])) for e in data.get("events", []) for p in e.get("patterns", [])]
    if not pairs:
        return [], None
    return pairs, re.compile(_alt([p for p, _ in pairs]), _I)


def _event_value(phrase: str) -> str:
    norm = re.sub(r"[’']", "'", phrase.lower())
    for p, v in load_events()[0]:
        if re.sub(r"[’']", "'", p.lower()) == norm:
            return v
    return ""


# ---------------------------------------------------------------- the grammar

@dataclass
class _Ctx:
    """What a rule needs to resolve a match: the anchor, how it is known, the sentence and its tense."""

    sent: Span | None
    text: str
    anchor: Date | None
    rel_basis: str  # publication | inferred_publication
    lang: str
    _tenses: dict = field(default_factory=dict)

    def tense(self, m: re.Match) -> str | None:
        key = (m.start(), m.end())
        lead = (self.text[max(0, m.start() - 12):m.start()] + " " + m.group(0)[:12]).lower()
        if re.search(r"\b(?:depuis|since)\s", lead):
            return "past"  # "depuis octobre" looks back whatever the verb's tense
        if re.search(r"\bd['’]ici\b", lead):
            return "fut"
        if key not in self._tenses:
            if self.lang == "en" or self.sent is None:
                self._tenses[key] = _tense_en(self.text)
            else:
                self._tenses[key] = tense_of(self.sent, *key)
        return self._tenses[key]

    def rel(self, value: str) -> tuple[str, str]:
        """A value resolved against the anchor, with its basis (empty when there is no anchor)."""
        return (value, self.rel_basis) if self.anchor and value else ("", "context")


Result = tuple[str, str, str] | None  # (type, value, basis)
Rule = tuple[str, re.Pattern, Callable[[re.Match, _Ctx], Result]]


def _g(m: re.Match, name: str) -> str:
    try:
        return m.group(name) or ""
    except IndexError:
        return ""


def _capital_month_ok(m: re.Match, name: str = "m") -> bool:
    """A capitalised French month mid-sentence is a name ("Mars" the planet), not a month."""
    word = _g(m, name)
    if not word or not word[0].isupper():
        return True
    before = m.string[:m.start(name)].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "«", "\"", "—", "–", "-", "(")) or \
        bool(re.search(r"\d\s*$|\b1er\s*$", before))


def _year_ok(m: re.Match, cx: _Ctx, name: str = "y") -> bool:
    """A year is a date, not a quantity ("2000 soldats"), and not a part of a bigger number."""
    after = m.string[m.end(name):]
    if re.match(r"\s?\d{3}\b|\s*%|\s*(?:euros?|dollars?|€|\$|km|kilomètres|tonnes|personnes|soldats|morts|"
                r"habitants|hommes|femmes|enfants|manifestants|militaires|victimes|réfugiés|migrants|exemplaires|"
                r"voix|sièges|élèves|people|soldiers|troops|dead)\b", after, _I):
        return False
    before = m.string[:m.start(name)]
    if re.search(r"\d[\s.,]?$", before):
        return False
    if cx.sent is not None:
        base = cx.sent.start_char
        for t in cx.sent:
            if t.idx - base == m.start(name):
                return not (t.dep_ == "nummod" and t.head.pos_ == "NOUN" and t.head.i > t.i)
    return True


def _full(m: re.Match, cx: _Ctx) -> Result:
    d = _safe_date(int(m.group("y")), _month_num(m.group("m")), _day_num(m.group("d")))
    return ("date", d.isoformat(), "absolute") if d else None


def _numeric(m: re.Match, cx: _Ctx) -> Result:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = (b, a) if cx.lang == "en" and a <= 12 else (a, b)
    d = _safe_date(y, month, day)
    return ("date", d.isoformat(), "absolute") if d else None


def _iso(m: re.Match, cx: _Ctx) -> Result:
    d = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return ("date", d.isoformat(), "absolute") if d else None


def _day_month(m: re.Match, cx: _Ctx) -> Result:
    if not _capital_month_ok(m):
        return None
    day, month = _day_num(m.group("d")), _month_num(m.group("m"))
    wd = _g(m, "wd")
    weekday = (WEEKDAYS_FR.get(wd.lower()) if wd.lower() in WEEKDAYS_FR else WEEKDAYS_EN.get(wd.lower())) if wd else None
    if not _safe_date(2024, month, day):
        return None
    if not cx.anchor:
        return ("date", "", "context")
    d = resolve_day_month(cx.anchor, day, month, tense=cx.tense(m), weekday=weekday)
    return ("date", *cx.rel(d.isoformat() if d else ""))


def _day_range(m: re.Match, cx: _Ctx) -> Result:
    if not _capital_month_ok(m):
        return None
    d1, d2, month = _day_num(m.group("d1")), _day_num(m.group("d2")), _month_num(m.group("m"))
    m1 = _month_num(_g(m, "m1")) if _g(m, "m1") else month
    if m1 == month and d2 <= d1:
        return None
    y = _g(m, "y")
    if y:
        a, b = _safe_date(int(y), m1, d1), _safe_date(int(y), month, d2)
        if a and b and m1 > month:
            a = _safe_date(int(y) - 1, m1, d1)
        return ("date", _span(a, b), "absolute") if a and b else None
    if not cx.anchor:
        return ("date", "", "context")
    a = resolve_day_month(cx.anchor, d1, m1, tense=cx.tense(m))
    if not a:
        return None
    b = _safe_date(a.year, month, d2)
    if b and b < a:
        b = _safe_date(a.year + 1, month, d2)
    return ("date", *cx.rel(_span(a, b) if b else ""))


def _month_year(m: re.Match, cx: _Ctx) -> Result:
    if not _capital_month_ok(m) or not _year_ok(m, cx):
        return None
    return ("date", _iso_month(int(m.group("y")), _month_num(m.group("m"))), "absolute")


def _month_range(m: re.Match, cx: _Ctx) -> Result:
    """de juin à décembre 2019, entre mars et mai: an interval of whole months."""
    if not _capital_month_ok(m, "m1") or not _capital_month_ok(m):
        return None
    m1, m2 = _month_num(m.group("m1")), _month_num(m.group("m"))
    if _g(m, "y"):
        y2 = int(m.group("y"))
        y1 = y2 if m1 <= m2 else y2 - 1
        return ("date", f"{_iso_month(y1, m1)}/{_iso_month(y2, m2)}", "absolute")
    if not cx.anchor:
        return ("date", "", "context")
    y1, _ = resolve_month(cx.anchor, m1, tense=cx.tense(m))
    y2 = y1 if m1 <= m2 else y1 + 1
    return ("date", *cx.rel(f"{_iso_month(y1, m1)}/{_iso_month(y2, m2)}"))


def _month_alone(m: re.Match, cx: _Ctx) -> Result:
    if not _capital_month_ok(m):
        return None
    if re.match(r"\s+(?:19|20)\d\d\b", m.string[m.end():]):
        return None  # a month-year expression takes it
    if not cx.anchor:
        return ("date", "", "context")
    rel = _g(m, "rel").lower()
    y, mo = resolve_month(cx.anchor, _month_num(m.group("m")), tense=cx.tense(m), rel=rel)
    return ("date", *cx.rel(_iso_month(y, mo)))


def _year(m: re.Match, cx: _Ctx) -> Result:
    if not _year_ok(m, cx):
        return None
    return ("date", m.group("y"), "absolute")


def _year_range(m: re.Match, cx: _Ctx) -> Result:
    a, b = int(m.group("y1")), int(m.group("y2"))
    if not (a < b <= a + 100) or not _year_ok(m, cx, "y2"):
        return None
    return ("date", f"{a}/{b}", "absolute")


def _short_year_range(m: re.Match, cx: _Ctx) -> Result:
    a = int(m.group("y1"))
    b = a // 100 * 100 + int(m.group("y2"))
    return ("date", f"{a}/{b}", "absolute") if a < b else None


def _decade(m: re.Match, cx: _Ctx) -> Result:
    y = m.group("dec")
    start = int(y) if len(y) == 4 else 1900 + int(y)
    if start % 10:
        return None
    return ("date", f"{start}/{start + 9}", "absolute")


_ROMAN = {"XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21, "XVII": 17, "XVI": 16}


def _century(m: re.Match, cx: _Ctx) -> Result:
    c = _ROMAN.get(m.group("c").upper())
    if not c:
        return None
    return ("date", f"{(c - 1) * 100}/{(c - 1) * 100 + 99}", "absolute")


def _season_interval(y: int, season: str) -> tuple[Date, Date]:
    s = season.lower()
    if s in ("printemps", "spring"):
        return Date(y, 3, 20), Date(y, 6, 20)
    if s in ("été", "summer"):
        return Date(y, 6, 21), Date(y, 9, 22)
    if s in ("automne", "autumn", "fall"):
        return Date(y, 9, 23), Date(y, 12, 20)
    return Date(y, 12, 21), Date(y + 1, 3, 19)


def _season(m: re.Match, cx: _Ctx) -> Result:
    season, qual = m.group("s"), _g(m, "q").lower()
    if re.fullmatch(YEAR, qual or "x"):
        return ("date", _span(*_season_interval(int(qual), season)), "absolute")
    if not cx.anchor:
        return ("date", "", "context")
    a = cx.anchor
    y = a.year
    if qual in ("dernier", "passé"):
        y -= 1
    elif qual == "prochain":
        y += 1
    else:  # "cet été": this year's, but a past-tense verb before summer means last year's
        start, _ = _season_interval(y, season)
        if cx.tense(m) == "past" and start > a:
            y -= 1
    return ("date", *cx.rel(_span(*_season_interval(y, season))))


def _part_of(m: re.Match, cx: _Ctx) -> Result:
    """début / mi- / fin + a year, month or relative period ("fin de l'année dernière", "début 2023")."""
    part = m.group("part")
    base_text = m.group("base")
    sub = _base_value(base_text, m, cx)
    if sub is None:
        return None
    value, basis = sub
    if not value:
        return ("date", "", basis)
    gi = _grain_interval(value)
    if not gi:
        return None
    if part.lower() == "début" and re.search(r"\b(?:depuis|dès)\s", m.group(0), _I):
        return ("date", gi[0].isoformat(), basis)  # "depuis le début de l'année": since its first day
    a, b = _part(gi[0], gi[1], part, gi[2])
    return ("date", _span(a, b), basis)


_BASE_YEAR_REL = _rx(r"^(?:de\s+|d')?(?:l'année|l'an|cette année|ce\s+mois(?:-ci)?|le\s+mois|la\s+semaine|cette\s+semaine|"
                     r"la\s+journée|l'été|l'hiver)(?:\s+(?P<rel>dernière|dernier|passée|passé|prochaine|prochain|"
                     r"précédente|suivante|en cours))?$")


def _base_value(base: str, m: re.Match, cx: _Ctx) -> tuple[str, str] | None:
    """Value and basis of the period a part-of expression refers to."""
    b = re.sub(r"\s+", " ", base.strip())
    b = re.sub(r"^(?:de |d['’]|du )", "", b, flags=_I)
    if re.fullmatch(YEAR, b):
        return b, "absolute"
    mm = re.fullmatch(rf"({MONTH})(?: ({YEAR}))?", b, _I)
    if mm:
        if mm.group(2):
            return _iso_month(int(mm.group(2)), _month_num(mm.group(1))), "absolute"
        if not cx.anchor:
            return "", "context"
        y, mo = resolve_month(cx.anchor, _month_num(mm.group(1)), tense=cx.tense(m))
        return cx.rel(_iso_month(y, mo))
    low = b.lower().replace("’", "'")
    if not cx.anchor:
        return "", "context"
    a = cx.anchor
    rel = re.search(r"(dernière|dernier|passée|passé|prochaine|prochain|précédente|suivante)$", low)
    step = 0
    if rel:
        step = 1 if rel.group(1).startswith(("proch", "suiv")) else -1
        if rel.group(1).startswith(("préc", "suiv")):
            return "", "context"
    if "semaine" in low:
        return cx.rel(_iso_week(a + dt.timedelta(weeks=step)))
    if "mois" in low:
        d = _add_months(a, step)
        return cx.rel(_iso_month(d.year, d.month))
    if "journée" in low:
        return cx.rel(a.isoformat())
    if "année" in low or re.search(r"\ban\b", low):
        return cx.rel(str(a.year + step))
    return None
