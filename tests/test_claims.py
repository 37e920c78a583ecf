"""Claims: attribution (subject, selon/d'après, quotes, qui, appositions), denials, hedging, sources."""
from __future__ import annotations

import re

import pytest

from analysis.map.claims import syntax as claims_mod
from analysis.map.claims.cues import lexicon
from analysis.map.claims.extract import extract_claims
from analysis.map.claims.speakers import source_type
from analysis.records import Mention


def slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower()).strip("-")


def ent_mentions(parsed) -> list[Mention]:
    """Mentions from spaCy entities, actor_id = slug of the text (tests do not need the actors module)."""
    out = []
    for s in parsed.sentences:
        base = parsed.blocks[s.block].start
        for e in s.span.ents:
            out.append(Mention(s.sent_id, base + e.start_char, base + e.end_char, e.text, e.label_, actor_id=slug(e.text)))
    return out


@pytest.fixture(scope="module")
def run(parse):
    def _run(text: str, **kw):
        parsed = parse(text, **kw)
        return extract_claims(parsed, mentions=ent_mentions(parsed), timexes=[])
    return _run


def one(run, text: str):
    out = run(text)
    assert len(out) == 1, [c.text for c in out]
    return out[0]


# ---------------------------------------------------------------- attribution

def test_subject_of_reporting_verb(run):
    c = one(run, "Le diplomate russe Aleksandr Matsegora a suggéré la possibilité de manœuvres conjointes.")
    assert (c.modality, c.cue) == ("reported", "a suggéré")
    assert c.speaker_text == "Le diplomate russe Aleksandr Matsegora"
    assert c.speaker_id == "aleksandr-matsegora"
    assert c.source_type == "official"


def test_joint_holders_first_named_and_que_clause(run):
    c = one(run, "Les responsables américains et sud-coréens affirment que la Corée du Nord fournit des obus à la Russie.")
    assert (c.modality, c.cue) == ("reported", "affirment")
    assert c.speaker_text.lower() == "les responsables américains et sud-coréens"
    assert c.actors == "corée-du-nord;russie"


def test_selon_and_dapres(run):
    c = one(run, "Selon Victor Cha, la Corée du Nord peut fournir des munitions à la Russie.")
    assert (c.modality, c.cue, c.speaker_text, c.speaker_id) == ("reported", "Selon", "Victor Cha", "victor-cha")
    d = one(run, "D'après le journal Le Monde, la Russie a livré des armes à la Syrie.")
    assert d.modality == "reported" and d.cue.lower().startswith("d")
    assert "Le Monde" in d.speaker_text and d.source_type == "outlet"


def test_unnamed_sources_stay_unknown_with_text(run):
    c = one(run, "Selon certaines sources, la Russie serait intéressée par ces technologies.")
    assert (c.speaker_id, c.speaker_text, c.modality) == ("unknown", "certaines sources", "reported")
    d = one(run, "Certains ont affirmé que ce geste allait à l'encontre d'une règle de l'ONU.")
    assert (d.speaker_id, d.speaker_text, d.cue) == ("unknown", "Certains", "ont affirmé")


def test_quote_with_speaker_after(run):
    c = one(run, "« Nous ne céderons jamais à ces pressions », a déclaré le porte-parole du Kremlin.")
    assert (c.modality, c.cue) == ("reported", "a déclaré")
    assert c.speaker_text.startswith("le porte-parole")
    assert c.source_type == "official"


def test_quote_over_two_sentences_keeps_its_speaker(run):
    out = run("« Nous sommes prêts à discuter avec tout le monde. Nous irons jusqu'au bout de ce processus », "
              "a déclaré Emmanuel Macron.")
    assert len(out) == 2
    assert [c.speaker_id for c in out] == ["emmanuel-macron", "emmanuel-macron"]
    assert [c.modality for c in out] == ["reported", "reported"]


def test_verbs_inside_quotes_are_not_the_cue(run):
    c = one(run, "« Je pense que la guerre va durer encore longtemps », explique Jean Dupont, un habitant.")
    assert c.cue == "explique" and c.speaker_id == "jean-dupont"


def test_inverted_pronoun_takes_previous_speaker(run):
    out = run("Emmanuel Macron a déclaré que la France restait mobilisée. "
              "« Nous devons rester vigilants face à cette menace », a-t-il ajouté.")
    assert [c.speaker_id for c in out] == ["emmanuel-macron", "emmanuel-macron"]
    assert out[1].cue == "a-t-il ajouté"


def test_relative_qui_resolves_to_antecedent(run):
    c = one(run, "Ces actions inquiètent notamment les États-Unis, qui craignent que la Russie ne fournisse des armes.")
    assert (c.modality, c.cue) == ("reported", "craignent")
    assert "États-Unis" in c.speaker_text and c.speaker_id == "états-unis"


