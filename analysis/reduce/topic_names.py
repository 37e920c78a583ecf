"""Topic names: the analyst's names for topics, kept across refits by each topic's signature
(its top five terms), and the YAML file they live in (workspace/topic_names.yaml)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from analysis.files.atomic import atomic_write_text


def topic_signature(top_terms: list[str] | str) -> str:
    """A stable key for a topic: its top five terms, sorted."""
    terms = top_terms.split(";") if isinstance(top_terms, str) else list(top_terms)
    return "|".join(sorted(t for t in terms[:5] if t))


def _name_for(topic_id: int, signature: str, names: dict) -> str:
    """The analyst's name for a topic: by id, by exact signature, or by a close signature."""
    if topic_id in names:
        return str(names[topic_id])
    if signature in names:
        return str(names[signature])
    mine = set(signature.split("|")) - {""}
    best, best_sim = "", 0.0
    for key, name in names.items():
        if isinstance(key, str) and "|" in key:
            other = set(key.split("|"))
            sim = len(mine & other) / max(len(mine | other), 1)
            if sim > best_sim:
                best, best_sim = str(name), sim
    return best if best_sim >= 0.6 else ""


def name_topics(topics: pd.DataFrame, names: dict) -> pd.DataFrame:
    """The topics table with the analyst's names applied: `name` from `names`, `label` = name or top terms.

    Lets a view rename topics without refitting (fit once without names, name on every run).
    """
    out = topics.copy()
    if out.empty:
        return out
    sigs = out["signature"] if "signature" in out else out["top_terms"].map(topic_signature)
    out["name"] = [_name_for(int(t), s, names or {}) for t, s in zip(out["topic_id"], sigs)]
    auto = [", ".join(str(tt).split(";")[:3]) if str(tt) else "(sans termes)" for tt in out["top_terms"].fillna("")]
    out["label"] = [n or a for n, a in zip(out["name"], auto)]
    return out


def load_topic_names(path: Path) -> dict[str, str]:
    """Analyst's topic names (signature -> name) from a YAML file; empty if there is none."""
    path = Path(path)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items() if str(v).strip()} if isinstance(data, dict) else {}


def save_topic_names(path: Path, names: dict[str, str]) -> None:
    """Write topic names atomically (a temporary file renamed over the old one)."""
    path = Path(path)
    clean = {str(k): str(v) for k, v in sorted(names.items(), key=lambda kv: str(kv[0])) if str(v).strip()}
    text = "# Topic names chosen by the analyst, keyed by the topic's top five terms.\n"
    atomic_write_text(path, text + yaml.safe_dump(clean, allow_unicode=True, sort_keys=True))
