"""Nothing the app or the build reads back is unpickled: the cache is JSON with a checksum,
tables are CSV/Parquet, settings YAML (safe_load). A scan of the code for the ways Python
unpickles (pickle, joblib, numpy's allow_pickle, pandas' read_pickle, shelve, yaml.load)."""
from __future__ import annotations

import re

from tests.conftest import ROOT

FORBIDDEN = re.compile(r"\b(pickle\.loads?|cPickle|cloudpickle\.loads?|joblib\.load|read_pickle|shelve\.open|"
                       r"allow_pickle\s*=\s*True|yaml\.load\(|yaml\.unsafe_load|marshal\.loads?|dill\.loads?)")


def test_no_code_path_unpickles():
    files = [p for d in ("analysis", "ui", "pages", "figures") for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
    assert len(files) > 30
    hits = [f"{p.relative_to(ROOT)}:{i}: {line.strip()}" for p in files
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if FORBIDDEN.search(line)]
    assert hits == []


def test_the_scan_would_catch_an_unpickling_line():
    for line in ("data = pickle.load(f)", "df = pd.read_pickle(path)", "np.load(p, allow_pickle=True)",
                 "cfg = yaml.load(text)", "m = joblib.load('model.bin')"):
        assert FORBIDDEN.search(line), line
    assert not FORBIDDEN.search("cfg = yaml.safe_load(text)")
