"""AppTest: the Entities page on the seeds — charts, actor filter (neighbourhood), sentences, corrections."""

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.charts import charts
from tests.conftest import ROOT

PAGE = "pages/2_Entities.py"


@pytest.fixture(scope="module", autouse=True)
def built():
    """Build (or reuse) the seed tables once for the module."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240).run()
    assert not at.exception


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    """Each test gets an empty workspace: no alias file unless the test writes one."""
    monkeypatch.setenv("VEILLE_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path / "ws"


def _entities(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Entities"
    return at


def _charts(at):
    return {c["layout"]["title"]["text"]: c for c in charts(at)}


def _actors_table(at):
    return next(d.value for d in at.dataframe if "Aliases found" in d.value.columns)


def test_entities_page_on_the_seeds():
    at = _entities()
    charts = _charts(at)
    bars = charts["Top actors — mentions, by source"]
    assert list(bars["layout"]["yaxis"]["categoryarray"][:4]) == ["Russia", "North Korea", "Kim Jong-un", "Vladimir Putin"]
    assert {t["name"] for t in bars["data"]} == {"clicdanstaville.fr", "(unknown source)"}
    total = {}
    for t in bars["data"]:  # stacked per source: the sources add up to the actor's mentions
        for c in t["customdata"]:
            total[c[0]] = total.get(c[0], 0) + c[1]
    assert total["russia"] == 67 and total["kim-jong-un"] == 34
    heat = next(v for k, v in charts.items() if k.startswith("Actor × source"))
    assert heat["data"][0]["type"] == "heatmap" and len(heat["data"][0]["y"]) == 20
    net = charts["Who is named with whom (same sentence)"]
    nodes = {c[0] for t in net["data"] if t.get("mode") == "markers+text" for c in t["customdata"]}
    assert {"russia", "north-korea", "kim-jong-un", "vladimir-putin"} <= nodes
    table = _actors_table(at).set_index("Actor")
    assert table.loc["Russia", ["Type", "Mentions", "Articles"]].tolist() == ["state", 67, 5]
    assert "Pyongyang" in table.loc["North Korea", "Aliases found"]
    assert table.loc["Kim Jong-un", "Wikidata"].endswith("Q56226")
    assert any("n = 242 actor mentions" in c.value for c in at.caption)  # every chart has its caption


def test_actor_filter_shows_the_neighbourhood_and_works_on_every_page():
    at = _entities(actor="per:victor-cha")
    assert any("Victor Cha" in i.value and "same sentences" in i.value for i in at.info)
    assert any(b.label == "✕ Victor Cha" for b in at.button)  # active-filter chip
    charts = _charts(at)
    net = charts["Who is named with whom (same sentence)"]
    nodes = {c[0] for t in net["data"] if t.get("mode") == "markers+text" for c in t["customdata"]}
    assert "per:victor-cha" in nodes and len(nodes) > 1
    table = _actors_table(at).set_index("Actor")
    assert table.loc["Victor Cha", "Mentions"] == 2 and len(table) > 1  # the actor and whoever shares its sentences
    assert table["Mentions"].sum() < 242  # only the sentences naming Victor Cha, not the whole corpus
    assert any(m.value.startswith("**2 sentences naming Victor Cha") for m in at.markdown)
    assert at.query_params["actor"] in ("per:victor-cha", ["per:victor-cha"])  # still in the link
    at.switch_page("app.py").run()  # the same filter on the Overview
    assert next(m.value for m in at.metric if m.label == "Articles") == "1"


def test_measure_toggle_per_thousand_words_goes_in_the_url():
    at = _entities()
    at.segmented_control(key="ent_measure").set_value("per_1000").run()
    at.segmented_control(key="ent_mode").set_value("group").run()
    assert not at.exception
    bars = _charts(at)["Top actors — mentions per 1,000 words, by source"]
    assert bars["layout"]["barmode"] == "group"
    assert at.query_params["measure"] == "per_1000" and at.query_params["bars"] == "group"


def test_selected_actor_shows_its_sentences_and_opens_the_reader_there():
    at = _entities()
    table = _actors_table(at)
    row = int(table.index[table["Actor"] == "Vladimir Putin"][0])
    at.session_state["ent_table_all"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert any(m.value.startswith("**27 sentences naming Vladimir Putin") for m in at.markdown)
    sents = next(d.value for d in at.dataframe if "Sentence" in d.value.columns)
    assert list(sents.columns) == ["Sentence", "Named as", "Source", "Article"]
    assert len(sents) == 27 and sents["Named as"].str.contains("Poutine").all()
    at.session_state["ent_sents_vladimir-putin"] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    chosen = sents.iloc[1]
    at.button(key="ent_open").click().run()
    assert not at.exception and at.title[0].value == "Reader"
    assert any(chosen["Sentence"][:40] in i.value for i in at.info)  # the reader shows the passage it was opened at


def test_no_match_shows_a_message_not_an_error():
    at = _entities(**{"from": "1999-01-01", "to": "1999-12-31"})
    assert any("No actor is named" in i.value for i in at.info)
    assert not charts(at)


def test_merge_in_the_ui_changes_the_actors_after_the_rebuild(workspace, tmp_path, monkeypatch):
    from ui import data

    monkeypatch.setattr(data, "DEFAULT_CACHE", tmp_path / "cache")  # rebuilt tables go here, not into the shared cache
    at = _entities()
    before = _actors_table(at).set_index("Actor")
    assert "White House" in before.index and before.loc["United States", "Mentions"] == 14
    assert "ent_merge_src" not in [w.key for w in at.selectbox]  # the panel is closed: its forms are not built
    at.session_state["ent_editor"] = True  # the analyst opens "Correct actors"
    at.run()
    at.selectbox(key="ent_merge_src").select("white-house")
    at.selectbox(key="ent_merge_dst").select("united-states")
    at.button(key="ent_merge_go").click().run()
    assert not at.exception
    assert any("Merged “White House” into “United States”" in s.value for s in at.success)
    after = _actors_table(at).set_index("Actor")
    assert "White House" not in after.index and after.loc["United States", "Mentions"] == 15
    assert "Maison Blanche" in after.loc["United States", "Aliases found"]
    saved = yaml.safe_load((workspace / "user_aliases.yaml").read_text(encoding="utf-8"))
    assert saved["merge"] == {"white-house": "united-states"}

    at.selectbox(key="ent_rename_id").select("united-states")
    at.text_input(key="ent_rename_name").input("États-Unis")
    at.button(key="ent_rename_go").click().run()
    assert "États-Unis" in _actors_table(at)["Actor"].tolist()

    at.selectbox(key="ent_split_form_pick").select(("Washington", "united-states"))
    at.text_input(key="ent_split_name").input("Washington (ville)")
    at.selectbox(key="ent_split_kind").select("other")
    at.button(key="ent_split_go").click().run()
    table = _actors_table(at).set_index("Actor")
    assert "Washington (ville)" in table.index and "Washington" not in table.loc["États-Unis", "Aliases found"].split("; ")
    assert set(yaml.safe_load((workspace / "user_aliases.yaml").read_text(encoding="utf-8"))["split"]) == {"Washington"}

    at.selectbox(key="ent_undo_pick").select(("merge", "white-house", "“White House” merged into “États-Unis”"))
    at.button(key="ent_undo_go").click().run()
    assert "White House" in _actors_table(at)["Actor"].tolist()


def test_theme_filter_counts_only_mentions_in_sentences_of_that_theme():
    at = _entities(theme="military")
    table = _actors_table(at)
    assert 0 < table["Mentions"].sum() < 242
    assert any("theme: military" in c.value for c in at.caption)
