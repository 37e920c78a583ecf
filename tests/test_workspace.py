"""The workspace: atomic saves that survive a kill, duplicates, safe names, limits, edits."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from analysis.files.readers import read_inputs
from analysis.files.intake import (CSV_COLUMNS, WorkspaceError, content_hash, guess_mapping, jaccard, normalise_date,
                                   shingles, slug)
from analysis.files.workspace import Workspace
from tests.conftest import ROOT

BODY = ("Russian President Vladimir Putin arrived in Pyongyang on Tuesday for a two-day visit, the Kremlin said. "
        "North Korea denied supplying weapons to Russia, according to the state agency KCNA. The two leaders are "
        "expected to sign a partnership treaty covering security, trade and energy, officials in Moscow said. "
        "Washington and Seoul said they were watching the summit closely and warned against any arms deal.")


def _csv_rows(ws: Workspace) -> list[dict]:
    with open(ws.metadata_path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_pure_helpers():
    assert content_hash("a  b\r\nc") == content_hash("a b c")
    assert slug("../../etc/passwd") == "etc-passwd" and slug("Été à Paris!") == "Ete-a-Paris" and slug("...") == "article"
    assert normalise_date("2024-06-18T10:00") == "2024-06-18" and normalise_date("18 June 2024") == "2024-06-18"
    assert normalise_date("yesterday-ish") == "" and normalise_date("2024-02-30") == ""
    assert jaccard(shingles(BODY), shingles(BODY)) == 1.0
    assert guess_mapping(["id", "date", "Title", "text", "url"]) == {
        "text": "text", "title": "Title", "published": "date", "source": "", "author": "", "url": "url",
        "language": "", "id": "id"}


def test_add_text_saves_file_and_metadata(tmp_path):
    ws = Workspace(tmp_path / "ws")
    result = ws.add_text(BODY, {"title": "Putin in Pyongyang", "source": "Wire", "published": "2024-06-18", "author": "J. Doe"})
    assert len(result.added) == 1 and not result.rejected
    name = result.added[0]
    assert (ws.articles_dir / name).read_text(encoding="utf-8") == BODY
    row = _csv_rows(ws)[0]
    assert list(row) == list(CSV_COLUMNS)
    assert (row["file"], row["title"], row["source"], row["published"], row["author"]) == (
        name, "Putin in Pyongyang", "Wire", "2024-06-18", "J. Doe")
    # the folder is the CONTRACT's folder format: the build's reader takes the metadata
    articles, rejected = read_inputs([ws.articles_dir])
    assert not rejected and articles[0].doc_id == name and articles[0].meta["title"] == "Putin in Pyongyang"
    # reopening finds the same workspace
    assert Workspace(tmp_path / "ws").files() == [name]


def test_exact_duplicates_are_skipped_and_near_duplicates_flagged(tmp_path):
    ws = Workspace(tmp_path / "ws")
    first = ws.add_text(BODY, {"title": "Original"}).added[0]
    again = ws.add_files([("copy.txt", ("  " + BODY.replace(". ", ".\r\n")).encode("cp1252"))])
    assert again.added == [] and again.duplicates == [("copy.txt", first)]
    syndicated = "Putin visits North Korea (Reuters)\n\n" + BODY.replace("two-day", "two day") + " Reporting by A. B."
    near = ws.add_files([("syndicated.txt", syndicated.encode())])
    assert len(near.added) == 1 and near.near_duplicates and near.near_duplicates[0][1] == first
    assert near.near_duplicates[0][2] >= 0.8
    row = {r["file"]: r for r in _csv_rows(ws)}[near.added[0]]
    assert row["near_duplicate_of"] == first and float(row["similarity"]) >= 0.8
    other = ws.add_text("Le gouvernement français a présenté mercredi son budget pour l'année prochaine, "
                        "avec une hausse des dépenses militaires et une baisse des impôts des ménages.")
    assert other.added and not other.near_duplicates


def test_uploaded_names_never_become_paths(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace(root)
    items = [("../../evil.txt", b"Evil one: the Kremlin said so on Tuesday."),
             ("/etc/passwd.txt", b"Evil two: North Korea denied it on Wednesday."),
             ("..\\..\\win.txt", b"Evil three: Seoul said it was watching."),
             (".hidden.txt", b"Evil four: a hidden name from the upload.")]
    result = ws.add_files(items)
    assert len(result.added) == 4 and not result.rejected
    for name in result.added:
        assert "/" not in name and "\\" not in name and not name.startswith(".") and ".." not in name
        assert (root / "articles" / name).is_file()
    assert not (tmp_path / "evil.txt").exists() and not (root / "evil.txt").exists()
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and root not in p.parents]
    assert outside == []
    with pytest.raises(WorkspaceError):
        ws.update_metadata("../metadata.csv", title="x")


def test_limits_and_rejections_name_the_file(tmp_path):
    ws = Workspace(tmp_path / "ws", max_file_bytes=2000, max_articles=2)
    result = ws.add_files([
        ("big.txt", b"word " * 1000),
        ("binary.txt", os.urandom(2000)),
        ("picture.png", b"\x89PNG\r\n"),
        ("empty.md", b"   \n"),
        ("a.txt", b"First article: the Kremlin said on Tuesday that the visit went well."),
        ("b.txt", b"Second article: North Korea denied on Wednesday that it supplied arms."),
        ("c.txt", b"Third article: Seoul and Washington said they were watching closely."),
    ])
    reasons = {r.input: r.reason for r in result.rejected}
    assert "too large: 5.0 MB" not in reasons["big.txt"] and reasons["big.txt"].startswith("too large")
    assert "binary" in reasons["binary.txt"] or "undecodable" in reasons["binary.txt"]
    assert "unsupported file type '.png'" in reasons["picture.png"]
    assert "empty" in reasons["empty.md"]
    assert "workspace full: 2 articles (limit)" == reasons["c.txt"]
    assert len(result.added) == 2 and len(ws) == 2
    lines = result.summary()
    assert lines[0] == "2 articles added" and lines[-1] == "5 rejected"


def test_table_rows_become_articles_with_mapping(tmp_path):
    ws = Workspace(tmp_path / "ws")
    jsonl = "\n".join(json.dumps(r) for r in [
        {"id": 7, "headline": "Visit", "when": "2024-06-18", "body": BODY},
        {"id": 8, "headline": "Empty", "when": "2024-06-19", "body": ""},
    ]).encode()
    mapping = {"text": "body", "title": "headline", "published": "when", "id": "id"}
    result = ws.add_files([("feed.jsonl", jsonl)], mappings={"feed.jsonl": mapping})
    assert len(result.added) == 1 and [r.input for r in result.rejected] == ["feed.jsonl:2"]
    row = _csv_rows(ws)[0]
    assert (row["title"], row["published"], row["original_id"], row["original_name"]) == ("Visit", "2024-06-18", "7", "feed.jsonl:1")
    assert list(ws.uploads_dir.iterdir())[0].read_bytes() == jsonl  # the original table is kept
    table = "text,title,date\n\"Le Kremlin a annoncé mardi la visite, selon l'agence.\",Visite,2024-06-18\n".encode()
    csv_result = ws.add_files([("feed.csv", table)])  # mapping guessed from the column names
    assert len(csv_result.added) == 1 and {r["title"] for r in _csv_rows(ws)} == {"Visit", "Visite"}
    bad = ws.add_files([("nocol.csv", b"a,b\n1,2\n")])
    assert "no text column (columns: a, b)" in bad.rejected[0].reason


def test_metadata_edit_reanalyses_only_that_article(tmp_path):
    from analysis.build import build

    ws = Workspace(tmp_path / "ws")
    texts = [BODY, "The United Nations said on Monday that the sanctions committee would meet in New York.",
             "Chinese President Xi Jinping told reporters on Friday that trade talks with Washington had resumed."]
    names = [ws.add_text(t, {"title": f"Article {i}", "language": "en"}).added[0] for i, t in enumerate(texts)]
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build([ws.articles_dir], out, cache_dir=cache, progress=False)
    assert (first.n_articles, first.n_parsed) == (3, 3)
    assert ws.update_metadata(names[1], title="UN sanctions committee", published="2024-06-17", source="UN News")
    assert not ws.update_metadata(names[1], title="UN sanctions committee")  # no change, no write
    with pytest.raises(WorkspaceError, match="YYYY-MM-DD"):
        ws.update_metadata(names[0], published="17/06/2024")
    second = build([ws.articles_dir], out, cache_dir=cache, progress=False)
    assert (second.n_articles, second.n_parsed, second.n_cached) == (3, 1, 2)
    import pandas as pd

    docs = pd.read_csv(out / "documents.csv").set_index("doc_id")
    assert docs.loc[names[1], "title"] == "UN sanctions committee" and docs.loc[names[1], "source"] == "UN News"
    assert docs.loc[names[1], "published"] == "2024-06-17" and docs.loc[names[1], "published_basis"] == "metadata"
    sidecar = json.loads((ws.meta_dir / f"{names[1]}.json").read_text())
    assert sidecar["title"] == "UN sanctions committee" and sidecar["shingles"]


def test_recovery_after_a_crash_between_the_steps(tmp_path):
    ws = Workspace(tmp_path / "ws")
    kept = ws.add_text(BODY, {"title": "Kept"}).added[0]
    # a kill can leave: a temporary file, a sidecar whose article never came, an article not yet in the CSV
    (ws.articles_dir / ".x.txt.123.tmp").write_text("half")
    (ws.meta_dir / "dead_article.txt.json").write_text(json.dumps({"file": "dead_article.txt", "title": "Never saved"}))
    late = ws.add_text("The Kremlin said on Thursday that talks would continue next week in Geneva.", {"title": "Late"}).added[0]
    rows = [r for r in _csv_rows(ws) if r["file"] != late]
    with open(ws.metadata_path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    again = Workspace(tmp_path / "ws")
    assert set(again.files()) == {kept, late}
    assert {r["file"]: r["title"] for r in _csv_rows(again)} == {kept: "Kept", late: "Late"}
    assert not (ws.articles_dir / ".x.txt.123.tmp").exists() and not (ws.meta_dir / "dead_article.txt.json").exists()
    assert again.recovered == {"temporary files removed": 1, "unfinished articles dropped": 1, "metadata rows restored": 1}


_WRITER = textwrap.dedent("""
    import sys
    from analysis.files.workspace import Workspace
    ws = Workspace(sys.argv[1])
    items = [(f"art{i:04d}.txt", (f"Article {i}: the Kremlin said on day {i} that talks on item {i} would go on, "
              f"while North Korea denied point {i} and Seoul watched number {i}.").encode()) for i in range(3000)]
    print("ready", flush=True)
    ws.add_files(items)
