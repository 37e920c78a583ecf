"""A French-first (and English) temporal tagger: finds TIMEX3-like expressions and normalises them.

Finding is our own regular grammar (dateparser's `search_dates` yields junk such as "dans sa");
every expression found is parsed by the same grammar, so no date library runs per sentence.
Relative expressions ("mardi", "en septembre", "vendredi dernier") are resolved against the
publication date and the tense of the governing verb read from spaCy's parse and morphology.
Values follow CONTRACT.md: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, START/END, durations P18M/PT2H/PXY.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from analysis.records import Timex

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from analysis.records import ParsedArticle

EVENTS_FILE = Path(__file__).resolve().parents[1] / "data" / "timex_events.yaml"
_I = re.IGNORECASE
Date = dt.date

# ---------------------------------------------------------------- vocabulary

MONTHS_FR = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
             "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
MONTHS_FR_ABBR = {"janv": 1, "févr": 2, "fevr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
                  "déc": 12, "dec": 12}
MONTHS_EN = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
             "September": 9, "October": 10, "November": 11, "December": 12}
MONTHS_EN_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                  "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS_FR = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
              "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
              "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
              "soixante": 60, "cent": 100, "cents": 100, "mille": 1000}
NUMBERS_EN = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
              "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
              "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
              "hundred": 100}
APPROX_FR = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
             "cinquantaine": 50, "soixantaine": 60, "centaine": 100}
# unit word -> (ISO designator, is a time unit, multiplier)
UNITS_FR = {"seconde": ("S", True, 1), "secondes": ("S", True, 1), "minute": ("M", True, 1),
            "minutes": ("M", True, 1), "heure": ("H", True, 1), "heures": ("H", True, 1), "h": ("H", True, 1),
            "jour": ("D", False, 1), "jours": ("D", False, 1), "journée": ("D", False, 1),
            "journées": ("D", False, 1), "semaine": ("W", False, 1), "semaines": ("W", False, 1),
            "mois": ("M", False, 1), "trimestre": ("M", False, 3), "trimestres": ("M", False, 3),
            "semestre": ("M", False, 6), "semestres": ("M", False, 6), "an": ("Y", False, 1),
            "ans": ("Y", False, 1), "année": ("Y", False, 1), "années": ("Y", False, 1),
            "décennie": ("Y", False, 10), "décennies": ("Y", False, 10), "siècle": ("Y", False, 100),
            "siècles": ("Y", False, 100)}
UNITS_EN = {"second": ("S", True, 1), "seconds": ("S", True, 1), "minute": ("M", True, 1),
            "minutes": ("M", True, 1), "hour": ("H", True, 1), "hours": ("H", True, 1), "day": ("D", False, 1),
            "days": ("D", False, 1), "week": ("W", False, 1), "weeks": ("W", False, 1),
            "month": ("M", False, 1), "months": ("M", False, 1), "year": ("Y", False, 1),
            "years": ("Y", False, 1), "decade": ("Y", False, 10), "decades": ("Y", False, 10)}
# verbs whose present tense announces something to come ("est attendu mardi", "doit se rendre")
FUTURE_LEMMAS = {"attendre", "prévoir", "devoir", "programmer", "compter", "envisager", "projeter", "planifier",
                 "espérer", "entendre"}
# nouns after which "de 10 ans" is a length of time; after any other noun it is an age ("un potier de 49 ans")
DURATION_NOUNS = {"peine", "peines", "mandat", "mandats", "période", "durée", "contrat", "plan", "programme",
                  "prison", "réclusion", "détention", "emprisonnement", "guerre", "conflit", "absence", "règne",
                  "exil", "délai", "moratoire", "bail", "trêve", "interdiction", "suspension", "sursis", "cycle",
                  "décennie", "espace", "lendemain", "total", "horizon", "service", "carrière", "pause", "attente",
                  "enquête", "procès", "vie", "stage", "séjour", "voyage", "intervalle", "retard", "grève",
                  "occupation", "siège", "blocus", "confinement", "quarantaine", "embargo", "couvre-feu", "cessez-le-feu",
                  "accord", "prolongation", "extension", "travaux", "projet", "investissement", "budget", "crise",
                  "dictature", "régime", "présidence", "captivité", "mission", "fermeture", "mois", "ans"}


def _alt(words) -> str:
    """Regex alternation of `words`, longest first, apostrophes matching ' and ’."""
    return "(?:" + "|".join(_ap(re.escape(w)) for w in sorted(words, key=len, reverse=True)) + ")"


