"""Content lemmas of a sentence: what the topics and the claim ledger compare (map step)."""
from __future__ import annotations

import functools

import spacy
from spacy.tokens import Span

# Site chrome, dates and reporting filler that say nothing about what a paragraph is about.
NOISE = frozenset(
    "lire suite article cliquer abonner abonné newsletter commentaire partager publicité vidéo photo "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet "
    "août septembre octobre novembre décembre année mois semaine jour heure hier aujourd'hui demain "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december year month week day "
    "said says would could also read more share comment "
    "pouvoir devoir vouloir falloir faire aller venir dire déclarer affirmer indiquer ajouter expliquer "
    "souligner estimer annoncer rapporter assurer précisé préciser lors ainsi également cependant "
    "notamment fois chose cas façon manière part plan face besoin temps moment".split()
)


def content_lemmas(span: Span) -> str:
    """Space-joined lower-case lemmas of a sentence minus stop words, names, numbers and noise."""
    stop = _stop_words(span.doc.lang_)
    out = []
    for t in span:
        if t.is_punct or t.is_space or t.like_num or t.ent_type_ or t.pos_ in ("PROPN", "NUM", "AUX", "SYM", "X"):
            continue
        lemma = t.lemma_.lower().replace("’", "'").strip("'-")
        if len(lemma) < 3 or t.is_stop or lemma in stop or lemma in NOISE:
            continue
        if not lemma.replace("-", "").replace("'", "").isalpha():
            continue
        out.append(lemma)
    return " ".join(out)


@functools.lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """The language's stop words, matched against lemmas too ("étaient" -> "être")."""
    return frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words) if lang else frozenset()
