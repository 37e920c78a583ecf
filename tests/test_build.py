"""The build end to end on the seeds: contract tables, offsets, cache reuse, rejections, the CLI."""
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis.build import build
from analysis.files.tables import COLUMNS
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("build")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "bad.txt").write_bytes(b"\x00\xff" * 50)
    report = build([corpus], base / "out", cache_dir=base / "cache", progress=False)
    return base, corpus, report


def test_tables_follow_the_contract(built):
    base, _, report = built
    assert report.n_articles == 5 and report.n_parsed == 5
    for name, columns in COLUMNS.items():
        csv = pd.read_csv(base / "out" / f"{name}.csv", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(base / "out" / f"{name}.parquet")
        assert list(csv.columns[: len(columns)]) == columns, name
        assert len(csv) == len(parquet), name
    rejected = pd.read_csv(base / "out" / "rejected.csv")
    assert list(rejected["input"].str.rsplit("/", n=1).str[-1]) == ["bad.txt"]
    assert "binary" in rejected["reason"].iat[0]


def test_offsets_point_into_the_text_and_no_sentence_touches_chrome(built):
    base = built[0]
    docs = pd.read_parquet(base / "out" / "documents.parquet").set_index("doc_id")["text"]
    for name in ("sentences", "mentions", "boilerplate"):
        table = pd.read_parquet(base / "out" / f"{name}.parquet")
        assert len(table) > 0
        for row in table.itertuples():
            assert docs[row.doc_id][row.start:row.end] == row.text, (name, row)
    sents = pd.read_parquet(base / "out" / "sentences.parquet")
    chrome = pd.read_parquet(base / "out" / "boilerplate.parquet")
    for c in chrome.itertuples():
        s = sents[sents["doc_id"] == c.doc_id]
        assert not ((s["start"] < c.end) & (c.start < s["end"])).any()


def test_metadata_and_dates(built):
    docs = pd.read_parquet(built[0] / "out" / "documents.parquet").set_index("doc_id")
    assert docs.loc["000_e765f89363af8f53.txt", ["published", "published_basis"]].tolist() == ["2023-09-13", "metadata"]
    assert docs.loc["002_93d6684eea28a751.txt", "author"] == "Josephine Martin"
    assert set(docs["published_basis"]) <= {"metadata", "text", "inferred", "none"}


def test_warm_rebuild_reuses_everything(built):
    base, corpus, _ = built
    again = build([corpus], base / "out", cache_dir=base / "cache", progress=False)
    assert again.reused_tables and again.n_parsed == 0


def test_changing_one_article_reanalyses_only_it(built, tmp_path):
    base, corpus, _ = built
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    path = changed / "003_e576805ea20e2ab9.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nLe Kremlin a confirmé la visite.\n", encoding="utf-8")
    report = build([changed], tmp_path / "out", cache_dir=base / "cache", progress=False)
    assert (report.n_parsed, report.n_cached) == (1, 4)


def test_corrupted_cache_entry_is_rebuilt(built, tmp_path):
    base, corpus, _ = built
    cache = tmp_path / "cache"
    shutil.copytree(base / "cache", cache)
    entries = [p for p in sorted((cache / "articles").rglob("*.json")) if "000_e765f89363af8f53.txt" in p.read_text("utf-8")]
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # truncated
    report = build([corpus], tmp_path / "out", cache_dir=cache, progress=False)
    assert report.n_corrupt_cache == 1 and report.n_parsed == 1


