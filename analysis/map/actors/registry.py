"""The actor registry: who can be named, by which names, offices held and when.

A YAML file (analysis/map/data/actors.yaml) gives names, aliases, capitals (metonyms), demonym
phrases ("le gouvernement russe") and offices with dates ("le président américain").
`analysis.map.actors.matcher` finds them in articles.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis.text import fold, norm

DATA = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"


# ----------------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Role:
    """An office held by a person: role of a state or organisation, from a date to a date (None = open)."""

    role: str
    of: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, day: dt.date | None) -> bool:
        """True when the office is held on `day` (None: held now, i.e. no end date)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Actor:
    """One registry entry."""

    id: str
    name: str
    name_fr: str
    type: str
    wikidata: str = ""
    aliases: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)  # French forms, lower-case
    demonyms_en: list[str] = field(default_factory=list)
    leader: str = "head_of_state"
    roles: list[Role] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every name of the actor in the registry (canonical names first)."""
        return list(dict.fromkeys([self.name, self.name_fr, *self.aliases]))


@dataclass
class Registry:
    """Actors by id plus the lookups the matcher needs."""

    actors: dict[str, Actor]
    alias_index: dict[str, str]  # normalised name -> actor id
    demonyms: dict[str, str]  # lower-case demonym form -> state id
    demonym_nouns: dict[str, str]  # capitalised plural noun ("Russes") -> state id
    state_heads: frozenset[str]
    state_heads_en: frozenset[str]
    descriptions: list[tuple[str, str]]  # (phrase, role)
    not_actors: frozenset[str]

    def holders(self, role: str, of: str, day: dt.date | None) -> list[str]:
        """Ids of the persons holding `role` of `of` on `day` (None = now)."""
        return [p for p in self.office_persons(role, of)
                if any(r.holds(day) for r in self._roles(p, role, of))]

    def office_persons(self, role: str, of: str) -> list[str]:
        """Ids of every person who ever held the office (leader falls back to the state's leading office)."""
        out = [a.id for a in self.actors.values() if self._roles(a.id, role, of)]
        return out

    def _roles(self, pid: str, role: str, of: str) -> list[Role]:
        actor = self.actors[pid]
        roles = [r for r in actor.roles if r.of == of and r.role == role]
        if role == "leader" and not roles and of in self.actors:
            has_leader = any(r.role == "leader" and r.of == of for a in self.actors.values() for r in a.roles)
            if not has_leader:
                office = self.actors[of].leader
                roles = [r for r in actor.roles if r.of == of and r.role == office]
        return roles


# ----------------------------------------------------------------------------------- helpers

def inflect(demonym: str) -> list[str]:
    """The four forms of a regular French demonym ("américain" -> américaine, américains, américaines)."""
    d = demonym.lower()
    if d.endswith("e"):
        return [d, d + "s"]
    if d.endswith("en"):
        fem = d + "ne"
    elif d.endswith(("s", "x")):
        return [d, d + "e", d + "es"]
    elif d.endswith(("é", "è", "i")):
        fem = d + "e"
    else:
        fem = d + "e"
    return [d, fem, d + "s", fem + "s"]


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# ----------------------------------------------------------------------------------- registry

def load_registry(path: Path | None = None, *, extra_aliases: Mapping[str, list[str]] | None = None) -> Registry:
    """Read the YAML registry into a Registry; `extra_aliases` (actor id -> names, the analyst's
    added aliases) are matched like the registry's own."""
    data = yaml.safe_load(Path(path or DATA).read_text(encoding="utf-8"))
    actors: dict[str, Actor] = {}
    for row in data.get("actors", []):
        forms = inflect(row["demonym"]) if row.get("demonym") else []
        forms += [f.lower() for f in row.get("demonym_forms", [])]
        actors[row["id"]] = Actor(
            id=row["id"], name=row["name"], name_fr=row.get("name_fr") or row["name"], type=row["type"],
            wikidata=row.get("wikidata") or "", aliases=[str(a) for a in row.get("aliases") or []],
            capitals=list(row.get("capitals") or []), demonyms=list(dict.fromkeys(forms)),
            demonyms_en=[row["demonym_en"]] if row.get("demonym_en") else [],
            leader=row.get("leader") or "head_of_state",
            roles=[Role(r["role"], r["of"], _date(r.get("from")), _date(r.get("to"))) for r in row.get("roles") or []],
        )
    for aid, extra in (extra_aliases or {}).items():
        if aid in actors:
            actors[aid].aliases.extend(extra)
    alias_index: dict[str, str] = {}
    for actor in actors.values():
        for name in actor.names:
            alias_index.setdefault(norm(name), actor.id)
    demonyms, nouns = {}, {}
    for actor in actors.values():
        for form in actor.demonyms:
            demonyms.setdefault(fold(form), actor.id)
            if form.endswith(("s", "x")):
                nouns.setdefault(form[:1].upper() + form[1:], actor.id)
    descriptions = [(d["phrase"], d["role"]) for d in data.get("descriptions", [])]
    return Registry(
        actors=actors, alias_index=alias_index, demonyms=demonyms, demonym_nouns=nouns,
        state_heads=frozenset(fold(h) for h in data.get("state_heads", [])),
        state_heads_en=frozenset(fold(h) for h in data.get("state_heads_en", [])),
        descriptions=descriptions, not_actors=frozenset(norm(w) for w in data.get("not_actors", [])),
    )
