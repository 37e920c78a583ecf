"""The actor matcher's word lists and token rules (places, names, appositions, overlaps)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from analysis.map.actors.registry import Registry
from analysis.text import norm


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



@dataclass
class Office:
    """A description's office before it is resolved to a person: `role` of the state `of`."""

    role: str
    of: str


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
    office: Office | None = None  # for a description ("le président russe"): the office it names


def _variants(alias: str) -> set[str]:
    """Spelling variants matched as the same name: apostrophes, É/E, hyphen/space."""
    out = {alias, alias.replace("'", "’"), alias.replace("’", "'")}
    for a in list(out):
        out.add(a.replace("É", "E").replace("È", "E"))
    for a in list(out):
        if "-" in a and " " in a.strip():  # "Kim Jong-un" <-> "Kim Jong Un"
            out.add(a.replace("-", " "))
    return {a for a in out if a.strip()}



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
        if other is c or other.label != "PER" or not other.actor_id:
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
