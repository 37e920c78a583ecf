"""Claim ledger: grouping across articles, stance, determinism, and the tuned threshold on seed facts."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.map.claims.extract import extract_claims
from analysis.reduce.ledger import THRESHOLD, claim_terms, group_claims, stance_of


def table(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """rows of (doc_id, text, modality, actors, speaker_text)."""
    return pd.DataFrame([
        {"doc_id": d, "claim_id": f"{d}#{i}", "text": t, "modality": m, "actors": a, "speaker_text": st,
         "speaker_id": "author" if not st else "x"}
        for i, (d, t, m, a, st) in enumerate(rows)
    ])


def test_stance_rule():
    assert stance_of(["reported", "denied"], 2) == "contested"
    assert stance_of(["asserted", "hedged"], 2) == "corroborated"
    assert stance_of(["denied", "denied"], 2) == "corroborated"
    assert stance_of(["asserted"], 1) == "single"


def test_terms_drop_speaker_and_stance_words_and_add_concepts():
    terms = claim_terms("Les responsables américains affirment que la Corée du Nord fournit des obus.",
                        "responsable américain affirmer fournir obus", speaker_text="Les responsables américains")
    words = terms.split()
    assert "responsable" not in words and "affirmer" not in words
    assert {"fournir", "obus", "concept_transfer", "concept_weapons"} <= set(words)


def test_groups_same_proposition_across_documents():
    claims = table([
        ("a", "Poutine et Kim se sont rencontrés mercredi lors d'un sommet en Extrême-Orient.", "asserted", "putin;kim", ""),
        ("b", "Kim et Poutine se sont rencontrés lors d'un sommet au cosmodrome.", "asserted", "kim;putin", ""),
        ("c", "Le prix du blé a fortement augmenté en Europe cette semaine.", "asserted", "", ""),
        ("c", "Les agriculteurs manifestent à Paris contre la réforme.", "asserted", "", ""),
    ])
    gid, groups = group_claims(claims)
    assert gid[0] == gid[1]
    assert len({gid[0], gid[2], gid[3]}) == 3
    summit = groups.set_index("group_id").loc[gid[0]]
    assert (summit.n_claims, summit.n_docs, summit.stance) == (2, 2, "corroborated")
    assert summit.sources == "a;b"
    single = groups.set_index("group_id").loc[gid[2]]
    assert (single.n_docs, single.stance) == (1, "single")


def test_denial_and_accusation_worded_apart_are_contested():
    claims = table([
        ("a", "Les responsables américains affirment que la Corée du Nord fournit à la Russie des obus et des missiles.",
         "reported", "us;north-korea;russia", "Les responsables américains"),
        ("b", "Moscou et Pyongyang démentent toutes les accusations de transferts d'armes.", "denied",
         "russia;north-korea", "Moscou et Pyongyang"),
        ("c", "Le Parlement européen a voté un budget pour l'agriculture.", "asserted", "eu", ""),
    ])
    gid, groups = group_claims(claims)
    assert gid[0] == gid[1] != gid[2]
    assert groups.set_index("group_id").loc[gid[0]].stance == "contested"


def test_deterministic_and_order_independent():
    claims = table([
        ("a", "Poutine et Kim se sont rencontrés lors d'un sommet.", "asserted", "putin;kim", ""),
        ("b", "Kim a rencontré Poutine lors d'un sommet historique.", "asserted", "kim;putin", ""),
        ("b", "La Russie manque de munitions pour la guerre.", "asserted", "russia", ""),
        ("c", "La Russie consomme énormément de munitions.", "asserted", "russia", ""),
    ])
    g1, t1 = group_claims(claims)
    g2, t2 = group_claims(claims)
    assert g1.tolist() == g2.tolist() and t1.equals(t2)
    shuffled = claims.sample(frac=1, random_state=3)
    g3, _ = group_claims(shuffled)
    same = lambda g: {frozenset(g.index[g == v]) for v in set(g)}  # noqa: E731
    assert same(g1) == same(g3.reindex(claims.index))


def test_empty_table():
    gid, groups = group_claims(table([]).reindex(columns=["doc_id", "claim_id", "text", "modality", "actors"]))
    assert gid.empty and groups.empty and "stance" in groups.columns


def test_claims_without_any_content_word_are_single():
    """Found by the build fuzzer: claims whose words are all dropped (punctuation, stop words)
    gave TF-IDF an empty vocabulary and stopped the whole build."""
    claims = table([("a", "« … » !", "asserted", "", ""), ("b", "— ; ?", "asserted", "", ""), ("c", "Le la les.", "reported", "", "x")])
    gid, groups = group_claims(claims)
    assert len(gid) == 3 and gid.nunique() == 3  # nothing to compare: each claim is its own group
    assert set(groups["stance"]) == {"single"}


@pytest.fixture(scope="module")
def gold_claims(parse, seeds_gold, nlp) -> pd.DataFrame:
    """Every gold claim as the build would see it: our speaker_text and modality, gold actors, lemmas."""
    try:
        from analysis.map.lemmas import content_lemmas
    except ImportError:  # pragma: no cover - lemmas are optional
        content_lemmas = None
    rows = []
    for doc_id, gdoc in seeds_gold.items():
        if doc_id.startswith("_"):
            continue
        for i, cl in enumerate(gdoc["claims"]):
            parsed = parse(cl["text"])
            got = extract_claims(parsed, mentions=[], timexes=[])
            lemmas = " ".join(content_lemmas(s.span) for s in parsed.sentences) if content_lemmas else None
            rows.append({"doc_id": doc_id, "claim_id": f"{doc_id}#{i}", "text": cl["text"],
                         "modality": got[-1].modality if got else cl["modality"],
                         "speaker_text": got[-1].speaker_text if got else "",
                         "speaker_id": cl["speaker"], "actors": ";".join(cl["actors"]), "lemmas": lemmas})
    return pd.DataFrame(rows)


def test_seed_arms_claims_form_one_contested_group(gold_claims):
    """The US/South Korean accusation and the Russian and North Korean denials (two articles)."""
    gid, groups = group_claims(gold_claims, lemmas=gold_claims["lemmas"])
    find = lambda part: gid[gold_claims.text.str.contains(part, regex=False)].iloc[0]  # noqa: E731
    accusation = find("affirment que la Corée du Nord fournit à la Russie")
    assert find("démentent toutes les accusations de transferts") == accusation
    assert find("nie actuellement l'existence d'un accord") == accusation
    group = groups.set_index("group_id").loc[accusation]
    assert group.stance == "contested" and group.n_docs >= 2


def test_seed_summit_is_corroborated_and_threshold_separates(gold_claims):
    gid, groups = group_claims(gold_claims, lemmas=gold_claims["lemmas"])
    find = lambda part: gid[gold_claims.text.str.contains(part, regex=False)].iloc[0]  # noqa: E731
    summit = find("se sont rencontrés lors d’un sommet au cosmodrome")
    assert find("se sont rencontrés mercredi dans la région russe de l'Amour") == summit
    assert groups.set_index("group_id").loc[summit].stance == "corroborated"
    # different propositions about the same two countries stay apart
    assert find("Washington surveille de près") != find("La Corée du Nord possède des stocks militaires")
    multi = groups[groups.n_docs >= 2]
    assert multi.n_claims.max() <= 15 and len(multi) >= 8
    assert THRESHOLD == pytest.approx(0.22)


def test_large_corpus_path_does_not_chain_different_propositions(monkeypatch):
    """Above DENSE_LIMIT claims, candidate links are found sparsely; a chain of sentences each
    sharing half its words with the next must not become one group, while a claim repeated by
    two articles still is one."""
    import analysis.reduce.ledger as ledger

    words = "obus missile frontière sommet récolte pétrole vaccin élection navire usine".split()
    chain = [(f"d{i}", f"{words[i]} {words[i + 1]} {words[i + 2]}.", "asserted", "", "") for i in range(len(words) - 2)]
    repeated = [("r1", "Le cargo transportait du charbon vers le port de Nakhodka.", "asserted", "", ""),
                ("r2", "Le cargo transportait du charbon vers le port de Nakhodka, selon l'agence.", "reported", "", "")]
    claims = table(chain + repeated)
    monkeypatch.setattr(ledger, "DENSE_LIMIT", 3)
    groups, t = group_claims(claims)
    assert t["n_claims"].max() <= 3
    assert groups.iat[-1] == groups.iat[-2] and t.set_index("group_id").loc[groups.iat[-1], "n_docs"] == 2
    # the dense path (small corpus) agrees on the repeated claim
    monkeypatch.setattr(ledger, "DENSE_LIMIT", 4000)
    dense, _ = group_claims(claims)
    assert dense.iat[-1] == dense.iat[-2]


def test_claim_grouper_settings_are_checked_keywords():
    from analysis.reduce.ledger import ClaimGrouper

    g = ClaimGrouper()
    assert g.get_params() == {"threshold": THRESHOLD, "w_actors": 0.5, "concept_weight": 3, "linkage": "average",
                              "dense_limit": 4000}
    assert not hasattr(g, "groups_")  # fitted state appears with fit
    with pytest.raises(ValueError, match="linkage"):
        ClaimGrouper(linkage="ward")
    with pytest.raises(ValueError, match="threshold"):
        ClaimGrouper(threshold=0)
    with pytest.raises(TypeError):
        ClaimGrouper(0.3)  # keywords only
    with pytest.raises(TypeError):
        ClaimGrouper(treshold=0.3)  # a misspelt option is refused, not ignored
