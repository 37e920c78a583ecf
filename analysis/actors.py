"""Actors: who an article talks about, one id per actor however it is named.

A YAML registry (analysis/data/actors.yaml) gives names, aliases, capitals (metonyms), demonym
phrases ("le gouvernement russe") and offices with dates ("le président américain"). The matcher
finds registry names with a spaCy PhraseMatcher, then phrase rules on tokens, then spaCy entities:
fuzzy-matched to the registry, resolved as partial names inside the article, or given a
provisional id (`per:andrei-lankov`). The corpus reduce merges provisional ids across articles,
applies the analyst's alias file and builds the actors table.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.model import Mention, ParsedArticle

DATA = Path(__file__).resolve().parent / "data" / "actors.yaml"
DEFAULT_USER_ALIASES = Path("workspace/user_aliases.yaml")
FUZZY_CUTOFF = 88
_TYPE_LABEL = {"person": "PER", "state": "LOC", "organization": "ORG", "group": "ORG"}
_PREFIX_TYPE = {"per": "person", "org": "organization"}

# context that makes a capital a place rather than the state ("à Moscou", "le maire de Moscou")
_PLACE_PREPS = {"à", "a", "au", "dans", "près", "autour", "en", "depuis"}
_PLACE_NOUNS = {
    "maire", "mairie", "université", "région", "ville", "capitale", "aéroport", "banlieue", "centre", "rue",
    "habitant", "sommet", "conférence", "accord", "traité", "tribunal", "procès", "bourse", "quartier",
    "périphérie", "environs", "métro", "stade", "hôpital", "port", "gare", "place", "marathon", "festival",
    "attentat", "attaque", "explosion", "incendie", "province", "oblast", "zone", "cathédrale", "musée", "palais",
    "hôtel", "correspondant", "correspondante", "envoyé", "envoyée", "bureau", "route", "porte", "faubourg",
    "agglomération", "municipalité", "gouverneur", "préfet", "préfecture", "parquet", "police", "cour", "mosquée",
    "église", "synagogue", "consistoire", "camp", "base", "prison", "école", "lycée", "institut", "laboratoire",
    "parc", "pont", "consulat", "clinique", "marché", "manifestation", "rassemblement", "défilé", "population",
    "club", "équipe", "opéra", "zoo", "avenue", "boulevard", "périphérique", "salle", "district", "arrondissement",
    "nord", "sud", "est", "ouest", "coeur", "cœur", "règlement", "convention", "pacte", "système", "protocole",
    "archevêque", "évêque", "rédaction", "studio", "siège", "proche", "large", "tour", "ciel", "rive", "aéroports",
}
# a capital after "à" that receives something is the state ("vendre des armes à Pyongyang")
_TRANSFER_LEMMAS = {
    "vendre", "livrer", "fournir", "donner", "offrir", "envoyer", "transférer", "exporter", "demander", "dire",
    "répondre", "reprocher", "proposer", "promettre", "imposer", "apporter", "accorder", "céder", "adresser",
    "écrire", "annoncer", "signaler", "permettre", "acheter", "emprunter", "prêter", "rappeler", "expliquer",
    "faire", "laisser", "lancer", "opposer", "appeler", "intimer", "ordonner", "conseiller", "succéder",
    "arme", "armes", "livraison", "vente", "aide", "soutien", "fourniture", "munition", "message", "lettre",
    "ultimatum", "exportation", "appel", "avertissement", "sanction", "ressembler", "nuire", "plaire",
}
# organisation names that may contain a state or capital ("Université de Moscou", "Banque de Russie")
_ORG_HEADS = {
    "université", "banque", "ministère", "parlement", "assemblée", "agence", "institut", "conseil", "cour",
    "comité", "musée", "académie", "fondation", "église", "parti", "bourse", "compagnie", "école", "tribunal",
    "commission", "office", "centre", "observatoire", "fédération", "association", "union", "front", "armée",
    "garde", "forces", "mouvement", "radio", "télévision", "journal", "club", "théâtre", "hôpital",
}
# named events are not actors ("Forum économique oriental", "Jeux olympiques")
_EVENT_HEADS = {
    "forum", "sommet", "conférence", "jeux", "festival", "salon", "exposition", "championnat", "coupe", "guerre",
    "traité", "accord", "accords", "opération", "bataille", "révolution", "crise", "semaine", "journée", "année",
    "prix", "mondial", "euro", "coronavirus", "covid", "covid-19", "brexit", "printemps", "plan", "loi",
    "programme", "rencontre", "réunion", "dialogue", "processus", "format", "protocole", "initiative",
}
_NAME_PARTICLES = {"de", "du", "des", "la", "le", "al", "el", "ben", "bin", "von", "van", "der", "den", "da",
                   "di", "abou", "abu", "ibn", "mc", "st", "saint", "jr", "jr."}
_HONORIFICS = {"M.", "Mme", "Mlle", "MM.", "Dr", "Me", "Mgr", "Pr", "Sir", "Mr", "Mrs", "Ms"}
_DETS = {"les", "des", "aux", "ces", "deux", "the"}
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


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
class UserAliases:
    """The analyst's corrections, kept in a YAML file and applied at the next build."""

    merge: dict[str, str] = field(default_factory=dict)  # from_id -> to_id
    rename: dict[str, str] = field(default_factory=dict)  # id -> display name
    split: dict[str, str] = field(default_factory=dict)  # surface form -> new id
    aliases: dict[str, list[str]] = field(default_factory=dict)  # id -> extra names

    def to_dict(self) -> dict[str, Any]:
        return {"merge": dict(self.merge), "rename": dict(self.rename), "split": dict(self.split),
                "aliases": {k: list(v) for k, v in self.aliases.items()}}


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
    user: UserAliases = field(default_factory=UserAliases)

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

