"""Find site chrome in web copy: lines that belong to the page, not to the article.

Each line is judged on its own by general rules for French and English web pages (banners,
slugs, reading time, tag lines, share/comment widgets, cookie and notification panels, "read
also" links, back-to-top). Article sentences are never chrome: a rule only fires on lines
that are short, or that address the reader about the site itself.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from analysis.text import words


class Chrome(NamedTuple):
    """A boilerplate line: span in the text, the line, and which rule found it."""

    start: int
    end: int
    text: str
    kind: str


_I = re.IGNORECASE
# Whole-line patterns, tried on the stripped line.
LINE_RULES: list[tuple[str, re.Pattern]] = [
    ("banner", re.compile(r"^(bienvenue|welcome)\s+(sur|à|a|dans|chez|to|on)\b.{0,120}$", _I)),
    ("reading_time", re.compile(r"^(temps\s+de\s+lecture|durée\s+de\s+lecture|lecture|reading\s+time)\s*:?\s*\d+\s*(min|minutes?|mn)\.?$", _I)),
    ("reading_time", re.compile(r"^\d+\s*(min|minutes?|mn)\.?\s+(de\s+lecture|read|reading)$", _I)),
    ("read_also", re.compile(r"^(à|a)\s+lire\s+(aussi|également|egalement|ensuite)\b.{0,150}$", _I)),
    ("read_also", re.compile(r"^(lire|voir)\s+(aussi|également|egalement|la\s+suite|plus)\b.{0,150}$", _I)),
    ("read_also", re.compile(r"^(sur\s+le\s+même\s+sujet|nos\s+articles?\s+(liés|similaires)|articles?\s+(liés|similaires)|dans\s+la\s+même\s+rubrique|read\s+(more|also|next)|see\s+also|related(\s+(articles?|stories|content))?|more\s+on\s+this\s+story|recommended)\b\s*:?.{0,120}$", _I)),
    ("share", re.compile(r"^(partager|partagez|share)(\s+(cet|cette|l['’]|this|on|sur)\s*\w*)*\s*:?$", _I)),
    ("share", re.compile(r"^((facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|e-?mail|mail|imprimer|print|copier\s+le\s+lien|copy\s+link)[\s|•·,/-]*){1,8}$", _I)),
    ("comments", re.compile(r"^(\d+\s+)?(commentaires?|comments?|réactions?)(\s*\(\d+\))?\s*:?$", _I)),
    ("comments", re.compile(r"^(poster|laisser|ajouter|écrire|rédiger)\s+un\s+commentaire\b.{0,60}$|^(leave|post|add)\s+a\s+(comment|reply)\b.{0,60}$|^réagir\b.{0,40}$", _I)),
    ("back_to_top", re.compile(r"^(retour\s+en\s+haut(\s+de\s+(la\s+)?page)?|haut\s+de\s+page|back\s+to\s+top|top\s+of\s+page)\s*[↑^]?$", _I)),
    ("consent_button", re.compile(r"^(accepter|j['’]accepte|tout\s+accepter|refuser|tout\s+refuser|continuer\s+sans\s+accepter|paramétrer|personnaliser|ok|accept(\s+all)?|reject(\s+all)?|agree|i\s+agree|manage\s+(cookies|preferences))(\s+(et|and)\s+\w+)?\s*!?$", _I)),
    ("subscribe", re.compile(r"^(abonnez-vous|s['’]abonner|inscrivez-vous|subscribe|sign\s+up|newsletter|recevez\s+notre\s+newsletter)\b.{0,100}$", _I)),
    ("section", re.compile(r"^.{0,60}\b(dernières\s+nouvelles|dernières\s+infos|à\s+la\s+une|en\s+direct|latest\s+news|breaking\s+news|live\s+updates)\s*$", _I)),
    ("fragment", re.compile(r"^[-–—•*·|>]*\s*\S{1,2}\s*$")),  # a stray letter or two
    ("byline", re.compile(r"^(?:[Pp]ar|[Bb]y)\s+[A-ZÀ-Þ][\w'’.-]+(\s+(de\s+|van\s+|von\s+|le\s+)?[A-ZÀ-Þ][\w'’.-]+){0,3}(\s*[,|–-]\s*.{0,60})?$")),
]

# Reader-addressed panels about the site (cookies, notifications, accounts, preferences).
_READER = re.compile(r"\b(vous|votre|vos|je|j['’]|me|you|your|i)\b", _I)
_SITE_UI = re.compile(
    r"\b(cookies?|notifications?|newsletters?|abonnements?|s['’]abonner|consentement|préférences|paramètres|sauvegardés?|"
    r"enregistrés?|mises?\s+à\s+jour\s+en\s+temps\s+réel|cliquer|cliquez|lien|navigateur|compte|connexion|identifiez|"
    r"consent|preferences|settings|subscribe|sign\s+in|log\s+in|click|browser|saved|updates?)\b",
    _I,
)
_STOP = {
    "a", "à", "au", "aux", "de", "des", "du", "d", "en", "et", "la", "le", "les", "l", "un", "une", "dans", "sur",
    "par", "pour", "avec", "ou", "the", "of", "in", "on", "and", "to", "for", "by", "with", "at", "an",
}


def find_chrome(text: str, *, title: str = "") -> list[Chrome]:
    """Boilerplate lines of `text` (offsets of the stripped line)."""
    lines = list(iter_lines(text))
    norm_lines = {_norm(line) for _, _, line in lines if not _is_slug_shape(line)}
    out = []
    for start, end, line in lines:
        kind = classify_line(line, other_lines=norm_lines, title=title)
        if kind:
            out.append(Chrome(start, end, line, kind))
    return out


def classify_line(line: str, *, other_lines: set[str] = frozenset(), title: str = "") -> str:
    """The kind of chrome this (stripped) line is, or '' for article content."""
    s = line.strip()
    if not s:
        return ""
    for kind, rx in LINE_RULES:
        if rx.match(s):
            return kind
    words = re.findall(r"\w[\w’'-]*", s)
    if len(words) <= 2 and words and all(w.lower().strip("’'") in _STOP for w in words) and len(s) < 20:
        return "fragment"  # "- dans", "de la": widget leftovers, not text
    if _is_slug_shape(s) and (_norm(s) in other_lines or _norm(s) == _norm(title) or "-" in s or "/" in s):
        return "slug"
    if _READER.search(s) and _SITE_UI.search(s) and len(s) < 400:
        return "site_panel"
    if _is_tag_line(s, words):
        return "tags"
    return ""


def iter_lines(text: str):
    """(start, end, stripped line) for every non-blank line of `text`."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped), stripped
        pos += len(raw) + 1


def _norm(s: str) -> str:
    return " ".join(words(s))


def _is_slug_shape(s: str) -> bool:
    """A URL or a lower-case, punctuation-free run of words (how slugs look when printed)."""
    if re.match(r"^(https?://|www\.)\S+$", s):
        return True
    return bool(re.fullmatch(r"[a-z0-9à-ÿœæ]+([ /_-][a-z0-9à-ÿœæ]+){3,}/?", s))


def _is_tag_line(s: str, words: list[str]) -> bool:
    """Category tags: 3-6 capitalised words, no function word, no punctuation, no verb-like ending."""
    if not 3 <= len(words) <= 6 or re.search(r"[.,;:!?«»\"()]", s):
        return False
    if any(w.lower() in _STOP for w in words):
        return False
    return all(w[:1].isupper() for w in words) and not any(w.isupper() and len(w) > 1 for w in words)
