"""Find actor mentions in a parsed article, one id per actor however it is named.

Registry names with a spaCy PhraseMatcher, then phrase rules on tokens (demonyms, offices),
then spaCy entities: fuzzy-matched to the registry, resolved as partial names inside the
article, or given a provisional id (`ActorId("andrei-lankov", "per")`). The corpus reduce
(`analysis.reduce.actors`) merges provisional ids across articles.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analysis.map.actors.registry import Registry, _date
from analysis.map.actors.rules import (
    _DETS,
    _EVENT_HEADS,
    _HONORIFICS,
    _ORG_HEADS,
    Office,
    _appositive,
    _Cand,
    _capital_is_place,
    _case_ok,
    _extend_glued,
    _family_tokens,
    _head_before,
    _longest,
    _nearest,
    _plausible_entity,
    _variants,
)
from analysis.records import NER_LABELS, TYPE_LABEL, ActorId, Mention, ParsedArticle
from analysis.text import fold, norm

FUZZY_CUTOFF = 88


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
            cands.append(_Cand(s, e, aid, TYPE_LABEL.get(actor.type, "ORG"), "registry", conf, kind))
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
                        out.append(_Cand(s, e, "", "PER", "description", 0.8, "description", Office(role, state)))
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
            label = NER_LABELS.get(ent.label_, ent.label_)
            if label not in ("PER", "ORG", "LOC", "MISC"):
                continue  # dates, numbers, amounts: not names
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
                    out.append(_Cand(start, end, aid, TYPE_LABEL.get(actor.type, "ORG"), "fuzzy", round(score / 100 * 0.9, 3), "name"))
                    continue
            if label == "PER":
                out.append(_Cand(start, end, str(ActorId.provisional("per", text)), "PER", "ner", 0.6, "ner"))
            elif label == "ORG":
                out.append(_Cand(start, end, str(ActorId.provisional("org", text)), "ORG", "ner", 0.6, "ner"))
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
                if c.label != "PER" or not c.actor_id:
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
                if c.method == "ner" and ActorId.parse(c.actor_id).kind != "org":
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
                    role, of = c.office.role, c.office.of
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