def norm(text: str) -> str:
    """Lower-case, accents and punctuation folded: the key for alias lookups and fuzzy matching."""
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def fold(text: str) -> str:
    """Lower-case without accents, apostrophes unified: how phrase rules compare tokens."""
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """`Andrei Lankov` -> `andrei-lankov` (ids for actors outside the registry)."""
    return re.sub(r"[^a-z0-9]+", "-", norm(text).replace("'", " ")).strip("-") or "x"


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


def _variants(alias: str) -> set[str]:
    """Spelling variants matched as the same name: apostrophes, É/E, hyphen/space."""
    out = {alias, alias.replace("'", "’"), alias.replace("’", "'")}
    for a in list(out):
        out.add(a.replace("É", "E").replace("È", "E"))
    for a in list(out):
        if "-" in a and " " in a.strip():  # "Kim Jong-un" <-> "Kim Jong Un"
            out.add(a.replace("-", " "))
    return {a for a in out if a.strip()}


# ----------------------------------------------------------------------------------- registry

def load_registry(path: Path | None = None, *, user_aliases: Path | None = None) -> Registry:
    """Read the YAML registry (and the analyst's alias file, if given) into a Registry."""
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
    user = load_user_aliases(user_aliases) if user_aliases else UserAliases()
    for aid, extra in user.aliases.items():
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
        descriptions=descriptions, not_actors=frozenset(norm(w) for w in data.get("not_actors", [])), user=user,
    )


# ----------------------------------------------------------------------------------- matcher

@dataclass
class _Cand:
    """A candidate mention inside one block (token offsets), before overlaps are resolved."""

    start: int  # token index
    end: int
    actor_id: str
    label: str
    method: str
    confidence: float
    kind: str = ""  # name | capital | phrase | description | ner | partial | place