def _ap(pattern: str) -> str:
    """Let a straight apostrophe in a pattern match the typographic one too."""
    return pattern.replace("['’]", "\x00").replace("'", "['’]").replace("\x00", "['’]")


def _rx(pattern: str, flags: int = _I) -> re.Pattern:
    return re.compile(_ap(pattern), flags)


MONTH = _alt(MONTHS_FR)
MONTH_ABBR = _alt(MONTHS_FR_ABBR) + r"\.?"
WD = _alt(WEEKDAYS_FR)
DAY = r"(?:1er|1re|premier|3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:19|20)\d\d(?![\d,.]\d)"
NUMW = _alt(NUMBERS_FR)
NUMBER = rf"(?:\d+(?:[.,]5)?|{NUMW}\b(?:(?:\s+et\s+|-et-|-|\s+){NUMW}\b)*)"
UNIT = _alt(UNITS_FR)
EN_MONTH = "(?:" + "|".join(MONTHS_EN) + "|" + "|".join(MONTHS_EN_ABBR) + r"\.?)"
EN_WD = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
EN_NUMBER = rf"(?:\d+(?:\.5)?|{_alt(NUMBERS_EN)}\b(?:[\s-]{_alt(NUMBERS_EN)}\b)*)"
EN_UNIT = _alt(UNITS_EN)
PREP_YEAR = ("en|depuis|dès|d'ici à|d'ici|jusqu'en|jusqu'à|avant|après|de|à partir de|vers|pour|entre|courant|"
             "l'an|l'année|en l'an|au cours de l'année|durant l'année|pendant l'année|à l'horizon|horizon|"
             "d'avant|d'après")
PREP_MONTH = ("en|depuis|dès|d'ici|jusqu'en|jusqu'à|avant|après|de|à partir de|courant|au mois de|le mois de|"
              "du mois de|vers|pour|entre")


