"""analysis.query.briefing and figures.briefing: figure data, claim lists, the standalone HTML and the PNG export."""
from __future__ import annotations

import re
import struct

import pandas as pd

from analysis.query import briefing as qb
from analysis.query import themes as qt
from analysis.query.corpus import Corpus
from analysis.query.filters import Filters, view
from figures import briefing as fb

SCRIPT = "<script>alert(1)</script>"


def _tables() -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"], "title": ["Un", "Deux <b>", "Trois"], "source": ["a.fr", "b.fr", ""],
        "published": ["2023-09-01", "2023-09-13", ""], "published_basis": ["metadata", "inferred", "none"],
        "url": "", "author": "", "language": "fr", "n_words": [10, 20, 30], "text": ["x", "y", "z"]})
    sentences = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3"], "sent_id": [0, 1, 0, 0], "start": 0, "end": 1, "text": "x",
                              "themes": ["military;diplomacy", "", "military", "economy"], "topic_id": 0})
    mentions = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3", "d3"], "sent_id": 0, "start": 0, "end": 1,
                             "text": ["Moscou", "Russie", "Russie", "Kim", "Paris"], "label": ["LOC", "LOC", "LOC", "PER", "LOC"],
                             "actor_id": ["russia", "russia", "russia", "kim-jong-un", ""]})
    actors = pd.DataFrame({"actor_id": ["russia", "kim-jong-un"], "name": ["Russia", "Kim Jong-un"], "type": ["state", "person"],
                           "n_mentions": [3, 1], "n_docs": [2, 1]})
    claims = pd.DataFrame({
        "claim_id": ["c1", "c2", "c3", "c4"], "doc_id": ["d1", "d2", "d3", "d1"], "sent_id": [0, 0, 0, 1], "start": 0, "end": 1,
        "text": ["La Russie livre des armes.", "Moscou livre des armes.", "Moscou nie " + SCRIPT, "Il pleut."],
        "speaker_id": ["author", "russia", "russia", "author"], "speaker_text": ["", "Moscou", "Moscou", ""],
        "cue": ["", "affirme", "nie", ""], "modality": ["asserted", "reported", "denied", "asserted"],
        "themes": ["military", "military", "military", ""], "event_date": ["2023-09", "2023-09-13", "", "2023"],
        "event_date_basis": ["explicit", "explicit", "", "explicit"], "group_id": ["g1", "g1", "g2", "g3"]})
    claims.loc[2, "group_id"] = "g1"
    groups = pd.DataFrame({"group_id": ["g1", "g3"], "label": ["La Russie livre des armes " + SCRIPT, "Il pleut."],
                           "n_claims": [3, 1], "n_docs": [3, 1], "stance": ["contested", "single"]})
    return {"documents": docs, "sentences": sentences, "mentions": mentions, "actors": actors, "claims": claims,
            "claim_groups": groups}


def _briefing(f: Filters = Filters()):
    t = _tables()
    return t, qb.briefing(view(Corpus.from_tables(t, actor_names={"russia": "Russia", "kim-jong-un": "Kim Jong-un"}), f))


def test_actor_counts_and_top_actors_figure():
    _, b = _briefing()
    assert list(b.actors["actor_id"]) == ["russia", "kim-jong-un"]
    assert list(b.actors["mentions"]) == [3, 1] and list(b.actors["articles"]) == [2, 1]
    assert b.n_mentions == 4
    d = fb.top_actors_figure(b.actors).to_dict()
    assert list(d["data"][0]["y"]) == ["Russia", "Kim Jong-un"] and list(d["data"][0]["x"]) == [3, 1]
    assert list(d["data"][0]["customdata"]) == ["russia", "kim-jong-un"]


def test_theme_mix_counts_each_theme_of_a_sentence_and_the_unthemed():
    _, b = _briefing()
    mix = b.mix.set_index("theme")["share"].to_dict()
    assert mix == {"military": 0.5, "diplomacy": 0.25, "economy": 0.25, qt.NO_THEME: 0.25}
    assert b.mix["theme"].iloc[-1] == qt.NO_THEME  # the unthemed share comes last
    d = fb.theme_mix_figure(b.mix).to_dict()
    assert d["data"][0]["marker"]["color"][0] == "#b2182b"  # the shared military colour


