"""AppTest: the Add articles page renders, the paste form saves an article to the workspace,
the corpus switches to the workspace and its background analysis shows the article (with the
language filter once French and English are mixed). File upload is not supported by AppTest:
tests/test_browser_upload.py covers it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.files.workspace import Workspace
from tests.conftest import ROOT

PAGE = "pages/7_Add_articles.py"
EN = ("Russian President Vladimir Putin arrived in Pyongyang on Tuesday, the Kremlin said. "
      "North Korea denied supplying weapons to Russia, according to KCNA.")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    monkeypatch.setenv("VEILLE_WORKSPACE", str(root))
    return root


def _page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240).run()
    at.switch_page(PAGE).run()
    return at


def _wait_job(root):
    from ui import jobs

    job = jobs.wait((root / "articles").resolve(), timeout=300)
    assert job is not None and job.phase == "done", job and job.error


def test_page_renders_on_an_empty_workspace(workspace):
    at = _page()
    assert not at.exception
    assert at.title[0].value == "Add articles"
    radio = at.radio(key="w_corpus")
    assert radio.value == "seeds" and "workspace" in radio.options[1].lower()
    assert any("The workspace is empty" in i.value for i in at.info)  # metadata editor tab


def test_paste_form_adds_an_article_and_the_workspace_is_analysed(workspace):
    at = _page()
    at.text_area(key="paste_text").set_value(EN)
    at.text_input(key="paste_title").set_value("Putin in Pyongyang")
    at.text_input(key="paste_source").set_value("Wire")
    at.button(key="FormSubmitter:paste_form-Add to workspace").click().run()
    assert not at.exception
    ws = Workspace(workspace)
    assert len(ws) == 1 and ws.rows()[0]["title"] == "Putin in Pyongyang" and ws.rows()[0]["source"] == "Wire"
    assert at.success and "1 article added" in at.success[0].value
    assert at.session_state["_corpus"] == "workspace" and at.query_params["corpus"] == "workspace"
    _wait_job(workspace)
    at.run()
    assert not at.exception
    assert at.radio(key="w_corpus").value == "workspace"
    at.switch_page("app.py").run()  # the Overview now shows the workspace
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Articles") == "1"
    table = at.dataframe[0].value
    assert table["Title"].tolist() == ["Putin in Pyongyang"]
    # a French article makes the corpus mixed: the sidebar offers a language filter
    ws.add_text("Le président russe Vladimir Poutine est arrivé mardi à Pyongyang, a annoncé le Kremlin. "
                "La Corée du Nord a démenti livrer des armes à la Russie, selon l'agence KCNA.", {"title": "Poutine"})
    at.run()
    _wait_job(workspace)
    at.run()
    assert next(m.value for m in at.metric if m.label == "Articles") == "2"
    lang = at.multiselect(key="w_languages")
    assert sorted(lang.options) == ["English", "French"]
    lang.select("en").run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Articles") == "1"
    assert at.query_params["lang"] == "en"


def test_empty_paste_is_refused(workspace):
    at = _page()
    at.button(key="FormSubmitter:paste_form-Add to workspace").click().run()
    assert not at.exception
    assert any("Paste a text first" in e.value for e in at.error)
    assert len(Workspace(workspace)) == 0


def test_metadata_editor_saves_and_reanalyses_only_the_edited_article(workspace):
    import uuid

    ws = Workspace(workspace)
    run = uuid.uuid4().hex  # new texts: no cache entry from an earlier run of this test
    first = ws.add_text(f"{EN} Ref {run}.", {"title": "One", "language": "en"}).added[0]
    ws.add_text(f"The United Nations said on Monday that the sanctions committee would meet. Ref {run}.",
                {"title": "Two", "language": "en"})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.query_params["corpus"] = "workspace"
    at.run()
    _wait_job(workspace)
    at.switch_page(PAGE).run()
    editor = at.data_editor(key="meta_editor")
    table = editor.value
    row = int(table.index[table["file"] == first][0])
    at.session_state["meta_editor"] = {"edited_rows": {row: {"title": "Putin lands in Pyongyang", "published": "2024-06-18"}},
                                       "added_rows": [], "deleted_rows": []}
    at.button(key="meta_save").click().run()
    assert not at.exception
    assert {r["file"]: r["title"] for r in Workspace(workspace).rows()}[first] == "Putin lands in Pyongyang"
    assert any("Metadata saved for 1 article" in s.value for s in at.success)
    from ui import jobs

    job = jobs.wait((workspace / "articles").resolve(), timeout=300)
    assert job.phase == "done" and job.parsed == 1 and job.report.n_articles == 2  # only the edited one