def _month_num(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS_FR.get(w) or MONTHS_FR_ABBR.get(w) or MONTHS_EN.get(word.rstrip(".").title()) \
        or MONTHS_EN_ABBR.get(word.rstrip(".").title()) or 0


def _day_num(word: str) -> int:
    w = word.lower()
    return 1 if w in ("1er", "1re", "premier") else int(re.sub(r"\D", "", w) or 0)


def parse_number(text: str) -> float | None:
    """French or English cardinal in digits or words ("dix-huit", "quatre-vingt-dix", "twenty-one")."""
    t = text.strip().lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    total, cur = 0, 0
    for w in re.split(r"[\s-]+", t):
        if w in ("et", "and", ""):
            continue
        v = NUMBERS_FR.get(w) or NUMBERS_EN.get(w)
        if v is None:
            return None
        if v == 100:
            cur = (cur or 1) * 100
        elif v == 1000:
            total, cur = total + (cur or 1) * 1000, 0
        elif v == 20 and cur % 100 == 4:  # quatre-vingt(s)
            cur += 76
        else:
            cur += v
    return float(total + cur) if total + cur else None


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


# ---------------------------------------------------------------- tense of the governing verb

def _finite_tense(tok: Token, lemma: str) -> str | None:
    tense, mood = tok.morph.get("Tense"), tok.morph.get("Mood")
    if "Fut" in tense:
        return "fut"
    if "Cnd" in mood:
        return "fut"
    if "Imp" in tense or "Past" in tense:
        return "past"
    if "Pres" in tense:
        return "fut" if lemma in FUTURE_LEMMAS else "pres"
    return None


def _is_predicate(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in tok.children)


def predicate_tense(pred: Token, depth: int = 0) -> str | None:
    """past | pres | fut for a verb (or a nominal predicate), from its auxiliaries and morphology.

    Compound tenses ("se sont rencontrés", "aurait rencontré") are past unless the auxiliary is
    future; "va + infinitive" and "doit/devrait + infinitive" are future; "vient de" is past.
    """
    if depth > 4:
        return None
    kids = list(pred.children)
    aux = [c for c in kids if c.dep_ in ("aux", "aux:tense")]
    if aux:
        a = aux[0]
        if a.lemma_ == "aller":
            return "fut"
        return "fut" if "Fut" in a.morph.get("Tense") else "past"
    support = [c for c in kids if c.dep_ in ("aux:pass", "cop")]
    if support:
        return _finite_tense(support[0], pred.lemma_)
    if pred.lemma_ == "aller" and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in kids):
        return "fut" if not ({"Imp", "Past"} & set(pred.morph.get("Tense"))) else "past"
    if pred.lemma_ == "venir" and any(c.dep_ == "xcomp" and any(g.lower_ in ("de", "d'", "d’") for g in c.children)
                                      for c in kids):
        return "past"
    forms = pred.morph.get("VerbForm")
    if "Inf" in forms:
        head = pred.head
        if head is pred or not _is_predicate(head):
            return None
        if head.lemma_ == "aller":
            return "past" if {"Imp", "Past"} & set(head.morph.get("Tense")) else "fut"
        if head.lemma_ == "venir" and any(c.lower_ in ("de", "d'", "d’") for c in pred.children):
            return "past"
        up = predicate_tense(head, depth + 1)
        if head.lemma_ in FUTURE_LEMMAS | {"pouvoir", "vouloir"} and up == "pres":
            return "fut"
        return up
    if "Part" in forms and "Past" in pred.morph.get("Tense"):
        return "fut" if pred.lemma_ in FUTURE_LEMMAS else "past"
    return _finite_tense(pred, pred.lemma_)


def tense_of(sent: Span, start: int, end: int) -> str | None:
    """Tense governing the characters [start, end) of `sent.text`: climb from the expression to its verb."""
    base = sent.start_char
    toks = [t for t in sent if t.idx - base < end and t.idx + len(t.text) - base > start]
    if not toks:
        return None
    ids = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in ids or t.head is t), toks[0])
    node, seen = top.head, set()
    while node.i not in seen:
        seen.add(node.i)
        if node.i not in ids and _is_predicate(node):
            t = predicate_tense(node)
            if t:
                return t
            break
        if node.head is node:
            break
        node = node.head
    for t in sent:  # no governing verb (a headline, a misparse): the sentence's first tensed verb
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass", "cop") and \
                ("Fin" in t.morph.get("VerbForm") or "Part" in t.morph.get("VerbForm")):
            r = predicate_tense(t)
            if r:
                return r
    return None


_EN_FUT = re.compile(r"\b(will|'ll|shall|going to|expected to|due to|set to|scheduled to|plans? to)\b", _I)
_EN_PAST = re.compile(r"\b(was|were|had|did|said|met|went|told|\w+ed)\b", _I)


def _tense_en(text: str) -> str | None:
    if _EN_FUT.search(text):
        return "fut"
    if _EN_PAST.search(text):
        return "past"
    return "pres"


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