""")


@pytest.mark.parametrize("after", [5, 60, 400])
def test_kill_during_an_upload_loses_nothing_saved(tmp_path, after):
    """SIGKILL a process mid-upload: every article saved before is intact, with its metadata row."""
    root = tmp_path / "ws"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    articles = root / "articles"
    deadline = time.time() + 120
    seen: set[str] = set()
    while time.time() < deadline:
        seen = {p.name for p in articles.glob("*.txt")}
        if len(seen) >= after:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL and len(seen) >= after
    ws = Workspace(root)  # restart: the repair runs on opening
    files = set(ws.files())
    assert seen <= files  # nothing saved is lost
    on_disk = {p.name for p in articles.glob("*.txt")}
    assert files == on_disk
    rows = {r["file"]: r for r in _csv_rows(ws)}
    assert set(rows) == files
    for name in files:
        n = int(rows[name]["original_name"][3:7])
        assert rows[name]["content_hash"] and (articles / name).read_text(encoding="utf-8").startswith(f"Article {n}:")
    assert not list(root.rglob("*.tmp"))
    loaded, rejected = read_inputs([articles])
    assert not rejected and len(loaded) == len(files)
    # and the upload can simply be repeated: what was saved is skipped as duplicates
    more = ws.add_files([(f"art{i:04d}.txt", f"Article {i}: the Kremlin said on day {i} that talks on item {i} would go on, "
                          f"while North Korea denied point {i} and Seoul watched number {i}.".encode()) for i in range(len(files) + 3)])
    assert len(more.duplicates) >= len(files) - 1 and len(ws) == len(files) + len(more.added)
