"""AppTest: the Overview and the Reader on the seeds, filters from the URL and from widgets."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.charts import charts
from tests.conftest import ROOT


def _app():
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_overview_on_the_seeds():
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert _metric(at, "Articles") == "5"
    table = at.dataframe[0].value
    assert len(table) == 5 and set(table.columns) >= {"Title", "Source", "Published", "Author"}
    row = table.set_index("doc_id").loc["002_93d6684eea28a751.txt"]
    assert (row["Title"], row["Author"]) == ("Poutine en Corée du Nord mardi pour rencontrer Kim Jong Un", "Josephine Martin")
    figs = charts(at)
    titles = [c["layout"]["title"]["text"] for c in figs]
    assert titles[0] == "Articles by source" and titles[1].startswith("Articles by publication date")
    top = next(c for c in figs if c["layout"]["title"]["text"].startswith("Most-mentioned"))
    names = [n for trace in top["data"] for n in trace["y"]]
    assert "Russia" in names and "North Korea" in names


def test_source_filter_from_the_url_and_chips():
    at = _app()
    at.query_params["source"] = "clicdanstaville.fr"
    at.run()
    assert not at.exception
    assert _metric(at, "Articles") == "1"
    assert any(b.label.endswith("clicdanstaville.fr") for b in at.button)
    assert at.multiselect(key="w_sources").value == ["clicdanstaville.fr"]


def test_filter_with_no_match_shows_a_message():
    at = _app()
    at.query_params["from"] = "1999-01-01"
    at.query_params["to"] = "1999-12-31"
    at.run()
    assert not at.exception
    assert any("No article matches" in i.value for i in at.info)


@pytest.mark.parametrize("doc_id", ["000_e765f89363af8f53.txt", "004_7d5f20bec1557aa2.txt"])
def test_reader_shows_article_escaped_with_chrome_marked(doc_id):
    at = _app().run()
    at.switch_page("pages/1_Reader.py").run()
    at.selectbox(key="reader_choice").select(doc_id).run()
    assert not at.exception and at.title[0].value == "Reader"
    html = _reader_html(at)
    assert 'class="bp"' in html and 'class="ent"' in html and 'class="claim"' in html
    assert at.query_params["doc"] == doc_id
    at.pills(key="reader_layers").set_value(["dates", "themes"]).run()
    html = _reader_html(at)
    assert 'class="tx"' in html and 'class="th"' in html and 'class="ent"' not in html


def _reader_html(at):
    return next(h.proto.body for h in at.get("html") if "veille-reader" in h.proto.body)


def test_reader_escapes_markup(tmp_path, monkeypatch):
    (tmp_path / "x.txt").write_text("Titre <b>gras</b>\nLe Kremlin a dit <script>alert(1)</script> « non ».", encoding="utf-8")
    monkeypatch.setenv("VEILLE_CORPUS", str(tmp_path))
    at = _app().run()
    at.switch_page("pages/1_Reader.py").run()
    html = "".join(h.proto.body for h in at.get("html"))
    assert "<script>" not in html and "<b>gras" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_word_counts_become_a_length_histogram_for_many_articles():
    import pandas as pd

    from figures import overview as fo

    docs = pd.DataFrame({"n_words": list(range(100, 100 + 10 * 50, 10))})
    labels = pd.Series([f"a{i}" for i in range(50)])
    many = fo.word_counts(docs, labels=labels)
    assert many.data[0].type == "histogram" and "50 articles" in many.layout.title.text
    few = fo.word_counts(docs.head(5), labels=labels.head(5))
    assert few.data[0].type == "bar" and list(few.data[0].y) == ["a0", "a1", "a2", "a3", "a4"]


def test_english_articles_without_a_model_are_flagged(tmp_path, monkeypatch):
    """An English article analysed by the blank fallback pipeline: the Overview says so."""
    import pandas as pd

    from analysis.map import nlp as nlp_mod
    from analysis.query.documents import blank_pipeline_articles

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text("Putin visits Pyongyang\n\nRussian President Vladimir Putin arrived in Pyongyang "
                                   "on Tuesday, the Kremlin said. The two leaders met for two hours.\n", encoding="utf-8")
    import analysis.build
    import analysis.mapping
    import ui.data

    monkeypatch.setenv("VEILLE_EN_MODEL", nlp_mod.BLANK_EN)
    monkeypatch.setenv("VEILLE_CORPUS", str(corpus))
    for module in (analysis.build, ui.data):  # a cache of its own: nothing analysed earlier is reused
        monkeypatch.setattr(module, "DEFAULT_CACHE", tmp_path / "cache")
    monkeypatch.setattr(analysis.mapping, "_RESOURCES", None)  # this process's pipelines, loaded anew
    nlp_mod.load.cache_clear()
    try:
        at = _app().run()
    finally:
        nlp_mod.load.cache_clear()
    assert not at.exception
    assert [w.value for w in at.warning] and "1 English article was analysed without an English language model" in at.warning[0].value
    docs = pd.DataFrame({"pipeline": ["en_blank_sentencizer_lookup-0.0.0", "fr_core_news_md-3.8.0", None]})
    assert blank_pipeline_articles(docs) == 1 and blank_pipeline_articles(pd.DataFrame({"doc_id": ["a"]})) == 0
