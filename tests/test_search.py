"""analysis.query.search: concordance on hand-built sentence and document frames."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.query.search import COLUMNS, fold, parse_query, search

TEXTS = {
    "a": "Intro.\nLa Russie a besoin de MUNITIONS. L'État russe dément. Kim Jong-un arrive.",
    "b": "Les réserves de munitions s’épuisent. Prix: 3 (+5%) en 2023 ; C++ et .NET cités.",
}


def _frames():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Titre A", "Titre B"], "source": ["lemonde.fr", ""],
                         "published": ["2023-09-13", "2023-09-01"], "published_basis": ["metadata", "inferred"],
                         "text": [TEXTS["a"], TEXTS["b"]]})
    rows = []
    for doc_id, text, sentences, lemmas in [
        ("a", TEXTS["a"], ["La Russie a besoin de MUNITIONS.", "L'État russe dément.", "Kim Jong-un arrive."],
         ["besoin munition", "état russe démentir", "arriver"]),
        ("b", TEXTS["b"], ["Les réserves de munitions s’épuisent.", "Prix: 3 (+5%) en 2023 ; C++ et .NET cités."],
         ["réserve munition épuiser", "prix citer"]),
    ]:
        for i, (s, lem) in enumerate(zip(sentences, lemmas)):
            start = text.index(s)
            rows.append({"doc_id": doc_id, "sent_id": i, "start": start, "end": start + len(s), "text": s, "lemmas": lem})
    return pd.DataFrame(rows), docs


def _spans(result):
    return [(r.doc_id, TEXTS[r.doc_id][r.start:r.end]) for r in result.itertuples()]


def test_fold_strips_case_accents_ligatures_and_curly_apostrophes():
    assert fold("État Cœur L’Élysée") == "etat coeur l'elysee"


def test_parse_query_phrases_and_words():
    terms = parse_query('Russie "Kim  Jong-un" « État russe » munitions munitions')
    assert [(t.words, t.phrase) for t in terms] == [
        (("russie",), False), (("kim", "jong", "un"), True), (("etat", "russe"), True), (("munitions",), False)]
    assert parse_query("   ") == [] and parse_query('""') == []


def test_word_search_is_case_and_accent_insensitive_with_article_offsets():
    sentences, docs = _frames()
    r = search("munitions", sentences, docs)
    assert list(r.columns) == COLUMNS
    assert _spans(r) == [("a", "MUNITIONS"), ("b", "munitions")]
    first = r.iloc[0]
    assert (first["left"], first["hit"], first["right"]) == ("La Russie a besoin de ", "MUNITIONS", ".")
    assert (first["source"], first["published"], first["title"]) == ("lemonde.fr", "2023-09-13", "Titre A")
    assert r.iloc[1]["published_basis"] == "inferred"
    assert _spans(search("etat", sentences, docs)) == [("a", "État")]


def test_whole_words_only():
    sentences, docs = _frames()
    assert search("munition", sentences, docs).empty  # no prefix match in word mode
    assert search("russ", sentences, docs).empty


def test_quoted_phrase_matches_the_phrase_only():
    sentences, docs = _frames()
    assert _spans(search('"Kim Jong-un"', sentences, docs)) == [("a", "Kim Jong-un")]
    assert _spans(search('"kim jong un"', sentences, docs)) == [("a", "Kim Jong-un")]  # hyphen or space
    assert _spans(search('"état russe"', sentences, docs)) == [("a", "État russe")]
    assert search('"russe état"', sentences, docs).empty


def test_several_words_must_all_be_in_the_sentence_each_hit_listed():
    sentences, docs = _frames()
    r = search("Russie munitions", sentences, docs)
    assert _spans(r) == [("a", "Russie"), ("a", "MUNITIONS")]
    assert list(r["term"]) == ["russie", "munitions"]
    assert search("Russie Kim", sentences, docs).empty  # in the same article, not the same sentence


def test_no_hit_and_empty_query_give_empty_frames_with_columns():
    sentences, docs = _frames()
    for q in ("", "   ", "zzz", '"'):
        r = search(q, sentences, docs)
        assert r.empty and list(r.columns) == COLUMNS
    assert search("munitions", sentences.iloc[0:0], docs).empty


@pytest.mark.parametrize("query,expected", [("(+5%)", "(+5%)"), ("C++", "C++"), (".NET", ".NET"), ("3", "3")])
def test_regex_metacharacters_are_literal(query, expected):
    sentences, docs = _frames()
    assert _spans(search(query, sentences, docs)) == [("b", expected)]


@pytest.mark.parametrize("query", [".*", "[a-z]+", "a|b", "\\w", "((", "?"])
def test_regex_syntax_never_matches_as_regex_nor_raises(query):
    sentences, docs = _frames()
    assert search(query, sentences, docs).empty


def test_lemma_search_selects_on_lemmas_and_highlights_surface_forms():
    sentences, docs = _frames()
    r = search("munition", sentences, docs, by="lemma")
    assert _spans(r) == [("a", "MUNITIONS"), ("b", "munitions")]
    assert _spans(search("démentir", sentences, docs, by="lemma")) == [("a", "dément")]
    assert _spans(search("citer prix", sentences, docs, by="lemma")) == [("b", "Prix"), ("b", "cités")]
    assert search("munitions", sentences, docs, by="lemma").empty  # lemmas, not surface forms


def test_lemma_without_a_recognisable_surface_form_highlights_the_sentence():
    sentences, docs = _frames()
    sentences = sentences.assign(lemmas=sentences["lemmas"].where(sentences["sent_id"] != 2, "être"))
    r = search("être", sentences, docs, by="lemma")
    assert _spans(r) == [("a", "Kim Jong-un arrive.")]


def test_lemma_mode_needs_the_column_and_mode_is_checked():
    sentences, docs = _frames()
    with pytest.raises(ValueError):
        search("munition", sentences.drop(columns="lemmas"), docs, by="lemma")
    with pytest.raises(ValueError):
        search("munition", sentences, docs, by="regex")


def test_context_window_is_cut_at_word_boundaries_with_ellipsis():
    text = "un deux trois quatre cinq six sept huit neuf dix onze douze"
    sentences = pd.DataFrame({"doc_id": ["x"], "sent_id": [0], "start": [0], "end": [len(text)], "text": [text]})
    docs = pd.DataFrame({"doc_id": ["x"], "title": [""], "source": [""], "published": [""], "text": [text]})
    r = search("six", sentences, docs, window=12).iloc[0]
    assert (r["left"], r["hit"], r["right"]) == ("…quatre cinq ", "six", " sept huit…")
    assert r["published_basis"] == ""  # missing document columns come back empty


def test_inputs_are_not_mutated():
    sentences, docs = _frames()
    before = sentences.copy(), docs.copy()
    search("munitions Russie", sentences, docs)
    pd.testing.assert_frame_equal(sentences, before[0])
    pd.testing.assert_frame_equal(docs, before[1])


def test_limit_stops_after_n_hits_in_corpus_order():
    sentences, docs = _frames()
    assert _spans(search("munitions", sentences, docs, limit=1)) == [("a", "MUNITIONS")]
