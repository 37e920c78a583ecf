"""The analyst's actor corrections: merges, renames, splits and added aliases, kept in a YAML
file (workspace/user_aliases.yaml) and applied at the next build.

Added aliases change what the map matches (they are part of the article cache key, see
`analysis.mapping.added_aliases_digest`); merges, renames and splits only change the reduce
(`analysis.reduce.actors.apply_user_aliases`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from analysis.files.atomic import atomic_write_text
from analysis.records import KIND_OF_TYPE, ActorId
from analysis.text import norm

DEFAULT_USER_ALIASES = Path("workspace/user_aliases.yaml")
SPLIT_PREFIX = KIND_OF_TYPE  # an actor split off by kind: person -> per, organization -> org, other -> ent


@dataclass
class UserAliases:
    """The analyst's corrections, kept in a YAML file and applied at the next build."""

    merge: dict[str, str] = field(default_factory=dict)  # from_id -> to_id
    rename: dict[str, str] = field(default_factory=dict)  # id -> display name
    split: dict[str, str] = field(default_factory=dict)  # surface form -> new id
    aliases: dict[str, list[str]] = field(default_factory=dict)  # id -> extra names

    def to_dict(self) -> dict[str, Any]:
        return {"merge": dict(self.merge), "rename": dict(self.rename), "split": dict(self.split),
                "aliases": {k: list(v) for k, v in self.aliases.items()}}


def load_user_aliases(path: Path | str | None = None) -> UserAliases:
    """The analyst's alias file (missing or empty file: no corrections)."""
    p = Path(path or DEFAULT_USER_ALIASES)
    if not p.exists():
        return UserAliases()
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    return UserAliases(
        merge={str(k): str(v) for k, v in (data.get("merge") or {}).items()},
        rename={str(k): str(v) for k, v in (data.get("rename") or {}).items()},
        split={str(k): str(v) for k, v in (data.get("split") or {}).items()},
        aliases={str(k): [str(x) for x in (v or [])] for k, v in (data.get("aliases") or {}).items()},
    )


def save_user_aliases(path: Path | str, aliases: UserAliases) -> None:
    """Write the alias file atomically (temporary file, then os.replace)."""
    atomic_write_text(Path(path), yaml.safe_dump(aliases.to_dict(), allow_unicode=True, sort_keys=True))


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
    new_id = str(ActorId.provisional(SPLIT_PREFIX.get(kind, "ent"), name))
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
