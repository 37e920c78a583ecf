"""Accuracy floors on the three development sets, scored as external evaluation scores them.

Builds copies of the sets kept in tests/fixtures (the seeds, 20 French wire-copy articles, 10
English Wikinews articles) with the project's own build, scores each with a copy of the shared
scorer (tests/fixtures/dev/score.py) and asserts floors a few points under the figures reached
when they were last raised: later work cannot lose accuracy silently. Raise a floor when a
change raises its figure; never lower one without saying why in the commit.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.build import build

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV = FIXTURES / "dev"
SEEDS = FIXTURES.parent.parent / "seeds"

SETS = {
    "seeds": (SEEDS, FIXTURES / "seeds_gold.json"),
    "orangesum_dev": (DEV / "orangesum_dev.jsonl", DEV / "orangesum_dev_gold.json"),
    "wikinews_dev": (DEV / "wikinews_dev.jsonl", DEV / "wikinews_dev_gold.json"),
}

# Floors: about 0.03 under the figures printed by ../shared/eval/dev.sh on 2026-12-03
# (seeds: the user's original five articles).
FLOORS = {
    "seeds": {
        "meta.published": 0.97, "boilerplate.removed": 0.97,
        "actors.recall": 0.97, "actors.precision": 0.97, "actors.purity": 0.97,
        "timex.recall": 0.97, "timex.value_strict": 0.43,
        "claims.recall": 0.97, "claims.attributed_speaker": 0.92, "claims.speaker": 0.95,
        "claims.modality": 0.95, "themes.f1": 0.85,
    },
    "orangesum_dev": {
        "actors.recall": 0.70, "actors.precision": 0.88, "actors.purity": 0.94,
        "timex.recall": 0.75, "timex.value_strict": 0.61,
        "claims.recall": 0.95, "claims.attributed_speaker": 0.42, "claims.speaker": 0.50,
        "claims.modality": 0.59, "themes.f1": 0.55,
    },
    "wikinews_dev": {  # with the English model (en_core_web_sm 3.8.0)
        "actors.recall": 0.74, "actors.precision": 0.83, "actors.purity": 0.85,
        "timex.recall": 0.71, "timex.value_strict": 0.53,
        "claims.recall": 0.97, "claims.attributed_speaker": 0.42, "claims.speaker": 0.58,
        "claims.modality": 0.64, "themes.f1": 0.45,
    },
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict]:
    """Each set built once (one cache for the three) and scored: {set: {metric: value}}."""
    work = tmp_path_factory.mktemp("dev")
    out = {}
    for name, (source, gold) in SETS.items():
        build([source], work / name, cache_dir=work / "cache", progress=False)
        run = subprocess.run([sys.executable, str(DEV / "score.py"), str(work / name), str(gold), "--json"],
                             capture_output=True, text=True, check=True)
        out[name] = json.JSONDecoder().raw_decode(run.stdout)[0]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SETS))
def test_dev_set_keeps_its_floors(scores, name):
    got = scores[name]
    assert got["docs.missing"] == 0
    below = {m: (got.get(m), floor) for m, floor in FLOORS[name].items() if (got.get(m) or 0.0) < floor}
    assert not below, f"{name}: metric (score, floor) under its floor: {below}"


@pytest.mark.slow
def test_the_scorer_counts_what_it_is_given(scores):
    """The floors mean something only if the scorer saw every gold item of each set."""
    seeds = scores["seeds"]["counts"]
    assert seeds["claims.n"] == 59 and seeds["actors.n"] == 242 and seeds["timex.n"] == 27
    assert scores["orangesum_dev"]["counts"]["claims.n"] > 100
    assert scores["wikinews_dev"]["counts"]["actors.n"] > 100
