"""Themes & topics figures on hand-built tables: shares, colours, hover terms, topic traces, empty states."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.query import themes as ts
from analysis.query import topics as tq
from analysis.reduce.topic_names import name_topics
from analysis.reduce.topics import fit_topics
from figures import themes as fig
from figures.colors import THEME_COLORS

SENTENCES = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b", "b", "c"],
    "sent_id": [0, 1, 2, 0, 1, 0],
    "start": [0, 10, 20, 0, 10, 0], "end": [9, 19, 29, 9, 19, 9],
    "text": ["s0", "s1", "s2", "t0", "t1", "u0"],
    "themes": ["military", "military;diplomacy", "", "economy", "military", ""],
    "theme_terms": ["military: guerre, munition", "diplomacy: sommet; military: guerre", "", "economy: prix",
                    "military: @named_parties, obus", ""],
})
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["A", "B", ""], "source": ["Le Monde", "TASS", ""],
                     "published": ["2023-09-13", "2023-09-14", ""], "published_basis": ["metadata", "inferred", "none"]})
SOURCES = pd.Series(["Le Monde", "TASS", "(unknown source)"], index=["a", "b", "c"])


def _by_source():
    return fig.theme_share_by_source(ts.shares_by_source(SENTENCES, SOURCES)).to_dict()


def test_theme_shares_sum_to_one_per_source_with_theme_colours():
    data = _by_source()["data"]
    totals: dict[str, float] = {}
    for trace in data:
        for y, x in zip(trace["y"], trace["x"]):
            totals[y] = totals.get(y, 0) + x
    assert totals == pytest.approx({"Le Monde": 1.0, "TASS": 1.0, "(unknown source)": 1.0})
    colours = {t["name"]: t["marker"]["color"] for t in data}
    assert colours["military"] == THEME_COLORS["military"] and colours["(no theme)"] == fig.NO_THEME_COLOR
    military = next(t for t in data if t["name"] == "military")
    # Le Monde: s0 (military) + half of s1 (military;diplomacy) over 3 sentences
    assert dict(zip(military["y"], military["x"]))["Le Monde"] == pytest.approx(0.5, abs=1e-4)
    assert [t["name"] for t in data] == ["military", "diplomacy", "economy", "(no theme)"]


def test_hover_carries_counts_and_trigger_terms():
    military = next(t for t in _by_source()["data"] if t["name"] == "military")
    by_source = dict(zip(military["y"], military["customdata"]))
    theme, n, total, terms = by_source["Le Monde"]
    assert (theme, n, total) == ("military", 2, 3)
    assert terms == "guerre (2), munition (1)"  # the most responsible term first
    assert "[2+ named parties] (1), obus (1)" == by_source["TASS"][3]
    assert "customdata[3]" in military["hovertemplate"]


def test_highlight_fades_the_other_themes():
    data = fig.theme_share_by_source(ts.shares_by_source(SENTENCES, SOURCES), highlight=("economy",)).to_dict()["data"]
    assert {t["name"]: t["marker"]["opacity"] for t in data} == {"military": 0.35, "diplomacy": 0.35, "economy": 1.0,
                                                                 "(no theme)": 0.35}


def test_share_over_time_hatches_inferred_dates():
    shares, unit, n_undated, n_dated = ts.shares_over_time(SENTENCES, DOCS)
    assert (unit, n_undated, n_dated) == ("day", 1, 5)
    d = fig.theme_share_over_time(shares, unit=unit, n_undated=n_undated).to_dict()
    assert d["layout"]["title"]["text"] == "Theme share by publication day · 1 article without a date left out"
    patterns = {(t["name"], t["x"][0]): t["marker"]["pattern"]["shape"] for t in d["data"]}
    assert patterns[("economy", "2023-09-14")] == "/" and patterns[("military", "2023-09-13")] == ""
    per_day: dict[str, float] = {}
    for t in d["data"]:
        for x, y in zip(t["x"], t["y"]):
            per_day[x] = per_day.get(x, 0) + y
    assert per_day == pytest.approx({"2023-09-13": 1.0, "2023-09-14": 1.0})


def test_time_bins_switch_to_months_over_a_long_span():
    bins, unit = ts.time_bins(pd.Series(["2023-01-05", "2023-06-20", ""]))
    assert unit == "month" and list(bins) == ["2023-01", "2023-06", ""]


@pytest.mark.parametrize("make", [
    lambda: fig.theme_share_by_source(ts.shares_by_source(SENTENCES.iloc[0:0], SOURCES)),
    lambda: fig.theme_share_over_time(ts.shares_over_time(SENTENCES, DOCS.assign(published=""))[0], unit="day"),
    lambda: fig.topic_sizes(pd.DataFrame(columns=["topic_id", "label", "size", "top_terms"])),
    lambda: fig.topic_map(pd.DataFrame(), pd.DataFrame(columns=["topic_id", "label"])),
    lambda: fig.topic_source_matrix(pd.DataFrame(), pd.DataFrame(columns=["topic_id", "label"])),
])
def test_empty_input_gives_an_annotated_empty_figure(make):
    d = make().to_dict()
    assert d["data"] == []
    assert d["layout"]["annotations"][0]["text"].startswith("No ")
    assert d["layout"]["xaxis"]["visible"] is False


# ---------------------------------------------------------------- topics

VOCAB = {
    "war": "arme munition obus artillerie missile soldat offensif front guerre blindé",
    "space": "satellite fusée lanceur orbite spatial cosmodrome technologie ingénieur lancement station",
    "trade": "pétrole gaz prix marché exportation blé céréale commerce devise inflation",
}


def _paragraphs() -> pd.DataFrame:
    rows = []
    for t, (name, words) in enumerate(VOCAB.items()):
        w = words.split()
        for i in range(12):
            lemmas = " ".join(w[(i + j) % len(w)] for j in range(8))
            rows.append({"doc_id": f"{name}-{i % 3}", "sent_id": i, "para": i, "start": 0, "end": 1,
                         "text": f"<b>{name}</b> paragraph {i}", "lemmas": lemmas})
    return pd.DataFrame(rows)


def _topic_figures(sentences):
    result = fit_topics(sentences, n_topics=3)
    topics = name_topics(result.topics, {})
    docs = pd.DataFrame({"doc_id": sorted(sentences["doc_id"].unique()), "title": "T", "source": "S"})
    sources = pd.Series(["src-" + d.split("-")[0] for d in docs["doc_id"]], index=docs["doc_id"])
    units = tq.units_for_view(result.units, docs, sentences, sources)
    return (fig.topic_map(units, topics).to_dict(), fig.topic_sizes(topics).to_dict(),
            fig.topic_source_matrix(tq.topic_source_shares(units, sources), topics).to_dict(), topics)


def test_topic_map_has_one_trace_per_topic_with_names_and_ids():
    sentences = _paragraphs()
    m, sizes, matrix, topics = _topic_figures(sentences)
    assert len(m["data"]) == 3 == len(topics)
    assert sorted(t["customdata"][0] for t in m["data"]) == [0, 1, 2]
    assert all(len(set(t["customdata"])) == 1 for t in m["data"])
    assert sum(len(t["x"]) for t in m["data"]) == 36
    assert m["data"][0]["name"].startswith("T1 · ")
    assert "&lt;b&gt;" in m["data"][0]["hovertext"][0]  # article text is escaped in the hover box
    assert sizes["data"][0]["x"] == [12, 12, 12] and sizes["data"][0]["customdata"] == [0, 1, 2]
    # each source's paragraphs all fall in one topic: one 100 % cell per column
    z = matrix["data"][0]["z"]
    assert sorted(max(col) for col in zip(*z)) == [1.0, 1.0, 1.0]


def test_topic_figures_are_deterministic():
    first, second = _topic_figures(_paragraphs()), _topic_figures(_paragraphs())
    assert first[0] == second[0] and first[1] == second[1] and first[2] == second[2]


def test_topic_names_appear_on_every_topic_figure():
    sentences = _paragraphs()
    result = fit_topics(sentences, n_topics=3)
    war = result.topics[result.topics["top_terms"].str.contains("munition")].iloc[0]
    topics = name_topics(result.topics, {war["signature"]: "Guerre & armes"})
    assert topics.set_index("topic_id").at[war["topic_id"], "label"] == "Guerre & armes"
    shown = f"T{war['topic_id'] + 1} · Guerre &amp; armes"
    assert shown in fig.topic_sizes(topics).to_dict()["data"][0]["y"]
    units = result.units.assign(title="T", source="S")
    assert shown in [t["name"] for t in fig.topic_map(units, topics).to_dict()["data"]]


def test_shares_from_corpus_wide_weights_equal_the_direct_computation():
    weights = ts.theme_weights(SENTENCES[["doc_id", "sent_id", "themes", "theme_terms"]])
    part = SENTENCES.iloc[1:]  # a filtered view: the weights cover more sentences than it has
    direct, reused = ts.shares_by_source(part, SOURCES), ts.shares_by_source(part, SOURCES, weights=weights)
    pd.testing.assert_frame_equal(direct.reset_index(drop=True), reused.reset_index(drop=True))
    # labels of another table (a reset index): the rows are found by (doc_id, sent_id) instead
    shifted = ts.shares_by_source(part.reset_index(drop=True), SOURCES, weights=weights)
    pd.testing.assert_frame_equal(direct.reset_index(drop=True), shifted.reset_index(drop=True))
    over, over_reused = ts.shares_over_time(part, DOCS)[0], ts.shares_over_time(part, DOCS, weights=weights)[0]
    pd.testing.assert_frame_equal(over.reset_index(drop=True), over_reused.reset_index(drop=True))
    assert direct["n_total"].sum() > 0


@pytest.mark.parametrize("docs", [("a", "b", "c"), ("a", "c"), ("b",), ()])
def test_shares_of_whole_articles_from_per_article_totals_equal_the_direct_computation(docs):
    weights = ts.theme_weights(SENTENCES[["doc_id", "sent_id", "themes", "theme_terms"]])
    totals = ts.theme_totals(weights)
    part = SENTENCES[SENTENCES["doc_id"].isin(docs)]  # every sentence of the articles kept
    direct, summed = ts.shares_by_source(part, SOURCES), ts.shares_by_source(part, SOURCES, totals=totals)
    pd.testing.assert_frame_equal(direct.reset_index(drop=True), summed.reset_index(drop=True), check_dtype=False,
                                  check_index_type=False)
    over, over_summed = ts.shares_over_time(part, DOCS), ts.shares_over_time(part, DOCS, totals=totals)
    pd.testing.assert_frame_equal(over[0].reset_index(drop=True), over_summed[0].reset_index(drop=True), check_dtype=False,
                                  check_index_type=False)
    assert over[1:] == over_summed[1:]
    if "a" in docs:
        row = summed[(summed["source"] == SOURCES["a"]) & (summed["theme"] == "military")].iloc[0]
        assert row["top_terms"].startswith("guerre (2)")


def test_topic_map_caps_its_points_and_whole_articles_keep_every_unit():
    sentences = _paragraphs()
    result = fit_topics(sentences, n_topics=3)
    topics = name_topics(result.topics, {})
    docs = pd.DataFrame({"doc_id": sorted(sentences["doc_id"].unique()), "title": "T", "source": "S"})
    sources = pd.Series("S", index=docs["doc_id"])
    units = tq.units_for_view(result.units, docs, sentences, sources)
    fast = tq.units_for_view(result.units, docs, sentences, sources, whole_articles=True)
    pd.testing.assert_frame_equal(units, fast)
    capped = fig.topic_map(units, topics, max_points=10)
    assert sum(len(t.x) for t in capped.data) == 10
    assert capped.layout.title.text.endswith("<br><sup>the 10 paragraphs most typical of their topic, of 36</sup>")
    kept = {(d["x"][i], d["y"][i]) for d in capped.to_dict()["data"] for i in range(len(d["x"]))}
    heaviest = units.nlargest(10, "weight")
    assert kept == set(zip(heaviest["x"], heaviest["y"]))
    spans = tq.unit_spans(units, sentences.assign(start=range(0, 36 * 10, 10), end=range(5, 36 * 10 + 5, 10)))
    row = spans.iloc[0]
    first = sentences[(sentences["doc_id"] == row["doc_id"]) & (sentences["sent_id"] == row["first_sent"])].index[0]
    assert row["start"] == first * 10
