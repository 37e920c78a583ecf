"""The temporal tagger: spans, types and values on short French (and English) sentences, and the seeds."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.map.dates import tagger as T
from analysis.map.dates.values import resolve_day_month, resolve_weekday
from analysis.map.dates.vocabulary import parse_number
from analysis.records import Timex


@pytest.fixture(scope="module")
def tag(parse):
    """tag(text, anchor='YYYY-MM-DD', basis='metadata') -> [(text, type, value)] in text order."""

    def run(text: str, anchor: str = "2023-09-16", basis: str = "metadata", language: str = "fr"):
        parsed = parse(text, published=anchor, published_basis=basis if anchor else "none", language=language)
        found = T.tag_article(parsed)
        for t in found:  # offsets point back at the exact characters
            assert text[t.start:t.end] == t.text
        return [(t.text, t.type, t.value) for t in found]

    return run


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("text, span, value", [
    ("Le sommet a eu lieu le 13 septembre 2023 à Vostotchny.", "le 13 septembre 2023", "2023-09-13"),
    ("Le texte a été signé le 1er mars 2022.", "le 1er mars 2022", "2022-03-01"),
    ("Publié le 13/09/2023 par la rédaction.", "13/09/2023", "2023-09-13"),
    ("Mise à jour : 2023-09-13.", "2023-09-13", "2023-09-13"),
    ("Il est mort le mercredi 13 septembre 2023.", "le mercredi 13 septembre 2023", "2023-09-13"),
])
def test_absolute_dates(tag, text, span, value):
    assert tag(text, anchor="") == [(span, "date", value)]


def test_absolute_dates_are_absolute_even_without_anchor(parse):
    parsed = parse("Le 1er mars 2022, le vote a eu lieu.")
    (t,) = T.tag_article(parsed)
    assert (t.value, t.basis) == ("2022-03-01", "absolute")


def test_find_absolute_dates_french_and_english():
    text = "13 septembre 2023\nSeptember 13, 2023 ; 4 June 2024 ; le 31 février 2023 ; 13/09/2023"
    assert T.find_absolute_dates(text) == [
        (0, 17, "2023-09-13"), (18, 36, "2023-09-13"), (39, 50, "2024-06-04"), (74, 84, "2023-09-13")]


# ---------------------------------------------------------------- months and years

def test_month_year_and_year(tag):
    assert tag("En mars 2022, Pyongyang s'est opposé à la résolution.") == [("En mars 2022", "date", "2022-03")]
    assert tag("Ils se sont rencontrés en 2019 à Vladivostok.") == [("en 2019", "date", "2019")]
    assert tag("C'est leur première rencontre depuis 2019.") == [("depuis 2019", "date", "2019")]


def test_month_alone_follows_tense(tag):
    # a past verb and a month after the anchor month: last year's September
    assert tag("Kim s'est rendu en Russie en septembre.", anchor="2024-06-17") == [
        ("en septembre", "date", "2023-09")]
    # a future verb and a month before the anchor month: next year's March
    assert tag("Il rencontrera Poutine en mars.", anchor="2023-09-16") == [("en mars", "date", "2024-03")]
    assert tag("Il rencontrera Poutine en septembre.", anchor="2024-06-17") == [("en septembre", "date", "2024-09")]
    assert tag("Il a quitté ses fonctions en mars dernier.", anchor="2024-03-10") == [
        ("en mars dernier", "date", "2023-03")]
    assert tag("La commission n'a plus de président depuis octobre.", anchor="2020-05-18") == [
        ("depuis octobre", "date", "2019-10")]


# ---------------------------------------------------------------- weekdays by tense

def test_weekday_future_is_the_coming_day(tag):
    text = "Poutine se rendra en Corée du Nord mardi pour rencontrer Kim Jong Un."
    assert tag(text, anchor="2024-06-17") == [("mardi", "date", "2024-06-18")]
    assert tag(text, anchor="2024-06-19") == [("mardi", "date", "2024-06-25")]
    assert tag("Poutine va rencontrer Kim mardi.", anchor="2024-06-19") == [("mardi", "date", "2024-06-25")]


def test_weekday_past_is_the_last_day(tag):
    text = "Poutine et Kim se sont rencontrés mercredi dans la région de l'Amour."
    assert tag(text, anchor="2023-09-16") == [("mercredi", "date", "2023-09-13")]
    assert tag(text, anchor="2023-09-13") == [("mercredi", "date", "2023-09-13")]  # the day itself
    assert tag("Le Kremlin a déclaré jeudi qu'aucun accord n'avait été signé.", anchor="2023-09-20") == [
        ("jeudi", "date", "2023-09-14")]


def test_weekday_dernier_prochain_and_day_month(tag):
    assert tag("Vendredi dernier, le gouvernement a démenti.", anchor="2023-09-16") == [
        ("Vendredi dernier", "date", "2023-09-15")]
    assert tag("Vendredi dernier, le gouvernement a démenti.", anchor="2023-09-15") == [
        ("Vendredi dernier", "date", "2023-09-08")]
    assert tag("Le vote aura lieu mardi prochain.", anchor="2023-09-12") == [("mardi prochain", "date", "2023-09-19")]
    # weekday and day must agree: 13 September was a Wednesday in 2023, not in 2024
    assert tag("Ils se sont rencontrés le mercredi 13 septembre.", anchor="2024-06-17") == [
        ("le mercredi 13 septembre", "date", "2023-09-13")]


def test_weekday_in_a_headline_without_verb_is_the_nearest(tag):
    assert tag("Poutine en Corée du Nord mardi", anchor="2024-06-17") == [("mardi", "date", "2024-06-18")]
    assert tag("Poutine en Corée du Nord mardi", anchor="2024-06-20") == [("mardi", "date", "2024-06-18")]


def test_tense_reader():
    assert resolve_weekday(dt.date(2023, 9, 16), 2, tense="past") == dt.date(2023, 9, 13)
    assert resolve_weekday(dt.date(2023, 9, 16), 2, tense="fut") == dt.date(2023, 9, 20)
    assert resolve_day_month(dt.date(2024, 1, 5), 20, 12, tense="past") == dt.date(2023, 12, 20)
    assert resolve_day_month(dt.date(2023, 12, 20), 5, 1, tense="fut") == dt.date(2024, 1, 5)


# ---------------------------------------------------------------- relative phrases

@pytest.mark.parametrize("text, span, value", [
    ("Il est arrivé hier à Moscou.", "hier", "2023-09-15"),
    ("Il arrive aujourd'hui à Moscou.", "aujourd'hui", "2023-09-16"),
    ("Il arrivera demain à Moscou.", "demain", "2023-09-17"),
    ("Il est venu la semaine dernière.", "la semaine dernière", "2023-W36"),
    ("Le chiffre a baissé le mois dernier.", "le mois dernier", "2023-08"),
    ("Le chiffre a baissé l'année dernière.", "l'année dernière", "2022"),
    ("Il a fini à la fin de l'année dernière.", "à la fin de l'année dernière", "2022-10-01/2022-12-31"),
    ("Il a fini fin de l'année dernière.", "fin de l'année dernière", "2022-10-01/2022-12-31"),
    ("Le projet démarrera début 2024.", "début 2024", "2024-01-01/2024-03-31"),
    ("Plus tôt cette année, Poutine a offert une voiture.", "Plus tôt cette année", "2023-01-01/2023-09-16"),
    ("Cette année, la récolte est bonne.", "Cette année", "2023"),
    ("Le stock est épuisé depuis le début de l'invasion de l'Ukraine.",
     "depuis le début de l'invasion de l'Ukraine", "2022-02-24"),
    ("Il a été élu il y a deux ans.", "il y a deux ans", "2021"),
])
def test_relative_phrases(tag, text, span, value):
    assert tag(text) == [(span, "date", value)]


def test_event_merges_with_its_explicit_date(tag):
    assert tag("Les liens se sont distendus après la chute de l'Union soviétique en 1991.") == [
        ("après la chute de l'Union soviétique en 1991", "date", "1991")]


def test_event_not_applied_before_it_happened(tag):
    assert tag("Les prix montent depuis le début de la guerre en Ukraine.", anchor="2015-03-01") == []


# ---------------------------------------------------------------- ranges

@pytest.mark.parametrize("text, span, value", [
    ("Le sommet aura lieu du 10 au 13 septembre.", "du 10 au 13 septembre", "2023-09-10/2023-09-13"),
    ("Des dates telles que le 10 au 13 septembre sont évoquées.", "le 10 au 13 septembre", "2023-09-10/2023-09-13"),
    ("Le pays a été dirigé par lui entre 2019 et 2021.", "entre 2019 et 2021", "2019/2021"),
    ("Le forum se tient du 28 février au 3 mars 2022.", "du 28 février au 3 mars 2022", "2022-02-28/2022-03-03"),
    ("Hong Kong a connu de juin à décembre 2019 sa pire crise.", "de juin à décembre 2019", "2019-06/2019-12"),
])
def test_ranges(tag, text, span, value):
    assert tag(text) == [(span, "date", value)]


# ---------------------------------------------------------------- durations

@pytest.mark.parametrize("text, span, value", [
    ("Les réserves diminuent suite à dix-huit mois de guerre.", "dix-huit mois", "P18M"),
    ("Les deux hommes ont échangé pendant plus de deux heures.", "pendant plus de deux heures", "PT2H"),
    ("La Russie est empêtrée depuis plusieurs années dans ce conflit.", "depuis plusieurs années", "PXY"),
    ("La visite durera deux semaines.", "deux semaines", "P2W"),
    ("Le siège a duré quatre-vingt-dix jours.", "quatre-vingt-dix jours", "P90D"),
    ("La guerre a duré cent ans.", "cent ans", "P100Y"),
    ("Il a été détenu pendant un an et demi.", "pendant un an et demi", "P18M"),
    ("Il a été condamné à une peine de 10 ans de prison.", "10 ans", "P10Y"),
])
def test_durations(tag, text, span, value):
    got = tag(text)
    assert len(got) == 1 and got[0][1:] == ("duration", value) and span in got[0][0]


def test_parse_number():
    assert parse_number("dix-huit") == 18
    assert parse_number("soixante-dix") == 70
    assert parse_number("quatre-vingt-dix-neuf") == 99
    assert parse_number("vingt et un") == 21
    assert parse_number("deux cents") == 200
    assert parse_number("twenty-one") == 21
    assert parse_number("pomme") is None


# ---------------------------------------------------------------- vague expressions

def test_vague(tag):
    assert tag("Récemment, le ministre a exprimé son intention.") == [
        ("Récemment", "date", "2023-07-01/2023-09-15")]
    assert tag("Le gouvernement nie actuellement l'existence d'un accord.") == [
        ("actuellement", "date", "2023-09-16/2023-09-22")]
    assert tag("Les relations pourraient évoluer dans les mois à venir.", anchor="2023-09-04") == [
        ("dans les mois à venir", "date", "2023-09-04/2023-12-31")]


# ---------------------------------------------------------------- false hits

@pytest.mark.parametrize("text", [
    "Je pense que dans sa déclaration il ment.",
    "Moscou a envoyé 2 000 soldats et 2000 chars dans la région.",
    "Ils célèbrent le 75e congrès du parti.",
    "La sonde a atterri sur Mars et la mission vers Mars continue.",
    "Il a été maintenu en poste par sept ministres.",
    "Un homme de 35 ans a été arrêté, a indiqué Kim Bayer, 41 ans.",
    "Il a 35 ans et il a été élu.",
    "Chaque fois que la Russie a de mauvaises relations, Pyongyang en profite.",
    "Il est encore trop tôt pour mesurer les retombées, à ce moment précis.",
])
def test_no_false_hits(tag, text):
    assert tag(text) == []


def test_capitalised_month_needs_date_context(tag):
    assert tag("Le 4 Mars 2022, Mars était visible.", anchor="") == [("Le 4 Mars 2022", "date", "2022-03-04")]


# ---------------------------------------------------------------- English

@pytest.mark.parametrize("text, span, value", [
    ("The summit took place on September 13, 2023.", "September 13, 2023", "2023-09-13"),
    ("The summit took place on 13 September 2023.", "13 September 2023", "2023-09-13"),
    ("The Kremlin said last Friday that no deal was signed.", "last Friday", "2023-09-15"),
    ("They first met in 2019 in Vladivostok.", "in 2019", "2019"),
    ("Putin arrived yesterday.", "yesterday", "2023-09-15"),
])
def test_english_dates(tag, text, span, value):
    assert tag(text, language="en") == [(span, "date", value)]


def test_english_duration_and_may(tag):
    assert tag("The talks lasted more than two hours and they may meet again.", language="en") == [
        ("more than two hours", "duration", "PT2H")]


# ---------------------------------------------------------------- basis

def test_basis_follows_the_anchor(parse):
    text = "Poutine et Kim se sont rencontrés mercredi."
    inferred = T.tag_article(parse(text, published="2023-09-16", published_basis="inferred"))
    assert [(t.value, t.basis) for t in inferred] == [("2023-09-13", "inferred_publication")]
    stated = T.tag_article(parse(text, published="2023-09-16", published_basis="text"))
    assert [(t.value, t.basis) for t in stated] == [("2023-09-13", "publication")]
    none = T.tag_article(parse(text))
    assert [(t.text, t.value, t.basis) for t in none] == [("mercredi", "", "context")]


def test_tag_sentence_offsets(parse):
    text = "Titre\n\nIls se sont vus hier. Le sommet aura lieu le 10 au 13 septembre."
    parsed = parse(text, published="2023-09-04", published_basis="metadata")
    s = parsed.sentences[-1]
    out = T.tag_sentence(s.span, sent_id=s.sent_id, offset=parsed.blocks[s.block].start,
                         anchor=dt.date(2023, 9, 4), anchor_basis="metadata")
    assert [(t.sent_id, text[t.start:t.end], t.value) for t in out] == [
        (s.sent_id, "le 10 au 13 septembre", "2023-09-10/2023-09-13")]


# ---------------------------------------------------------------- event dates of claims

def _tx(sent_id: int, value: str, type_: str = "date") -> Timex:
    return Timex(sent_id, 0, 1, "x", type_, value, "publication")


def test_event_date_order_of_preference():
    timexes = [_tx(1, "2023-09-13"), _tx(1, "PT2H", "duration"), _tx(4, "2022"), _tx(6, "2019")]
    kw = dict(para_sent_ids=[3, 4, 5], timexes=timexes, published="2023-09-16", published_basis="text")
    assert T.event_date(1, **{**kw, "para_sent_ids": [0, 1, 2]}) == ("2023-09-13", "explicit")
    assert T.event_date(5, **kw) == ("2022", "context")
    assert T.event_date(8, **{**kw, "para_sent_ids": [8, 9]}) == ("2023-09-16", "publication")
    assert T.event_date(8, **{**kw, "para_sent_ids": [8], "published": ""}) == ("", "")


def test_event_date_skips_durations_and_empty_values():
    timexes = [_tx(2, "P18M", "duration"), _tx(2, "")]
    assert T.event_date(2, para_sent_ids=[2], timexes=timexes, published="", published_basis="none") == ("", "")


# ---------------------------------------------------------------- the seeds' gold facts

def test_seed_gold_expressions(parse, seeds_gold):
    """Gold claim sentences that contain a gold expression: found, and valued exactly."""
    found = valued = strict = total = 0
    for doc_id, gold in seeds_gold.items():
        if doc_id.startswith("_"):
            continue
        anchor = gold["publication_date"] or gold["publication_window"][0]
        basis = "text" if gold["publication_date"] else "inferred"
        for expr in gold["temporal_expressions"]:
            rx = re.compile(r"(?<!\w)" + re.escape(expr["text"]) + r"(?!\w)")
            sentences = {c["text"] for c in gold["claims"] if rx.search(c["text"])}
            for sentence in sentences:
                total += 1
                g = rx.search(sentence).span()
                hits = [t for t in T.tag_article(parse(sentence, published=anchor, published_basis=basis))
                        if t.start < g[1] and g[0] < t.end]
                found += bool(hits)
                if expr.get("value"):
                    valued += 1
                    strict += bool(hits) and hits[0].value == expr["value"]
                elif expr.get("duration") and hits:
                    assert hits[0].value == expr["duration"]
    assert total >= 18
    assert found / total >= 0.95
    assert strict / valued >= 0.9


def test_event_date_skips_since_expressions():
    from analysis.records import Timex
    from analysis.map.dates.tagger import event_date

    tx = [Timex(0, 60, 71, "depuis 1953", "date", "1953", "absolute"), Timex(1, 80, 90, "en mars 2022", "date", "2022-03", "absolute")]
    assert event_date(0, para_sent_ids=[0, 1], timexes=tx, published="2023-09-16", published_basis="text") == ("2022-03", "context")
