"""The tense governing a temporal expression, read from spaCy's parse and morphology:
past, present or future decides which "mardi" or "en septembre" is meant."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.map.dates.vocabulary import _I, FUTURE_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


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
