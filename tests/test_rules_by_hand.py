"""The claim attribution rules and the tense reader on hand-built spaCy Docs: no model, every
token's head, dependency, part of speech, morphology and lemma written out (as spaCy's own
tests do), so a rule is tested apart from the parser's mood of the day."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from analysis.map.claims.attribution import _according, attribution
from analysis.map.claims.cues import lexicon
from analysis.map.claims.modality import modality_of
from analysis.map.dates.tense import predicate_tense, tense_of
from analysis.records import Sentence


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("fr").vocab


def doc(vocab, rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """One sentence from (word, head index, dep, pos, morph, lemma) rows; the root heads itself."""
    words, heads, deps, pos, morphs, lemmas = (list(c) for c in zip(*rows))
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, morphs=morphs, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def sentence(d: Doc) -> Sentence:
    span = d[:]
    return Sentence(0, 0, len(d.text), d.text, 0, 0, span)


FR = lexicon("fr")

# "Le Kremlin a affirmé que Moscou livrait des armes."
AFFIRME = [
    ("Le", 1, "det", "DET", "Definite=Def|Gender=Masc|Number=Sing", "le"),
    ("Kremlin", 3, "nsubj", "PROPN", "", "Kremlin"),
    ("a", 3, "aux:tense", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "avoir"),
    ("affirmé", 3, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part", "affirmer"),
    ("que", 6, "mark", "SCONJ", "", "que"),
    ("Moscou", 6, "nsubj", "PROPN", "", "Moscou"),
    ("livrait", 3, "ccomp", "VERB", "Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin", "livrer"),
    ("des", 8, "det", "DET", "Definite=Ind|Number=Plur", "un"),
    ("armes", 6, "obj", "NOUN", "Gender=Fem|Number=Plur", "arme"),
    (".", 3, "punct", "PUNCT", "", "."),
]


def test_subject_of_a_reporting_verb_is_the_speaker(vocab):
    d = doc(vocab, AFFIRME)
    att = attribution(sentence(d), lex=FR, base=100)
    assert (att.kind, att.cue, att.speaker_text) == ("report", "a affirmé", "Le Kremlin")
    assert (att.speaker_start, att.speaker_end) == (100, 100 + len("Le Kremlin"))
    assert not att.negated
    assert modality_of(att, d[:], FR) == "reported"


def test_a_denial_verb_makes_a_denied_claim(vocab):
    # "Pyongyang a démenti toute livraison d'armes."
    d = doc(vocab, [
        ("Pyongyang", 2, "nsubj", "PROPN", "", "Pyongyang"),
        ("a", 2, "aux:tense", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "avoir"),
        ("démenti", 2, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part", "démentir"),
        ("toute", 4, "det", "DET", "Gender=Fem|Number=Sing", "tout"),
        ("livraison", 2, "obj", "NOUN", "Gender=Fem|Number=Sing", "livraison"),
        ("d'", 6, "case", "ADP", "", "de"),
        ("armes", 4, "nmod", "NOUN", "Gender=Fem|Number=Plur", "arme"),
        (".", 2, "punct", "PUNCT", "", "."),
    ])
    att = attribution(sentence(d), lex=FR, base=0)
    assert (att.kind, att.cue, att.speaker_text) == ("deny", "a démenti", "Pyongyang")
    assert modality_of(att, d[:], FR) == "denied"


def test_selon_introduces_the_speaker(vocab):
    # "Selon Victor Cha, Moscou a besoin d'obus."
    d = doc(vocab, [
        ("Selon", 1, "case", "ADP", "", "selon"),
        ("Victor", 5, "obl:mod", "PROPN", "", "Victor"),
        ("Cha", 1, "flat:name", "PROPN", "", "Cha"),
        (",", 1, "punct", "PUNCT", "", ","),
        ("Moscou", 5, "nsubj", "PROPN", "", "Moscou"),
        ("a", 5, "ROOT", "VERB", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "avoir"),
        ("besoin", 5, "obj", "NOUN", "Gender=Masc|Number=Sing", "besoin"),
        ("d'", 8, "case", "ADP", "", "de"),
        ("obus", 6, "nmod", "NOUN", "Gender=Masc", "obus"),
        (".", 5, "punct", "PUNCT", "", "."),
    ])
    att = _according(d[:], FR, 0)
    assert (att.kind, att.cue, att.speaker_text) == ("according", "Selon", "Victor Cha")
    assert attribution(sentence(d), lex=FR, base=0).speaker_text == "Victor Cha"


def test_a_passive_reporting_verb_without_agent_attributes_nothing(vocab):
    # "Des livraisons sont évoquées." (impersonal: nobody speaks)
    d = doc(vocab, [
        ("Des", 1, "det", "DET", "Definite=Ind|Number=Plur", "un"),
        ("livraisons", 3, "nsubj:pass", "NOUN", "Gender=Fem|Number=Plur", "livraison"),
        ("sont", 3, "aux:pass", "AUX", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin", "être"),
        ("évoquées", 3, "ROOT", "VERB", "Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass", "évoquer"),
        (".", 3, "punct", "PUNCT", "", "."),
    ])
    assert attribution(sentence(d), lex=FR, base=0) is None


def test_a_conditional_main_clause_is_hedged_when_nobody_speaks(vocab):
    # "Moscou livrerait des armes."
    d = doc(vocab, [
        ("Moscou", 1, "nsubj", "PROPN", "", "Moscou"),
        ("livrerait", 1, "ROOT", "VERB", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "livrer"),
        ("des", 3, "det", "DET", "Definite=Ind|Number=Plur", "un"),
        ("armes", 1, "obj", "NOUN", "Gender=Fem|Number=Plur", "arme"),
        (".", 1, "punct", "PUNCT", "", "."),
    ])
    assert attribution(sentence(d), lex=FR, base=0) is None
    assert modality_of(None, d[:], FR) == "hedged"


# ------------------------------------------------------------------ the tense reader

def _tok(d: Doc, word: str):
    return next(t for t in d if t.text == word)


def test_compound_past_is_past(vocab):
    d = doc(vocab, AFFIRME)
    assert predicate_tense(_tok(d, "affirmé")) == "past"
    assert predicate_tense(_tok(d, "livrait")) == "past"  # imperfect


def test_future_and_conditional_are_future(vocab):
    # "Kim se rendra en Russie." / "Kim rencontrerait Poutine."
    fut = doc(vocab, [
        ("Kim", 2, "nsubj", "PROPN", "", "Kim"),
        ("se", 2, "expl:comp", "PRON", "Person=3|Reflex=Yes", "se"),
        ("rendra", 2, "ROOT", "VERB", "Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin", "rendre"),
        ("en", 4, "case", "ADP", "", "en"),
        ("Russie", 2, "obl:arg", "PROPN", "", "Russie"),
        (".", 2, "punct", "PUNCT", "", "."),
    ])
    assert predicate_tense(_tok(fut, "rendra")) == "fut"
    cnd = doc(vocab, [
        ("Kim", 1, "nsubj", "PROPN", "", "Kim"),
        ("rencontrerait", 1, "ROOT", "VERB", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "rencontrer"),
        ("Poutine", 1, "obj", "PROPN", "", "Poutine"),
        (".", 1, "punct", "PUNCT", "", "."),
    ])
    assert predicate_tense(_tok(cnd, "rencontrerait")) == "fut"


def test_aller_plus_infinitive_is_future_and_venir_de_is_past(vocab):
    # "Poutine va rencontrer Kim." / "Poutine vient de rencontrer Kim."
    va = doc(vocab, [
        ("Poutine", 1, "nsubj", "PROPN", "", "Poutine"),
        ("va", 1, "ROOT", "VERB", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "aller"),
        ("rencontrer", 1, "xcomp", "VERB", "VerbForm=Inf", "rencontrer"),
        ("Kim", 2, "obj", "PROPN", "", "Kim"),
        (".", 1, "punct", "PUNCT", "", "."),
    ])
    assert predicate_tense(_tok(va, "va")) == "fut"
    assert predicate_tense(_tok(va, "rencontrer")) == "fut"
    vient = doc(vocab, [
        ("Poutine", 1, "nsubj", "PROPN", "", "Poutine"),
        ("vient", 1, "ROOT", "VERB", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "venir"),
        ("de", 3, "mark", "ADP", "", "de"),
        ("rencontrer", 1, "xcomp", "VERB", "VerbForm=Inf", "rencontrer"),
        ("Kim", 3, "obj", "PROPN", "", "Kim"),
        (".", 1, "punct", "PUNCT", "", "."),
    ])
    assert predicate_tense(_tok(vient, "vient")) == "past"


def test_present_of_a_planning_verb_looks_ahead(vocab):
    # "Le sommet est prévu mardi." -> the passive auxiliary's present, with "prévoir": future
    d = doc(vocab, [
        ("Le", 1, "det", "DET", "Definite=Def|Gender=Masc|Number=Sing", "le"),
        ("sommet", 3, "nsubj:pass", "NOUN", "Gender=Masc|Number=Sing", "sommet"),
        ("est", 3, "aux:pass", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "être"),
        ("prévu", 3, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass", "prévoir"),
        ("mardi", 3, "obl:mod", "NOUN", "Gender=Masc|Number=Sing", "mardi"),
        (".", 3, "punct", "PUNCT", "", "."),
    ])
    assert predicate_tense(_tok(d, "prévu")) == "fut"
    start = d.text.index("mardi")
    assert tense_of(d[:], start, start + len("mardi")) == "fut"


def test_tense_of_climbs_from_the_expression_to_its_verb(vocab):
    # "Kim est arrivé mardi." : "mardi" hangs from "arrivé" (compound past)
    d = doc(vocab, [
        ("Kim", 2, "nsubj", "PROPN", "", "Kim"),
        ("est", 2, "aux:tense", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "être"),
        ("arrivé", 2, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part", "arriver"),
        ("mardi", 2, "obl:mod", "NOUN", "Gender=Masc|Number=Sing", "mardi"),
        (".", 2, "punct", "PUNCT", "", "."),
    ])
    start = d.text.index("mardi")
    assert tense_of(d[:], start, start + len("mardi")) == "past"
