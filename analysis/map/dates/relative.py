"""The grammar's relative rules: weekdays, "hier", "il y a trois ans", "le mois dernier",
durations, sets and named events, resolved against the anchor."""
from __future__ import annotations

import datetime as dt
import re

from analysis.map.dates.rules import Result, _base_value, _Ctx, _event_value, _g
from analysis.map.dates.values import (
    _add_months,
    _duration,
    _grain_interval,
    _iso_month,
    _iso_week,
    _month_end,
    _safe_date,
    _span,
    resolve_weekday,
)
from analysis.map.dates.vocabulary import (
    _I,
    APPROX_FR,
    DURATION_NOUNS,
    UNITS_EN,
    UNITS_FR,
    WEEKDAYS_EN,
    WEEKDAYS_FR,
    Date,
    parse_number,
)


def _weekday(m: re.Match, cx: _Ctx) -> Result:
    wd = m.group("wd").lower()
    weekday = WEEKDAYS_FR.get(wd, WEEKDAYS_EN.get(wd))
    if weekday is None:
        return None
    if not cx.anchor:
        return ("date", "", "context")
    rel = (_g(m, "rel") or _g(m, "erel")).lower()
    if _g(m, "pre").lower() in ("ce", "this"):
        d = resolve_weekday(cx.anchor, weekday, tense=None)
    else:
        d = resolve_weekday(cx.anchor, weekday, tense=cx.tense(m), rel=rel)
    return ("date", *cx.rel(d.isoformat()))


def _weekday_range(m: re.Match, cx: _Ctx) -> Result:
    w1, w2 = WEEKDAYS_FR[m.group("w1").lower()], WEEKDAYS_FR[m.group("w2").lower()]
    if not cx.anchor:
        return ("date", "", "context")
    a = resolve_weekday(cx.anchor, w1, tense=cx.tense(m))
    b = a + dt.timedelta(days=(w2 - w1) % 7 or 7)
    return ("date", *cx.rel(_span(a, b)))


_DEICTIC = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2,
            "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "cette nuit": 0, "ce midi": 0, "la nuit dernière": -1,
            "yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this morning": 0, "this afternoon": 0,
            "this evening": 0, "last night": -1}


def _deictic(m: re.Match, cx: _Ctx) -> Result:
    word = re.sub(r"\s+", " ", m.group("w").lower().replace("’", "'"))
    if not cx.anchor:
        return ("date", "", "context")
    return ("date", *cx.rel((cx.anchor + dt.timedelta(days=_DEICTIC[word])).isoformat()))


def _relative_unit(m: re.Match, cx: _Ctx) -> Result:
    """l'année dernière, le mois prochain, cette semaine, last year..."""
    text = re.sub(r"\s+", " ", m.group(0).lower().replace("’", "'"))
    if re.search(r"précédent|suivant|-là\b", text):
        return ("date", "", "context")
    sub = _base_value(text.replace("last ", "").replace("next ", "").replace("this ", ""), m, cx) \
        if not re.search(r"\b(last|next|this)\b", text) else _base_value_en(text, cx)
    if sub is None:
        return None
    return ("date", *sub)


def _base_value_en(text: str, cx: _Ctx) -> tuple[str, str] | None:
    if not cx.anchor:
        return "", "context"
    a = cx.anchor
    step = -1 if "last" in text else 1 if "next" in text else 0
    if "week" in text:
        return cx.rel(_iso_week(a + dt.timedelta(weeks=step)))
    if "month" in text:
        d = _add_months(a, step)
        return cx.rel(_iso_month(d.year, d.month))
    if "year" in text:
        return cx.rel(str(a.year + step))
    return None


def _earlier_later(m: re.Match, cx: _Ctx) -> Result:
    """plus tôt cette année (START of year/anchor), plus tard ce mois-ci (anchor/END of month)..."""
    if not cx.anchor:
        return ("date", "", "context")
    a = cx.anchor
    text = m.group(0).lower()
    later = bool(re.search(r"tard|later", text))
    if re.search(r"année|\ban\b|year", text):
        lo, hi = Date(a.year, 1, 1), Date(a.year, 12, 31)
    elif re.search(r"mois|month", text):
        lo, hi = Date(a.year, a.month, 1), _month_end(a.year, a.month)
    elif re.search(r"semaine|week", text):
        lo = a - dt.timedelta(days=a.weekday())
        hi = lo + dt.timedelta(days=6)
    else:  # dans la journée, ce jour
        lo = hi = a
    return ("date", *cx.rel(_span(a, hi) if later else _span(lo, a)))


