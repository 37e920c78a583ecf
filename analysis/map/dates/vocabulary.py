"""Date words (French first, English) and the regular-expression pieces built from them."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path


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
