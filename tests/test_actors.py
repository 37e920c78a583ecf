"""Actors: registry, phrase rules, fuzzy and partial names, provisional ids, user aliases, seeds."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.corrections import UserAliases, load_user_aliases, save_user_aliases
from analysis.map.actors.matcher import ActorMatcher
from analysis.map.actors.registry import load_registry
from analysis.reduce.actors import actor_table, apply_user_aliases, merge_provisional
from analysis.text import slug

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def matcher(nlp, registry):
    return ActorMatcher(nlp, registry)


def found(matcher, parse, text, **kw):
    """(surface text, actor_id, method) of every mention."""
    return [(m.text, m.actor_id, m.method) for m in matcher.find_mentions(parse(text, **kw))]


def ids_of(mentions, surface):
    return [aid for text, aid, _ in mentions if text == surface]


# ------------------------------------------------------------------ registry

def test_registry_entries_and_fields(registry):
    assert len(registry.actors) > 400
    putin = registry.actors["vladimir-putin"]
    assert (putin.name, putin.name_fr, putin.type, putin.wikidata) == ("Vladimir Putin", "Vladimir Poutine", "person", "Q7747")
    assert registry.alias_index["poutine"] == "vladimir-putin"
    assert "kim" not in registry.alias_index  # partial names are resolved in the article only
    assert registry.demonyms["nord-coreennes"] == "north-korea"
    assert registry.holders("head_of_state", "united-states", __import__("datetime").date(2014, 6, 1)) == ["barack-obama"]


# ------------------------------------------------------------------ rules

def test_names_aliases_and_spellings(matcher, parse):
    ms = found(matcher, parse, "Vladimir Poutine a parlé à Zelenskyy. Putin et Zelensky se sont tus.")
    assert ids_of(ms, "Vladimir Poutine") == ["vladimir-putin"]
    assert ids_of(ms, "Putin") == ["vladimir-putin"]
    assert ids_of(ms, "Zelenskyy") == ids_of(ms, "Zelensky") == ["volodymyr-zelensky"]


def test_capital_metonym_versus_place(matcher, parse):
    ms = found(matcher, parse, "Moscou dément. Kim Jong-un est arrivé à Moscou mardi. "
                                "Le maire de Moscou a salué la rencontre entre Moscou et Pyongyang.")
    moscou = ids_of(ms, "Moscou")
    assert moscou == ["russia", "", "", "russia"]
    assert ids_of(ms, "Pyongyang") == ["north-korea"]


def test_capital_receiving_is_the_state(matcher, parse):
    ms = found(matcher, parse, "Moscou cherche à acheter des armes à Pyongyang.")
    assert ids_of(ms, "Pyongyang") == ["north-korea"]


def test_demonym_phrases_and_coordination(matcher, parse):
    ms = found(matcher, parse, "Les responsables américains et sud-coréens accusent le gouvernement russe. "
                                "L'offensive russe continue selon l'administration américaine.")
    assert ids_of(ms, "responsables américains") == ["united-states"]
    assert ids_of(ms, "sud-coréens") == ["south-korea"]
    assert ids_of(ms, "gouvernement russe") == ["russia"]
    assert ids_of(ms, "administration américaine") == ["united-states"]
    assert not any("offensive" in t or t == "russe" for t, _, _ in ms)  # adjectives are not mentions


def test_descriptions_resolved_by_context_then_date(matcher, parse):
    ms = found(matcher, parse, "Après son sommet avec Donald Trump, Kim est reparti. Le président américain était furieux.",
               published="2023-09-15")
    assert ids_of(ms, "président américain") == ["donald-trump"]
    ms = found(matcher, parse, "Le président américain a appelé le dirigeant nord-coréen.", published="2014-06-01")
    assert ids_of(ms, "président américain") == ["barack-obama"]
    assert ids_of(ms, "dirigeant nord-coréen") == ["kim-jong-un"]


def test_appositive_description_is_not_counted(matcher, parse):
    ms = found(matcher, parse, "Le président russe Vladimir Poutine est arrivé.", published="2023-09-13")
    assert [t for t, _, _ in ms] == ["Vladimir Poutine"]


def test_fuzzy_typo_and_partial_names(matcher, parse):
    ms = found(matcher, parse, "Kim Jong-un a reçu Andrei Lankov. Kim Young-un a promis son soutien, "
                                "et Lankov doute. Poutine a fait visiter le site à Kim.")
    assert ("Kim Young-un", "kim-jong-un", "fuzzy") in ms
    assert ids_of(ms, "Lankov") == ["per:andrei-lankov"]
    assert ids_of(ms, "Andrei Lankov") == ["per:andrei-lankov"]
    assert ids_of(ms, "Kim") == ["kim-jong-un"]


def test_mentions_do_not_overlap_and_carry_offsets(matcher, parse):
    text = "Le Conseil de sécurité de l'ONU se réunit. L'ONU proteste."
    parsed = parse(text)
    ms = matcher.find_mentions(parsed)
    assert [(m.text, m.actor_id) for m in ms] == [("Conseil de sécurité de l'ONU", "un-security-council"), ("ONU", "united-nations")]
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.sent_id for m in ms] == [0, 1]


def test_places_and_chrome_are_not_actors(matcher, parse):
    ms = found(matcher, parse, "Le sommet a eu lieu à Vladivostok, dans l'Extrême-Orient.\n\nAccepter\n\nCommentaires")
    assert all(aid == "" for _, aid, _ in ms)
    assert not any(t in ("Accepter", "Commentaires") for t, _, _ in ms)


def test_unknown_organisation_gets_provisional_id(matcher, parse):
    ms = found(matcher, parse, "Selon Victor Cha, chercheur au think tank CSIS, l'Université Kookmin de Séoul a publié une étude.")
    assert ids_of(ms, "Victor Cha") == ["per:victor-cha"]
    assert ids_of(ms, "CSIS") == ["csis"]
    org = [aid for t, aid, _ in ms if t.startswith("Université Kookmin")]
    assert org and org[0].startswith("org:universite-kookmin")


# ------------------------------------------------------------------ corpus reduce and user aliases

def _mentions(rows):
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text", "label", "actor_id", "method"])


def test_provisional_ids_merge_across_documents(registry):
    df = _mentions([
        ("a", 0, 0, 13, "Andrei Lankov", "PER", "per:andrei-lankov", "ner"),
        ("b", 0, 0, 6, "Lankov", "PER", "per:lankov", "ner"),
        ("c", 0, 0, 18, "Aleksandr Mazegora", "PER", "per:aleksandr-mazegora", "ner"),
        ("c", 1, 30, 48, "Aleksandr Mazegora", "PER", "per:aleksandr-mazegora", "ner"),
        ("d", 0, 0, 19, "Aleksandr Matsegora", "PER", "per:aleksandr-matsegora", "ner"),
        ("e", 0, 0, 14, "Sergei Lavrovv", "PER", "per:sergei-lavrovv", "ner"),
    ])
    merged = merge_provisional(df, registry)
    assert merged["actor_id"].tolist() == ["per:andrei-lankov", "per:andrei-lankov", "per:aleksandr-mazegora",
                                           "per:aleksandr-mazegora", "per:aleksandr-mazegora", "sergei-lavrov"]
    table = actor_table(merged, registry).set_index("actor_id")
    assert table.loc["per:andrei-lankov", "n_docs"] == 2
    assert table.loc["per:andrei-lankov", "name"] == "Andrei Lankov"
    assert table.loc["per:andrei-lankov", "type"] == "person"
    assert table.loc["sergei-lavrov", "name_fr"] == "Sergueï Lavrov"


def test_actor_table_columns_and_counts(registry):
    df = _mentions([
        ("a", 0, 0, 7, "Poutine", "PER", "vladimir-putin", "registry"),
        ("a", 1, 20, 36, "Vladimir Poutine", "PER", "vladimir-putin", "registry"),
        ("b", 0, 0, 7, "Poutine", "PER", "vladimir-putin", "registry"),
        ("b", 0, 10, 20, "Vladivostok", "LOC", "", "ner"),
    ])
    t = actor_table(df, registry)
    assert list(t.columns[:5]) == ["actor_id", "name", "type", "n_mentions", "n_docs"]
    row = t.iloc[0]
    assert (row.actor_id, row["name"], row.n_mentions, row.n_docs, row.aliases, row.wikidata) == (
        "vladimir-putin", "Vladimir Putin", 3, 2, "Poutine;Vladimir Poutine", "Q7747")
    assert len(t) == 1  # places are not actors


def test_user_aliases_merge_rename_split_roundtrip(tmp_path, registry):
    aliases = UserAliases(merge={"per:v-putin": "vladimir-putin"}, rename={"per:andrei-lankov": "Andreï Lankov"},
                          split={"Maison Blanche": "white-house-press"}, aliases={"vladimir-putin": ["VVP"]})
    path = tmp_path / "ws" / "user_aliases.yaml"
    save_user_aliases(path, aliases)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    loaded = load_user_aliases(path)
    assert loaded == aliases
    df = _mentions([
        ("a", 0, 0, 9, "V. Putin", "PER", "per:v-putin", "ner"),
        ("a", 0, 10, 24, "Maison Blanche", "ORG", "white-house", "registry"),
        ("a", 1, 30, 43, "Andrei Lankov", "PER", "per:andrei-lankov", "ner"),
    ])
    out = apply_user_aliases(df, loaded)
    assert out["actor_id"].tolist() == ["vladimir-putin", "white-house-press", "per:andrei-lankov"]
    reg = load_registry(extra_aliases=loaded.aliases)
    assert reg.alias_index["vvp"] == "vladimir-putin"
    assert actor_table(out, reg, renames=loaded.rename).set_index("actor_id").loc["per:andrei-lankov", "name"] == "Andreï Lankov"


def test_missing_alias_file_means_no_corrections(tmp_path):
    assert load_user_aliases(tmp_path / "none.yaml") == UserAliases()


def test_slug():
    assert slug("Sergueï Choïgou") == "serguei-choigou"


# ------------------------------------------------------------------ seeds (scored like score.py)

def _find_all(text, needle):
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]


def test_seed_actor_recall_and_precision(matcher, parse, seeds_gold):
    n = hit = pred = wrong = 0
    for doc_id, gold in seeds_gold.items():
        if doc_id.startswith("_"):
            continue
        text = (SEEDS / doc_id).read_text(encoding="utf-8")
        boiler = [(m.start(), m.end()) for line in gold.get("boilerplate_lines", [])
                  for m in re.finditer(r"(?m)^[ \t]*" + re.escape(line.strip()) + r"[ \t]*$", text)]
        cands = sorted(((s, e, a["id"]) for a in gold["actors"] for f in a["surface_forms"] for s, e in _find_all(text, f)),
                       key=lambda c: (c[0] - c[1], c[0]))
        spans = []
        for s, e, _ in cands:
            if not any(s < be and bs < e for bs, be in boiler) and not any(s < te and ts < e for ts, te, in spans):
                spans.append((s, e))
        places = [sp for p in gold.get("places", []) for sp in _find_all(text, p)]
        ms = [m for m in matcher.find_mentions(parse(text, boilerplate=boiler)) if m.actor_id]
        for s, e in spans:
            n += 1
            hit += any(m.start < e and s < m.end for m in ms)
        for m in ms:
            pred += 1
            if not any(m.start < e and s < m.end for s, e in spans + places):
                wrong += 1
    assert hit / n >= 0.97
    assert (pred - wrong) / pred >= 0.95