class ActorMatcher:
    """Finds actor mentions in parsed articles; build once per process."""

    def __init__(self, nlp: Language, registry: Registry, *, fuzzy_cutoff: int = FUZZY_CUTOFF) -> None:
        self.nlp = nlp
        self.registry = registry
        self.fuzzy_cutoff = fuzzy_cutoff
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._pattern_info: dict[int, tuple[str, str, str]] = {}  # match key -> (actor id, kind, alias)
        self._add_patterns()
        self._descriptions = [(tuple(fold(t.text) for t in nlp.make_doc(p)), role) for p, role in registry.descriptions]
        fuzzy_names = {}
        for actor in registry.actors.values():
            if actor.type in ("person", "organization", "group"):
                for name in actor.names:
                    key = norm(name)
                    if len(key) >= 6 and (actor.type != "person" or " " in key):
                        fuzzy_names.setdefault(key, actor.id)
        self._fuzzy_keys = list(fuzzy_names)
        self._fuzzy_ids = [fuzzy_names[k] for k in self._fuzzy_keys]

    def _add_patterns(self) -> None:
        by_key: dict[str, list[Doc]] = defaultdict(list)
        for actor in self.registry.actors.values():
            names = [n for n in actor.names if n not in actor.capitals]  # "Mexico" is the city in French
            for kind, names in (("name", names), ("capital", actor.capitals)):
                for name in names:
                    for variant in _variants(name):
                        key = f"{kind}|{actor.id}|{variant}"
                        by_key[key].append(self.nlp.make_doc(variant))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)
            aid_kind = key.split("|", 2)
            self._pattern_info[self.nlp.vocab.strings[key]] = (aid_kind[1], aid_kind[0], aid_kind[2])

    # -- public

    def find_mentions(self, parsed: ParsedArticle) -> list[Mention]:
        """Every mention of the article, in text order, with article offsets and sentence ids."""
        day = _date(parsed.published) if re.match(r"^\d{4}-\d{2}-\d{2}", parsed.published or "") else None
        per_block: list[list[_Cand]] = []
        for block in parsed.blocks:
            per_block.append(self._block_candidates(block.doc) if block.doc is not None else [])
        self._resolve_names(parsed, per_block)
        self._resolve_descriptions(parsed, per_block, day)
        return self._to_mentions(parsed, per_block)

    # -- per block

    def _block_candidates(self, doc: Doc) -> list[_Cand]:
        reg = self.registry
        cands: list[_Cand] = []
        places: set[int] = set()
        for match_id, s, e in sorted(self.matcher(doc), key=lambda m: m[1]):
            aid, kind, alias = self._pattern_info[match_id]
            if not _case_ok(doc[s:e].text, alias):
                continue
            actor = reg.actors[aid]
            conf = 1.0 if norm(alias) in (norm(actor.name), norm(actor.name_fr)) else 0.95
            if kind == "capital":
                if _capital_is_place(doc, s, e, places):
                    places.add(s)
                    cands.append(_Cand(s, e, "", "LOC", "registry", 0.8, "place"))
                    continue
                conf = 0.85
            cands.append(_Cand(s, e, aid, _TYPE_LABEL.get(actor.type, "ORG"), "registry", conf, kind))
        taken = _longest(cands)
        covered = {i for c in taken for i in range(c.start, c.end)}
        taken += self._phrases(doc, covered)
        covered = {i for c in taken for i in range(c.start, c.end)}
        taken += self._entities(doc, taken, covered)
        return _longest(taken)

    def _phrases(self, doc: Doc, covered: set[int]) -> list[_Cand]:
        """Demonym phrases: state heads ("gouvernement russe"), descriptions ("président russe"), "les Russes"."""
        reg = self.registry
        out: list[_Cand] = []
        lowers = [fold(t.text) for t in doc]
        for i, tok in enumerate(doc):
            if i in covered:
                continue
            state = reg.demonyms.get(lowers[i])
            if state and tok.text[:1].islower():
                desc = self._description_at(lowers, i)
                if desc is not None:  # before state heads: "chef de la diplomatie américaine" is a person
                    s, e, role = desc
                    if not any(j in covered for j in range(s, e)):
                        out.append(_Cand(s, e, f"?{role}|{state}", "PER", "description", 0.8, "description"))
                    continue
                head = _head_before(lowers, i, reg)
                if head is not None:
                    start = head if head == i - 1 else i  # "responsables américains" / "... et sud-coréens"
                    if not any(j in covered for j in range(start, i + 1)):
                        out.append(_Cand(start, i + 1, state, "LOC", "registry", 0.9, "phrase"))
                continue
            noun_state = reg.demonym_nouns.get(tok.text)
            if noun_state and i > 0 and lowers[i - 1] in _DETS:
                out.append(_Cand(i, i + 1, noun_state, "LOC", "registry", 0.8, "phrase"))
                continue
            # English order: "Russian officials", "the US government"
            if tok.text[:1].isupper() and i + 1 < len(doc) and lowers[i + 1] in reg.state_heads_en:
                en_state = self._english_state(tok.text)
                if en_state and i + 1 not in covered:
                    out.append(_Cand(i, i + 2, en_state, "LOC", "registry", 0.9, "phrase"))
        return out

    def _english_state(self, word: str) -> str | None:
        for actor in self.registry.actors.values():
            if word in actor.demonyms_en:
                return actor.id
        return None

    def _description_at(self, lowers: list[str], i: int) -> tuple[int, int, str] | None:
        """A description phrase around the demonym at i: "président russe", "ministre russe des Affaires étrangères"."""
        for phrase, role in self._descriptions:
            n = len(phrase)
            if i >= n and tuple(lowers[i - n:i]) == phrase:
                return i - n, i + 1, role
            for k in range(1, n):  # demonym inside the phrase
                if i >= k and tuple(lowers[i - k:i]) == phrase[:k] and tuple(lowers[i + 1:i + 1 + n - k]) == phrase[k:]:
                    return i - k, i + 1 + n - k, role
        return None

    def _entities(self, doc: Doc, taken: list[_Cand], covered: set[int]) -> list[_Cand]:
        """spaCy entities not already matched: fuzzy registry match, or provisional actor, or place."""
        out: list[_Cand] = []
        reg = self.registry
        for ent in doc.ents:
            start, end = ent.start, _extend_glued(doc, ent.end)
            while end - start > 1 and doc[start].text in _HONORIFICS:
                start += 1  # "M. Bannon" -> "Bannon"
            span = doc[start:end]
            label = ent.label_
            inside = [c for c in taken if c.start >= start and c.end <= end]
            if any(i in covered for i in range(start, end)):
                # an organisation named after a place keeps its name ("Université Kookmin de Séoul")
                if (label == "ORG" and inside and all(c.kind in ("capital", "place", "name") and c.label == "LOC" for c in inside)
                        and doc[start].lower_ in _ORG_HEADS and len(span) > max(c.end - c.start for c in inside)
                        and not any(c.start < start or c.end > end for c in taken if c.end > start and c.start < end)):
                    for c in inside:
                        taken.remove(c)
                else:
                    continue
            text = span.text.strip()
            if not _plausible_entity(span, reg):
                continue
            if label == "PER" and doc[0].lower_ in ("par", "by") and len(doc) <= 8 and start <= 2:
                continue  # a byline names the author, not an actor of the story
            if label in ("LOC", "MISC") and doc[start].lower_ in _ORG_HEADS and doc[start].text[:1].isupper():
                label = "ORG"  # "Université Kookmin" tagged as a place
            if label in ("ORG", "MISC") and doc[start].lower_ in _EVENT_HEADS:
                out.append(_Cand(start, end, "", "MISC", "ner", 1.0, "place"))
                continue
            if label in ("PER", "ORG", "MISC"):
                hit = self.fuzzy(text)
                if hit:
                    aid, score = hit
                    actor = reg.actors[aid]
                    out.append(_Cand(start, end, aid, _TYPE_LABEL.get(actor.type, "ORG"), "fuzzy", round(score / 100 * 0.9, 3), "name"))
                    continue
            if label == "PER":
                out.append(_Cand(start, end, f"per:{slug(text)}", "PER", "ner", 0.6, "ner"))
            elif label == "ORG":
                out.append(_Cand(start, end, f"org:{slug(text)}", "ORG", "ner", 0.6, "ner"))
            else:
                out.append(_Cand(start, end, "", label, "ner", 1.0, "place"))
        return out

    def fuzzy(self, text: str) -> tuple[str, float] | None:
        """The registry person/organisation whose name is closest to `text`, if close enough."""
        key = norm(text)
        if len(key) < 6 or not self._fuzzy_keys:
            return None
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff - 4)
        if not hit:
            return None
        choice, score, idx = hit
        a, b = key.split(), choice.split()
        if a[0] != b[0] and a[-1] != b[-1]:  # one name part must agree: "Donald Tusk" is not "Donald Trump"
            return None
        if score < self.fuzzy_cutoff and not (len(a) == len(b) > 2 and a[0] == b[0] and a[-1] == b[-1]):
            return None  # slightly below the cutoff only when first and last parts agree ("Kim Young-un")
        if len(a) > 1 and len(b) > 1 and a[0] == b[0] and fuzz.ratio(a[-1], b[-1]) < 60:
            return None
        return self._fuzzy_ids[idx], score

    # -- article level

    def _resolve_names(self, parsed: ParsedArticle, per_block: list[list[_Cand]]) -> None:
        """Partial names ("Kim", "Lankov") and provisional ids take the fullest name of the article."""
        parts: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # name token -> (block, token, id)
        for bi, cands in enumerate(per_block):
            doc = parsed.blocks[bi].doc
            for c in cands:
                if c.label != "PER" or not c.actor_id or c.actor_id.startswith("?"):
                    continue
                toks = [t for t in doc[c.start:c.end] if t.is_alpha and t.text[:1].isupper()]
                if len(toks) < 2 and c.method != "registry":
                    continue
                for tok in _family_tokens(doc[c.start:c.end]):
                    parts[tok].append((bi, c.start, c.actor_id))
        for bi, cands in enumerate(per_block):
            doc = parsed.blocks[bi].doc
            covered = {i for c in cands for i in range(c.start, c.end)}
            for c in cands:
                if c.method == "ner" and not c.actor_id.startswith("org:"):
                    words = [t.text for t in doc[c.start:c.end] if t.is_alpha]
                    if len(words) == 1 and words[0] in parts:
                        c.label = "PER"
                        c.actor_id = _nearest(parts[words[0]], bi, c.start)
                        c.method, c.confidence = "partial", 0.85
            for i, tok in enumerate(doc):
                if i in covered or tok.text not in parts or not tok.text[:1].isupper():
                    continue
                if tok.text.lower() in self.registry.not_actors:
                    continue
                cands.append(_Cand(i, i + 1, _nearest(parts[tok.text], bi, i), "PER", "partial", 0.8, "partial"))
            cands.sort(key=lambda c: c.start)

    def _resolve_descriptions(self, parsed: ParsedArticle, per_block: list[list[_Cand]], day: dt.date | None) -> None:
        """"le président américain": the matching office holder named before it, else the holder on the date."""
        reg = self.registry
        seen: list[str] = []  # registry persons in text order
        for bi, cands in enumerate(per_block):
            doc = parsed.blocks[bi].doc
            keep = []
            for c in cands:
                if c.method == "description":
                    role, of = c.actor_id[1:].split("|")
                    if _appositive(doc, c, cands):
                        continue
                    office = set(reg.office_persons(role, of))
                    recent = [p for p in reversed(seen) if p in office]
                    if recent:
                        c.actor_id, c.confidence = recent[0], 0.8
                    else:
                        holders = reg.holders(role, of, day)
                        if len(holders) != 1:
                            continue
                        c.actor_id, c.confidence = holders[0], 0.7 if day else 0.6
                elif c.actor_id in reg.actors and reg.actors[c.actor_id].type == "person":
                    seen.append(c.actor_id)
                keep.append(c)
            cands[:] = keep

    def _to_mentions(self, parsed: ParsedArticle, per_block: list[list[_Cand]]) -> list[Mention]:
        starts = [s.start for s in parsed.sentences]
        out: list[Mention] = []
        for bi, cands in enumerate(per_block):
            block = parsed.blocks[bi]
            doc = block.doc
            for c in _longest(cands):
                span = doc[c.start:c.end]
                start, end = block.start + span.start_char, block.start + span.end_char
                sent_id = max(0, bisect_right(starts, start) - 1) if starts else 0
                out.append(Mention(sent_id, start, end, parsed.text[start:end], c.label, c.actor_id,
                                   round(c.confidence, 3), c.method))
        out.sort(key=lambda m: m.start)
        return out


