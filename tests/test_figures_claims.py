"""Claims page figures and tables on hand-built claim frames (no build, no model)."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from analysis.query import claims as qc
from figures import claims as fc
from figures.colors import MODALITY_COLORS

NAMES = {"russia": "Russia", "united-states": "United States", "per:victor-cha": "Victor Cha"}


def _docs() -> pd.DataFrame:
    return pd.DataFrame([
        {"doc_id": "a.txt", "title": "Sommet à Vostotchny", "source": "lemonde.fr", "published": "2023-09-13", "published_basis": "metadata"},
        {"doc_id": "b.txt", "title": "Armes et démentis", "source": "", "published": "2023-09-14", "published_basis": "inferred"},
        {"doc_id": "c.txt", "title": "", "source": "", "published": "", "published_basis": "none"},
    ])


def _claim(cid, doc, speaker, modality, event_date="", basis="", text=None, group="", **kw):
    return {"claim_id": cid, "doc_id": doc, "sent_id": int(cid.split("#")[1]), "start": 10, "end": 50,
            "text": text or f"Phrase {cid}.", "speaker_id": speaker, "speaker_text": kw.get("speaker_text", ""),
            "cue": kw.get("cue", ""), "modality": modality, "themes": kw.get("themes", "military"),
            "event_date": event_date, "event_date_basis": basis, "group_id": group, "actors": ""}


def _claims() -> pd.DataFrame:
    return pd.DataFrame([
        _claim("a.txt#1", "a.txt", "author", "asserted", "2023-09-13", "explicit", group="g1"),
        _claim("a.txt#2", "a.txt", "united-states", "reported", "2023-09-10/2023-09-13", "explicit",
               speaker_text="Washington", cue="affirme", group="g2", text="Washington affirme que <script>x</script> des armes."),
        _claim("a.txt#3", "a.txt", "united-states", "reported", "2019", "context", group="g3"),
        _claim("b.txt#1", "b.txt", "russia", "denied", "2023-09", "publication", cue="dément", group="g2"),
        _claim("b.txt#2", "b.txt", "author", "hedged", "2023-W37", "context", group="g1"),
        _claim("b.txt#3", "b.txt", "unknown", "hedged", "P18M", "explicit", group="g4"),
        _claim("c.txt#1", "c.txt", "per:victor-cha", "reported", "", "", group="g2"),
        _claim("c.txt#2", "c.txt", "author", "asserted", "2023-09-13", "explicit", group="g5"),
    ])


def _groups() -> pd.DataFrame:
    return pd.DataFrame([
        {"group_id": "g1", "label": "Le sommet a eu lieu.", "n_claims": 2, "n_docs": 2, "stance": "corroborated"},
        {"group_id": "g2", "label": "Des armes ont été livrées.", "n_claims": 3, "n_docs": 3, "stance": "contested"},
        {"group_id": "g3", "label": "2019", "n_claims": 1, "n_docs": 1, "stance": "single"},
        {"group_id": "g4", "label": "x", "n_claims": 1, "n_docs": 1, "stance": "single"},
        {"group_id": "g5", "label": "y", "n_claims": 1, "n_docs": 1, "stance": "single"},
    ])


@pytest.fixture
def view() -> pd.DataFrame:
    return qc.claim_view(_claims(), _docs(), actor_names=NAMES, groups=_groups())


def _points(fig) -> list[dict]:
    return [t for t in fig.to_dict()["data"] if t.get("customdata") is not None]


def _spans(fig) -> list[dict]:
    return [t for t in fig.to_dict()["data"] if str(t.get("name", "")).endswith("(span)")]


def _values(v):
    """A trace array as a list: plotly sends numeric numpy arrays base64-encoded ({"dtype", "bdata"})."""
    if isinstance(v, dict) and "bdata" in v:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def _by_claim(fig) -> dict[str, tuple]:
    """claim_id -> (x, y, trace name, symbol, hover) for every plotted point."""
    out = {}
    for t in _points(fig):
        symbols, xs, ys, hover = _values(t["marker"]["symbol"]), _values(t["x"]), _values(t["y"]), _values(t["hovertext"])
        for i, cid in enumerate(t["customdata"]):
            out[cid] = (xs[i], ys[i], t["name"], symbols[i], hover[i])
    return out


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("value, start, end, gran", [
    ("2023-09-13", dt.datetime(2023, 9, 13), dt.datetime(2023, 9, 14), "day"),
    ("2023-09", dt.datetime(2023, 9, 1), dt.datetime(2023, 10, 1), "month"),
    ("2023-12", dt.datetime(2023, 12, 1), dt.datetime(2024, 1, 1), "month"),
    ("2019", dt.datetime(2019, 1, 1), dt.datetime(2020, 1, 1), "year"),
    ("2023-W37", dt.datetime(2023, 9, 11), dt.datetime(2023, 9, 18), "week"),
    ("2023-09-10/2023-09-13", dt.datetime(2023, 9, 10), dt.datetime(2023, 9, 14), "interval"),
    ("2022/2023-03", dt.datetime(2022, 1, 1), dt.datetime(2023, 4, 1), "interval"),
])
def test_parse_event_date(value, start, end, gran):
    assert qc.parse_event_date(value) == (start, end, gran)


@pytest.mark.parametrize("value", ["", None, "P18M", "PXY", "2023-09-13/", "2024/2023", "2023-13", "mardi", float("nan")])
def test_parse_event_date_refuses_non_dates(value):
    assert qc.parse_event_date(value) is None


def test_midpoints():
    assert qc.parse_event_date("2023-09-13").mid == dt.datetime(2023, 9, 13)  # a day sits on its tick
    assert qc.parse_event_date("2019").mid == dt.datetime(2019, 7, 2, 12)
    assert qc.parse_event_date("2023-09-10/2023-09-13").mid == dt.datetime(2023, 9, 12)


# ---------------------------------------------------------------- timeline

def test_interval_plotted_at_midpoint_with_span(view):
    fig = fc.claims_timeline(view)
    pts = _by_claim(fig)
    assert pts["a.txt#2"][0] == "2023-09-12"  # 10-13 September: midpoint of [10, 14)
    assert pts["a.txt#3"][0] == "2019-07-02 12:00"
    assert pts["b.txt#1"][0] == "2023-09-16"  # September 2023
    assert pts["a.txt#1"][0] == "2023-09-13"
    segments = {}
    for t in _spans(fig):
        xs, ys = _values(t["x"]), _values(t["y"])
        for i in range(0, len(xs), 3):
            segments[(xs[i], xs[i + 1])] = (ys[i], t["name"], t["line"]["color"])
        assert xs[2::3] == [None] * (len(xs) // 3)
    # every span sits on its point's row, in its modality's colour; days get no span
    assert segments[("2023-09-10", "2023-09-14")] == (pts["a.txt#2"][1], "reported (span)", MODALITY_COLORS["reported"])
    assert segments[("2019-01-01", "2020-01-01")][0] == pts["a.txt#3"][1]
    assert segments[("2023-09-01", "2023-10-01")][2] == MODALITY_COLORS["denied"]
    assert segments[("2023-09-11", "2023-09-18")][1] == "hedged (span)"  # ISO week 37
    assert len(segments) == 4


def test_colour_by_modality_and_marker_by_source(view):
    fig = fc.claims_timeline(view)
    for t in _points(fig):
        assert t["marker"]["color"] == MODALITY_COLORS[t["name"]]
    assert [t["name"] for t in _points(fig)] == ["asserted", "reported", "hedged", "denied"]
    pts = _by_claim(fig)
    symbols = fc.symbol_map(view["outlet"])
    assert pts["a.txt#1"][3] == pts["a.txt#2"][3] == symbols["lemonde.fr"]
    assert pts["b.txt#1"][3] == symbols["(unknown source) · Armes et démentis"] != pts["a.txt#1"][3]
    assert pts["c.txt#2"][3] == symbols["(unknown source) · c.txt"]
    legend = [t["name"] for t in fig.to_dict()["data"] if t.get("legendgroup") == "outlets"]
    assert legend == [fc._short(o) for o in sorted(set(view["outlet"]))]
    # the modality legend shows plain dots in the modality's colour, not some outlet's symbol
    dots = [t for t in fig.to_dict()["data"] if t.get("legendgroup") in MODALITY_COLORS and t.get("showlegend") is not False
            and t["mode"] == "markers"]
    assert [(t["name"], t["marker"]["symbol"], t["marker"]["color"]) for t in dots] == [
        (m, "circle", MODALITY_COLORS[m]) for m in ("asserted", "reported", "hedged", "denied")]


def test_undated_claims_are_left_out_and_counted(view):
    fig = fc.claims_timeline(view)
    assert set(_by_claim(fig)) == {"a.txt#1", "a.txt#2", "a.txt#3", "b.txt#1", "b.txt#2", "c.txt#2"}
    assert list(qc.is_dated(view)) == [True, True, True, True, True, False, False, True]
    assert qc.is_dated(view, "published").sum() == 6  # c.txt has no publication date


def test_speaker_lanes_sorted_by_count_with_names(view):
    fig = fc.claims_timeline(view, lanes="speaker").to_dict()
    ticks = [t.replace("<br>", " ") for t in fig["layout"]["yaxis"]["ticktext"]]
    # dated claims: author 3, United States 2, Russia 1 (unknown: only undated P18M; Victor Cha undated)
    assert ticks == ["(the article itself)", "United States", "Russia"]
    vals = fig["layout"]["yaxis"]["tickvals"]
    assert vals == sorted(vals)
    assert fig["layout"]["yaxis"]["range"][0] > fig["layout"]["yaxis"]["range"][1]  # first lane on top
    pts = _by_claim(fc.claims_timeline(view))
    # points sit within their lane's band, around its tick
    assert abs(pts["b.txt#1"][1] - vals[2]) < 0.5 and abs(pts["a.txt#2"][1] - vals[1]) < 0.5


def test_special_speakers_named():
    claims = pd.DataFrame([_claim("a.txt#1", "a.txt", "unknown", "hedged", "2023"),
                           _claim("a.txt#2", "a.txt", "author", "asserted", "2023"),
                           _claim("a.txt#3", "a.txt", "ghost-id", "reported", "2023", speaker_text="un diplomate")])
    v = qc.claim_view(claims, _docs(), actor_names=NAMES)
    assert list(v["speaker_name"]) == ["(unnamed source)", "(the article itself)", "un diplomate"]
    assert set(fc.claims_timeline(v).to_dict()["layout"]["yaxis"]["ticktext"]) == {
        "(unnamed source)", "(the article itself)", "un diplomate"}


def test_source_lanes(view):
    fig = fc.claims_timeline(view, lanes="source").to_dict()
    assert fig["layout"]["yaxis"]["ticktext"] == ["lemonde.fr", "(unknown source)<br>Armes et démentis",
                                                  "(unknown source)<br>c.txt"]


def test_stacked_claims_on_one_date_do_not_overlap():
    claims = pd.DataFrame([_claim(f"a.txt#{i}", "a.txt", "author", "asserted", "2023-09-13") for i in range(1, 6)])
    fig = fc.claims_timeline(qc.claim_view(claims, _docs(), actor_names=NAMES))
    ys = _values(_points(fig)[0]["y"])
    assert len(set(ys)) == 5
    assert min(b - a for a, b in zip(sorted(ys), sorted(ys)[1:])) == pytest.approx(fc.STEP)


def test_too_many_points_keeps_the_latest_and_says_so():
    claims = pd.DataFrame([_claim(f"a.txt#{i}", "a.txt", "author", "asserted", f"{2000 + i}") for i in range(1, 11)]
                          + [_claim("a.txt#99", "a.txt", "author", "asserted", "")])
    fig = fc.claims_timeline(qc.claim_view(claims, _docs(), actor_names=NAMES), max_points=4)
    assert set(_by_claim(fig)) == {"a.txt#7", "a.txt#8", "a.txt#9", "a.txt#10"}
    assert fig.layout.title.text.endswith("<br><sup>4 of 10 dated claims, from the latest articles (filter to see the others)</sup>")


def test_hover_text(view):
    pts = _by_claim(fc.claims_timeline(view))
    hover = pts["a.txt#2"][4]
    assert "&lt;script&gt;x&lt;/script&gt;" in hover and "<script>" not in hover
    assert "United States" in hover and "Washington" in hover and "affirme" in hover and "reported" in hover
    assert "lemonde.fr" in hover and "Sommet à Vostotchny" in hover
    assert "event date: 2023-09-10/2023-09-13 (stated in the sentence)" in hover
    # event date taken from an inferred publication date says so
    assert "event date: 2023-09 (the article's publication date, inferred)" in pts["b.txt#1"][4]
    assert "published: 2023-09-14 (inferred)" in pts["b.txt#1"][4]
    long = _claim("a.txt#9", "a.txt", "author", "asserted", "2023", text="mot " * 60)
    h = _by_claim(fc.claims_timeline(qc.claim_view(pd.DataFrame([long]), _docs(), actor_names=NAMES)))["a.txt#9"][4]
    assert max(len(line) for line in h.split("<br>")) <= 90  # wrapped


def test_publication_date_axis(view):
    fig = fc.claims_timeline(view, x="published")
    pts = _by_claim(fig)
    assert set(pts) == {"a.txt#1", "a.txt#2", "a.txt#3", "b.txt#1", "b.txt#2", "b.txt#3"}
    assert pts["a.txt#2"][0] == "2023-09-13" and pts["b.txt#3"][0] == "2023-09-14"
    assert pts["b.txt#1"][3].endswith("-open") and not pts["a.txt#1"][3].endswith("-open")  # inferred date
    assert not _spans(fig)
    assert "publication date" in fig.layout.title.text


@pytest.mark.parametrize("frame", ["empty", "undated"])
def test_no_dated_claims_gives_a_message_not_an_empty_axis(view, frame):
    data = view.iloc[0:0] if frame == "empty" else view[~qc.is_dated(view)]
    fig = fc.claims_timeline(data).to_dict()
    assert fig["data"] == []
    assert fig["layout"]["annotations"][0]["text"].startswith("No dated claims")
    assert fig["layout"]["xaxis"]["visible"] is False


def test_inputs_not_mutated():
    claims, docs, groups = _claims(), _docs(), _groups()
    v = qc.claim_view(claims, docs, actor_names=NAMES, groups=groups)
    before = v.copy()
    fc.claims_timeline(v, lanes="source", x="published")
    qc.claims_table(v)
    qc.ledger_blocks(v, v, groups)
    pd.testing.assert_frame_equal(v, before)
    pd.testing.assert_frame_equal(claims, _claims())
    pd.testing.assert_frame_equal(docs, _docs())


def test_bad_switch_values_raise(view):
    with pytest.raises(ValueError):
        fc.claims_timeline(view, lanes="topic")


def test_point_claim():
    assert fc.point_claim({"customdata": "a.txt#1"}) == "a.txt#1"
    assert fc.point_claim({"customdata": ["a.txt#1"]}) == "a.txt#1"
    assert fc.point_claim({"x": 1}) is None


# ---------------------------------------------------------------- table, CSV, ledger

def test_claims_table_and_csv(view):
    t = qc.claims_table(view)
    assert list(t.columns) == ["Speaker", "Modality", "Sentence", "Cue", "Speaker (as written)", "Event date",
                               "Themes", "Source", "Title", "Ledger", "claim_id"]
    row = t.set_index("claim_id").loc["b.txt#1"]
    assert (row["Speaker"], row["Modality"], row["Source"], row["Ledger"]) == ("Russia", "denied", "(unknown source)", "contested")
    assert t.set_index("claim_id").loc["a.txt#3", "Ledger"] == "single source"
    data = qc.claims_csv(view)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8", keep_default_na=False)
    assert len(back) == len(view) and {"claim_id", "modality", "speaker_name", "source", "title", "stance"} <= set(back.columns)
    assert not [c for c in back.columns if c.endswith(("_x", "_x0", "_x1", "_spanned"))]  # the timeline's positions stay inside
    assert "Sommet à Vostotchny" in data.decode("utf-8")


def test_ledger_blocks_contested_first_side_by_side(view):
    blocks = qc.ledger_blocks(view, view, _groups())
    assert [(b.group_id, b.stance, b.n_docs) for b in blocks] == [("g2", "contested", 3), ("g1", "corroborated", 2)]
    g2 = blocks[0]
    # one column per article; the article that only denies comes last
    assert [c.doc_id for c in g2.columns] == ["a.txt", "c.txt", "b.txt"]
    assert list(g2.columns[-1].claims["modality"]) == ["denied"]
    assert g2.columns[0].outlet == "lemonde.fr" and g2.n_columns == 3
    first_two = qc.ledger_blocks(view, view, _groups(), max_columns=2)[0]
    assert [c.doc_id for c in first_two.columns] == ["a.txt", "c.txt"] and first_two.n_columns == 3
    text = qc.ledger_summary(view, qc.ledger_groups(view, _groups()))
    assert text.startswith("2 groups of claims told by several articles: 1 contested, 1 corroborated; 3 claims rest")


def test_ledger_follows_the_filtered_claims_but_shows_whole_groups(view):
    shown = view[view["modality"] == "denied"]
    blocks = qc.ledger_blocks(shown, view, _groups())
    assert [b.group_id for b in blocks] == ["g2"]
    assert sum(len(c.claims) for c in blocks[0].columns) == 3  # the claims it denies are shown too
    assert qc.ledger_blocks(view.iloc[0:0], view, _groups()) == []
    assert "1 claim rests on a single source" in qc.ledger_summary(view[view["claim_id"] == "a.txt#3"], qc.ledger_groups(view.iloc[0:0], None))
    assert [b.group_id for b in qc.ledger_blocks(view, view, _groups(), limit=1)] == ["g2"]


def test_md_escape():
    assert fc.md_escape("1953. La *Russie* paie $5 :red[x] <b>") == r"1953\. La \*Russie\* paie \$5 \:red\[x\] \<b\>"
    assert fc.md_escape("- puce") == r"\- puce"


def test_too_many_lanes_share_a_last_lane_and_tall_stacks_are_squeezed():
    # speaker i has i claims on 2023-09-13, Big 40: Big, S7, S6 keep their lane, S1-S5 share one
    rows = [_claim(f"a.txt#{i * 10 + j}", "a.txt", f"per:s{i}", "asserted", "2023-09-13", "explicit", speaker_text=f"S{i}")
            for i in range(1, 8) for j in range(i)]
    rows += [_claim(f"b.txt#{j}", "b.txt", "per:big", "asserted", "2023-09-14", "explicit", speaker_text="Big")
             for j in range(1, 41)]
    fig = fc.claims_timeline(qc.claim_view(pd.DataFrame(rows), _docs(), actor_names={}), max_lanes=4)
    ticks = [t.replace("<br>", " ") for t in fig.layout.yaxis.ticktext]
    assert ticks == ["Big", "S7", "S6", "(5 other speakers)"]
    assert len(fig.layout.shapes) == 3  # a separator between lanes
    ys = {c: y for c, (_, y, *_) in _by_claim(fig).items()}
    big = sorted(y for c, y in ys.items() if c.startswith("b.txt"))
    # 40 claims on one date: squeezed into the height of MAX_STACK claims
    assert big[-1] - big[0] == pytest.approx((fc.MAX_STACK - 1) * fc.STEP)
    assert len(ys) == 28 + 40


def test_dates_far_from_today_are_placed():
    """Years outside pandas' nanosecond range (1677-2262): a claim about 2500 or 1700 still gets its place."""
    claims = pd.DataFrame([_claim("a.txt#1", "a.txt", "author", "asserted", "1700", "explicit"),
                           _claim("a.txt#2", "a.txt", "author", "asserted", "2500-03-01", "explicit"),
                           _claim("a.txt#3", "a.txt", "author", "asserted", "2023-09-13", "explicit")])
    v = qc.claim_view(claims, _docs(), actor_names=NAMES)
    assert list(qc.is_dated(v)) == [True, True, True]
    pts = _by_claim(fc.claims_timeline(v))
    assert pts["a.txt#1"][0] == "1700-07-02 12:00" and pts["a.txt#2"][0] == "2500-03-01"
    assert [str(d) for d in v["event_date_x0"]] == ["1700-01-01 00:00:00", "2500-03-01 00:00:00", "2023-09-13 00:00:00"]