def test_apposition_kept_for_source_type_but_not_in_speaker_text(run):
    c = one(run, "Andrei Lankov, spécialiste de la Corée du Nord à l'Université Kookmin, a souligné que Pyongyang "
                 "espère obtenir des armes.")
    assert (c.speaker_text, c.speaker_id, c.cue) == ("Andrei Lankov", "andrei-lankov", "a souligné")
    assert c.source_type == "expert"


def test_gerund_takes_subject_of_main_verb(run):
    c = one(run, "Cependant, Vladimir Poutine est plus prudent, en déclarant que certaines limites persistent.")
    assert (c.speaker_id, c.cue, c.modality) == ("vladimir-poutine", "déclarant", "reported")


def test_parallel_continuation_keeps_speaker(run):
    out = run("Selon Victor Cha, Kim peut aider la Russie en Ukraine. "
              "De la même manière, Poutine peut aider Kim à améliorer ses missiles.")
    assert [c.speaker_id for c in out] == ["victor-cha", "victor-cha"]
    assert [c.modality for c in out] == ["reported", "reported"]


def test_unattributed_is_author(run):
    c = one(run, "Washington surveille de près cette rencontre et ses conséquences dans la région.")
    assert (c.speaker_id, c.speaker_text, c.cue, c.modality) == ("author", "", "", "asserted")


def test_inanimate_subject_is_not_a_speaker(run):
    c = one(run, "Plusieurs raisons expliquent l'intérêt de Moscou pour la Corée du Nord.")
    assert (c.speaker_id, c.modality) == ("author", "asserted")


# ---------------------------------------------------------------- denials

def test_denial_verbs(run):
    c = one(run, "Moscou et Pyongyang démentent toutes les accusations de transferts d'armes.")
    assert (c.modality, c.cue, c.speaker_id) == ("denied", "démentent", "moscou")
    assert c.speaker_text == "Moscou et Pyongyang"
    d = one(run, "Le gouvernement russe nie l'existence d'un accord impliquant des exportations d'armes.")
    assert (d.modality, d.cue, d.speaker_text) == ("denied", "nie", "Le gouvernement russe")


def test_rejeter_is_a_denial_only_for_claims(run):
    assert one(run, "Le Kremlin a rejeté ces accusations sans appel.").modality == "denied"
    assert one(run, "Le Parlement a rejeté la résolution lundi.").modality == "asserted"


def test_reported_no_agreement_is_denied(run):
    c = one(run, "Le gouvernement russe a déclaré qu'aucun accord n'avait été conclu lors de la visite.")
    assert (c.modality, c.cue) == ("denied", "a déclaré")
    assert one(run, "Les deux pays continuent d'affirmer qu'ils n'ont rien fait de mal.").modality == "denied"


def test_plain_negative_announcement_is_not_a_denial(run):
    c = one(run, "Le ministre Taro Aso a annoncé qu'il ne se présenterait pas à cette élection.")
    assert c.modality == "reported"


def test_unattributed_no_agreement_is_denied(run):
    c = one(run, "Aucun accord n'a été conclu lors de cette visite.")
    assert (c.speaker_id, c.modality) == ("author", "denied")


# ---------------------------------------------------------------- hedging

@pytest.mark.parametrize("text", [
    "Si une coopération militaire se concrétisait, cela constituerait une violation des résolutions.",
    "Cet accord marquerait un tournant dans les relations entre les deux pays.",
    "Les deux pays envisageraient une collaboration dans le domaine des armements.",
    "Si ce commerce avait lieu, il irait à l'encontre de plusieurs résolutions.",
    "La Russie pourrait fournir des munitions à la Corée du Nord.",
    "Il est possible que la rencontre ait lieu en septembre.",
    "Moscou envisage de livrer des armes à ses alliés.",
    "La Russie semble intéressée par une coopération militaire avec Pyongyang.",
    "La rencontre aura probablement lieu à Vladivostok.",
])
def test_hedged(run, text):
    assert one(run, text).modality == "hedged"


@pytest.mark.parametrize("text", [
    "Le canon tirait sur la ville depuis des heures.",  # imperfect of tirer, not a conditional
    "Une collaboration militaire entre la Russie et la Corée du Nord est envisagée.",  # passive
    "La Corée du Nord possède des stocks militaires qui pourraient être utiles à la Russie.",  # subordinate
    "La Corée du Nord possède des stocks importants, et sa production pourrait répondre aux besoins russes.",
    "La Russie peut trouver des ressources utiles auprès de la Corée du Nord.",  # indicative pouvoir
])
def test_asserted_main_clause(run, text):
    assert one(run, text).modality == "asserted"


def test_conditional_rule_beyond_the_morphologizer(nlp):
    lex = lexicon("fr")
    doc = nlp("Cela constituerait et marquerait une rupture, mais il tirait et déclarait autre chose.")
    by = {t.text: claims_mod._is_cond(t, lex) for t in doc if t.pos_ in ("VERB", "AUX")}
    assert by["constituerait"] and by["marquerait"]
    assert not by["tirait"] and not by["déclarait"]


