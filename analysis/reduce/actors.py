"""The actors' corpus-wide reduce: provisional ids merged across articles, and the actor table.

Runs once per build over every article's mentions, never in the per-article map (it lies
outside `analysis/map/`: changing it reruns the reduce, not the map). The analyst's merges,
renames and splits (`analysis.corrections`) are applied here.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.corrections import UserAliases
from analysis.map.actors.registry import Registry
from analysis.records import LABEL_TYPE, ActorId
from analysis.text import norm


def merge_provisional(mentions: pd.DataFrame, registry: Registry, *, cutoff: int = 92) -> pd.DataFrame:
    """Rewrite provisional ids across the corpus: surname-only persons join the one full name that ends
    with that surname, near-identical spellings join the registry entry or the most frequent spelling."""
    if mentions.empty or "actor_id" not in mentions:
        return mentions
    ids = mentions["actor_id"].fillna("").astype(str)
    counts = Counter(i for i in ids if ActorId.parse(i).kind in ("per", "org"))
    if not counts:
        return mentions
    mapping: dict[str, str] = {}
    reg_people = {norm(n): a.id for a in registry.actors.values() if a.type == "person" for n in a.names if " " in norm(n)}
    keys = list(reg_people)
    persons = [i for i in counts if ActorId.parse(i).kind == "per"]
    for pid in persons:
        name = _key(pid).replace("-", " ")
        if " " in name and keys:
            hit = process.extractOne(name, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit and (hit[0].split()[0] == name.split()[0] or hit[0].split()[-1] == name.split()[-1]):
                mapping[pid] = reg_people[hit[0]]
    full = sorted((p for p in persons if "-" in _key(p) and p not in mapping), key=lambda p: -counts[p])
    # spelling variants of one full name: same first name and number of words, so compare within
    # those buckets only (all pairs of thousands of names took most of the reduce)
    buckets: dict[tuple[str, int], list[str]] = {}
    for pid in full:
        words = _key(pid).split("-")
        buckets.setdefault((words[0], len(words)), []).append(pid)
    for pid in full:
        if pid in mapping:
            continue
        words = _key(pid).split("-")
        for other in buckets[(words[0], len(words))]:
            if other == pid or other in mapping or counts[other] > counts[pid]:
                continue
            if fuzz.ratio(pid, other) >= cutoff:
                mapping[other] = pid
    owners_of: dict[str, set[str]] = {}
    for p in full:
        owners_of.setdefault(_key(p).split("-")[-1], set()).add(p)
    for pid in persons:  # surname only
        if "-" in _key(pid) or pid in mapping:
            continue
        owners = {mapping.get(p, p) for p in owners_of.get(_key(pid), ())}
        if len(owners) == 1:
            mapping[pid] = owners.pop()
    if not mapping:
        return mentions
    out = mentions.copy()
    out["actor_id"] = [mapping.get(i, i) for i in ids]
    return out


def _key(actor_id: str) -> str:
    """The name part of a provisional id ("per:andrei-lankov" -> "andrei-lankov")."""
    return ActorId.parse(actor_id).key


def actor_table(mentions: pd.DataFrame, registry: Registry, *, documents: pd.DataFrame | None = None,
                renames: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per actor: names, type, Wikidata id, mention and document counts, surface forms seen
    (`renames`: the analyst's display names, actor id -> name)."""
    renames = renames or {}
    cols = ["actor_id", "name", "type", "n_mentions", "n_docs", "name_fr", "wikidata", "aliases", "method"]
    if mentions.empty or "actor_id" not in mentions:
        return pd.DataFrame(columns=cols)
    m = mentions[mentions["actor_id"].fillna("").astype(str) != ""]
    rows = []
    for aid, group in m.groupby("actor_id", sort=False):
        forms = Counter(group["text"].astype(str))
        actor = registry.actors.get(aid)
        if actor:
            name, name_fr, typ, wikidata = actor.name, actor.name_fr, actor.type, actor.wikidata
        else:
            top = max(forms.values())
            name = max((f for f, n in forms.items() if n >= top / 2 or len(f.split()) > 1), key=lambda f: (len(f.split()), forms[f]))
            name_fr, wikidata = name, ""
            typ = _provisional_type(aid) or _label_type(group)
        name = renames.get(aid, name)
        methods = Counter(group["method"]) if "method" in group else Counter({"ner": 1})
        rows.append({
            "actor_id": aid, "name": name, "type": typ, "n_mentions": len(group),
            "n_docs": group["doc_id"].nunique() if "doc_id" in group else 1,
            "name_fr": name_fr, "wikidata": wikidata,
            "aliases": ";".join(f for f, _ in forms.most_common()), "method": methods.most_common(1)[0][0],
        })
    table = pd.DataFrame(rows, columns=cols)
    return table.sort_values(["n_mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _label_type(group: pd.DataFrame) -> str:
    label = Counter(group["label"]).most_common(1)[0][0] if "label" in group else "ORG"
    return LABEL_TYPE.get(label, "organization")


def _provisional_type(aid: str) -> str | None:
    """person / organization for a provisional per: / org: id (an ent: id takes its label's type)."""
    actor = ActorId.parse(aid)
    return actor.provisional_type if actor.kind in ("per", "org") else None


def apply_user_aliases(mentions: pd.DataFrame, aliases: UserAliases) -> pd.DataFrame:
    """Splits (a surface form gets its own id), then merges (chains followed) on the mentions table."""
    if mentions.empty or "actor_id" not in mentions:
        return mentions
    out = mentions.copy()
    ids = out["actor_id"].fillna("").astype(str).tolist()
    texts = out["text"].fillna("").astype(str).tolist()
    split = {norm(k): v for k, v in aliases.split.items()}
    for i, t in enumerate(texts):
        if norm(t) in split:
            ids[i] = split[norm(t)]
    def final(aid: str) -> str:
        seen = set()
        while aid in aliases.merge and aid not in seen:
            seen.add(aid)
            aid = aliases.merge[aid]
        return aid
    out["actor_id"] = [final(a) if a else a for a in ids]
    return out