def test_cli_exit_codes(built, tmp_path):
    base, corpus, _ = built
    ok = subprocess.run([sys.executable, "-m", "analysis", "build", str(corpus), "--out", str(tmp_path / "o"),
                         "--cache", str(base / "cache")], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "5 articles" in ok.stderr and "bad.txt" in ok.stderr
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "x.txt").write_bytes(b"")
    bad = subprocess.run([sys.executable, "-m", "analysis", "build", str(tmp_path / "junk"), "--out", str(tmp_path / "o2"),
                          "--cache", str(base / "cache")], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode != 0 and "nothing readable" in bad.stderr.splitlines()[-1]


_ANALYSE_ONE = (
    "import sys\n"
    "from analysis.records import RawArticle\n"
    "from analysis.map.prepare import prepare\n"
    "from analysis.map.dates.tagger import find_absolute_dates\n"
    "from analysis.map.language import detect_language\n"
    "raw = RawArticle('a.txt', 'Le sommet de Vostotchny\\n\\nLe Kremlin a confirmé la visite.\\n\\n'\n"
    "                 'Selon Victor Cha, Moscou a démenti mardi toute livraison d\\'armes.', 'a.txt')\n"
    "p = prepare(raw, find_dates=find_absolute_dates, detect_language=detect_language)\n"
    "{run}\n"
    "assert isinstance(result, dict) and result['claims'], result\n"
    "print(' '.join(sorted(m for m in sys.modules if m == 'analysis' or m.startswith('analysis.'))))\n"
)


def _loaded_by(run: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _ANALYSE_ONE.format(run=run)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(out.stdout.split())


def _in_map_key(module: str) -> bool:
    from analysis.build import MAP_SOURCES

    rel = module.split(".", 1)[1] if "." in module else ""
    return module == "analysis" or any(rel == s.removesuffix(".py") or rel.startswith(s + ".") for s in MAP_SOURCES)


def test_analysing_an_article_imports_nothing_outside_the_map_folder():
    """The article cache key is the map/ folder (plus records.py and text.py): editing anything
    else keeps the cached per-article results, so analysing an article must import nothing else
    (else a change there would go unnoticed by the cache)."""
    loaded = _loaded_by("from analysis.map.analyse import Resources, analyse\nresult = analyse(p, Resources())")
    assert {"analysis.map.claims.extract", "analysis.map.dates.tagger", "analysis.map.actors.matcher",
            "analysis.records", "analysis.text"} <= loaded
    assert {m for m in loaded if not _in_map_key(m)} == set()


def test_the_map_runner_adds_only_itself_to_what_an_article_imports():
    loaded = _loaded_by("from analysis.mapping import _analyse_one, _resources\n_resources()\n"
                        "i, result = _analyse_one((0, p))")
    assert {m for m in loaded if not _in_map_key(m)} == {"analysis.mapping"}


def test_the_map_key_covers_the_map_folder_and_nothing_else(tmp_path, monkeypatch):
    """Editing any module outside map/, records.py and text.py (the reduce, the files layer, the
    page queries, the tooling) leaves the article key alone and changes the tables' key;
    editing a map module or a map data file changes both."""
    import analysis.build as b

    pkg = tmp_path / "analysis"
    shutil.copytree(b.PACKAGE, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(b, "PACKAGE", pkg)
    base_map, base_all = b.pipeline_version("map"), b.pipeline_version("all")
    outside = sorted(p for p in pkg.rglob("*.py") if not _in_map_key(
        "analysis." + ".".join(p.relative_to(pkg).with_suffix("").parts)))
    assert pkg / "reduce" / "ledger.py" in outside and pkg / "reduce" / "topics.py" in outside
    assert pkg / "corrections.py" in outside and pkg / "files" / "tables.py" in outside
    for path in outside:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert b.pipeline_version("map") == base_map, path
        assert b.pipeline_version("all") != base_all, path
        path.write_bytes(original)
    for rel in ("map/claims/extract.py", "map/data/cues.yaml", "map/actors/matcher.py", "records.py", "text.py"):
        path = pkg / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert b.pipeline_version("map") != base_map, rel
        path.write_bytes(original)
    assert (b.pipeline_version("map"), b.pipeline_version("all")) == (base_map, base_all)


def test_a_reduce_only_change_keeps_the_article_cache_but_rebuilds_the_tables(tmp_path, monkeypatch):
    import analysis.build as b

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = build([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    real = b.pipeline_version
    monkeypatch.setattr(b, "pipeline_version", lambda scope="map": real(scope) + ("-edited" if scope == "all" else ""))
    second = build([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    assert first.n_parsed == 5 and second.n_parsed == 0 and second.n_cached == 5
    assert not second.reused_tables  # the reduce ran again with the new code


def test_dask_engine_gives_the_same_tables(built, tmp_path):
    base, corpus, _ = built
    report = build([corpus], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False, engine="dask")
    assert report.n_parsed == 5 and report.n_rejected == 1  # the binary file, as with the local engine
    for name in ("documents", "sentences", "mentions", "timex", "claims", "claim_groups", "rejected"):
        local = (base / "out" / f"{name}.csv").read_text(encoding="utf-8")
        dask = (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8")
        assert dask == local, name  # same corpus folder, so even the origins agree
    assert len(list((tmp_path / "cache" / "articles").rglob("*.json"))) == 5  # written by the Dask workers
    with pytest.raises(ValueError, match="unknown engine"):
        build([corpus], tmp_path / "out2", cache_dir=tmp_path / "cache", engine="spark")