def _build_rules() -> list[Rule]:
    ev = load_events()[1]
    ev_alt = ev.pattern if ev else r"(?!x)x"
    pre_le = r"(?:(?:le|du|au|ce|l'|dès le|depuis le|jusqu'au|à partir du|avant le|après le|d'ici au)\s+)?"
    wd_opt = rf"(?:(?P<wd>{WD})\s+)?"
    tod = r"(?:\s+(?:matin|soir|après-midi|midi|dans la nuit|dans la soirée|dans la matinée|en fin de journée))?"
    part = (r"(?:(?:au|en|à la|à|vers la|vers le|dès la|dès le|d'ici la|d'ici à la|jusqu'à la|jusqu'au|depuis la|"
            r"depuis le|pour la|avant la|avant le|la|le)\s+)?(?P<part>début|fin|milieu|mi)")
    rules: list[Rule] = [
        # absolute dates
        ("full", _rx(rf"{pre_le}{wd_opt}\b(?P<d>{DAY})\s+(?P<m>{MONTH}|{MONTH_ABBR})\s*,?\s+(?P<y>{YEAR})\b{tod}"),
         _full),
        ("numeric", _rx(r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/])"), _numeric),
        ("iso", _rx(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"), _iso),
        ("day_range", _rx(rf"(?:\b(?:du|le|les|entre le|entre les|des|depuis le)\s+)?(?<!\d)(?P<d1>{DAY})\s*"
                          rf"(?:au|-|–|et le|et|à)\s*(?P<d2>{DAY})\s+(?P<m>{MONTH})\b(?:\s+(?P<y>{YEAR})\b)?"), _day_range),
        ("dm_range", _rx(rf"\b(?:du|entre le|depuis le)\s+(?P<d1>{DAY})\s+(?P<m1>{MONTH})\s+(?:au|et le|jusqu'au)\s+"
                         rf"(?P<d2>{DAY})\s+(?P<m>{MONTH})\b(?:\s+(?P<y>{YEAR})\b)?"), _day_range),
        ("day_month", _rx(rf"{pre_le}{wd_opt}(?<![\d,.])\b(?P<d>{DAY})\s+(?P<m>{MONTH})\b(?!-){tod}"), _day_month),
        ("month_range", _rx(rf"\b(?:de|d'|entre|du mois de)\s+(?P<m1>{MONTH})\s+(?:à|au|et|jusqu'à|jusqu'en)\s+"
                            rf"(?P<m>{MONTH})\b(?:\s+(?P<y>{YEAR})\b)?"), _month_range),
        ("month_year", _rx(rf"(?:\b(?:{PREP_MONTH})\s+)?\b(?P<m>{MONTH}|{MONTH_ABBR})\s+(?P<y>{YEAR})\b"), _month_year),
        ("month", _rx(rf"\b(?:(?:{PREP_MONTH})\s+(?P<m>{MONTH})\b(?:\s+(?P<rel>dernier|prochain|passé)\b)?"
                      rf"|(?P<m2>{MONTH})\s+(?P<rel2>dernier|prochain|passé)\b)"),
         lambda m, cx: _month_alone(_Swap(m, {"m": "m2", "rel": "rel2"}), cx) if m.group("m2") else _month_alone(m, cx)),
        ("part", _rx(rf"{part}(?:\s*-\s*|\s+)(?:de\s+|du\s+|d')?(?P<base>(?:(?:l'année|l'an)(?:\s+(?:dernière|dernier|passée|"
                     rf"passé|prochaine|prochain|précédente|suivante|en cours))?|cette année|"
                     rf"(?:le\s+)?mois(?:\s+(?:dernier|prochain|passé))?|ce mois(?:-ci)?|"
                     rf"(?:la\s+)?semaine(?:\s+(?:dernière|prochaine|passée))?|cette semaine|(?:la\s+)?journée|"
                     rf"(?:{MONTH})(?:\s+{YEAR})?|{YEAR}))\b"), _part_of),
        ("year_range", _rx(rf"\b(?:de|entre|from|between)\s+(?P<y1>{YEAR})\s+(?:à|et|au|to|and)\s+(?P<y2>{YEAR})\b"
                           rf"|\(\s*(?P<y1b>{YEAR})\s*[-–]\s*(?P<y2b>{YEAR})\s*\)"
                           rf"|\b(?:en|de|des années|la période|in|the)\s+(?P<y1c>{YEAR})\s*[-–/]\s*(?P<y2c>{YEAR})\b"),
         lambda m, cx: _year_range(_Swap(m, _pick_y(m)), cx)),
        ("short_year_range", _rx(rf"\b(?:en|de|in)\s+(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>\d\d)\b(?![-/]\d)"),
         _short_year_range),
        ("year", _rx(rf"(?:\b(?:{PREP_YEAR})\s*|\(\s*(?=(?:19|20)\d\d\s*\)))\b(?P<y>{YEAR})\b"), _year),
        ("decade", _rx(r"\b(?:les|des|aux|dans les|depuis les|au cours des|fin des|début des)\s+années\s+"
                       r"(?P<dec>(?:19|20)\d0|[2-9]0)\b"), _decade),
        ("century", _rx(r"\b(?:au|du|le|ce|depuis le|dès le)\s+(?P<c>[XVI]{2,5})(?:e|ème|è)\s+siècle\b", re.I),
         _century),
        ("season", _rx(rf"\b(?:au\s+|à\s+l'|en\s+|cet\s+|ce\s+|l'|le\s+)(?P<s>printemps|été|automne|hiver)"
                       rf"(?:\s+(?P<q>dernier|prochain|passé|{YEAR}))?\b"),
         lambda m, cx: _season(m, cx) if _season_ok(m) else None),
        # weekdays and deictics
        ("weekday_range", _rx(rf"\b(?:(?:dans\s+)?la\s+nuit\s+)?(?:de|du|entre)\s+(?P<w1>{WD})\s+(?:au|à|et)\s+(?P<w2>{WD})\b"),
         _weekday_range),
        ("weekday", _rx(rf"(?:\b(?P<pre>ce|le|dès|depuis|jusqu'à|d'ici|avant|après)\s+)?\b(?P<wd>{WD})\b(?!\s+\d)"
                        rf"(?:\s+(?:matin|soir|après-midi|midi))?(?:\s+(?P<rel>dernier|prochain|passé)\b)?"),
         lambda m, cx: None if re.match(r"s\b", m.string[m.end("wd"):]) else _weekday(m, cx)),
        ("deictic", _rx(r"\b(?P<w>avant-hier|après-demain|aujourd'hui|hier|demain|ce matin|ce soir|cet après-midi|"
                        r"cette nuit|la nuit dernière)\b(?:\s+(?:matin|soir|après-midi|midi))?"), _deictic),
        ("relative_unit", _rx(r"\b(?:(?:l'année|l'an)\s+(?:dernière|dernier|passée|passé|prochaine|prochain|précédente|"
                              r"suivante)|cette année(?:-là)?|l'année en cours|le mois (?:dernier|passé|prochain|précédent|suivant)|"
                              r"ce mois-ci|la semaine (?:dernière|passée|prochaine|précédente|suivante)|cette semaine|"
                              r"le week-end (?:dernier|prochain)|ce week-end)\b"), _relative_unit),
        ("earlier", _rx(r"\b(?:un peu\s+)?plus (?:tôt|tard) (?:cette année|dans l'année|ce mois-ci|ce mois|dans le mois|"
                        r"cette semaine|dans la semaine|dans la journée|ce jour)\b"), _earlier_later),
        ("ago", _rx(rf"\b(?:il y a|voici|dans)\s+(?:(?:plus de|près de|environ|moins de|à peine|un peu plus de)\s+)?"
                    rf"(?:(?P<n>{NUMBER})|(?P<vague>quelques|plusieurs))\s+(?P<u>{UNIT})\b"), _ago),
        # durations
        ("last_n", _rx(rf"\b(?:(?:au cours|pendant|durant|lors)\s+)?(?:des|les|ces)\s+(?P<n>{NUMBER})\s+"
                       rf"(?:derniers|dernières|prochains|prochaines)\s+(?P<u>{UNIT})\b"), _last_n),
        ("duration", _rx(rf"(?:\b(?P<pre>pendant|durant|depuis|en|pour|sur|au bout de|plus de|moins de|près de|"
                         rf"environ|au moins|presque|d'au moins|de plus de|jusqu'à|quelque|pas moins de|"
                         rf"un peu plus de|à peine|seulement|déjà|de)\s+)?"
                         rf"(?:(?:plus de|moins de|près de|environ|au moins|presque)\s+)?"
                         rf"(?:(?P<n>{NUMBER})|(?P<vague>plusieurs|quelques|de nombreux|de nombreuses|de longs|"
                         rf"de longues|des|longtemps des)|(?P<approx>une\s+(?:{_alt(APPROX_FR)}))\s+d(?:e\s+|'))"
                         rf"\s*(?P<u>{UNIT})\b(?:\s+et\s+(?P<half>demie?))?"), _duration_rule),
        # vague
        ("recent", _rx(r"\b(?:récemment|dernièrement|ces derniers temps|depuis peu)\b"), _recent),
        ("recent_unit", _rx(r"\b(?:(?:au cours|pendant|durant|lors)\s+)?(?:des|ces)\s+(?:derniers|dernières)\s+"
                            r"(?P<u>jours|semaines|mois|années)\b"), _recent_unit),
        ("present", _rx(r"\b(?:actuellement|en ce moment|à l'heure actuelle|à l'heure où nous écrivons)\b"), _present),
        ("coming", _rx(r"\b(?:(?:dans|au cours|pour|lors|pendant|durant)\s+)?(?:des|les)\s+(?:(?P<u>jours|semaines|mois|années)"
                       r"\s+(?:à venir|qui viennent)|(?:prochains|prochaines)\s+(?P<u2>jours|semaines|mois|années))\b"),
         lambda m, cx: _coming(_Swap(m, {"u": "u2"}) if m.group("u2") else m, cx)),
        ("soon", _rx(r"\bprochainement\b"), _soon),
        ("set", _rx(rf"\b(?:chaque|tous les|toutes les)\s+(?:(?P<n>{NUMBER})\s+)?(?P<u>jours|jour|semaines|semaine|mois|"
                    rf"ans|an|années|année|{WD}s?)\b"), _set),
        ("event", _rx(rf"\b(?P<pre>depuis|avant|après|dès|lors de|pendant|au moment de|au lendemain de|à la veille de|"
                      rf"au début de|à la fin de|à l'issue de|durant)\s+(?:(?P<part>le début|la fin)\s+(?:de\s+|d'))?"
                      rf"(?P<ev>{ev_alt})"), _event),
        ("anniversary", _rx(rf"\b(?P<nth>\d+)(?:e|ème|è)\s+anniversaire\s+(?:de\s+|d')(?P<ev>{ev_alt})"), _event),
        ("clock", _rx(r"\b(?:à|vers|dès|jusqu'à|avant|après)\s+(?P<h>[01]?\d|2[0-4])\s*(?:h|heures?)(?:\s*(?P<min>[0-5]\d))?"
                      r"(?:\s+(?:du matin|du soir|de l'après-midi|GMT|heure locale|heure de Paris))?\b"), _clock),
    ]
    return rules


def _season_ok(m: re.Match) -> bool:
    """"l'été" / "le printemps" alone is too vague (and "été" is also a participle): need a qualifier."""
    pre = m.group(0)[: m.start("s") - m.start()].strip().lower().replace("’", "'")
    return pre not in ("l'", "le", "en") or bool(_g(m, "q"))


def _pick_y(m: re.Match) -> dict:
    if m.group("y1b"):
        return {"y1": "y1b", "y2": "y2b"}
    if m.group("y1c"):
        return {"y1": "y1c", "y2": "y2c"}
    return {}


class _Swap:
    """A match whose named groups are read under other names (for alternations with twin groups)."""

    def __init__(self, m: re.Match, names: dict[str, str]):
        self._m, self._names = m, names
        self.string = m.string

    def group(self, name=0):
        return self._m.group(self._names.get(name, name)) if name != 0 else self._m.group(0)

    def start(self, name=0):
        return self._m.start(self._names.get(name, name)) if name != 0 else self._m.start()

    def end(self, name=0):
        return self._m.end(self._names.get(name, name)) if name != 0 else self._m.end()


def _en_rules() -> list[Rule]:
    """A smaller English grammar (months capitalised, so "may" is never a month)."""
    cs = 0  # case-sensitive where the capital is the cue
    day = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    return [
        ("en_full_mdy", _rx(rf"(?:\b{EN_WD},?\s+)?\b(?P<m>{EN_MONTH})\s+{day},?\s+(?P<y>{YEAR})\b", cs), _full),
        ("en_full_dmy", _rx(rf"(?:\b{EN_WD},?\s+)?\b{day}\s+(?P<m>{EN_MONTH})\s+(?P<y>{YEAR})\b", cs), _full),
        ("en_md", _rx(rf"(?:\b(?:on|by|until|since)\s+)?(?:\b(?P<wd>{EN_WD}),?\s+)?\b(?P<m>{EN_MONTH})\s+{day}\b(?!,?\s+\d)", cs),
         _day_month),
        ("en_dm", _rx(rf"(?:\b(?:on|by|until|since)\s+)?(?:\bthe\s+)?\b{day}\s+(?:of\s+)?(?P<m>{EN_MONTH})\b(?!,?\s+\d)", cs),
         _day_month),
        ("en_month_year", _rx(rf"(?:\b(?:in|since|by|until|from|early|late|mid-)\s*)?\b(?P<m>{EN_MONTH})\s+(?P<y>{YEAR})\b", cs),
         _month_year),
        ("en_month", _rx(rf"\b(?:in|since|by|until|last|next|this|early|late|mid-)\s*(?P<m>{'|'.join(MONTHS_EN)})\b(?!\s+\d)", cs),
         lambda m, cx: _month_alone_en(m, cx)),
        ("en_year", _rx(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Ee]arly|[Ll]ate|"
                        rf"[Mm]id-|[Tt]hrough|[Oo]f)\s*(?P<y>{YEAR})\b", cs), _year),
        ("en_year_range", _rx(rf"\b(?:from|between)\s+(?P<y1>{YEAR})\s+(?:to|and|until)\s+(?P<y2>{YEAR})\b"),
         _year_range),
        ("en_weekday", _rx(rf"(?:\b(?P<pre>on|last|next|this|since|by|until)\s+)?\b(?P<wd>{EN_WD})\b"
                           rf"(?:\s+(?:morning|afternoon|evening|night))?", cs),
         lambda m, cx: _weekday(_Swap(m, {"rel": "pre"}), cx)),
        ("en_deictic", _rx(r"\b(?P<w>yesterday|today|tomorrow|tonight|this morning|this afternoon|this evening|last night)\b"),
         _deictic),
        ("en_relative_unit", _rx(r"\b(?:last|next|this)\s+(?:week|month|year)\b"), _relative_unit),
        ("en_earlier", _rx(r"\b(?:earlier|later)\s+this\s+(?:year|month|week)\b"), _earlier_later),
        ("en_ago", _rx(rf"\b(?P<n>{EN_NUMBER})\s+(?P<u>{EN_UNIT})\s+ago\b|\bin\s+(?P<n2>{EN_NUMBER})\s+(?P<u2>{EN_UNIT})\b"),
         lambda m, cx: _ago_en(m, cx)),
        ("en_duration", _rx(rf"(?:\b(?P<pre>for|over|more than|less than|nearly|almost|about|around|at least|"
                            rf"some|within|after)\s+)?(?:(?P<n>{EN_NUMBER})|(?P<vague>several|a few|many))[\s-]+"
                            rf"(?P<u>{EN_UNIT})\b(?:\s+and\s+a\s+(?P<half>half))?(?!\s+ago)"), _duration_rule),
        ("en_recent", _rx(r"\b(?:recently|lately|in recent (?:days|weeks|months))\b"), _recent),
        ("en_present", _rx(r"\b(?:currently|at the moment|at present|right now)\b"), _present),
        ("en_coming", _rx(r"\b(?:in|over|during)\s+the\s+(?:coming|next|next few)\s+(?P<u>days|weeks|months|years)\b"),
         _coming),
        ("event", _rx(rf"\b(?P<pre>since|before|after|during|at the start of|at the end of)\s+"
                      rf"(?:(?P<part>the start|the beginning|the end)\s+of\s+)?(?P<ev>{load_events()[1].pattern if load_events()[1] else '(?!x)x'})"),
         _event),
    ]


def _month_alone_en(m: re.Match, cx: _Ctx) -> Result:
    if not cx.anchor:
        return ("date", "", "context")
    pre = m.group(0).split()[0].lower()
    rel = {"last": "last", "next": "next"}.get(pre, "")
    y, mo = resolve_month(cx.anchor, _month_num(m.group("m")), tense=cx.tense(m), rel=rel)
    return ("date", *cx.rel(_iso_month(y, mo)))


def _ago_en(m: re.Match, cx: _Ctx) -> Result:
    if m.group("n2"):
        return _ago(_Swap(m, {"n": "n2", "u": "u2"}), cx)
    n = parse_number(m.group("n"))
    if n is None:
        return None
    code, is_time, mult = UNITS_EN[m.group("u").lower()]
    if not cx.anchor:
        return ("date", "", "context")
    return ("date", *cx.rel(_shift(cx.anchor, -int(n) * mult, "D" if is_time else code)))


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[Rule, ...]:
    return tuple(_en_rules()) if lang == "en" else tuple(_build_rules())


# Cheap gates: a rule only runs on a sentence holding its key words (most sentences hold few).
_GATES = {name: _rx(pattern) for name, pattern in {
    "month": rf"{MONTH}|{MONTH_ABBR}", "year": r"(?:19|20)\d\d", "digit": r"\d", "wd": WD,
    "unit": rf"\b{UNIT}\b", "part": r"\b(?:début|fin|milieu|mi)\b",
    "deictic": r"hier|aujourd|demain|ce matin|ce soir|cet après|cette nuit|nuit dernière",
    "relunit": r"\b(?:année|an|mois|semaine|week-end)\b", "earlier": r"plus t[ôa]",
    "ago": r"\b(?:il y a|voici|dans)\b", "recent": r"récemment|dernièrement|derniers temps|depuis peu",
    "lastn": r"derni|prochain|à venir|qui viennent", "present": r"actuel|moment", "soon": r"prochainement",
    "set": r"chaque|tous les|toutes les", "season": r"printemps|été|automne|hiver", "decade": r"années",
    "century": r"siècle", "anniversary": r"anniversaire",
}.items()}
_RULE_GATE = {"full": "year", "numeric": "digit", "iso": "digit", "day_range": "month", "dm_range": "month",
              "day_month": "month", "month_range": "month", "month_year": "year", "month": "month", "part": "part",
              "year_range": "year", "short_year_range": "year", "year": "year", "decade": "decade",
              "century": "century", "season": "season", "weekday_range": "wd", "weekday": "wd",
              "deictic": "deictic", "relative_unit": "relunit", "earlier": "earlier", "ago": "ago",
              "last_n": "lastn", "duration": "unit", "recent": "recent", "recent_unit": "lastn",
              "present": "present", "coming": "lastn", "soon": "soon", "set": "set", "anniversary": "anniversary",
              "clock": "digit"}

# A cheap gate: sentences with none of these cannot hold an expression.
_TRIGGER = _rx(r"\d|janv|févr|fevr|mars|avril|avr|mai|juin|juil|août|aout|sept|octo|nove|déce|dece|lundi|mardi|mercredi|"
               r"jeudi|vendredi|samedi|dimanche|hier|aujourd|demain|semaine|mois|\ban|ann[ée]e|jour|heure|minute|"
               r"seconde|décenni|siècle|trimestre|semestre|récemment|dernièrement|actuellement|moment|derniers temps|"
               r"depuis peu|prochainement|plus t[ôa]|soir|matin|nuit|week-end|printemps|été|automne|hiver|[XVI]e|"
               r"actuelle|anniversaire|depuis|avant|après|lors|pendant|durant|"
               r"january|february|march|april|may|june|july|august|september|october|november|december|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|"
               r"week|month|year|day|hour|recent|current|present")


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
