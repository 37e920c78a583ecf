"""Helpers for the end-to-end tests: a Streamlit server on a free port and headless Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: test.sh should have installed Debian's chromium")
        pytest.skip("no Chromium on this machine and none could be installed (test.sh installs it when run as root)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, *, timeout: float, log: Path) -> None:
    """Until the server at `url` answers its health check; fails if it exits or never answers."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
    raise TimeoutError("streamlit did not start")


@contextmanager
def streamlit_server(*, corpus: Path | None = None, cache: Path, timeout: float = 180):
    """Serve app.py on a free port; yields the base URL; stops the server afterwards."""
    port = free_port()
    env = {**os.environ, "VEILLE_CACHE": str(cache)}
    if corpus is not None:
        env["VEILLE_CORPUS"] = str(corpus)
    log = open(cache.parent / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=timeout, log=cache.parent / f"streamlit-{port}.log")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_ready(page, *, timeout: float = 180_000) -> None:
    """Wait for the app to render and finish running (status widget gone)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    page.wait_for_selector("h1", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)
    # an element whose script is still loading (a chart, a table) shows a skeleton until it is
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    charts = page.locator('.veille-chart')
    for i in range(charts.count()):  # plotly draws lazily: wait until every chart has its SVG
        charts.nth(i).locator(".main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()