def test_key_figures_and_caption_parts():
    t, b = _briefing()
    assert [(k.label, k.value) for k in b.key_figures] == [
        ("Articles", "3"), ("Sources", "2"), ("Actors", "2"), ("Claims", "4"), ("Contested", "1")]
    assert qb.date_span(t["documents"]) == "01 Sep 2023 – 13 Sep 2023 (1 date inferred, 1 undated)"
    assert qb.sources_text(t["documents"]) == "a.fr, b.fr + 1 article without a named source"
    assert qb.date_span(t["documents"].iloc[2:]) == "no publication date known"


def test_group_lists_show_who_says_what():
    _, b = _briefing()
    assert b.corroborated == []
    [g] = b.contested
    assert (g.group_id, g.n_docs, g.n_docs_corpus) == ("g1", 3, 3)
    assert [(s.outlet, s.modalities) for s in g.sources] == [("a.fr", "asserted"), ("b.fr", "reported"),
                                                             ("(unknown source) · Trois", "denied")]
    assert fb.brief_sources(g) == "3 articles: a.fr, b.fr, 1 unnamed source · denied in «Trois»"


def test_filters_apply_and_no_data_gives_empty_figures_not_errors():
    _, b = _briefing(Filters(sources=("a.fr",)))
    assert list(b.docs["doc_id"]) == ["d1"] and len(b.claims) == 2
    assert b.contested[0].n_docs == 1 and b.contested[0].n_docs_corpus == 3
    _, none = _briefing(Filters(date_from="1990-01-01", date_to="1990-12-31"))
    assert none.docs.empty and none.actors.empty and none.mix.empty and none.contested == []
    for fig in (fb.top_actors_figure(none.actors), fb.theme_mix_figure(none.mix), fb.timeline_figure(none.claims)):
        d = fig.to_dict()
        assert d["data"] == [] and d["layout"]["annotations"][0]["text"].startswith("No ")


def _figures(b):
    from analysis.query.claims import claim_view

    view = claim_view(b.claims, b.docs, actor_names={"russia": "Russia"}, groups=_tables()["claim_groups"])
    return [fb.top_actors_figure(b.actors), fb.theme_mix_figure(b.mix), fb.timeline_figure(view)]


def test_briefing_html_is_standalone_with_each_chart_and_escapes_article_text():
    _, b = _briefing()
    figs = _figures(b)
    html = fb.briefing_html(title="Briefing — test", caption="test · no filter · 3 articles", key_figures=b.key_figures,
                            figures=[(f, f"caption {i}") for i, f in enumerate(figs)], corroborated=b.corroborated,
                            contested=b.contested)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert len(re.findall(r'<div id="[^"]+" class="plotly-graph-div"', html)) == 3
    assert html.count("Plotly.newPlot(") == 3
    assert html.count("plotly.js v") == 1  # the bundle, inlined once
    assert "cdn.plot.ly" not in html.split("</style>")[0] and 'src="http' not in html
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Deux <b>" not in html
    assert "caption 2" in html and 'class="kpi"' in html


def test_briefing_figure_composes_the_charts_without_touching_them():
    _, b = _briefing()
    figs = _figures(b)
    before = [f.to_json() for f in figs]
    big = fb.briefing_figure(figs, title="T <i>", caption="c", key_figures=b.key_figures, contested=b.contested).to_dict()
    assert [f.to_json() for f in figs] == before
    axes = {(t.get("xaxis", "x"), t.get("yaxis", "y")) for t in big["data"]}
    assert {("x", "y"), ("x2", "y2"), ("x3", "y3")} <= axes
    assert big["layout"]["xaxis3"]["type"] == "date"
    texts = " ".join(a["text"] for a in big["layout"]["annotations"])
    assert "T &lt;i&gt;" in texts and "Contested claims" in texts and "&lt;script&gt;" in texts and SCRIPT not in texts


def test_briefing_png_is_a_1400x900_png():
    _, b = _briefing()
    png = fb.briefing_png(_figures(b), title="Briefing — test", caption="c", key_figures=b.key_figures,
                          contested=b.contested)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR" and struct.unpack(">II", png[16:24]) == (1400, 900)
    assert len(png) > 20_000  # a real picture, not a blank page
    svg = fb.figure_image(_figures(b)[0], "svg")
    assert svg.startswith(b"<svg") and b"Russia" in svg


def test_one_outlet_telling_a_group_many_times_is_named_once():
    notes = [qb.SourceNote("Orange Actu", "asserted", True, f"t{i}") for i in range(58)]
    g = qb.GroupSummary("g1", "Le bilan de la pandémie.", "corroborated", 58, 58, notes)
    assert fb.brief_sources(g) == "58 articles: Orange Actu (58 articles)"
    html = fb._group_items_html([g])
    assert html.count("Orange Actu") == 1 and "×58" in html