# ----------------------------------------------------------------------------------- matcher rules

def _case_ok(text: str, alias: str) -> bool:
    """Names need their capital in the text; acronyms their exact case (ALL-CAPS text is accepted)."""
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return text == alias or text.replace("’", "'") == alias.replace("’", "'")
    if alias[:1].isupper():
        return text[:1].isupper()
    return True


def _capital_is_place(doc: Doc, s: int, e: int, places: set[int] = frozenset()) -> bool:
    """A capital read as a place: a dateline, "à Moscou" (unless it receives something), "maire de Moscou"."""
    tok = doc[s]
    if s == 0 and (e == len(doc) or doc[e].text in ("(", ",", "-", "—", "–", ":")):
        return True  # dateline "MOSCOU (AFP) -" or a lone place line
    if s == 0:
        return False
    prev = doc[s - 1].lower_
    if tok.dep_ == "conj" and tok.head.i < s and tok.head.i in places:
        return True  # "à Varsovie, Lisbonne et Bruxelles"
    if prev in _PLACE_PREPS:
        head = tok.head
        lemmas = {head.lemma_.lower(), head.lower_, head.head.lemma_.lower()}
        return not (lemmas & _TRANSFER_LEMMAS)
    if prev in ("de", "d'", "d’", "du") and s >= 2:
        before = doc[s - 2]
        if before.lemma_.lower() in _PLACE_NOUNS or before.lower_ in _PLACE_NOUNS:
            return True
        if tok.head.i < s and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in _PLACE_NOUNS:
            return True  # "un camp militaire de Bamako"
        return before.ent_type_ in ("ORG", "LOC") and before.text[:1].isupper()
    return prev in _PLACE_NOUNS or doc[s - 1].lemma_.lower() in _PLACE_NOUNS


