"""The reader's HTML: escaping, nesting, and the layers' marks with their hover text."""
import pandas as pd

from analysis.query.reader import article_rows
from figures.reader import Mark, layer_marks, render_article


def test_everything_is_escaped():
    html = render_article('<script>alert(1)</script> & "x"', [Mark(0, 8, "ent", title='<b onmouseover="x">')])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert 'title="&lt;b onmouseover=&quot;x&quot;&gt;"' in html


def test_overlapping_marks_stay_well_nested():
    html = render_article("abcdefghij", [Mark(0, 6, "claim"), Mark(4, 9, "ent")])
    body = html.split('<div class="veille-reader">', 1)[1]
    assert body.count("<span") == body.count("</span>")
    assert "abcd" in body and "ghi" in body


def test_layers():
    tables = {
        "sentences": pd.DataFrame([{"doc_id": "d", "sent_id": 0, "start": 0, "end": 20, "themes": "military;diplomacy",
                                    "theme_terms": "military: arme"}]),
        "claims": pd.DataFrame([{"doc_id": "d", "sent_id": 0, "start": 0, "end": 20, "modality": "denied",
                                 "speaker_id": "russia", "speaker_text": "Moscou", "cue": "dément", "event_date": "",
                                 "event_date_basis": ""}]),
        "mentions": pd.DataFrame([{"doc_id": "d", "start": 0, "end": 6, "label": "LOC", "actor_id": "russia"},
                                  {"doc_id": "d", "start": 10, "end": 15, "label": "LOC", "actor_id": ""}]),
        "timex": pd.DataFrame([{"doc_id": "d", "start": 16, "end": 20, "type": "date", "value": "2023-09-13",
                                "basis": "publication"}]),
        "boilerplate": pd.DataFrame(columns=["doc_id", "start", "end"]),
    }
    marks = layer_marks(article_rows(tables, "d"), ["themes", "claims", "actors", "dates"], actor_names={"russia": "Russia"},
                        actor_colors={"russia": "#123456"}, theme_colors={"military": "#b2182b"},
                        modality_colors={"denied": "#d62828"}, type_colors={"place": "#8c564b"})
    by_css = {m.css: m for m in marks if m.css != "ent"}
    assert by_css["th"].title == "themes: military, diplomacy — military: arme" and "#b2182b" in by_css["th"].style
    assert by_css["claim"].title == "denied · speaker: Russia · cue: dément" and "#d62828" in by_css["claim"].style
    assert by_css["tx"].title == "date: 2023-09-13 (publication)"
    ents = [m for m in marks if m.css == "ent"]
    assert [m.title for m in ents] == ["Russia", "place (not an actor)"] and "#123456" in ents[0].style
    assert layer_marks(article_rows(tables, "other"), ["claims"], actor_names={}, actor_colors={}, theme_colors={},
                       modality_colors={}, type_colors={}) == []


def test_article_rows_select_one_article_on_first_read():
    mentions = pd.DataFrame({"doc_id": ["a", "b", "a"], "start": [0, 1, 2]})
    rows = article_rows({"mentions": mentions, "timex": pd.DataFrame()}, "a")
    assert rows._rows == {}  # nothing selected before a layer asks
    assert rows["mentions"]["start"].tolist() == [0, 2] and rows["mentions"] is rows["mentions"]
    assert rows["timex"].empty and rows["claims"].empty and rows.get("boilerplate").empty
    assert set(rows) == {"mentions", "timex"}