def test_a_few_far_off_dates_do_not_squeeze_the_timeline():
    near = [_claim(f"a.txt#{i}", "a.txt", "author", "asserted", f"2023-09-{i:02d}", "explicit") for i in range(1, 29)]
    far = [_claim("a.txt#90", "a.txt", "author", "hedged", "2150", "explicit")]
    fig = fc.claims_timeline(qc.claim_view(pd.DataFrame(near + far), _docs(), actor_names=NAMES))
    lo, hi = fig.layout.xaxis.range
    assert "2023-08-20" < lo < "2023-09-01" and "2023-09-28" < hi < "2023-10-10"
    assert fig.layout.title.text.endswith("<br><sup>1 far-off date outside the view (double-click to see all)</sup>")
    assert "a.txt#90" in _by_claim(fig)  # still plotted: double-click shows it
    plain = fc.claims_timeline(qc.claim_view(pd.DataFrame(near), _docs(), actor_names=NAMES))
    assert plain.layout.xaxis.range is None and "far-off" not in plain.layout.title.text


def test_too_many_points_keeps_the_claims_of_the_latest_articles_not_the_latest_dates():
    older = [_claim("a.txt#1", "a.txt", "author", "hedged", "2060", "explicit")]  # a forecast, in the older article
    newer = [_claim(f"b.txt#{i}", "b.txt", "author", "asserted", f"2023-09-{i:02d}", "explicit") for i in range(1, 4)]
    fig = fc.claims_timeline(qc.claim_view(pd.DataFrame(older + newer), _docs(), actor_names=NAMES), max_points=3)
    assert set(_by_claim(fig)) == {"b.txt#1", "b.txt#2", "b.txt#3"}  # b.txt is published after a.txt