def _shift(a: Date, n: int, code: str) -> str:
    if code == "D":
        return (a + dt.timedelta(days=n)).isoformat()
    if code == "W":
        return _iso_week(a + dt.timedelta(weeks=n))
    if code == "M":
        d = _add_months(a, n)
        return _iso_month(d.year, d.month)
    if code == "Y":
        return str(a.year + n)
    return a.isoformat()  # hours, minutes: the same day


def _ago(m: re.Match, cx: _Ctx) -> Result:
    """il y a deux ans (anchor - 2 years at year granularity), dans trois semaines, two days ago."""
    unit = m.group("u")
    code, is_time, mult = UNITS_FR.get(unit.lower()) or UNITS_EN.get(unit.lower())
    if not cx.anchor or _g(m, "vague"):  # "il y a quelques jours": in the past, but not placeable
        return ("date", "", "context")
    n = parse_number(m.group("n"))
    if n is None or n != int(n):
        return None
    sign = 1 if re.match(r"dans|in\b", m.group(0), _I) else -1
    return ("date", *cx.rel(_shift(cx.anchor, sign * int(n) * mult, "D" if is_time else code)))


def _is_age(m: re.Match) -> bool:
    """"âgé de 35 ans", "Kim, 39 ans,", "(39 ans)", "un homme de 35 ans" are ages, not durations."""
    if not re.match(r"ans?\b|years?\b", m.group("u"), _I):
        return False
    num_start = m.start("n") if _g(m, "n") else m.start()
    before = m.string[:num_start]
    after = m.string[m.end():]
    if re.search(r"(?:âgée?s?|l'âge|l’âge|aged?)\s+(?:de\s+)?$", before, _I):
        return True
    if re.search(r"\b(?:a|ont|avait|avaient|aura|auront|aurait|auraient|avoir|ayant|ait|aient|eu|fête|fêté|"
                 r"fêtera|à)\s+$", before, _I):
        return True  # "il a 35 ans", "à 44 ans"
    if re.search(r"[,(]\s*$", before) and re.match(r"\s*(?:[,)]|\.(?!\d)|$)", after):
        return True  # "Kim Bayer, 41 ans."
    prev = re.search(r"(\w+)\s+(?:de|d['’])\s*$", before)
    if prev:  # "un potier de 49 ans" is an age, "une peine de 10 ans" a duration
        word = prev.group(1).lower()
        return word not in DURATION_NOUNS and word not in ("plus", "moins", "près", "environ", "au", "bout")
    return bool(re.match(r"\s*-?\s*old\b", after, _I))


def _duration_rule(m: re.Match, cx: _Ctx) -> Result:
    if _is_age(m):
        return None
    unit = m.group("u")
    pre = _g(m, "pre").lower()
    if unit.lower() == "h" and not re.fullmatch(r"\d+", _g(m, "n")):
        return None
    if unit.lower() in ("h", "heure", "heures") and re.fullmatch(r"\d+", _g(m, "n")) and \
            re.match(r"\s*(?:à|au|-|et)\s*\d{1,2}\s*(?:h|heures?)\b", m.string[m.end():], _I):
        return ("time", "", "context")  # "de 23 heures à 4 heures du matin": clock times
    if _g(m, "vague"):
        v = _g(m, "vague").lower()
        if v in ("des", "de longues", "de longs") and not pre:
            return None
        return ("duration", _duration(None, unit, vague=True), "absolute")
    if _g(m, "approx"):
        n = APPROX_FR.get(_g(m, "approx").split()[-1].lower())
        return ("duration", _duration(n, unit), "absolute")
    n = parse_number(m.group("n"))
    if n is None or n == 0:
        return None
    if n == 1 and not pre and m.group("n").lower() in ("un", "une", "a", "an", "one") and \
            unit.lower() in ("jour", "day", "heure", "an", "année", "mois", "semaine"):
        return None  # "un jour" is "some day"; "d'un mois" needs a preposition to read as a length
    return ("duration", _duration(n, unit, half=bool(_g(m, "half"))), "absolute")


def _last_n(m: re.Match, cx: _Ctx) -> Result:
    """les 12 derniers mois, ces deux dernières années: a duration ending at the anchor."""
    n = parse_number(m.group("n")) if _g(m, "n") else None
    if n is None:
        return None
    return ("duration", _duration(n, m.group("u")), "absolute")


