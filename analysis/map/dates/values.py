"""ISO 8601 values (months, weeks, intervals, durations) and resolution against an anchor date."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from analysis.map.dates.vocabulary import UNITS_EN, UNITS_FR, Date


# ---------------------------------------------------------------- values

def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _iso_week(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month_end(y: int, m: int) -> Date:
    return Date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: Date, n: int) -> Date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return Date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _span(a: Date, b: Date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def _duration(n: float | None, unit: str, *, half: bool = False, vague: bool = False) -> str:
    """ISO 8601 duration for n units ("PT2H", "P18M"); X for vague quantities ("PXY")."""
    code, is_time, mult = (UNITS_FR.get(unit.lower()) or UNITS_EN.get(unit.lower()) or ("D", False, 1))
    prefix = "PT" if is_time else "P"
    if vague or n is None:
        return f"{prefix}X{code}"
    n = n * mult + (0.5 * mult if half else 0)
    if code == "Y" and n != int(n):
        return f"P{int(n * 12)}M"
    if code == "H" and n != int(n):
        return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
    return f"{prefix}{int(n) if n == int(n) else n}{code}"


def _part(a: Date, b: Date, part: str, grain: str) -> tuple[Date, Date]:
    """Beginning / middle / end of an interval: a quarter of a year, ten days of a month, thirds otherwise."""
    part = part.lower().rstrip("-")
    if grain == "year":
        y = a.year
        return {"début": (Date(y, 1, 1), Date(y, 3, 31)), "mi": (Date(y, 5, 1), Date(y, 8, 31)),
                "milieu": (Date(y, 5, 1), Date(y, 8, 31))}.get(part, (Date(y, 10, 1), Date(y, 12, 31)))
    if grain == "month":
        y, m = a.year, a.month
        return {"début": (Date(y, m, 1), Date(y, m, 10)), "mi": (Date(y, m, 11), Date(y, m, 20)),
                "milieu": (Date(y, m, 11), Date(y, m, 20))}.get(part, (Date(y, m, 21), _month_end(y, m)))
    days = (b - a).days + 1
    third = max(days // 3, 1)
    if part == "début":
        return a, a + dt.timedelta(days=third - 1)
    if part in ("mi", "milieu"):
        return a + dt.timedelta(days=third), b - dt.timedelta(days=third)
    return b - dt.timedelta(days=third - 1), b


def _grain_interval(value: str) -> tuple[Date, Date, str] | None:
    """Interval and granularity of a single ISO value (YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD)."""
    if re.fullmatch(r"\d{4}", value):
        y = int(value)
        return Date(y, 1, 1), Date(y, 12, 31), "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = map(int, value.split("-"))
        return Date(y, m, 1), _month_end(y, m), "month"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        monday = Date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return monday, monday + dt.timedelta(days=6), "week"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = Date.fromisoformat(value)
        return d, d, "day"
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = _grain_interval(a), _grain_interval(b)
        if ia and ib:
            return ia[0], ib[1], "interval"
    return None


# ---------------------------------------------------------------- resolution against the anchor

def resolve_weekday(anchor: Date, weekday: int, *, tense: str | None, rel: str = "") -> Date:
    """The date of a weekday named in copy published on `anchor`.

    "dernier" is strictly before the anchor, "prochain" strictly after; past tense takes the most
    recent such day up to the anchor itself (agency copy says "mercredi" for the day of
    publication too), future the first one from the anchor on; present or no verb the nearest.
    """
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if rel in ("dernier", "passé", "last"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("prochain", "next"):
        return anchor + dt.timedelta(days=fwd or 7)
    if tense == "past":
        return anchor - dt.timedelta(days=back)
    if tense == "fut":
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)


def resolve_month(anchor: Date, month: int, *, tense: str | None, rel: str = "") -> tuple[int, int]:
    """(year, month) of a month named without a year: the anchor's year unless the tense says otherwise."""
    y = anchor.year
    if rel in ("dernier", "passé", "last"):
        return (y, month) if month < anchor.month else (y - 1, month)
    if rel in ("prochain", "next"):
        return (y, month) if month > anchor.month else (y + 1, month)
    if tense == "past" and month > anchor.month:
        return y - 1, month
    if tense == "fut" and month < anchor.month:
        return y + 1, month
    return y, month


def resolve_day_month(anchor: Date, day: int, month: int, *, tense: str | None,
                      weekday: int | None = None) -> Date | None:
    """A day and month without a year: the year that agrees with a stated weekday and the tense."""
    cands = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    if weekday is not None and any(d.weekday() == weekday for d in cands):
        cands = [d for d in cands if d.weekday() == weekday]
    if not cands:
        return None
    slack = dt.timedelta(days=7)  # a past event may sit a few days after an inferred anchor
    if tense == "past" and (past := [d for d in cands if d <= anchor + slack]):
        return max(past)
    if tense == "fut" and (fut := [d for d in cands if d >= anchor - slack]):
        return min(fut)
    return min(cands, key=lambda d: abs((d - anchor).days))