def test_reporting_cue_wins_over_conditional(run):
    c = one(run, "Des sources anonymes dans l'administration américaine ont rapporté que les deux pays "
                 "envisageraient une collaboration.")
    assert (c.modality, c.cue, c.source_type) == ("reported", "ont rapporté", "anonymous_official")


def test_impersonal_passive_in_concessive_clause_is_not_attribution(run):
    c = one(run, "Bien que des dates soient évoquées, certains facteurs pourraient influencer le moment de la rencontre.")
    assert (c.speaker_id, c.modality) == ("author", "hedged")


# ---------------------------------------------------------------- sources and selection

@pytest.mark.parametrize(("phrase", "expected"), [
    ("Des sources anonymes dans l'administration américaine", "anonymous_official"),
    ("l'agence officielle KCNA", "state_media"),
    ("Les rapports de la « New York Times »", "outlet"),
    ("Victor Cha, directeur général adjoint pour l'Asie du think tank CSIS", "expert"),
    ("le porte-parole du Kremlin", "official"),
    ("de la part des États-Unis", ""),
    ("certaines sources", ""),
])
def test_source_type(phrase, expected):
    assert source_type(phrase, lex=lexicon("fr")) == expected


def test_state_metonym_speaker_is_official():
    assert source_type("Moscou et Pyongyang", lex=lexicon("fr"), speaker_label="LOC") == "official"


def test_sentence_selection(run):
    text = ("Poutine en Corée du Nord\n\nPar Josephine Martin\n\n"
            "La Russie va-t-elle livrer des armes ?\n\n"
            "Drapeaux de la Russie et de la Corée du Nord se serrant la main.\n\n"
            "Vladimir Poutine se rendra en Corée du Nord mardi.")
    out = run(text)
    assert [c.text for c in out] == ["Vladimir Poutine se rendra en Corée du Nord mardi."]


def test_offsets_point_into_the_article(parse):
    text = "Titre\n\nSelon Victor Cha, la Corée du Nord peut fournir des munitions à la Russie."
    parsed = parse(text)
    c = extract_claims(parsed, mentions=ent_mentions(parsed), timexes=[])[0]
    assert text[c.start:c.end] == c.text


def test_event_date_is_asked_with_the_paragraph(parse, monkeypatch):
    import analysis.map.claims.extract as claims_module

    calls = []

    def fake(claim_sent_id, *, para_sent_ids, timexes, published, published_basis):
        calls.append((claim_sent_id, list(para_sent_ids), published, published_basis))
        return "2023-09-13", "context"

    monkeypatch.setattr(claims_module, "event_date", fake)
    text = "Kim Jong-un est arrivé en Russie mardi. Il a rencontré Vladimir Poutine.\n\nLa Chine observe la scène."
    parsed = parse(text, published="2023-09-14", published_basis="metadata")
    out = extract_claims(parsed, mentions=[], timexes=[])
    assert [c.event_date for c in out] == ["2023-09-13"] * 3
    assert calls[0] == (0, [0, 1], "2023-09-14", "metadata")
    assert calls[2][0] == 2 and calls[2][1] == [2]


# ---------------------------------------------------------------- English without a parser

@pytest.fixture(scope="module")
def parse_en():
    import spacy

    from analysis.map.parse import parse_text

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda text: parse_text(text, nlp, language="en")


def test_english_pattern_fallback(parse_en):
    parsed = parse_en("The Kremlin denied the reports about weapons. According to Reuters, talks will resume soon. "
                      "The deal could collapse next week, officials said. The deal could collapse next week. "
                      "North Korea supplies shells to Russia.")
    assert not parsed.sentences[0].span.doc.has_annotation("DEP")
    out = extract_claims(parsed, mentions=[], timexes=[])
    assert [c.modality for c in out] == ["denied", "reported", "reported", "hedged", "asserted"]
    assert out[0].speaker_text == "The Kremlin" and out[0].cue == "denied"
    assert out[1].speaker_text == "Reuters" and out[1].cue == "According to"
    assert out[2].speaker_text == "officials" and out[2].speaker_id == "unknown"
    assert out[4].speaker_id == "author"


# ---------------------------------------------------------------- gold facts

def test_gold_core_claims_modality_one_sentence_at_a_time(run, seeds_gold):
    """Each gold core claim parsed alone gets the gold modality (skipping cross-sentence attributions)."""
    wrong, n = [], 0
    for doc_id, gdoc in seeds_gold.items():
        if doc_id.startswith("_"):
            continue
        for cl in gdoc["claims"]:
            if cl.get("priority", "core") != "core" or (cl["cue"] is None and cl["speaker"] != "author"):
                continue
            out = run(cl["text"])
            n += 1
            if not out or out[0].modality != cl["modality"]:
                wrong.append((cl["text"][:60], cl["modality"], out[0].modality if out else None))
    assert n >= 50
    assert len(wrong) <= 1, wrong
