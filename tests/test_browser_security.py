"""No script from an article ever runs: a corpus of hostile articles, every page visited in
headless Chromium, no dialog opened and document.title never changed."""
from __future__ import annotations

import pytest

from tests.browser import assert_no_exception, require_chromium, streamlit_server, wait_ready
from ui.sidebar import PAGES

pytestmark = pytest.mark.browser

PAYLOADS = [
    '<script>document.title="pwned";alert("script")</script>',
    '<img src=x onerror="document.title=\'pwned\';alert(\'img\')">',
    '<iframe srcdoc="<script>parent.document.title=\'pwned\';alert(\'iframe\')</script>"></iframe>',
    '<a href="javascript:alert(\'link\')">cliquez ici</a>',
    '[lien](javascript:alert("md")) ![img](x" onerror="alert(\'md-img\'))',
    '<svg onload="alert(\'svg\')"></svg> <style>body{display:none}</style>',
    '{{7*7}} ${alert("tpl")} <!-- commentaire -->',
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    require_chromium()
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    corpus.mkdir()
    for i, payload in enumerate(PAYLOADS):
        text = (f"Titre {payload}\n\nLe Kremlin a démenti {payload} toute livraison d'armes, selon l'AFP. "
                f"Vladimir Poutine a rencontré Kim Jong-un à Moscou le 13 septembre 2023. {payload}\n")
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
    (corpus / "p.html").write_text("<html><head><title>t</title></head><body><article><p>"
                                   + "La Russie a nié les faits, a déclaré le porte-parole. " * 5
                                   + "&lt;script&gt;alert('entity')&lt;/script&gt;</p></article></body></html>", encoding="utf-8")
    cache = base / "cache"
    cache.mkdir()
    with streamlit_server(corpus=corpus, cache=cache) as url:
        yield url


def test_no_article_script_runs_on_any_page(hostile_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visited = 0
    for path, label, _ in PAGES:
        slug = "" if path == "app.py" else path.split("_", 1)[1].removesuffix(".py")
        for query in ("", "?q=script" if "Search" in path else None):
            if query is None:
                continue
            page.goto(f"{hostile_server}/{slug}{query}", wait_until="domcontentloaded")
            wait_ready(page)
            title = page.evaluate("document.title")
            assert "pwned" not in title and title.endswith("Veille"), (label, title)
            assert_no_exception(page)
            visited += 1
    page.goto(f"{hostile_server}/Reader?doc=a2.txt", wait_until="domcontentloaded")
    wait_ready(page)
    assert "&lt;iframe" in page.locator('[data-testid="stHtml"]').first.inner_html()
    assert page.locator('[data-testid="stHtml"] iframe, [data-testid="stHtml"] script').count() == 0
    assert visited >= 7
    assert dialogs == []