def _recent(m: re.Match, cx: _Ctx) -> Result:
    """récemment: from the first day of the month two months back to the day before the anchor."""
    if not cx.anchor:
        return ("date", "", "context")
    a = cx.anchor
    start = _add_months(Date(a.year, a.month, 1), -2)
    return ("date", *cx.rel(_span(start, a - dt.timedelta(days=1))))


def _recent_unit(m: re.Match, cx: _Ctx) -> Result:
    """ces derniers jours / semaines / mois / années: a vague past period ending at the anchor."""
    if not cx.anchor:
        return ("date", "", "context")
    a, u = cx.anchor, m.group("u").lower()
    if u.startswith(("jour", "day")):
        start = a - dt.timedelta(days=7)
    elif u.startswith(("semaine", "week")):
        start = a - dt.timedelta(weeks=4)
    elif u.startswith(("mois", "month")):
        start = _add_months(a, -6)
    else:
        start = Date(a.year - 5, 1, 1)
    return ("date", *cx.rel(_span(start, a)))


def _present(m: re.Match, cx: _Ctx) -> Result:
    """actuellement / en ce moment: the week starting at the reference date (the present, loosely)."""
    if not cx.anchor:
        return ("date", "", "context")
    return ("date", *cx.rel(_span(cx.anchor, cx.anchor + dt.timedelta(days=6))))


def _coming(m: re.Match, cx: _Ctx) -> Result:
    """dans les mois à venir, les prochains jours: a vague future period starting at the anchor."""
    if not cx.anchor:
        return ("date", "", "context")
    a, u = cx.anchor, m.group("u").lower()
    if u.startswith(("jour", "day")):
        end = a + dt.timedelta(days=7)
    elif u.startswith(("semaine", "week")):
        end = a + dt.timedelta(weeks=6)
    elif u.startswith(("mois", "month")):
        end = Date(a.year, 12, 31)  # the rest of the year, or six months when the year is nearly over
        if (end - a).days < 90:
            six = _add_months(a, 6)
            end = _month_end(six.year, six.month)
    else:
        end = Date(a.year + 5, 12, 31)
    return ("date", *cx.rel(_span(a, end)))


def _soon(m: re.Match, cx: _Ctx) -> Result:
    if not cx.anchor:
        return ("date", "", "context")
    return ("date", *cx.rel(_span(cx.anchor, _add_months(cx.anchor, 2))))


def _set(m: re.Match, cx: _Ctx) -> Result:
    """chaque année, tous les jours, tous les deux ans, chaque lundi: recurring times."""
    u = m.group("u").lower().rstrip("s")
    n = parse_number(_g(m, "n")) if _g(m, "n") else 1
    if u in WEEKDAYS_FR or u in WEEKDAYS_EN:
        return ("set", f"XXXX-WXX-{(WEEKDAYS_FR.get(u, WEEKDAYS_EN.get(u)) or 0) + 1}", "absolute")
    unit = next((w for w in (u, u + "s", m.group("u").lower()) if w in UNITS_FR or w in UNITS_EN), "")
    if not unit or n is None:
        return None
    return ("set", _duration(n, unit), "absolute")


def _event(m: re.Match, cx: _Ctx) -> Result:
    """depuis le début de l'invasion de l'Ukraine, après la chute du mur de Berlin, le 75e anniversaire de..."""
    value = _event_value(m.group("ev"))
    if not value:
        return None
    gi = _grain_interval(value)
    if not gi:
        return None
    start, end, _ = gi
    if cx.anchor and cx.anchor < start:
        return None  # the article predates the event: the phrase means something else
    nth = _g(m, "nth")
    if nth:
        n = int(re.sub(r"\D", "", nth))
        d = _safe_date(start.year + n, start.month, start.day)
        return ("date", d.isoformat(), "absolute") if d else None
    pre = (_g(m, "pre") + " " + _g(m, "part")).lower()
    if "/" not in value:
        return ("date", value, "absolute")
    if re.search(r"fin|après|after|end", pre):
        return ("date", end.isoformat(), "absolute")
    if re.search(r"début|depuis|dès|avant|since|before|start|beginning", pre):
        return ("date", start.isoformat(), "absolute")
    return ("date", value, "absolute")


def _clock(m: re.Match, cx: _Ctx) -> Result:
    h = int(m.group("h"))
    return ("time", "", "context") if h <= 24 else None
