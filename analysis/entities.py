"""The analyst's actor corrections (merge, rename, split) as pure functions: each returns a new
UserAliases (never mutates the one read from the file) and a sentence saying what changed.

(The actor counts that lived here moved to `analysis.query.actors`.)
"""
from __future__ import annotations

from dataclasses import replace

from analysis.actors import UserAliases, norm, slug

SPLIT_PREFIX = {"person": "per", "organization": "org", "other": "ent"}


# ------------------------------------------------------------------ the analyst's corrections

def _copy(aliases: UserAliases) -> UserAliases:
    return replace(aliases, merge=dict(aliases.merge), rename=dict(aliases.rename), split=dict(aliases.split),
                   aliases={k: list(v) for k, v in aliases.aliases.items()})


def _final(merge: dict[str, str], aid: str) -> str:
    seen = set()
    while aid in merge and aid not in seen:
        seen.add(aid)
        aid = merge[aid]
    return aid


def merge_actor(aliases: UserAliases, source_id: str, target_id: str) -> UserAliases:
    """`source_id` becomes `target_id` (every mention); an earlier opposite merge is undone."""
    if not source_id or not target_id or source_id == target_id:
        raise ValueError("choose two different actors to merge")
    out = _copy(aliases)
    if _final(out.merge, target_id) == source_id:  # B was merged into A before: merging A into B reverses it
        out.merge.pop(target_id, None)
    out.merge[source_id] = target_id
    return out


def rename_actor(aliases: UserAliases, actor_id: str, name: str) -> UserAliases:
    """Show `actor_id` as `name` from now on."""
    name = " ".join(name.split())
    if not actor_id or not name:
        raise ValueError("choose an actor and type its new name")
    out = _copy(aliases)
    out.rename[actor_id] = name
    return out


def split_form(aliases: UserAliases, form: str, name: str, *, kind: str = "person") -> tuple[UserAliases, str]:
    """The surface form `form` (wherever it occurs) becomes its own actor named `name`; returns its id."""
    name = " ".join(name.split())
    if not norm(form) or not name:
        raise ValueError("choose a name form and type the new actor's name")
    new_id = f"{SPLIT_PREFIX.get(kind, 'ent')}:{slug(name)}"
    out = _copy(aliases)
    out.split[form] = new_id
    out.rename[new_id] = name
    out.merge.pop(new_id, None)  # a split target merged away earlier would vanish again
    return out, new_id


def corrections(aliases: UserAliases, names: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """The corrections in force as (kind, key, sentence), for listing and undoing them."""
    names = names or {}
    out = [("merge", k, f"“{names.get(k, k)}” merged into “{names.get(v, v)}”") for k, v in sorted(aliases.merge.items())]
    out += [("rename", k, f"{k} shown as “{v}”") for k, v in sorted(aliases.rename.items())]
    out += [("split", k, f"“{k}” split off as {v}") for k, v in sorted(aliases.split.items())]
    return out


def undo_correction(aliases: UserAliases, kind: str, key: str) -> UserAliases:
    """Remove one correction (kind: merge, rename or split)."""
    out = _copy(aliases)
    getattr(out, kind).pop(key, None)
    return out
