"""analysis/query/filters.py: the typed Filters value and the one path every page takes,
view(corpus, filters), on the seed corpus (real values) and on hand-built rows."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.build import build
from analysis.query.actors import mentions_in_view
from analysis.query.claims import claims_in_view, corpus_claim_view
from analysis.query.corpus import Corpus
from analysis.query.filters import Chip, Filters, view
from analysis.files.tables import read_tables
from tests.conftest import SEEDS

CLIC = "000_e765f89363af8f53.txt"  # the one seed article with a named source (clicdanstaville.fr) and a date


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    """The seed tables, built once (the shared build cache makes this fast after the first run)."""
    out = tmp_path_factory.mktemp("query_seeds")
    build([SEEDS], out, progress=False)
    return Corpus.from_tables(read_tables(out), name="seed corpus")


def _keys(frame: pd.DataFrame) -> set[tuple[str, int]]:
    return set(zip(frame["doc_id"], frame["sent_id"].astype(int)))


def test_no_filter_keeps_the_corpus_tables_themselves(corpus):
    v = view(corpus, Filters())
    assert v.whole and len(v.documents) == 5
    assert len(v.sentences()) == len(v.article_sentences) == 159
    assert len(v.article_mentions) == 258 and len(v.claims) == 127
    # nothing filtered out: the corpus's own frames, not copies (pages compare lengths to skip work)
    assert v.claims is corpus.tables["claims"] and v.article_sentences is corpus.tables["sentences"]
    assert claims_in_view(v) is corpus_claim_view(corpus)


def test_source_filter(corpus):
    v = view(corpus, Filters(sources=("clicdanstaville.fr",)))
    assert list(v.documents["doc_id"]) == [CLIC] and not v.whole
    assert len(v.sentences()) == 27 and len(v.article_mentions) == 42 and len(v.claims) == 22
    assert set(v.claims["doc_id"]) == {CLIC} and dict(v.sources) == {CLIC: "clicdanstaville.fr"}
    unknown = view(corpus, Filters(sources=("(unknown source)",)))
    assert len(unknown.documents) == 4 and CLIC not in set(unknown.documents["doc_id"])
    assert len(unknown.sentences()) == 132 and len(unknown.claims) == 105


def test_actor_filter_keeps_the_sentences_naming_the_actor(corpus):
    v = view(corpus, Filters(actors=("vladimir-putin",)))
    assert len(v.documents) == 5  # every seed article names Putin
    mentions = corpus["mentions"]
    naming = _keys(mentions[mentions["actor_id"] == "vladimir-putin"])
    assert _keys(v.sentences()) == naming and len(v.sentences()) == 27
    assert len(v.sentences(themes=False)) == 27 and len(v.article_sentences) == 159
    assert len(v.claims) == 20
    said_or_named = (v.claims["speaker_id"] == "vladimir-putin") | v.claims["actors"].fillna("").str.contains("vladimir-putin")
    assert said_or_named.all()
    m = mentions_in_view(v)  # the Entities page: actors named in the sentences naming Putin
    assert len(m) == 64 and m["actor_id"].value_counts().head(3).to_dict() == {
        "vladimir-putin": 27, "kim-jong-un": 22, "north-korea": 7}


def test_theme_filter_picks_articles_and_sentences(corpus):
    v = view(corpus, Filters(themes=("military",)))
    assert len(v.documents) == 5
    assert len(v.sentences()) == 53 and v.sentences()["themes"].str.split(";").map(lambda t: "military" in t).all()
    assert len(v.sentences(themes=False)) == 159  # theme shares count every sentence of the articles
    assert len(v.claims) == 48 and v.claims["themes"].str.contains("military").all()


def test_modality_filter_applies_to_claims_only(corpus):
    v = view(corpus, Filters(modalities=("denied",)))
    assert v.whole and len(v.sentences()) == 159
    assert len(v.claims) == 5 and set(v.claims["modality"]) == {"denied"}
    assert list(claims_in_view(v)["claim_id"]) == list(v.claims["claim_id"])


def test_date_range(corpus):
    september = view(corpus, Filters(date_from="2023-09-01", date_to="2023-09-30"))
    assert list(september.documents["doc_id"]) == [CLIC]  # the only dated seed article (2023-09-13)
    assert len(mentions_in_view(september)) == 38 and len(september.claims) == 22
    for f in (Filters(date_to="1990-01-01"), Filters(date_from="2024-01-01")):
        v = view(corpus, f)
        assert v.documents.empty and v.sentences().empty and v.article_mentions.empty and v.claims.empty


def test_filters_combine(corpus):
    v = view(corpus, Filters(sources=("clicdanstaville.fr",), actors=("vladimir-putin",), modalities=("asserted",)))
    assert list(v.documents["doc_id"]) == [CLIC]
    assert set(v.sentences()["doc_id"]) == {CLIC} and len(v.sentences()) == 5
    assert set(v.claims["modality"]) == {"asserted"} and set(v.claims["doc_id"]) == {CLIC}


def test_missing_tables_give_empty_frames_not_errors():
    docs = pd.DataFrame({"doc_id": ["a"], "source": ["x.fr"], "published": ["2024-01-02"], "title": ["T"]})
    v = view(Corpus.from_tables({"documents": docs}), Filters(sources=("x.fr",)))
    assert list(v.documents["doc_id"]) == ["a"] and v.article_sentences.empty and v.claims.empty


# ---------------------------------------------------------------- the value itself

def test_filters_are_a_typed_hashable_value():
    f = Filters(sources=["a.fr", ""], actors=["russia"])
    assert f.sources == ("a.fr",) and f.actors == ("russia",)  # lists become tuples, empty choices drop
    assert f == Filters(sources=("a.fr",), actors=("russia",)) and hash(f) == hash(Filters(sources=("a.fr",), actors=("russia",)))
    assert f.replace(actors=("kim-jong-un",)).actors == ("kim-jong-un",) and f.actors == ("russia",)
    with pytest.raises(TypeError):
        f.replace(actor=("x",))  # a misspelt filter fails loudly
    assert not Filters().active and f.active and Filters(date_to="2024-01-01").active


def test_chips_carry_the_filters_without_them():
    f = Filters(sources=("a.fr", "b.fr"), actors=("russia",), date_from="2024-01-01")
    chips = f.chips({"russia": "Russia"})
    assert [c.label for c in chips] == ["a.fr", "b.fr", "Russia", "2024-01-01 → …"]
    assert chips[0] == Chip("sources_a.fr", "a.fr", Filters(sources=("b.fr",), actors=("russia",), date_from="2024-01-01"))
    assert chips[2].without.actors == () and chips[3].without == Filters(sources=("a.fr", "b.fr"), actors=("russia",))
    assert [c.key for c in chips][-1] == "dates_"


def test_url_params_round_trip():
    f = Filters(sources=("a.fr",), actors=("russia", "kim-jong-un"), themes=("military",), modalities=("denied",),
                languages=("fr",), date_from="2023-09-01", date_to="2023-09-30")
    params = f.to_params()
    assert params == {"source": ["a.fr"], "actor": ["russia", "kim-jong-un"], "theme": ["military"], "modality": ["denied"],
                      "lang": ["fr"], "from": "2023-09-01", "to": "2023-09-30"}
    lists = {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}
    assert Filters.from_params(lambda k: lists.get(k, [])) == f
    assert Filters().to_params() == {} and Filters.from_params(lambda k: []) == Filters()