def _head_before(lowers: list[str], i: int, reg: Registry) -> int | None:
    """Index of the state head noun a demonym at i depends on, across coordination ("américains et sud-coréens")."""
    j = i - 1
    while j >= 0:
        if lowers[j] in reg.state_heads:
            return j
        if lowers[j] in ("et", ",", "ou") and j - 1 >= 0 and lowers[j - 1] in reg.demonyms:
            j -= 2
            continue
        return None
    return None


def _extend_glued(doc: Doc, end: int) -> int:
    """Extend an entity over a hyphenated tail spaCy left out ("Kim Young" + "-un")."""
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-") \
            and doc[end].text not in (",", ".", ")"):
        end += 1
    if end > 0 and doc[end - 1].text == "-":
        end -= 1
    return end


def _plausible_entity(span, reg: Registry) -> bool:
    """Reject NER junk: chrome words, lower-case strings, lone stop words, overlong glued spans."""
    text = span.text.strip()
    key = norm(text)
    if not key or key in reg.not_actors or len(key) < 2:
        return False
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return False
    if len(span) > 7:
        return False
    words = [t for t in span if t.is_alpha]
    if not words:
        return False
    if len(span) == 1 and words[0].lower_ in _ORG_HEADS | _EVENT_HEADS:
        return False  # a bare "Conseil" or "Commission" names no one in particular
    if len(words) == 1 and (words[0].is_stop or words[0].pos_ in ("VERB", "ADV", "PRON", "DET", "ADP", "CCONJ", "SCONJ")):
        return False
    if words[0].lower_ in ("le", "la", "les", "l'", "un", "une", "selon", "pour", "avec") or text[:1].islower():
        return False
    doc = span.doc
    if (span.start > 1 and span.end < len(doc) and doc[span.start - 1].text == "(" and doc[span.end].text == ")"
            and text.isupper() and doc[span.start - 2].text[:1].islower()):
        return False  # an acronym spelled out in lower case is a thing: "missiles balistiques (ICBM)"
    return True


