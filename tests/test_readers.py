"""Readers: folders, metadata.csv, JSONL and CSV rows, HTML; bad inputs rejected, others kept."""
import json

from analysis.files.readers import read_inputs


def test_folder_with_mixed_encodings_and_a_corrupt_file(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le Kremlin a démenti.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Moscou a nié.".encode("utf-16"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Titre\n\nTexte.", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    articles, rejected = read_inputs([tmp_path])
    assert {a.doc_id: a.text for a in articles} == {
        "a.txt": "Le Kremlin a démenti.", "b.txt": "Moscou a nié.", "sub/c.md": "# Titre\n\nTexte."}
    reasons = {r.input.rsplit("/", 1)[-1]: r.reason for r in rejected}
    assert set(reasons) == {"broken.txt", "empty.txt"}
    assert "binary" in reasons["broken.txt"] and "empty" in reasons["empty.txt"]


def test_metadata_csv_fills_fields(tmp_path):
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,title,source,published\na.txt,Un titre,lemonde.fr,2024-06-17\n", encoding="utf-8")
    [article], rejected = read_inputs([tmp_path])
    assert rejected == []
    assert article.meta == {"title": "Un titre", "source": "lemonde.fr", "published": "2024-06-17"}


def test_jsonl_rows_and_a_bad_line(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [json.dumps({"id": 7, "text": "Un.", "date": "2020-01-02", "title": "T"}), "{not json",
            json.dumps({"content": "Deux."}), json.dumps({"title": "no text"})]
    path.write_text("\n".join(rows), encoding="utf-8")
    articles, rejected = read_inputs([path])
    assert [(a.doc_id, a.text, a.meta.get("published")) for a in articles] == [("7", "Un.", "2020-01-02"), ("row-3", "Deux.", None)]
    assert [r.input.rsplit(":", 1)[-1] for r in rejected] == ["2", "4"]
    assert "invalid JSON" in rejected[0].reason and "no text" in rejected[1].reason


def test_csv_rows(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,body,source\n1,"Texte, avec virgule",AFP\n2,,AFP\n', encoding="utf-8")
    articles, rejected = read_inputs([path])
    assert [(a.doc_id, a.text, a.meta["source"]) for a in articles] == [("1", "Texte, avec virgule", "AFP")]
    assert len(rejected) == 1 and rejected[0].input.endswith(":2")


def test_html_through_trafilatura(tmp_path):
    page = ("<html><head><title>Sommet à Pyongyang</title><meta name='author' content='Jean Dupont'></head><body>"
            "<nav>Accueil | Monde</nav><article><h1>Sommet à Pyongyang</h1>"
            + "<p>Vladimir Poutine est arrivé mardi à Pyongyang pour rencontrer Kim Jong Un, a annoncé le Kremlin.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [article], rejected = read_inputs([tmp_path / "p.html"])
    assert rejected == []
    assert "Vladimir Poutine est arrivé mardi à Pyongyang" in article.text
    assert "<p>" not in article.text and article.meta["title"] == "Sommet à Pyongyang"


def test_missing_input_is_rejected(tmp_path):
    articles, rejected = read_inputs([tmp_path / "nope"])
    assert articles == [] and rejected[0].reason == "no such file or directory"
