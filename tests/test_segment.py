"""Blocks: lines and bullets apart, glued sentence starts split, boilerplate skipped."""
from analysis.map.segment import content_blocks


def _texts(text, boilerplate=()):
    return [text[b.start:b.end] for b in content_blocks(text, list(boilerplate))]


def test_lines_and_bullets():
    text = "Titre\n- premier point\n• deuxième • troisième\n\nParagraphe."
    assert _texts(text) == ["Titre", "premier point", "deuxième", "troisième", "Paragraphe."]


def test_glued_dateline():
    assert _texts("ParisLe Président russe est arrivé.") == ["Paris", "Le Président russe est arrivé."]


def test_boilerplate_lines_are_skipped():
    text = "Partager\nVrai contenu."
    assert _texts(text, [(0, 8)]) == ["Vrai contenu."]


def test_paragraph_numbers_change_at_blank_lines_and_after_headings():
    text = "Un titre\nPremière phrase.\nDeuxième ligne.\n\nAutre paragraphe."
    assert [b.para for b in content_blocks(text, [])] == [0, 1, 1, 2]


def test_parser_never_splits_inside_a_line_without_punctuation(parse):
    p = parse("Le dirigeant nord-coréen Kim Jong Un pourrait se rendre en Russie. Moscou et Pyongyang démentent.")
    assert [s.text for s in p.sentences] == [
        "Le dirigeant nord-coréen Kim Jong Un pourrait se rendre en Russie.", "Moscou et Pyongyang démentent."]
