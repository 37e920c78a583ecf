"""Decoding: encodings we generate ourselves, and refusals with reasons."""
import codecs

import pytest

from analysis.files.decoding import DecodeError, decode_bytes

TEXT = "Élysée : « Poutine » a déclaré à Pyongyang — œuvre, déjà vu, Kim Jong-un’s visit.\nLigne 2 : ça va."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_round_trip(encoding):
    assert decode_bytes(TEXT.encode(encoding)) == TEXT


def test_latin1():
    text = "Élysée, déjà vu à Noël, garçon, côte, où"
    assert decode_bytes(text.encode("latin-1")) == text


def test_bom_is_not_part_of_text():
    assert decode_bytes(codecs.BOM_UTF8 + "Bonjour".encode()) == "Bonjour"


def test_universal_newlines():
    assert decode_bytes("a\r\nb\rc\n".encode()) == "a\nb\nc\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_refusals(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_too_large():
    with pytest.raises(DecodeError, match="too large"):
        decode_bytes(b"a" * 2000, max_bytes=1000)
