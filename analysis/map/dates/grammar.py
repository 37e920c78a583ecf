"""The rule tables: French and English patterns, each with its resolver, and the cheap gates
that skip a rule when its trigger words are absent."""
from __future__ import annotations

import functools
import re

from analysis.map.dates.relative import (
    _ago,
    _clock,
    _coming,
    _deictic,
    _duration_rule,
    _earlier_later,
    _event,
    _last_n,
    _present,
    _recent,
    _recent_unit,
    _relative_unit,
    _set,
    _shift,
    _soon,
    _weekday,
    _weekday_range,
)
from analysis.map.dates.rules import (
    Result,
    Rule,
    _century,
    _Ctx,
    _day_month,
    _day_range,
    _decade,
    _full,
    _g,
    _iso,
    _month_alone,
    _month_range,
    _month_year,
    _numeric,
    _part_of,
    _season,
    _short_year_range,
    _year,
    _year_range,
    load_events,
)
from analysis.map.dates.values import _iso_month, resolve_month
from analysis.map.dates.vocabulary import (
    APPROX_FR,
    DAY,
    EN_MONTH,
    EN_NUMBER,
    EN_UNIT,
    EN_WD,
    MONTH,
    MONTH_ABBR,
    MONTHS_EN,
    NUMBER,
    PREP_MONTH,
    PREP_YEAR,
    UNIT,
    UNITS_EN,
    WD,
    YEAR,
    _alt,
    _month_num,
    _rx,
    parse_number,
)


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
