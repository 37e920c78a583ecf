"""AppTest: the Claims page on the seeds: switches, speaker and global filters, deep links, the reader jump."""
from __future__ import annotations


import pytest
from streamlit.testing.v1 import AppTest

from analysis.build import build
from analysis.files.tables import read_tables
from analysis.query import claims as qc
from analysis.query.filters import Filters, filter_claims, filter_documents
from figures import claims as fc
from tests.charts import charts
from tests.conftest import ROOT, SEEDS

PAGE = "pages/4_Claims.py"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """The seed tables, built once (the shared build cache makes this fast after the first run)."""
    out = tmp_path_factory.mktemp("claims_seeds")
    build([SEEDS], out, progress=False)
    return read_tables(out)


@pytest.fixture(scope="module")
def view(tables):
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    return qc.claim_view(tables["claims"], tables["documents"], actor_names=names, groups=tables["claim_groups"])


GLOBAL = {"source", "actor", "theme", "modality", "lang", "from", "to"}


def _claims_page(**params) -> AppTest:
    """Open the app with the global filters of `params` in the URL, go to the Claims page, then
    apply the page's own params as a link would bring them (AppTest must start at app.py, whose
    URL sync drops parameters it does not know)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    for k, v in params.items():
        if k in GLOBAL:
            at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    page_params = {k: v for k, v in params.items() if k not in GLOBAL}
    if page_params:
        for k, v in page_params.items():
            at.query_params[k] = v
        at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Claims"
    return at


def _expected(tables, view, f: Filters, speakers=()):
    docs = filter_documents(tables["documents"], f, sentences=tables["sentences"], mentions=tables["mentions"])
    kept = view.loc[filter_claims(tables["claims"], docs["doc_id"], f).index]
    return kept[kept["speaker_id"].isin(speakers)] if speakers else kept


def _table(at):
    return at.dataframe[0].value


def _timeline(at) -> dict:
    return charts(at)[0]


def _ticks(fig) -> list[str]:
    return [t.replace("<br>", " · ") for t in fig["layout"]["yaxis"]["ticktext"]]


def _lanes(view, lanes, x) -> list[str]:
    dated = view[qc.is_dated(view, x)]
    return [fc._lane_tick(n).replace("<br>", " · ").replace("&amp;", "&") for n in fc.lane_order(dated, lanes)]


def test_default_view(tables, view):
    at = _claims_page()
    table = _table(at)
    assert len(table) == len(tables["claims"])
    assert set(table.columns) >= {"Speaker", "Speaker (as written)", "Cue", "Modality", "Themes", "Event date",
                                  "Source", "Title", "Sentence"}
    fig = _timeline(at)
    assert fig["layout"]["title"]["text"] == "Claims by event date"
    assert _ticks(fig) == _lanes(view, "speaker", "event") and _ticks(fig)[0] == "(the article itself)"
    n_undated = int((~qc.is_dated(view)).sum())
    assert any(f"{n_undated} claims without an event date are not plotted" in c.value for c in at.caption)
    plotted = {cid for t in fig["data"] if t.get("customdata") for cid in t["customdata"]}
    assert len(plotted) == len(view) - n_undated
    assert any(b.label == f"Download these {len(view)} claims (CSV)" for b in at.get("download_button"))
    # the ledger: the contested groups first, with the count line
    summary = next(c.value for c in at.caption if "groups of claims told by several articles" in c.value)
    n_contested = int(((tables["claim_groups"]["stance"] == "contested") & (tables["claim_groups"]["n_docs"] >= 2)).sum())
    assert f": {n_contested} contested" in summary
    badges = [m.value for m in at.markdown if "-badge[" in m.value and m.value.startswith(":")]
    assert badges and badges[0].startswith(":red-badge[contested]")
    assert not at.query_params.get("lanes") and not at.query_params.get("x")


@pytest.mark.parametrize("lanes", ["speaker", "source"])
@pytest.mark.parametrize("x", ["event", "published"])
def test_switches(tables, view, lanes, x):
    at = _claims_page()
    at.radio(key="w_claims_lanes").set_value(lanes).run()
    at.radio(key="w_claims_x").set_value(x).run()
    assert not at.exception
    fig = _timeline(at)
    assert fig["layout"]["title"]["text"] == ("Claims by event date" if x == "event" else "Claims by publication date of the article")
    assert _ticks(fig) == _lanes(view, lanes, x)
    if lanes == "source":
        assert "clicdanstaville.fr" in _ticks(fig)
    assert len(_table(at)) == len(tables["claims"])  # the switches change the chart, not the rows
    assert at.query_params.get("lanes", "speaker") == lanes and at.query_params.get("x", "event") == x
    undated = int((~qc.is_dated(view, x)).sum())
    what = "an event date" if x == "event" else "a publication date"
    assert any(f"{undated} claims without {what} are not plotted" in c.value for c in at.caption)


def test_speaker_filter(tables, view):
    at = _claims_page()
    at.multiselect(key="w_claims_speaker").set_value(["russia"]).run()
    assert not at.exception
    table = _table(at)
    expected = _expected(tables, view, Filters(), speakers=("russia",))
    assert len(table) == len(expected) > 0
    assert set(table["Speaker"]) == {"Russia"}
    assert at.query_params["speaker"] == "russia"
    assert any("speaker: Russia" in c.value for c in at.caption)
    fig = _timeline(at)  # none of Russia's claims in the seeds carries an event date
    assert not view[view["speaker_id"] == "russia"]["event_date"].fillna("").astype(bool).any()
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["No dated claims"]
    at.multiselect(key="w_claims_speaker").set_value(["russia", "author"]).run()
    assert set(_table(at)["Speaker"]) == {"Russia", "(the article itself)"}
    assert _ticks(_timeline(at)) == ["(the article itself)"]


@pytest.mark.parametrize("params, f", [
    ({"modality": "denied"}, Filters(modalities=("denied",))),
    ({"theme": "technology"}, Filters(themes=("technology",))),
    ({"source": "clicdanstaville.fr"}, Filters(sources=("clicdanstaville.fr",))),
    ({"actor": "north-korea", "modality": "reported"}, Filters(actors=("north-korea",), modalities=("reported",))),
])
def test_global_filters_set_the_rows(tables, view, params, f):
    at = _claims_page(**params)
    table = _table(at)
    expected = _expected(tables, view, f)
    assert len(table) == len(expected) > 0
    assert sorted(table["claim_id"]) == sorted(expected["claim_id"])
    if f.modalities:
        assert set(table["Modality"]) == set(f.modalities)
    label = f.modalities[0] if f.modalities else (f.themes or f.sources)[0] if (f.themes or f.sources) else None
    if label:
        assert any(b.label == f"✕ {label}" for b in at.button)


def test_deep_link_page_params(tables, view):
    at = _claims_page(lanes="source", x="published", speaker="author")
    assert at.radio(key="w_claims_lanes").value == "source" and at.radio(key="w_claims_x").value == "published"
    assert at.multiselect(key="w_claims_speaker").value == ["author"]
    table = _table(at)
    assert len(table) == int((tables["claims"]["speaker_id"] == "author").sum())
    assert set(table["Speaker"]) == {"(the article itself)"}
    assert _timeline(at)["layout"]["title"]["text"].endswith("publication date of the article")
    # a later choice on the page wins over the link
    at.radio(key="w_claims_lanes").set_value("speaker").run()
    assert at.radio(key="w_claims_lanes").value == "speaker" and "lanes" not in at.query_params


def test_claim_link_shows_details_and_opens_the_reader(view):
    claim = view[view["modality"] == "denied"].iloc[0]
    at = _claims_page(claim=claim["claim_id"])
    md = [m.value for m in at.markdown]
    assert any(v.startswith(f"**{fc.md_escape(claim['speaker_name'])}** · :red-badge[denied]") for v in md)
    assert "> " + fc.md_escape(claim["text"]) in md
    at.button(key="claims_open").click().run()
    assert not at.exception
    assert at.title[0].value == "Reader"
    assert at.session_state["_reader"]["doc"] == claim["doc_id"]
    assert at.session_state["_reader"]["focus"] == [int(claim["start"]), int(claim["end"])]


def test_close_details():
    at = _claims_page(modality="denied")
    assert set(_table(at)["Modality"]) == {"denied"}
    cid = _table(at)["claim_id"].iloc[0]
    at.query_params["claim"] = cid
    at.run()
    assert at.query_params["claim"] == cid
    at.button(key="claims_close").click().run()
    assert not at.exception and "claim" not in at.query_params
    assert not any(b.key == "claims_open" for b in at.button)


def test_no_match_shows_a_message(tables):
    quiet = sorted(set(tables["claims"]["speaker_id"]) - set(tables["claims"].loc[tables["claims"]["modality"] == "denied", "speaker_id"]))
    at = _claims_page(modality="denied", speaker=quiet[0])
    assert any("No claim matches" in i.value for i in at.info)
    assert not at.dataframe