def _family_tokens(span) -> list[str]:
    """Name parts that may stand alone for the person: the surname; the family name first for Korean-style names."""
    toks = [t for t in span if t.is_alpha and t.text[:1].isupper() and t.lower_ not in _NAME_PARTICLES]
    if not toks:
        return []
    out = [toks[-1].text] if len(toks) > 1 else [toks[0].text]
    rest = [t for t in span][1:]
    hyphenated = any(t.text == "-" for t in rest)
    if len(toks) >= 2 and (hyphenated or all(len(t) <= 4 for t in toks[1:])):
        out.append(toks[0].text)  # "Kim Jong-un", "Kim Jong Un", "Moon Jae-in"
    return [t for t in out if len(t) >= 3]


def _nearest(options: list[tuple[int, int, str]], block: int, tok: int) -> str:
    """The actor of the closest full name before (block, tok), else the first one after."""
    before = [o for o in options if (o[0], o[1]) <= (block, tok)]
    pick = before[-1] if before else options[0]
    return pick[2]


def _appositive(doc: Doc, c: _Cand, cands: list[_Cand]) -> bool:
    """A description next to the name it describes ("le président russe Vladimir Poutine") is not counted."""
    for other in cands:
        if other is c or other.label != "PER" or not other.actor_id or other.actor_id.startswith("?"):
            continue
        if other.start == c.end or (other.start == c.end + 1 and doc[c.end].text in (",", ":")):
            return True
        if other.end == c.start - 1 and doc[c.start - 1].text == "," or other.end == c.start - 2 and doc[c.start - 1].lower_ in ("le", "la", "l'", "l’") and doc[c.start - 2].text == ",":
            return True
    return False


def _longest(cands: list[_Cand]) -> list[_Cand]:
    """Drop overlapping candidates: the longest wins, then the earliest, then the most confident."""
    chosen: list[_Cand] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, -c.confidence)):
        if any(i in used for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        used.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


# ----------------------------------------------------------------------------------- user aliases

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
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(aliases.to_dict(), allow_unicode=True, sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
