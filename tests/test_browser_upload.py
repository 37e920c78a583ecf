"""End to end in headless Chromium: upload a mixed folder through the file input (one clear
rejection), and kill -9 the server during an upload: after a restart nothing saved is lost."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from analysis.files.readers import read_inputs
from analysis.files.workspace import Workspace
from tests.browser import ARTIFACTS, ROOT, assert_no_exception, free_port, wait_healthy, wait_ready

pytestmark = pytest.mark.browser

FR = ("Le président russe Vladimir Poutine est arrivé mardi à Pyongyang, a annoncé le Kremlin. La Corée du Nord a "
      "démenti livrer des armes à la Russie, selon l'agence KCNA. Les deux dirigeants doivent signer un accord.")
HTML = ("<html><head><title>Putin in Pyongyang</title><meta name='author' content='Jane Doe'>"
        "<meta property='og:site_name' content='World News'><meta name='date' content='2024-06-19'></head><body>"
        "<article><h1>Putin in Pyongyang</h1><p>Russian President Vladimir Putin arrived in Pyongyang on Tuesday, the "
        "Kremlin said. North Korea denied supplying weapons to Russia, according to KCNA.</p><p>The two leaders are "
        "expected to sign a military cooperation agreement, officials said.</p></article></body></html>")


def mixed_folder(folder: Path) -> Path:
    """cp1252 and UTF-16 text, an HTML page, and a corrupt (binary) .txt."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "visite_cp1252.txt").write_bytes(("Visite à Pyongyang\n\n" + FR).encode("cp1252"))
    (folder / "sommet_utf16.txt").write_bytes(("Sommet à Pyongyang\n\n" + FR.replace("mardi", "mercredi")
                                               + " Le sommet a duré deux jours, précise l'agence.").encode("utf-16"))
    (folder / "putin.html").write_text(HTML, encoding="utf-8")
    (folder / "corrupt.txt").write_bytes(bytes(range(256)) * 12)
    return folder


@contextmanager
def server(workspace: Path, cache: Path, *, timeout: float = 180):
    """Serve app.py on a free port in its own process group; yields (url, process)."""
    port = free_port()
    env = {**os.environ, "VEILLE_CACHE": str(cache), "VEILLE_WORKSPACE": str(workspace)}
    env.pop("VEILLE_CORPUS", None)
    log = open(cache.parent / f"streamlit-{port}.log", "a")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=timeout, log=cache.parent / f"streamlit-{port}.log")
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def open_add_page(page, url):
    page.goto(url + "/Add_articles", wait_until="domcontentloaded")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Add articles"


def choose_files(page, files: list[Path] | list[dict]):
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    n = len(files)
    page.wait_for_function(f"document.querySelectorAll('[data-testid=\"stFileChip\"]').length >= {min(n, 3)}",
                           timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(500)


def test_upload_a_mixed_folder(page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    folder = mixed_folder(tmp_path / "mixed")
    ws_root, cache = tmp_path / "ws", tmp_path / "cache"
    cache.mkdir()
    with server(ws_root, cache) as (url, _):
        open_add_page(page, url)
        assert_no_exception(page)
        page.screenshot(path=str(ARTIFACTS / "add_articles_empty.png"), full_page=True)
        choose_files(page, sorted(folder.iterdir()))
        page.locator(".st-key-add_files button").click()
        alert = page.locator('[data-testid="stAlert"]', has_text="rejected")
        alert.wait_for(timeout=120_000)
        assert "3 articles added" in alert.inner_text() and "1 rejected" in alert.inner_text()
        main = page.locator('[data-testid="stMain"]')
        main.get_by_text("Rejected (not saved)").wait_for()
        items = main.locator("li", has_text="binary content")
        assert items.count() == 1 and "corrupt.txt" in items.first.inner_text()
        assert main.locator("li", has_text="visite_cp1252").count() == 0
        # the analysis runs in the background; the page reloads when it is done
        page.get_by_text("Analysis done").wait_for(timeout=300_000)
        wait_ready(page)
        assert_no_exception(page)
        page.screenshot(path=str(ARTIFACTS / "add_articles_result.png"), full_page=True)
        main.get_by_text("Workspace (your articles) · 3 articles").wait_for(timeout=30_000)
        # the Overview shows the workspace now, with the language filter (French and English)
        page.locator('[data-testid="stSidebar"] a', has_text="Overview").click()
        page.wait_for_timeout(500)
        wait_ready(page)
        assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "3"
        assert "corpus=workspace" in page.url
        assert page.locator('[data-testid="stSidebar"]').get_by_text("Language").count() >= 1
        assert_no_exception(page)
        page.screenshot(path=str(ARTIFACTS / "add_articles_overview.png"), full_page=True)
    # the command line reads the same folder with the same single rejection
    out = subprocess.run([sys.executable, "-m", "analysis", "build", str(folder), "--out", str(tmp_path / "cli"),
                          "--cache", str(cache)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    rejected = [line for line in out.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1 and "corrupt.txt" in rejected[0] and "binary content" in rejected[0]
    assert "3 articles" in out.stderr


def test_kill_the_server_during_an_upload_loses_nothing(page, tmp_path):
    ws_root, cache = tmp_path / "ws", tmp_path / "cache"
    cache.mkdir()
    files = [{"name": f"dispatch_{i:03d}.txt", "mimeType": "text/plain",
              "buffer": (f"Dispatch {i}\n\nThe Kremlin said on day {i} that talks on item {i} would continue, while "
                         f"North Korea denied report {i} and Seoul said it watched point {i} closely.").encode()}
             for i in range(400)]
    articles = ws_root / "articles"
    with server(ws_root, cache) as (url, proc):
        open_add_page(page, url)
        choose_files(page, files)
        page.locator(".st-key-add_files button").click()
        deadline, seen = time.time() + 120, set()
        while time.time() < deadline:
            seen = {p.name for p in articles.glob("*.txt")} if articles.exists() else set()
            if len(seen) >= 40:
                break
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # kill -9, mid-upload
        proc.wait()
    assert 40 <= len(seen) < 400, f"{len(seen)} saved before the kill: the upload was not interrupted"
    with server(ws_root, cache) as (url, _):  # restart into the same workspace
        open_add_page(page, url)
        assert_no_exception(page)
        ws = Workspace(ws_root)
        files_now = set(ws.files())
        assert seen <= files_now  # nothing saved is lost
        with open(ws.metadata_path, encoding="utf-8", newline="") as f:
            rows = {r["file"]: r for r in csv.DictReader(f)}
        assert set(rows) == files_now == {p.name for p in articles.glob("*.txt")}
        assert all(rows[n]["original_name"].startswith("dispatch_") and rows[n]["content_hash"] for n in files_now)
        loaded, rejected = read_inputs([articles])
        assert not rejected and len(loaded) == len(files_now)
        page.get_by_text(f"Workspace (your articles) · {len(files_now)} articles").wait_for(timeout=60_000)
        assert_no_exception(page)
        page.screenshot(path=str(ARTIFACTS / "add_articles_after_kill.png"), full_page=True)
